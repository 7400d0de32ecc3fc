"""What every benchmarked tool offers the scenarios; the subclasses only say how their tool does it."""
import os
import signal
import socket
import subprocess
import sys
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, Optional

from .. import procfs
from ..waiting import wait_for

CHILD_COMMAND = ["sleep", "100000"]
CHILD_COMM = "sleep"  # what /proc/PID/stat names a child once it has exec'ed CHILD_COMMAND
BOOT_TIMEOUT = 60.0
SHUTDOWN_TIMEOUT = 10.0


class ToolError(Exception):
    pass


class Tool(ABC):
    """One daemon of one tool, configured with N identical sleep children, in its own directory."""

    name: ClassVar[str]
    status_exit_codes: ClassVar[tuple[int, ...]] = (0,)

    def __init__(self, home: Path, children: int):
        self.home = home
        self.children = [f"c{i:04d}" for i in range(1, children + 1)]
        self._daemon: Optional[subprocess.Popen] = None
        self.boot_seconds: Optional[float] = None
        self.write_config()

    # ---- what each tool defines -------------------------------------------------------------

    @abstractmethod
    def version(self) -> str: ...

    @abstractmethod
    def write_config(self) -> None:
        """Writes the daemon's configuration for self.children into self.home, nothing started at boot."""

    @abstractmethod
    def launch(self) -> None:
        """Issues the daemon's start; returns when the tool's own start command returns."""

    @abstractmethod
    def endpoint_accepts(self) -> bool:
        """True once the daemon's control socket accepts connections (cheaper than a CLI call)."""

    @abstractmethod
    def status_argv(self) -> list[str]: ...

    @abstractmethod
    def start_all_argv(self) -> list[str]: ...

    @abstractmethod
    def stop_all_argv(self) -> list[str]: ...

    def daemon_pid(self) -> int:
        """The pid whose memory, CPU and children are measured; by default the one spawn_daemon() started."""
        if self._daemon is None:
            raise ToolError(f"{self.name}: daemon not launched")
        return self._daemon.pid

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def after_stop_all(self) -> None:
        """Brings the daemon back to 'children configured, none running' after a stop-all (unmeasured)."""

    def request_shutdown(self) -> None:
        os.kill(self.daemon_pid(), signal.SIGTERM)

    # ---- shared behaviour -------------------------------------------------------------------

    def run_cli(self, argv: list[str], ok: tuple[int, ...] = (0,), timeout: float = 300.0) \
            -> subprocess.CompletedProcess:
        done = subprocess.run(argv, env=self.env(), cwd=self.home, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode not in ok:
            raise ToolError(f"{self.name}: `{' '.join(argv)}` exited {done.returncode}: "
                            f"{(done.stderr or done.stdout).strip()[-500:]}")
        return done

    def status(self) -> subprocess.CompletedProcess:
        return self.run_cli(self.status_argv(), ok=self.status_exit_codes)

    def spawn_cli(self, argv: list[str]) -> "RunningCli":
        """Issues a command without waiting for it (its output goes to a file, so it never blocks on a pipe)."""
        return RunningCli(self, argv)

    def spawn_daemon(self, argv: list[str]) -> None:
        """Starts a foreground daemon in its own session (a Ctrl-C on the harness does not reach it)."""
        log = open(self.home / "daemon.log", "w")
        self._daemon = subprocess.Popen(argv, env=self.env(), cwd=self.home, stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def boot(self) -> float:
        """Launches the daemon; returns seconds until its first successful status answer."""
        start = time.perf_counter()
        self.launch()
        wait_for(self._endpoint_or_death, f"{self.name} control socket", BOOT_TIMEOUT, since=start)
        self.boot_seconds = wait_for(self._status_answers, f"{self.name} status", BOOT_TIMEOUT, since=start)
        return self.boot_seconds

    def _endpoint_or_death(self) -> bool:
        if self._daemon is not None and self._daemon.poll() is not None:
            raise ToolError(f"{self.name}: daemon exited {self._daemon.returncode}: {self.daemon_log()}")
        return self.endpoint_accepts()

    def _status_answers(self) -> bool:
        try:
            self.status()
            return True
        except ToolError:
            return False

    def daemon_log(self) -> str:
        log = self.home / "daemon.log"
        return log.read_text(errors="replace")[-800:] if log.exists() else ""

    def daemon_processes(self) -> list[int]:
        """The daemon pid and its helper processes: its descendants other than children (Keeper's spawn helper)."""
        pid = self.daemon_pid()
        tree = procfs.descendants(pid, procfs.snapshot())
        return [pid, *(proc.pid for proc in tree if proc.live and proc.comm != CHILD_COMM)]

    def watch_children(self) -> procfs.ChildWatcher:
        """Watches the sleep children below the daemon through /proc, the same way for every tool."""
        return procfs.ChildWatcher(self.daemon_pid(), CHILD_COMM)

    def close(self) -> None:
        """Stops the daemon (its own way, then SIGKILL by pid); the caller reaps what it left behind (reaper)."""
        pid = self._known_daemon_pid()
        if pid is not None and procfs.alive(pid):
            self._shutdown(pid)

    def _shutdown(self, pid: int) -> None:
        try:
            self.request_shutdown()
            wait_for(lambda: not procfs.alive(pid), f"{self.name} shutdown", SHUTDOWN_TIMEOUT, interval=0.05)
        except Exception as failure:
            print(f"bench: {self.name} daemon {pid} did not stop ({failure}); SIGKILL", file=sys.stderr)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _known_daemon_pid(self) -> Optional[int]:
        try:
            return self.daemon_pid()
        except (ToolError, OSError, ValueError):
            return None


class RunningCli:
    """A CLI command in flight: failed() once it exited non-zero, check() raises then, wait() bounds its end."""

    def __init__(self, tool: Tool, argv: list[str]):
        self.tool, self.argv = tool, argv
        self.output = tool.home / "cli.out"
        self.exited_at: Optional[float] = None
        with open(self.output, "w") as out:
            self.process = subprocess.Popen(argv, env=tool.env(), cwd=tool.home, stdin=subprocess.DEVNULL,
                                            stdout=out, stderr=subprocess.STDOUT)

    def failed(self) -> bool:
        code = self.process.poll()
        if code is not None and self.exited_at is None:
            self.exited_at = time.perf_counter()
        return code not in (None, 0)

    def last_line(self) -> str:
        lines = self.output.read_text(errors="replace").strip().splitlines()
        return lines[-1][-200:] if lines else "no output"

    def check(self) -> None:
        if self.failed():
            raise ToolError(f"{self.tool.name}: `{' '.join(self.argv)}` exited {self.process.returncode}: "
                            f"{self.output.read_text(errors='replace').strip()[-500:]}")

    def wait(self, timeout: float) -> None:
        self.process.wait(timeout)
        self.failed()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def connects(family: int, address) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        try:
            probe.connect(address)
            return True
        except OSError:
            return False
