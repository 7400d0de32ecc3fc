#!/usr/bin/env python3
"""What the http feature costs Keeper's server (issue 17), and what an API call costs.

    python3 bench/http_cost.py [--runs 3] [--calls 200] [--keeper-dist DIR]

Starts keeper-server RUNS times without and RUNS times with an `http:` section (which installs the http feature
at boot) and takes, per start: the time from launch to the ready line (which waits for the first listener, TCP),
with http the time until `GET /api/children` first answers, and the server's RSS (VmRSS of /proc/PID/status)
3 s after ready. With http, CALLS sequential `GET /api/children` on one kept-alive connection give
the API's round trip (median and 99th percentile); the same number of `keeper status` CLI calls give the CLI's
for comparison. Writes bench/results/http.md.
"""
import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness.tools.base import free_port  # noqa: E402

SERVER_YML = "loadpaths: [children/]\nmode: quiet\nencrypt: off\nport: {port}\n"
HTTP_YML = "http:\n  port: {port}\n"
CHILDREN = 10


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def start(dist: Path, home: Path, with_http: bool) -> tuple[subprocess.Popen, float, float, int]:
    port, http_port = free_port(), free_port()
    (home / "server.yml").write_text(SERVER_YML.format(port=port) + (HTTP_YML.format(port=http_port) if with_http else ""))
    env = os.environ | {"KEEPER_HOME": str(home / "state")}
    launched = time.monotonic()
    server = subprocess.Popen([str(dist / "bin" / "keeper-server"), str(home / "server.yml")], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in server.stdout:
        if line.startswith("keeper-server ready"):
            ready = (time.monotonic() - launched) * 1000
            answering = await_api(http_port, launched) if with_http else ready
            return server, ready, answering, http_port if with_http else port
    raise SystemExit("keeper-server did not become ready")


def await_api(port: int, launched: float) -> float:
    """Milliseconds from launch until the API first answers 200."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/children")
            if connection.getresponse().status == 200:
                return (time.monotonic() - launched) * 1000
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit("the HTTP API did not answer")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def api_calls(port: int, calls: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(calls):
        began = time.monotonic()
        connection.request("GET", "/api/children")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"GET /api/children answered {response.status}")
        times.append((time.monotonic() - began) * 1000)
    connection.close()
    return times


def cli_calls(dist: Path, port: int, calls: int) -> list[float]:
    times = []
    for _ in range(calls):
        began = time.monotonic()
        subprocess.run([str(dist / "bin" / "keeper"), "status", "on", f"127.0.0.1:{port}"],
                       stdout=subprocess.DEVNULL, check=True, timeout=60)
        times.append((time.monotonic() - began) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--keeper-dist", type=Path, default=HERE.parent / "runtime" / "target" / "keeper")
    args = parser.parse_args()
    rows, api, cli = [], [], []
    for with_http in (False, True):
        ready, answering, rss = [], [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="keeper-http-") as temp:
                home = Path(temp)
                (home / "children").mkdir()
                for i in range(CHILDREN):
                    (home / "children" / f"c{i}.yml").write_text('command: "sleep 100000"\n')
                server, ready_ms, answering_ms, port = start(args.keeper_dist, home, with_http)
                try:
                    time.sleep(3)
                    ready.append(ready_ms)
                    answering.append(answering_ms)
                    rss.append(rss_mb(server.pid))
                    if with_http and not api:
                        api = api_calls(port, args.calls)
                        tcp_port = int((home / "server.yml").read_text().split("port: ")[1].split()[0])
                        cli = cli_calls(args.keeper_dist, tcp_port, min(args.calls, 50))
                finally:
                    server.send_signal(signal.SIGTERM)
                    server.wait(timeout=60)
        label = "core + http (`http:` section)" if with_http else "core"
        api_up = f"{statistics.median(answering):.0f} ms" if with_http else "-"
        rows.append(f"| {label} | {statistics.median(ready):.0f} ms | {api_up} | {statistics.median(rss):.0f} MB |")
        print(rows[-1], flush=True)
    machine = f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    report = "\n".join([
        "# The http feature's cost", "",
        "| server | launch to ready line (median) | launch to API answering (median) | RSS 3 s after ready (median) |",
        "|---|---|---|---|", *rows, "",
        "| call | median | p99 |", "|---|---|---|",
        f"| `GET /api/children`, kept-alive connection ({len(api)} calls) | {statistics.median(api):.2f} ms"
        f" | {percentile(api, 0.99):.2f} ms |",
        f"| `keeper status` CLI, new JVM each ({len(cli)} calls) | {statistics.median(cli):.0f} ms"
        f" | {percentile(cli, 0.99):.0f} ms |", "",
        f"{args.runs} starts each, {CHILDREN} child files, quiet mode; {machine}. Produced by `python3 bench/http_cost.py`.", ""])
    (HERE / "results" / "http.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
