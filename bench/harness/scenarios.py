"""The seven scenarios. Each drives a tool only through its adapter and observes it through /proc."""
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from . import plan as metrics
from . import procfs
from .plan import IDLE_CHILDREN, STOP_CHILDREN, Plan
from .results import Results
from .tools import Tool, ToolError
from .waiting import wait_for

FLEET_TIMEOUT = 600.0
CRASH_TIMEOUT = 60.0
CRASH_POLL = 0.001
FLEET_POLL = 0.005
FLEET_RESOLUTION = 0.01  # long starts and stops (pm2 at N=1000: a minute) are polled less often

ToolFactory = Callable[[Path, int], Tool]


class Bench:
    """Runs the selected scenarios for one tool and records what it measures."""

    def __init__(self, factory: ToolFactory, name: str, plan: Plan, scenarios: set[int], workroot: Path,
                 results: Results, log: Callable[[str], None]):
        self.factory, self.name, self.plan = factory, name, plan
        self.scenarios, self.workroot, self.results, self.log = scenarios, workroot, results, log

    def run(self) -> None:
        steps = [(1, self.cold_start, [metrics.COLD_START]),
                 (2, self.round_trip, [metrics.ROUND_TRIP]),
                 (4, self.crash_restart, [metrics.CRASH_RESTART])]
        for scenario, step, produced in steps:
            if scenario in self.scenarios:
                self._guarded(step, produced)
        for children in self.plan.fleet_sizes:
            wanted = self._fleet_metrics(children)
            if wanted:
                self._guarded(lambda: self.fleet(children, wanted), wanted)

    def _guarded(self, step: Callable[[], None], produced: list) -> None:
        try:
            step()
        except Exception as failure:  # one tool's failure must not stop the others' runs
            reason = f"{type(failure).__name__}: {failure}"
            self.log(f"[{self.name}] FAILED: {reason}")
            self.results.fail(produced, self.name, reason)

    def _record(self, metric, value: float) -> None:
        self.results.add(metric, self.name, value)
        self.log(f"[{self.name}] {metric.label}: {value:.1f} {metric.unit}")

    @contextmanager
    def daemon(self, children: int) -> Iterator[Tool]:
        """A freshly booted daemon with CHILDREN configured (none running); stopped by pid afterwards."""
        home = Path(tempfile.mkdtemp(prefix=f"{self.name}-{children}-", dir=self.workroot))
        tool = self.factory(home, children)
        try:
            tool.boot()
            yield tool
        finally:
            tool.close()
            shutil.rmtree(home, ignore_errors=True)

    # ---- scenario 1 -----------------------------------------------------------------------------

    def cold_start(self) -> None:
        for _ in range(self.plan.cold_starts):
            with self.daemon(0) as tool:
                self._record(metrics.COLD_START, tool.boot_seconds * 1000)

    # ---- scenario 2 -----------------------------------------------------------------------------

    def round_trip(self) -> None:
        with self.daemon(0) as tool:
            for seconds in time_status_calls(tool, self.plan.status_calls):
                self._record(metrics.ROUND_TRIP, seconds * 1000)

    # ---- scenario 4 -----------------------------------------------------------------------------

    def crash_restart(self) -> None:
        with self.daemon(1) as tool:
            child = next(iter(start_all(tool, 1)[1]))
            for _ in range(self.plan.crashes):
                # Every tool backs off after quick failures; a child that ran this long is not one.
                time.sleep(self.plan.restart_gap_seconds)
                seconds, child = kill_and_await_restart(tool, child)
                self._record(metrics.CRASH_RESTART, seconds * 1000)

    # ---- scenarios 3, 5, 6, 7: one daemon per fleet size, start/stop cycles ------------------

    def _fleet_metrics(self, children: int) -> list:
        wanted = []
        if 3 in self.scenarios:
            wanted.append(metrics.start_metric(children))
        if 5 in self.scenarios:
            wanted.append(metrics.rss_metric(children))
        if 6 in self.scenarios and children == IDLE_CHILDREN:
            wanted.append(metrics.IDLE_CPU)
        if 7 in self.scenarios and children == STOP_CHILDREN:
            wanted.append(metrics.STOP_ALL)
        return wanted

    def fleet(self, children: int, wanted: list) -> None:
        repeated = [m for m in wanted if m is not metrics.IDLE_CPU]
        cycles = self.plan.fleet_cycles if repeated else 1
        with self.daemon(children) as tool:
            for cycle in range(cycles):
                self._fleet_cycle(tool, children, wanted, first=cycle == 0)

    def _fleet_cycle(self, tool: Tool, children: int, wanted: list, first: bool) -> None:
        started, _ = start_all(tool, children)
        if metrics.start_metric(children) in wanted:
            self._record(metrics.start_metric(children), started * 1000)
        time.sleep(self.plan.settle_seconds)  # let the daemon finish its post-start work before sampling it
        if metrics.rss_metric(children) in wanted:
            self._record(metrics.rss_metric(children), daemon_rss_mib(tool))
        if metrics.IDLE_CPU in wanted and first:
            self._record(metrics.IDLE_CPU, idle_cpu_percent(tool, self.plan.idle_seconds))
        stopped = stop_all(tool)
        if metrics.STOP_ALL in wanted:
            self._record(metrics.STOP_ALL, stopped * 1000)
        tool.after_stop_all()


def start_all(tool: Tool, children: int) -> tuple[float, set[int]]:
    """Issues start-all; returns seconds until CHILDREN sleep processes run below the daemon, and their pids."""
    watcher = tool.watch_children()
    watcher.poll()
    start = time.perf_counter()
    command = tool.spawn_cli(tool.start_all_argv())

    def all_running() -> bool:
        command.check()
        return len(watcher.poll()) >= children and len(watcher.prune()) >= children

    elapsed = wait_for(all_running, f"{tool.name}: {children} children running", FLEET_TIMEOUT, FLEET_POLL, start,
                       FLEET_RESOLUTION)
    command.finish(FLEET_TIMEOUT)
    return elapsed, set(watcher.found)


def stop_all(tool: Tool) -> float:
    """Issues stop-all; returns seconds until no sleep process runs below the daemon."""
    watcher = tool.watch_children()
    watcher.poll()
    start = time.perf_counter()
    command = tool.spawn_cli(tool.stop_all_argv())

    def none_running() -> bool:
        command.check()
        watcher.poll()
        return not watcher.any_left()

    elapsed = wait_for(none_running, f"{tool.name}: children gone", FLEET_TIMEOUT, FLEET_POLL, start,
                       FLEET_RESOLUTION)
    command.finish(FLEET_TIMEOUT)
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


def daemon_rss_mib(tool: Tool) -> float:
    """VmRSS of the daemon and its helper processes, summed, in MiB."""
    return sum(procfs.status_kib(pid, "VmRSS") for pid in tool.daemon_processes()) / 1024


def idle_cpu_percent(tool: Tool, seconds: float) -> float:
    """CPU time (utime + stime) the daemon and its helpers used over SECONDS of idling, in % of one core."""
    before, start = {pid: procfs.cpu_seconds(pid) for pid in tool.daemon_processes()}, time.perf_counter()
    time.sleep(seconds)
    after, elapsed = {pid: procfs.cpu_seconds(pid) for pid in tool.daemon_processes()}, time.perf_counter() - start
    used = sum(spent - before.get(pid, 0.0) for pid, spent in after.items())
    return used / elapsed * 100


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
