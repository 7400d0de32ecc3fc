"""The seven scenarios, run in rounds in which the tools take turns; tools are observed through /proc only."""
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from . import plan as metrics
from . import procfs, reaper
from .plan import IDLE_CHILDREN, SKIP_REASONS, FleetPlan, Plan
from .results import Results
from .tools import Tool, ToolError
from .waiting import wait_for

CRASH_TIMEOUT = 60.0
CRASH_POLL = 0.001
FLEET_POLL = 0.005
FLEET_RESOLUTION = 0.01  # long starts and stops (pm2 at N=1000: a minute) are polled less often
STALL_SECONDS = 10.0  # after its CLI failed, a tool still gets this long between two observed changes

ToolFactory = Callable[[Path, int], Tool]


def fleet_timeout(children: int) -> float:
    """The bound on one start-all or stop-all: 70 s at N=100, 160 s at 1000, 360 s at 3000."""
    return 60.0 + 0.1 * children


class Bench:
    """Runs the selected scenarios, every tool in turn within each round, and records what they measure."""

    def __init__(self, factories: dict[str, ToolFactory], plan: Plan, scenarios: set[int], sizes: set[int],
                 workroot: Path, results: Results, log: Callable[[str], None]):
        self.factories, self.plan, self.scenarios, self.sizes = factories, plan, scenarios, sizes
        self.workroot, self.results, self.log = workroot, results, log

    def run(self) -> None:
        steps = [(1, self.cold_start), (2, self.round_trip), (4, self.crash_restart), (6, self.idle_cpu)]
        for scenario, step in steps:
            if scenario in self.scenarios:
                step()
        for fleet in self.plan.fleets:
            if fleet.children in self.sizes and self.scenarios & {3, 5, 7}:
                self.fleet(fleet)

    # ---- turns, failures, daemons -----------------------------------------------------------

    def _alternate(self, rounds: int, produced: list, turn: Callable[[int, str], None],
                   names: list[str] | None = None) -> None:
        """Calls TURN(round, tool) for every tool in every round; the tool going first moves on each round.

        A tool that fails is recorded as failed and left out of the later rounds (no repeated timeouts).
        """
        live = list(self.factories if names is None else names)
        for round_ in range(rounds):
            shift = round_ % len(live) if live else 0
            for name in live[shift:] + live[:shift]:
                try:
                    turn(round_, name)
                except Exception as failure:  # one tool's failure must not stop the others' turns
                    self._failed(name, produced, failure)
                    live.remove(name)

    def _failed(self, name: str, produced: list, failure: Exception) -> None:
        reason = f"{type(failure).__name__}: {failure}"
        self.log(f"[{name}] FAILED: {reason}")
        self.results.fail(produced, name, reason)

    def _record(self, metric, name: str, round_: int, value: float) -> None:
        self.results.add(metric, name, round_, value)
        self.log(f"[{name}] round {round_ + 1}: {metric.label}: {value:.4g} {metric.unit}")

    @contextmanager
    def daemon(self, name: str, children: int, reap: bool = True) -> Iterator[Tool]:
        """A freshly booted daemon with CHILDREN configured (none running); stopped by pid afterwards."""
        home = Path(tempfile.mkdtemp(prefix=f"{name}-{children}-", dir=self.workroot))
        tool = self.factories[name](home, children)
        try:
            tool.boot()
            yield tool
        finally:
            tool.close()
            if reap:
                reaper.kill_leftovers()
            shutil.rmtree(home, ignore_errors=True)

    @contextmanager
    def all_daemons(self, children: int, produced: list) -> Iterator[dict[str, Tool]]:
        """One daemon of every tool, up at the same time (for scenarios that interleave or share a window)."""
        with ExitStack() as stack:
            # leftovers can only be told apart once every daemon is down: they all end up below the harness
            stack.callback(reaper.kill_leftovers)
            tools = {}
            for name in self.factories:
                try:
                    tools[name] = stack.enter_context(self.daemon(name, children, reap=False))
                except Exception as failure:
                    self._failed(name, produced, failure)
            yield tools

    def _start_each(self, tools: dict[str, Tool], children: int, produced: list) -> dict[str, set[int]]:
        running = {}
        for name, tool in list(tools.items()):
            try:
                running[name] = start_all(tool, children, self.results)[1]
            except Exception as failure:
                self._failed(name, produced, failure)
                del tools[name]
        return running

    # ---- scenario 1 -----------------------------------------------------------------------------

    def cold_start(self) -> None:
        def turn(round_: int, name: str) -> None:
            with self.daemon(name, 0) as tool:
                self._record(metrics.COLD_START, name, round_, tool.boot_seconds * 1000)

        self._alternate(self.plan.cold_start_rounds, [metrics.COLD_START], turn)

    # ---- scenario 2 -----------------------------------------------------------------------------

    def round_trip(self) -> None:
        with self.all_daemons(0, [metrics.ROUND_TRIP]) as tools:
            def turn(round_: int, name: str) -> None:
                for seconds in time_status_calls(tools[name], self.plan.status_calls):
                    self._record(metrics.ROUND_TRIP, name, round_, seconds * 1000)

            self._alternate(self.plan.status_rounds, [metrics.ROUND_TRIP], turn, list(tools))

    # ---- scenario 4 -----------------------------------------------------------------------------

    def crash_restart(self) -> None:
        produced = [metrics.CRASH_RESTART]
        with self.all_daemons(1, produced) as tools:
            child = {name: next(iter(pids)) for name, pids in self._start_each(tools, 1, produced).items()}
            since = {name: time.perf_counter() for name in child}

            def turn(round_: int, name: str) -> None:
                # Every tool backs off after quick failures; a child that ran this long is an ordinary crash.
                time.sleep(max(0.0, since[name] + self.plan.restart_gap_seconds - time.perf_counter()))
                seconds, child[name] = kill_and_await_restart(tools[name], child[name])
                since[name] = time.perf_counter()
                self._record(metrics.CRASH_RESTART, name, round_, seconds * 1000)

            self._alternate(self.plan.crash_rounds, produced, turn, list(child))

    # ---- scenario 6 -----------------------------------------------------------------------------

    def idle_cpu(self) -> None:
        """All daemons idle with their children running, measured over the same windows."""
        produced = [metrics.IDLE_CPU]
        with self.all_daemons(IDLE_CHILDREN, produced) as tools:
            self._start_each(tools, IDLE_CHILDREN, produced)
            time.sleep(self.plan.idle_settle_seconds)  # post-start work (JIT, GC, log checks) settles first
            checks = self.results.extra.setdefault("idle_cpu_cross_check", [])
            for window in range(self.plan.idle_windows):
                names = list(tools)
                names = names[window % len(names):] + names[:window % len(names)] if names else names
                before = {name: CpuReading.of(tools[name]) for name in names}
                time.sleep(self.plan.idle_seconds)
                for name in names:
                    used = before[name].used_until(CpuReading.of(tools[name]))
                    self._record(metrics.IDLE_CPU, name, window, used.schedstat_ns / used.window_ns * 100)
                    checks.append({"tool": name, "window": window, "window_ns": used.window_ns,
                                   "schedstat_ns": used.schedstat_ns, "stat_ns": used.stat_ns,
                                   "threads_ended": used.threads_ended})
            for name in tools:
                mine = [check for check in checks if check["tool"] == name]
                self.results.note(
                    f"idle CPU cross-check, {name}: {sum(c['schedstat_ns'] for c in mine) / 1e6:.1f} ms on CPU "
                    f"by thread schedstat, {sum(c['stat_ns'] for c in mine) / 1e6:.0f} ms by /proc/PID/stat "
                    f"(10 ms ticks) over {len(mine)} windows; threads ended in a window (their time after it "
                    f"opened is missing from schedstat): {sum(c['threads_ended'] for c in mine)}")

    # ---- scenarios 3, 5, 7: a fresh daemon per tool and round, start/stop cycles --------------

    def fleet(self, fleet: FleetPlan) -> None:
        n = fleet.children
        produced = []
        if 3 in self.scenarios:
            produced += [metrics.start_metric(n, True), metrics.start_metric(n, False)]
        if 5 in self.scenarios:
            produced += [metrics.rss_metric(n), metrics.pss_metric(n)]
        if 7 in self.scenarios:
            produced += [metrics.stop_metric(n, True), metrics.stop_metric(n, False)]
        for name in fleet.skip:
            if name in self.factories:
                self.results.note(f"{name}: {SKIP_REASONS[name]}")
        names = [name for name in self.factories if name not in fleet.skip]

        def turn(round_: int, name: str) -> None:
            with self.daemon(name, n) as tool:
                for cycle in range(fleet.cycles):
                    self._fleet_cycle(tool, name, round_, n, cycle == 0, cycle == fleet.cycles - 1)

        self._alternate(fleet.rounds, produced, turn, names)

    def _fleet_cycle(self, tool: Tool, name: str, round_: int, n: int, first: bool, last: bool) -> None:
        started, _ = start_all(tool, n, self.results)
        if 3 in self.scenarios:
            self._record(metrics.start_metric(n, first), name, round_, started * 1000)
        time.sleep(self.plan.settle_seconds)  # let the daemon finish its post-start work before sampling it
        if 5 in self.scenarios and last:
            rss, pss = daemon_memory_mib(tool)
            self._record(metrics.rss_metric(n), name, round_, rss)
            self._record(metrics.pss_metric(n), name, round_, pss)
        stopped = stop_all(tool, self.results)
        if 7 in self.scenarios:
            self._record(metrics.stop_metric(n, first), name, round_, stopped * 1000)
        tool.after_stop_all()


