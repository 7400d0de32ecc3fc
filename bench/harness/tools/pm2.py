"""pm2 with its home (and so its RPC sockets and God daemon) in its own directory."""
import json
import shutil
import socket
from pathlib import Path

from .base import CHILD_COMMAND, Tool, ToolError, connects

# Same policy as the others: restart at once, on every exit, forever. min_uptime only decides which
# exits pm2 counts as "unstable"; the crash scenario leaves each child up longer than this.
_RESTART_POLICY = {"autorestart": True, "restart_delay": 0, "min_uptime": 500, "max_restarts": 1_000_000}


class Pm2(Tool):
    name = "pm2"

    def version(self) -> str:
        # Read from pm2's package.json: 'pm2 --version' would spawn a God daemon.
        package = Path(shutil.which("pm2") or "pm2").resolve().parent.parent / "package.json"
        return "pm2 " + json.loads(package.read_text())["version"] if package.exists() else "pm2 (unknown version)"

    @property
    def _pm2_home(self):
        return self.home / "pm2"

    @property
    def _apps(self):
        return self.home / "apps.json"

    def env(self) -> dict[str, str]:
        return super().env() | {"PM2_HOME": str(self._pm2_home)}

    def write_config(self) -> None:
        program, *args = CHILD_COMMAND
        script = shutil.which(program) or program
        apps = [{"name": name, "script": script, "args": args, "interpreter": "none", "exec_mode": "fork",
                 **_RESTART_POLICY} for name in self.children]
        self._apps.write_text(json.dumps({"apps": apps}, indent=1))

    def launch(self) -> None:
        # pm2's daemon is started by its CLI: 'ping' spawns the detached God daemon and waits for it.
        self.run_cli(["pm2", "ping"])

    def daemon_pid(self) -> int:
        try:
            return int((self._pm2_home / "pm2.pid").read_text().strip())
        except FileNotFoundError as missing:
            raise ToolError("pm2: no God daemon pid file") from missing

    def endpoint_accepts(self) -> bool:
        return connects(socket.AF_UNIX, str(self._pm2_home / "rpc.sock"))

    def status_argv(self) -> list[str]:
        return ["pm2", "jlist"]

    def start_all_argv(self) -> list[str]:
        return ["pm2", "start", str(self._apps)]

    def stop_all_argv(self) -> list[str]:
        return ["pm2", "stop", "all"]

    def after_stop_all(self) -> None:
        self.run_cli(["pm2", "delete", "all"])

    def request_shutdown(self) -> None:
        self.run_cli(["pm2", "kill"])
