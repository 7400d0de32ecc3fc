"""Polling with deadlines: the harness waits for what it can observe, never for a fixed time."""
import time
from typing import Callable


class BenchTimeout(Exception):
    pass


def wait_for(condition: Callable[[], bool], what: str, timeout: float, interval: float = 0.005,
             since: float | None = None) -> float:
    """Polls CONDITION until true; returns the seconds elapsed since SINCE (default: now)."""
    start = time.perf_counter() if since is None else since
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise BenchTimeout(f"{what}: not within {timeout:g} s")
        time.sleep(interval)
    return time.perf_counter() - start
