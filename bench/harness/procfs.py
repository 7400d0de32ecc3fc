"""Reads /proc directly, so every tool's children are observed the same way, whatever its own status says."""
import os
from dataclasses import dataclass
from typing import Optional

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Proc:
    pid: int
    comm: str
    state: str
    ppid: int
    start_ticks: int

    @property
    def live(self) -> bool:
        return self.state not in ("Z", "X")


def _stat_fields(pid: int) -> Optional[tuple[str, list[str]]]:
    """Returns (comm, fields after comm) of /proc/PID/stat, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            raw = stat.read().decode(errors="replace")
    except OSError:
        return None
    # comm may contain spaces and parentheses: it ends at the last ')'.
    close = raw.rindex(")")
    return raw[raw.index("(") + 1:close], raw[close + 2:].split()


def read(pid: int) -> Optional[Proc]:
    parsed = _stat_fields(pid)
    if parsed is None:
        return None
    comm, rest = parsed
    return Proc(pid, comm, rest[0], int(rest[1]), int(rest[19]))


def pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def snapshot() -> dict[int, Proc]:
    table = {}
    for pid in pids():
        proc = read(pid)
        if proc is not None:
            table[pid] = proc
    return table


def descendants(root: int, table: dict[int, Proc]) -> list[Proc]:
    children: dict[int, list[Proc]] = {}
    for proc in table.values():
        children.setdefault(proc.ppid, []).append(proc)
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def descends_from(proc: Optional[Proc], root: int) -> bool:
    while proc is not None and proc.ppid > 1:
        if proc.ppid == root:
            return True
        proc = read(proc.ppid)
    return False


class ChildWatcher:
    """Tracks the live processes running COMM below a daemon, cheaply enough to poll every millisecond.

    A poll lists /proc and reads the stat of new pids only: a pid found outside the daemon's tree is
    not read again while it exists (pids are handed out in sequence, so a vanished one is not reused
    between two polls), a pid below the daemon that has not exec'ed COMM yet is read again next time.
    """

    def __init__(self, root: int, comm: str):
        self.root, self.comm = root, comm
        self.found: set[int] = set()
        self._elsewhere: set[int] = set()

    def poll(self) -> set[int]:
        """Adds the new matching pids; forgets the vanished ones (a zombie still counts: see prune())."""
        listed = set(pids())
        self._elsewhere &= listed
        self.found &= listed
        for pid in listed - self._elsewhere - self.found:
            proc = read(pid)
            if proc is None:
                continue
            if not descends_from(proc, self.root):
                self._elsewhere.add(pid)
            elif proc.live and proc.comm == self.comm:
                self.found.add(pid)
        return self.found

    def any_left(self) -> bool:
        """True while some pid found so far runs; drops the exited ones it meets before the first live one."""
        for pid in list(self.found):
            if alive(pid):
                return True
            self.found.discard(pid)
        return False

    def prune(self) -> set[int]:
        """Re-reads every pid found so far and drops the ones that have exited (zombies included)."""
        self.found = {pid for pid in self.found if alive(pid)}
        return self.found


def cpu_ticks(pid: int) -> int:
    """utime + stime of PID's whole thread group, ended threads included (not its children), in clock ticks."""
    parsed = _stat_fields(pid)
    if parsed is None:
        raise ProcessLookupError(pid)
    rest = parsed[1]
    return int(rest[11]) + int(rest[12])


def thread_runtimes_ns(pid: int) -> dict[int, int]:
    """Time on CPU of each live thread of PID, in nanoseconds (first field of /proc/PID/task/TID/schedstat).

    /proc/PID/schedstat itself only covers the main thread, and a thread that has ended is no longer
    listed: callers compare two readings thread by thread and cross-check with cpu_ticks().
    """
    found = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError as gone:
        raise ProcessLookupError(pid) from gone
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as schedstat:
                found[int(tid)] = int(schedstat.read().split()[0])
        except OSError:
            continue  # ended between the listing and the read
    return found


def memory_kib(pid: int) -> dict[str, int]:
    """Rss and Pss of PID from /proc/PID/smaps_rollup, in KiB."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                found[key] = int(rest.split()[0])
    return found


def alive(pid: int) -> bool:
    proc = read(pid)
    return proc is not None and proc.live