def start_all(tool: Tool, children: int, results: Results) -> tuple[float, set[int]]:
    """Issues start-all; returns seconds until CHILDREN sleep processes run below the daemon, and their pids."""
    watcher = tool.watch_children()
    watcher.poll()

    def all_running() -> bool:
        return len(watcher.poll()) >= children and len(watcher.prune()) >= children

    elapsed = _issue_and_await(tool, tool.start_all_argv(), all_running, lambda: len(watcher.found),
                               f"{children} children running", results)
    return elapsed, set(watcher.found)


def stop_all(tool: Tool, results: Results) -> float:
    """Issues stop-all; returns seconds until no sleep process runs below the daemon."""
    watcher = tool.watch_children()
    watcher.poll()

    def none_running() -> bool:
        watcher.poll()
        return not watcher.any_left()

    return _issue_and_await(tool, tool.stop_all_argv(), none_running, lambda: len(watcher.found),
                            "children gone", results)


def _issue_and_await(tool: Tool, argv: list[str], done: Callable[[], bool], progress: Callable[[], int],
                     what: str, results: Results) -> float:
    """Runs ARGV and waits for DONE, bounded by fleet_timeout(children).

    A CLI that gives up (e.g. Keeper's client deadline) while its daemon carries on does not end the
    measurement: the wait goes on while the children keep changing, and the run's notes say so.
    """
    timeout = fleet_timeout(len(tool.children))
    start = time.perf_counter()
    command = tool.spawn_cli(argv)
    last = {"count": -1, "at": start}

    def condition() -> bool:
        now, count = time.perf_counter(), progress()
        if count != last["count"]:
            last.update(count=count, at=now)
        if command.failed() and now - last["at"] > STALL_SECONDS:
            command.check()
        return done()

    elapsed = wait_for(condition, f"{tool.name}: {what}", timeout, FLEET_POLL, start, FLEET_RESOLUTION)
    command.wait(timeout)
    if command.failed():
        shown = " ".join([Path(argv[0]).name, *argv[1:3]])
        results.note(f"{tool.name}: `{shown}` ({len(tool.children)} children) exited {command.process.returncode} "
                     f"after about {command.exited_at - start:.0f} s ({command.last_line()}) while its daemon "
                     f"carried on; the times are until {what}")
    return elapsed


