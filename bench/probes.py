#!/usr/bin/env python3
"""What health checks cost Keeper's server at rest (issue 16).

    python3 bench/probes.py [--children 1000] [--interval 5] [--warmup 15] [--window 30] [--keeper-dist DIR]

Runs keeper-server twice with N children (`sleep 100000`), all started with `keeper start all`: once
without probes, once with a `tcp` health check every INTERVAL seconds on each child. The checks all
connect to one loopback listener of this script (its CPU is not counted). After WARMUP seconds at rest,
the server's CPU time over WINDOW seconds is read from /proc/PID/stat (utime + stime of the JVM and the spawn
helper: the whole process, threads that ended during the window included, which /proc/PID/schedstat, the
leader thread's alone, and the sum over /proc/PID/task/*/schedstat, which loses ended threads, are not),
and shown in % of one core with the JVM's thread count at the window's end. Writes bench/results/probes.md.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import procfs  # noqa: E402
from harness.tools.base import CHILD_COMMAND, CHILD_COMM, connects, free_port  # noqa: E402

SERVER_YML = "loadpaths: [children/]\nmode: quiet\nencrypt: off\nport: {port}\n"
CHILD_YML = 'command: "{command}"\nautorestart: always\n'
HEALTH_YML = "health:\n  tcp: 127.0.0.1:{port}\n  interval: {interval}\n  timeout: 2\n"


def listener() -> int:
    """A loopback port that accepts and closes every connection, on a thread of this script."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(1024)

    def serve() -> None:
        while True:
            connection, _ = server.accept()
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


def cpu_ns(pid: int) -> int:
    """utime + stime of the whole process PID (every thread, also the ended ones), in ns."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // procfs.CLOCK_TICKS


def threads(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def helpers(pid: int) -> list[int]:
    return [proc.pid for proc in procfs.descendants(pid, procfs.snapshot()) if proc.comm != CHILD_COMM and proc.live]


def running_children(pid: int) -> int:
    return sum(1 for proc in procfs.descendants(pid, procfs.snapshot()) if proc.comm == CHILD_COMM and proc.live)


def measure(dist: Path, children: int, health: str, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="keeper-probes-") as temp:
        home = Path(temp)
        port = free_port()
        (home / "server.yml").write_text(SERVER_YML.format(port=port))
        (home / "children").mkdir()
        for i in range(children):
            (home / "children" / f"c{i:04d}.yml").write_text(
                CHILD_YML.format(command=" ".join(CHILD_COMMAND)) + health)
        env = os.environ | {"KEEPER_HOME": str(home / "state")}
        server = subprocess.Popen([str(dist / "bin" / "keeper-server"), str(home / "server.yml")], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not connects(socket.AF_INET, ("127.0.0.1", port)):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("keeper-server did not start")
                time.sleep(0.05)
            subprocess.run([str(dist / "bin" / "keeper"), "start", "all", "on", f"127.0.0.1:{port}"], env=env,
                           stdout=subprocess.DEVNULL, check=False, timeout=600)
            while running_children(server.pid) < children:
                if time.monotonic() > deadline + 600:
                    raise SystemExit("the children did not all start")
                time.sleep(0.5)
            time.sleep(args.warmup)
            measured = [server.pid] + helpers(server.pid)
            before = sum(cpu_ns(pid) for pid in measured)
            time.sleep(args.window)
            after = sum(cpu_ns(pid) for pid in measured)
            return {"cpu": (after - before) / (args.window * 1e9) * 100, "threads": threads(server.pid)}
        finally:
            subprocess.run([str(dist / "bin" / "keeper"), "stop", "all", "on", f"127.0.0.1:{port}"], env=env,
                           stdout=subprocess.DEVNULL, check=False, timeout=600)
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--warmup", type=float, default=15)
    parser.add_argument("--window", type=float, default=30)
    parser.add_argument("--keeper-dist", type=Path, default=HERE.parent / "runtime" / "target" / "keeper")
    args = parser.parse_args()
    target = listener()
    rows = []
    for label, health in (("no probes", ""),
                          (f"tcp health check every {args.interval:g} s",
                           HEALTH_YML.format(port=target, interval=args.interval))):
        result = measure(args.keeper_dist, args.children, health, args)
        rows.append(f"| {args.children} | {label} | {result['cpu']:.2f} % | {result['threads']} |")
        print(rows[-1], flush=True)
    table = "\n".join(["| children | probes | server CPU at rest (% of one core) | JVM threads |",
                       "|---|---|---|---|", *rows])
    machine = f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    report = (f"# Health checks at rest\n\n{table}\n\nOne run each, {args.window:g} s window after {args.warmup:g} s"
              f" at rest; {machine}. Produced by `python3 bench/probes.py`.\n")
    (HERE / "results" / "probes.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
