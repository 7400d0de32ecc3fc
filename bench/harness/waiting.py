"""Polling with deadlines: the harness waits for what it can observe, never for a fixed time."""
import time
from typing import Callable


class BenchTimeout(Exception):
    pass


def wait_for(condition: Callable[[], bool], what: str, timeout: float, interval: float = 0.005,
             since: float | None = None, resolution: float = 0.0) -> float:
    """Polls CONDITION until true; returns the seconds elapsed since SINCE (default: now).

    With a RESOLUTION (e.g. 0.01), the pause between polls grows to that fraction of the time waited
    so far: long waits are measured just as precisely, relatively, for less polling.
    """
    start = time.perf_counter() if since is None else since
    deadline = time.perf_counter() + timeout
    while not condition():
        now = time.perf_counter()
        if now > deadline:
            raise BenchTimeout(f"{what}: not within {timeout:g} s")
        time.sleep(max(interval, (now - start) * resolution))
    return time.perf_counter() - start
