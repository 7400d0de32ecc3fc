#!/usr/bin/env python3
"""Benchmarks Keeper against supervisord and pm2 (see README.md). Usually started through bench/run."""
import argparse
import atexit
import functools
import json
import os
import resource
import shutil
import subprocess
import signal
import sys
import tempfile
from pathlib import Path

from harness import reaper, report
from harness.machine import describe
from harness.plan import FULL, QUICK
from harness.results import Results
from harness.scenarios import Bench
from harness.tools import ALL, NAMES, Keeper

HERE = Path(__file__).resolve().parent
SCENARIOS = range(1, 8)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="two rounds, N=100 only, one 5 s idle window (to validate the harness)")
    parser.add_argument("--only", type=_tools, default=list(NAMES), metavar="TOOL[,TOOL]",
                        help=f"tools to run, from {','.join(NAMES)} (default: all)")
    parser.add_argument("--scenarios", type=_scenarios, default=set(SCENARIOS), metavar="N[,N]",
                        help="scenario numbers 1-7 (default: all)")
    parser.add_argument("--rounds", type=int, default=None, metavar="R",
                        help="at most R rounds per scenario (to try a change; never for published figures)")
    parser.add_argument("--sizes", type=_sizes, default=None, metavar="N[,N]",
                        help="fleet sizes of scenarios 3, 5 and 7 to run, from the plan's (default: all of them)")
    parser.add_argument("--keeper-dist", type=Path, default=HERE.parent / "runtime" / "target" / "keeper",
                        help="Keeper distribution directory (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=HERE / "results",
                        help="where latest.md and latest.json go (default: %(default)s)")
    return parser.parse_args(argv)


def _tools(text: str) -> list[str]:
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in NAMES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"--only: unknown tool {unknown or text!r}; choose from {','.join(NAMES)}")
    return chosen


def _scenarios(text: str) -> set[int]:
    try:
        chosen = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        chosen = set()
    if not chosen or not chosen <= set(SCENARIOS):
        raise argparse.ArgumentTypeError(f"--scenarios: {text!r} is not a list of numbers 1-7")
    return chosen


def _sizes(text: str) -> set[int]:
    try:
        chosen = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        chosen = set()
    if not chosen:
        raise argparse.ArgumentTypeError(f"--sizes: {text!r} is not a list of numbers")
    return chosen


def factories(names: list[str], keeper_dist: Path, workroot: Path) -> dict:
    made = {}
    for tool in ALL:
        if tool.name not in names:
            continue
        if tool is Keeper:
            made[tool.name] = functools.partial(Keeper, dist=_private_copy(keeper_dist, workroot))
        else:
            made[tool.name] = tool
    return made


def _private_copy(dist: Path, workroot: Path) -> Path:
    """Keeper's distribution is rebuilt in place by others; the run uses a copy taken at its start."""
    if not (dist / "bin" / "keeper-server").exists():
        sys.exit(f"bench: no Keeper distribution at {dist} (build it, pass --keeper-dist, or use --only)")
    copy = workroot / "keeper-dist"
    shutil.copytree(dist, copy, symlinks=True)
    # as after installing a tarball: class-data-sharing archives only apply where they were recorded
    subprocess.run([str(copy / "bin" / "keeper-record-cds"), str(workroot / "keeper-cds")], check=True,
                   stdout=subprocess.DEVNULL)
    return copy


def versions(made: dict, workroot: Path) -> dict[str, str]:
    probe = workroot / "version-probe"
    found = {}
    for name, factory in made.items():
        home = probe / name
        home.mkdir(parents=True)
        found[name] = factory(home, 0).version()
    return found


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    args = parse(argv)
    reaper.become_subreaper()
    atexit.register(reaper.kill_leftovers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workroot = Path(tempfile.mkdtemp(prefix="keeper-bench-"))
    try:
        return run(args, workroot)
    except KeyboardInterrupt:
        log("bench: interrupted")
        return 130
    finally:
        reaper.kill_leftovers()
        shutil.rmtree(workroot, ignore_errors=True)


def run(args: argparse.Namespace, workroot: Path) -> int:
    plan = QUICK if args.quick else FULL
    if args.rounds is not None:
        plan = plan.capped(args.rounds)
    planned = {fleet.children for fleet in plan.fleets}
    sizes = planned if args.sizes is None else args.sizes
    if not sizes <= planned:
        sys.exit(f"bench: --sizes {','.join(map(str, sorted(sizes - planned)))} not in this plan "
                 f"({','.join(map(str, sorted(planned)))})")
    made = factories(args.only, args.keeper_dist, workroot)
    machine = describe(versions(made, workroot))
    results = Results()
    Bench(made, plan, args.scenarios, sizes, workroot, results, log).run()
    notes = [f"`{' '.join(['bench/run', *sys.argv[1:]])}`: {'quick' if args.quick else 'full'} plan {plan}",
             "status round trips timed by " + ("hyperfine" if shutil.which("hyperfine") else "the harness"),
             f"load average at the end (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}",
             f"the harness's own CPU time (its /proc polling): {_own_cpu_seconds():.1f} s"]
    document = report.document(results, machine, notes)
    print(report.table(results))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(document)
    (args.out / "latest.json").write_text(json.dumps({"machine": machine, "results": results.as_json()}, indent=1))
    log(f"written: {args.out / 'latest.md'}")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
