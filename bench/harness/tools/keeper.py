"""Keeper's server on a loopback port, its state in its own directory, children started by 'keeper start all'."""
import socket
from datetime import datetime, timezone
from pathlib import Path

from .base import CHILD_COMMAND, Tool, connects, free_port

_SERVER_YML = """\
loadpaths: [children/]
mode: quiet
encrypt: off
port: {port}
"""

_CHILD_YML = """\
command: "{command}"
autorestart: always
"""


class Keeper(Tool):
    name = "keeper"

    def __init__(self, home: Path, children: int, dist: Path):
        self.dist = dist
        self.port = free_port()
        super().__init__(home, children)

    def version(self) -> str:
        version = self.dist / "etc" / "version"
        built = max(jar.stat().st_mtime for jar in (self.dist / "system").glob("keeper.*.jar"))
        return (f"keeper {version.read_text().strip() if version.exists() else '(unknown version)'}, "
                f"bundles built {datetime.fromtimestamp(built, timezone.utc):%Y-%m-%d %H:%M} UTC")

    def env(self) -> dict[str, str]:
        return super().env() | {"KEEPER_HOME": str(self.home / "state")}

    def write_config(self) -> None:
        children = self.home / "children"
        children.mkdir()
        (self.home / "server.yml").write_text(_SERVER_YML.format(port=self.port))
        for name in self.children:
            (children / f"{name}.yml").write_text(_CHILD_YML.format(command=" ".join(CHILD_COMMAND)))

    def launch(self) -> None:
        # bin/keeper-server execs java, so the spawned pid (the measured one) is the JVM's.
        self.spawn_daemon([str(self.dist / "bin" / "keeper-server"), str(self.home / "server.yml")])

    def endpoint_accepts(self) -> bool:
        return connects(socket.AF_INET, ("127.0.0.1", self.port))

    def _client(self, *args: str) -> list[str]:
        return [str(self.dist / "bin" / "keeper"), *args, "on", f"127.0.0.1:{self.port}"]

    def status_argv(self) -> list[str]:
        return self._client("status")

    def start_all_argv(self) -> list[str]:
        return self._client("start", "all")

    def stop_all_argv(self) -> list[str]:
        return self._client("stop", "all")