def kill_and_await_restart(tool: Tool, child: int) -> tuple[float, int]:
    """SIGKILLs CHILD; returns seconds until another sleep process runs below the daemon, and its pid."""
    watcher = tool.watch_children()
    before = set(watcher.poll())

    def restarted() -> bool:
        return bool(watcher.poll() - before)

    start = time.perf_counter()
    os.kill(child, signal.SIGKILL)
    elapsed = wait_for(restarted, f"{tool.name}: child restarted", CRASH_TIMEOUT, CRASH_POLL, start)
    return elapsed, next(iter(watcher.found - before))


def daemon_memory_mib(tool: Tool) -> tuple[float, float]:
    """Rss and Pss (smaps_rollup) of the daemon and its helper processes, summed, in MiB."""
    rss = pss = 0
    for pid in tool.daemon_processes():
        memory = procfs.memory_kib(pid)
        rss, pss = rss + memory["Rss"], pss + memory["Pss"]
    return rss / 1024, pss / 1024


@dataclass
class CpuUse:
    window_ns: int
    schedstat_ns: int  # per-thread schedstat deltas summed: exact, but blind to threads that ended meanwhile
    stat_ns: int  # utime + stime of the whole thread groups: includes ended threads, clock-tick resolution
    threads_ended: int


@dataclass
class CpuReading:
    """CPU time of a daemon and its helper processes at one instant, thread by thread."""
    at_ns: int
    threads: dict[int, dict[int, int]]  # pid -> tid -> ns on CPU
    ticks: dict[int, int]  # pid -> utime + stime in clock ticks

    @staticmethod
    def of(tool: Tool) -> "CpuReading":
        threads, ticks = {}, {}
        for pid in tool.daemon_processes():
            try:
                threads[pid], ticks[pid] = procfs.thread_runtimes_ns(pid), procfs.cpu_ticks(pid)
            except ProcessLookupError:
                continue
        return CpuReading(time.perf_counter_ns(), threads, ticks)

    def used_until(self, later: "CpuReading") -> CpuUse:
        schedstat = stat_ticks = ended = 0
        for pid, threads in later.threads.items():
            earlier = self.threads.get(pid, {})  # a helper born in the window counts from zero
            schedstat += sum(ns - earlier.get(tid, 0) for tid, ns in threads.items())
            ended += len(earlier.keys() - threads.keys())
            stat_ticks += later.ticks[pid] - self.ticks.get(pid, 0)
        ended += sum(len(threads) for pid, threads in self.threads.items() if pid not in later.threads)
        return CpuUse(later.at_ns - self.at_ns, schedstat, stat_ticks * 1_000_000_000 // procfs.CLOCK_TICKS, ended)


def time_status_calls(tool: Tool, count: int) -> list[float]:
    """Seconds per status call, COUNT calls after 2 warm-ups; measured by hyperfine when installed."""
    if shutil.which("hyperfine"):
        return _hyperfine(tool, count)
    for _ in range(2):
        tool.status()
    return [_timed(tool.status) for _ in range(count)]


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _hyperfine(tool: Tool, count: int) -> list[float]:
    report = tool.home / "hyperfine.json"
    argv = ["hyperfine", "--shell=none", "--warmup", "2", "--runs", str(count), "--ignore-failure",
            "--style", "none", "--export-json", str(report), shlex.join(tool.status_argv())]
    subprocess.run(argv, env=tool.env(), cwd=tool.home, check=True, capture_output=True, text=True)
    run = json.loads(report.read_text())["results"][0]
    bad = [code for code in run["exit_codes"] if code not in tool.status_exit_codes]
    if bad:
        raise ToolError(f"{tool.name}: status exited {bad[0]} under hyperfine")
    return run["times"]
