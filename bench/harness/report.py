"""The markdown report: one row per metric, one column per tool, Keeper's per-round ratios to each peer."""
from .plan import TARGETS, Metric
from .results import Results, Summary

PEERS = ("supervisord", "pm2")
TOOLS = ("keeper",) + PEERS
DASH = "—"


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}" if value else "0"


def _spread(summary: Summary, number=_number) -> str:
    text = number(summary.median)
    return text + (f" ({number(summary.low)}–{number(summary.high)})" if summary.count > 1 else "")


def _cell(results: Results, metric: Metric, tool: str) -> str:
    summary = results.summary(metric, tool)
    failed = results.failure(metric, tool)
    if summary is None:
        return "failed" if failed else DASH
    return _spread(summary) + (" ⚠" if failed else "")


def _times(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 100 else f"{ratio:.2f}×" if ratio >= 0.1 else f"{ratio:.2g}×"


def _ratio(results: Results, metric: Metric, peer: str) -> str:
    summary = results.round_ratios(metric, "keeper", peer)
    return DASH if summary is None else _spread(summary, _times)


def table(results: Results) -> str:
    header = ["scenario", *TOOLS, *(f"keeper/{peer} per round" for peer in PEERS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for metric in results.metrics():
        row = [f"{metric.scenario}. {metric.label} ({metric.unit})",
               *(_cell(results, metric, tool) for tool in TOOLS),
               *(_ratio(results, metric, peer) for peer in PEERS)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def targets(results: Results) -> str:
    """Issue 18's targets, each met or missed by the median of Keeper's per-round ratios in this run."""
    lines = []
    for target in TARGETS:
        summary = results.round_ratios(target.metric, "keeper", target.peer)
        if summary is None:
            continue
        verdict = "met" if summary.median <= target.bound else "missed"
        lines.append(f"- {target.metric.label}: keeper/{target.peer} {_spread(summary, _times)}, "
                     f"target ≤ {target.bound:g}×: **{verdict}**")
    return "\n".join(["## Issue 18 targets (median of the per-round ratios)", "", *lines]) if lines else ""


def failures(results: Results) -> str:
    lines = [f"- {tool}, {metric.label}: {reason}"
             for metric in results.metrics() for tool, reason in results.failures.get(metric, {}).items()]
    return "\n".join(["Failures (⚠ = some samples were taken before the failure):", *lines]) if lines else ""


def document(results: Results, machine: dict[str, str], notes: list[str]) -> str:
    parts = ["# Keeper vs supervisord vs pm2", "",
             "The tools take turns within every round. Tool cells: median (min–max) over all samples. "
             "Ratio cells: Keeper's round median over the peer's round median, per round; median (min–max) of "
             "those per-round ratios. Lower is better everywhere.", "",
             table(results), ""]
    failed = failures(results)
    if failed:
        parts += [failed, ""]
    goals = targets(results)
    if goals:
        parts += [goals, ""]
    if results.notes:
        parts += ["## Notes", "", *(f"- {note}" for note in results.notes), ""]
    parts += ["## Machine", "", *(f"- {key}: {value}" for key, value in machine.items()), ""]
    if notes:
        parts += ["## Run", "", *(f"- {note}" for note in notes), ""]
    return "\n".join(parts)
