"""Samples per metric, tool and round; failures and notes; Keeper's ratios to a peer taken round by round."""
import statistics
from dataclasses import dataclass, field

from .plan import Metric


@dataclass
class Summary:
    median: float
    low: float
    high: float
    count: int

    @staticmethod
    def of(values: list[float]) -> "Summary | None":
        return Summary(statistics.median(values), min(values), max(values), len(values)) if values else None


@dataclass
class Results:
    # metric -> tool -> round -> the round's samples
    samples: dict[Metric, dict[str, dict[int, list[float]]]] = field(default_factory=dict)
    failures: dict[Metric, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, list] = field(default_factory=dict)  # cross-checks kept in the JSON (idle CPU from stat)

    def add(self, metric: Metric, tool: str, round_: int, value: float) -> None:
        self.samples.setdefault(metric, {}).setdefault(tool, {}).setdefault(round_, []).append(value)

    def fail(self, metrics: list[Metric], tool: str, reason: str) -> None:
        for metric in metrics:
            self.failures.setdefault(metric, {}).setdefault(tool, reason)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def metrics(self) -> list[Metric]:
        return sorted(set(self.samples) | set(self.failures))

    def _rounds(self, metric: Metric, tool: str) -> dict[int, list[float]]:
        return self.samples.get(metric, {}).get(tool, {})

    def summary(self, metric: Metric, tool: str) -> Summary | None:
        return Summary.of([value for values in self._rounds(metric, tool).values() for value in values])

    def round_ratios(self, metric: Metric, tool: str, peer: str) -> Summary | None:
        """TOOL's round median over PEER's round median, for every round both have samples in."""
        mine, theirs = self._rounds(metric, tool), self._rounds(metric, peer)
        ratios = [statistics.median(mine[r]) / statistics.median(theirs[r])
                  for r in sorted(mine.keys() & theirs.keys()) if statistics.median(theirs[r]) > 0]
        return Summary.of(ratios)

    def failure(self, metric: Metric, tool: str) -> str | None:
        return self.failures.get(metric, {}).get(tool)

    def as_json(self) -> dict:
        return {"metrics": {m.label: {"unit": m.unit,
                                      "samples_by_round": {tool: {str(r): v for r, v in rounds.items()}
                                                           for tool, rounds in self.samples.get(m, {}).items()},
                                      "failures": self.failures.get(m, {})} for m in self.metrics()},
                "notes": self.notes, **self.extra}
