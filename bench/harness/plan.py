"""How much of each scenario to run, and the metrics (table rows) the scenarios produce."""
from dataclasses import dataclass, field

IDLE_CHILDREN = 100
STOP_CHILDREN = 100


@dataclass(frozen=True)
class Plan:
    cold_starts: int
    status_calls: int
    fleet_cycles: int
    fleet_sizes: tuple[int, ...]
    crashes: int
    idle_seconds: float
    settle_seconds: float = 2.0
    restart_gap_seconds: float = 1.5


FULL = Plan(cold_starts=10, status_calls=20, fleet_cycles=5, fleet_sizes=(100, 1000), crashes=10,
            idle_seconds=30)
QUICK = Plan(cold_starts=3, status_calls=5, fleet_cycles=2, fleet_sizes=(100,), crashes=5,
             idle_seconds=10, settle_seconds=1.0)


@dataclass(frozen=True, order=True)
class Metric:
    scenario: int
    order: int
    label: str = field(compare=False)
    unit: str = field(compare=False)


COLD_START = Metric(1, 0, "daemon cold start → first status answer", "ms")
ROUND_TRIP = Metric(2, 0, "CLI status round trip, idle daemon", "ms")
CRASH_RESTART = Metric(4, 0, "crash (SIGKILL) → new child running", "ms")
IDLE_CPU = Metric(6, 0, f"daemon idle CPU, {IDLE_CHILDREN} children", "% core")
STOP_ALL = Metric(7, 0, f"stop all {STOP_CHILDREN} children → all gone", "ms")


def start_metric(children: int) -> Metric:
    return Metric(3, children, f"start {children} children → all running", "ms")


def rss_metric(children: int) -> Metric:
    return Metric(5, children, f"daemon RSS, {children} children running", "MiB")
