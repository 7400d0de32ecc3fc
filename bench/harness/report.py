"""The markdown report: one row per metric, one column per tool, Keeper's ratios to each peer."""
from .plan import Metric
from .results import Results

PEERS = ("supervisord", "pm2")
TOOLS = ("keeper",) + PEERS
DASH = "—"


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}" if value else "0"


def _cell(results: Results, metric: Metric, tool: str) -> str:
    summary = results.summary(metric, tool)
    failed = results.failure(metric, tool)
    if summary is None:
        return "failed" if failed else DASH
    text = _number(summary.median)
    if summary.count > 1:
        text += f" ({_number(summary.low)}–{_number(summary.high)})"
    return text + (" ⚠" if failed else "")


def _ratio(results: Results, metric: Metric, peer: str) -> str:
    keeper, other = results.summary(metric, "keeper"), results.summary(metric, peer)
    if keeper is None or other is None or other.median == 0:
        return DASH
    ratio = keeper.median / other.median
    return f"{ratio:.2f}×" if ratio >= 0.1 else f"{ratio:.2g}×"


def table(results: Results) -> str:
    header = ["scenario", *TOOLS, *(f"keeper/{peer}" for peer in PEERS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for metric in results.metrics():
        row = [f"{metric.scenario}. {metric.label} ({metric.unit})",
               *(_cell(results, metric, tool) for tool in TOOLS),
               *(_ratio(results, metric, peer) for peer in PEERS)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def failures(results: Results) -> str:
    lines = [f"- {tool}, {metric.label}: {reason}"
             for metric in results.metrics() for tool, reason in results.failures.get(metric, {}).items()]
    return "\n".join(["Failures (⚠ = some samples were taken before the failure):", *lines]) if lines else ""


def document(results: Results, machine: dict[str, str], notes: list[str]) -> str:
    parts = ["# Keeper vs supervisord vs pm2", "",
             "Cells: median (min–max) over the samples; lower is better everywhere; ratios compare medians.", "",
             table(results), ""]
    failed = failures(results)
    if failed:
        parts += [failed, ""]
    parts += ["## Machine", "", *(f"- {key}: {value}" for key, value in machine.items()), ""]
    if notes:
        parts += ["## Run", "", *(f"- {note}" for note in notes), ""]
    return "\n".join(parts)
