"""Samples and failures per metric and tool."""
import statistics
from dataclasses import dataclass, field

from .plan import Metric


@dataclass
class Summary:
    median: float
    low: float
    high: float
    count: int


@dataclass
class Results:
    samples: dict[Metric, dict[str, list[float]]] = field(default_factory=dict)
    failures: dict[Metric, dict[str, str]] = field(default_factory=dict)

    def add(self, metric: Metric, tool: str, value: float) -> None:
        self.samples.setdefault(metric, {}).setdefault(tool, []).append(value)

    def fail(self, metrics: list[Metric], tool: str, reason: str) -> None:
        for metric in metrics:
            self.failures.setdefault(metric, {})[tool] = reason

    def metrics(self) -> list[Metric]:
        return sorted(set(self.samples) | set(self.failures))

    def summary(self, metric: Metric, tool: str) -> Summary | None:
        values = self.samples.get(metric, {}).get(tool)
        if not values:
            return None
        return Summary(statistics.median(values), min(values), max(values), len(values))

    def failure(self, metric: Metric, tool: str) -> str | None:
        return self.failures.get(metric, {}).get(tool)

    def as_json(self) -> dict:
        return {m.label: {"unit": m.unit, "samples": self.samples.get(m, {}), "failures": self.failures.get(m, {})}
                for m in self.metrics()}
