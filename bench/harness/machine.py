"""What the numbers were measured on."""
import os
import platform
import subprocess
from datetime import datetime, timezone


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as failure:
        return f"unavailable ({failure})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0] if lines else "unavailable"


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory() -> str:
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return f"{kib / 1024 / 1024:.1f} GiB"


def describe(tool_versions: dict[str, str]) -> dict[str, str]:
    facts = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus (nproc)": str(os.cpu_count()),
        "cpu model": _cpu_model(),
        "memory": _memory(),
        "kernel": platform.release(),
        "load average at start (1, 5, 15 min)": ", ".join(f"{load:.2f}" for load in os.getloadavg()),
        "java": _first_line(["java", "-version"]),
        "python": platform.python_version(),
        "node": _first_line(["node", "--version"]),
    }
    return facts | tool_versions
