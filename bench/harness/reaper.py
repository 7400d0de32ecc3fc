"""Makes the harness the reaper of everything the tools start, so nothing outlives a run.

As a child subreaper, the harness inherits every orphan of the daemons it started (pm2's detached
God daemon, Keeper's setsid children once their server is gone). After a daemon is stopped, whatever
still descends from the harness is a leftover of that daemon: it is killed by pid and reaped.
"""
import ctypes
import os
import signal
import time

from . import procfs

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def kill_leftovers(timeout: float = 10.0) -> set[int]:
    """SIGKILLs every descendant of the harness and reaps its direct children; returns the pids killed."""
    me = os.getpid()
    killed: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = procfs.descendants(me, procfs.snapshot())
        if not left:
            break
        for proc in left:
            if proc.live:
                _kill(proc.pid)
                killed.add(proc.pid)
            if proc.ppid == me:
                _reap(proc.pid)
        time.sleep(0.01)
    return killed


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
