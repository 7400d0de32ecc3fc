#!/usr/bin/env python3
"""Fleet fan-out bench: one `keeper check` against 1000 endpoints on loopback (issue 19).

    python3 bench/fleet.py [--keeper-dist DIR] [--hosts 1000] [--holes 100] [--runs 3]

The endpoints are light stand-ins speaking Keeper's real protocol (bench/fleet/StandIns.java: one JVM hosting
real keeper.protocol RequestServers, each with its own id), plus black holes that accept at the TCP level and
never answer. The client is the distribution's bin/keeper, timed from the outside like a user would see it
(JVM start included); its peak RSS comes from wait4 and its thread count is sampled from /proc while it runs.
Prints a markdown table and writes bench/results/fleet.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_client(dist, words, env=None):
    """Runs bin/keeper WORDS --json; returns (seconds, what the hosts did, exit code, most threads seen)."""
    # the replies go to a file: a pipe left unread while the client runs would fill up and stall it
    output = tempfile.TemporaryFile()
    start = time.monotonic()
    process = subprocess.Popen([str(dist / "bin/keeper"), *words, "--json"], stdout=output, stderr=subprocess.DEVNULL,
                               env=env)
    threads = 0
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("Threads:"):
                    threads = max(threads, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.01)
    seconds = time.monotonic() - start
    output.seek(0)
    return seconds, tally(output.read().decode(errors="replace")), process.returncode, threads


def tally(json_lines):
    """answered / refused / unreachable from the client's --json lines (one per host)."""
    answered = refused = unreachable = 0
    for line in json_lines.splitlines():
        host = json.loads(line)
        if "summary" in host:
            continue
        if host.get("ok"):
            answered += 1
        elif host.get("error", "").startswith(("cannot connect", "no answer within")):
            unreachable += 1
        else:
            refused += 1
    return f"{answered + refused + unreachable} hosts: {answered} answered, {refused} refused, {unreachable} unreachable"


def peak_rss_mib(dist, words, env=None):
    """Peak RSS of one client run, from wait4 (exact, unlike sampling)."""
    process = subprocess.Popen([str(dist / "bin/keeper"), *words], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keeper-dist", default=str(HERE.parent / "runtime/target/keeper"))
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--holes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zookeeper", help="also register the healthy stand-ins as group 'bench' in this ZooKeeper"
                        " (host:port) and time 'check on group:bench'")
    args = parser.parse_args()
    dist = Path(args.keeper_dist).resolve()
    if not (dist / "bin/keeper").exists():
        sys.exit(f"fleet.py: no distribution at {dist}; build it first (mvn -B verify -DskipTests)")

    with tempfile.TemporaryDirectory(prefix="keeper-fleet-bench") as temp:
        healthy_file = Path(temp) / "healthy"
        mixed_file = Path(temp) / "mixed"
        classpath = f"{dist}/system/keeper.api.jar:{dist}/system/keeper.protocol.jar:{dist}/system/keeper.zookeeper.jar"
        registry = [args.zookeeper] if args.zookeeper else []
        stand_ins = [
            subprocess.Popen(["java", "-Xss256k", "-XX:+UseSerialGC", "-Dslf4j.internal.verbosity=ERROR", "-cp", classpath, str(HERE / "fleet/StandIns.java"),
                              str(args.hosts), "0", str(healthy_file), *registry], stdout=subprocess.DEVNULL),
            subprocess.Popen(["java", "-Xss256k", "-XX:+UseSerialGC", "-Dslf4j.internal.verbosity=ERROR", "-cp", classpath, str(HERE / "fleet/StandIns.java"),
                              str(args.hosts), str(args.holes), str(mixed_file)], stdout=subprocess.DEVNULL),
        ]
        try:
            deadline = time.monotonic() + 120
            while not (healthy_file.exists() and mixed_file.exists()):
                if time.monotonic() > deadline or any(p.poll() is not None for p in stand_ins):
                    sys.exit("fleet.py: the stand-in servers did not come up")
                time.sleep(0.1)
            healthy = ",".join(healthy_file.read_text().split())
            mixed = ",".join(mixed_file.read_text().split())
            total = args.hosts + args.holes
            cases = [
                (f"{args.hosts} hosts, --parallel 64 (default)", ["check", "on", healthy]),
                (f"{args.hosts} hosts, --parallel {args.hosts}", ["check", "on", healthy, "--parallel", str(args.hosts)]),
                (f"{args.hosts} hosts + {args.holes} black holes, --parallel {total}, --timeout 1",
                 ["check", "on", mixed, "--parallel", str(total), "--timeout", "1"]),
                (f"{args.hosts} hosts + {args.holes} black holes, --parallel 64, --timeout 1",
                 ["check", "on", mixed, "--timeout", "1"]),
            ]
            if args.zookeeper:
                cases.append((f"group:bench, {args.hosts} members read from ZooKeeper, --parallel 64",
                              ["check", "on", "group:bench"]))
            env = dict(os.environ, KEEPER_ZOOKEEPER=args.zookeeper or "")
            rows = []
            for name, words in cases:
                run_client(dist, words, env)  # warm-up: page cache, CDS
                samples = [run_client(dist, words, env) for _ in range(args.runs)]
                rss = statistics.median(peak_rss_mib(dist, words, env) for _ in range(args.runs))
                seconds = statistics.median(s[0] for s in samples)
                rows.append((name, seconds, rss, max(s[3] for s in samples), samples[-1][2], samples[-1][1]))
        finally:
            for process in stand_ins:
                process.kill()
                process.wait()

    lines = ["| case | wall time (median) | client peak RSS | client threads (most) | exit | hosts |",
             "|---|---|---|---|---|---|"]
    for name, seconds, rss, threads, code, summary in rows:
        lines.append(f"| {name} | {seconds:.2f} s | {rss:.0f} MiB | {threads} | {code} | `{summary}` |")
    machine = f"{os.cpu_count()} CPUs, {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}"
    report = "\n".join(lines) + f"\n\n{machine}, {time.strftime('%Y-%m-%d %H:%M')}, median of {args.runs} runs after a warm-up\n"
    print(report)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "fleet.md").write_text("# Fleet fan-out bench (bench/fleet.py)\n\n" + report)


if __name__ == "__main__":
    main()
