"""How much of each scenario to run, and the metrics (table rows) the scenarios produce.

Every scenario runs in rounds; within a round each tool takes its turn (the first tool changes from
round to round), so all tools meet the same machine load and Keeper's ratios are taken per round.
"""
from dataclasses import dataclass, field, replace

IDLE_CHILDREN = 100


@dataclass(frozen=True)
class FleetPlan:
    children: int
    rounds: int
    cycles: int  # start-all/stop-all cycles per fresh daemon: the first after boot, the rest warm
    skip: tuple[str, ...] = ()  # tools that cannot run this size in reasonable time (see README)


@dataclass(frozen=True)
class Plan:
    cold_start_rounds: int
    status_rounds: int
    status_calls: int  # per tool and round, after 2 warm-ups
    crash_rounds: int
    idle_windows: int
    idle_seconds: float
    fleets: tuple[FleetPlan, ...]
    settle_seconds: float = 1.0  # after all children run, before stop-all (and the RSS/PSS sample)
    idle_settle_seconds: float = 5.0  # after the idle scenario's start-alls, before its first window
    restart_gap_seconds: float = 1.5

    def capped(self, rounds: int) -> "Plan":
        """The same plan with at most ROUNDS rounds (windows) per scenario, to try a change quickly."""
        return replace(self, cold_start_rounds=min(self.cold_start_rounds, rounds),
                       status_rounds=min(self.status_rounds, rounds), crash_rounds=min(self.crash_rounds, rounds),
                       idle_windows=min(self.idle_windows, rounds),
                       fleets=tuple(replace(fleet, rounds=min(fleet.rounds, rounds)) for fleet in self.fleets))


# pm2's God daemon does its periodic work every 30 s: an idle window as long sees it once for sure.
FULL = Plan(cold_start_rounds=8, status_rounds=8, status_calls=5, crash_rounds=10, idle_windows=3,
            idle_seconds=30,
            fleets=(FleetPlan(100, rounds=5, cycles=3), FleetPlan(1000, rounds=3, cycles=2),
                    FleetPlan(3000, rounds=2, cycles=2, skip=("pm2",))))
QUICK = Plan(cold_start_rounds=2, status_rounds=2, status_calls=3, crash_rounds=3, idle_windows=1,
             idle_seconds=5, fleets=(FleetPlan(100, rounds=2, cycles=2),), settle_seconds=0.5,
             idle_settle_seconds=1.0)

SKIP_REASONS = {
    "pm2": "pm2 stops children one after the other (about 57 ms each at N=100, so minutes at N=3000 "
           "per cycle) and holds every child's output pipe in one Node process; left out at N=3000",
}


@dataclass(frozen=True, order=True)
class Metric:
    scenario: int
    order: int
    label: str = field(compare=False)
    unit: str = field(compare=False)


COLD_START = Metric(1, 0, "daemon cold start → first status answer", "ms")
ROUND_TRIP = Metric(2, 0, "CLI status round trip, idle daemon", "ms")
CRASH_RESTART = Metric(4, 0, "crash (SIGKILL) → new child running", "ms")
IDLE_CPU = Metric(6, 0, f"daemon idle CPU, {IDLE_CHILDREN} children, same window for all", "% core")


def start_metric(children: int, first: bool) -> Metric:
    when = "first after boot" if first else "warm"
    return Metric(3, children * 2 + (0 if first else 1), f"start {children} children → all running, {when}", "ms")


def stop_metric(children: int, first: bool) -> Metric:
    when = "first after boot" if first else "warm"
    return Metric(7, children * 2 + (0 if first else 1), f"stop all {children} children → all gone, {when}", "ms")


def rss_metric(children: int) -> Metric:
    return Metric(5, children * 2, f"daemon RSS, {children} children running", "MiB")


def pss_metric(children: int) -> Metric:
    return Metric(5, children * 2 + 1, f"daemon PSS, {children} children running", "MiB")


@dataclass(frozen=True)
class Target:
    """Issue 18's goal for one row: Keeper's per-round ratio to PEER at most BOUND (median of the rounds)."""
    metric: Metric
    peer: str
    bound: float


TARGETS = (
    Target(COLD_START, "supervisord", 1.5),
    Target(start_metric(100, True), "supervisord", 0.6),
    Target(start_metric(100, False), "supervisord", 0.6),
    Target(start_metric(1000, True), "supervisord", 0.35),
    Target(start_metric(1000, False), "supervisord", 0.35),
    Target(stop_metric(100, True), "supervisord", 0.5),
    Target(stop_metric(100, False), "supervisord", 0.5),
    Target(CRASH_RESTART, "pm2", 0.5),
    Target(rss_metric(100), "supervisord", 1.6),
    Target(ROUND_TRIP, "supervisord", 0.45),
    Target(IDLE_CPU, "supervisord", 1.0),
)
