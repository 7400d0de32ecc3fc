"""supervisord in the foreground (-n), controlled through a Unix socket in its own directory."""
import socket
import subprocess

from .base import CHILD_COMMAND, Tool, connects

_PROGRAM = """
[program:{name}]
command={command}
autostart=false
autorestart=true
startsecs=0
"""

_HEADER = """
[unix_http_server]
file=%(here)s/supervisor.sock

[supervisord]
nodaemon=true
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s/logs
minfds={minfds}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/supervisor.sock
"""


class Supervisord(Tool):
    name = "supervisord"
    status_exit_codes = (0, 3)  # 3: the daemon answered, and some program is not running

    def version(self) -> str:
        return "supervisord " + subprocess.run(["supervisord", "--version"], capture_output=True,
                                               text=True).stdout.strip()

    @property
    def _conf(self):
        return self.home / "supervisord.conf"

    def write_config(self) -> None:
        (self.home / "logs").mkdir()
        programs = "".join(_PROGRAM.format(name=name, command=" ".join(CHILD_COMMAND)) for name in self.children)
        # supervisord keeps pipes to every child and refuses to start below minfds descriptors.
        self._conf.write_text(_HEADER.format(minfds=1024 + 4 * len(self.children)) + programs)

    def launch(self) -> None:
        self.spawn_daemon(["supervisord", "-n", "-c", str(self._conf)])

    def endpoint_accepts(self) -> bool:
        return connects(socket.AF_UNIX, str(self.home / "supervisor.sock"))

    def _ctl(self, *args: str) -> list[str]:
        return ["supervisorctl", "-c", str(self._conf), *args]

    def status_argv(self) -> list[str]:
        return self._ctl("status")

    def start_all_argv(self) -> list[str]:
        return self._ctl("start", "all")

    def stop_all_argv(self) -> list[str]:
        return self._ctl("stop", "all")
