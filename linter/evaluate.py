"""Accuracy on a labelled corpus: confusion matrix, recalls, false alarms, agreement, QWK."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.levels import Level


@dataclass(frozen=True)
class Item:
    """One labelled draft: gold level and the spans a linter must point at."""

    id: str
    text: str
    level: Level
    split: str
    spans: tuple[tuple[int, int, str], ...]


def load_corpus(paths: Iterable[Path]) -> list[Item]:
    """Read labelled JSONL files (format: tests/corpus/SPEC.md); span texts become offsets."""
    items = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                text = raw["text"]
                spans = []
                for span in raw.get("spans", []):
                    start = text.find(span["text"])
                    if start < 0:
                        raise ValueError(f"span {span['text']!r} is not in the text")
                    spans.append((start, start + len(span["text"]), span["category"]))
                items.append(Item(raw["id"], text, Level.parse(raw["level"]), raw.get("split", ""), tuple(spans)))
            except (KeyError, ValueError, TypeError) as exc:
                raise InputError(f"{path}:{number}: bad corpus item ({exc})") from None
    return items


@dataclass(frozen=True)
class Metrics:
    """The numbers issue #3 asks for, for one predictor on one set of items."""

    n: int
    confusion: tuple[tuple[int, ...], ...]  # rows gold, columns predicted, Level order
    breach_recall: float  # gold >= medium predicted >= medium
    severe_recall: float  # gold >= high predicted >= high
    false_alarm: float  # gold none predicted >= medium
    exact: float
    within_one: float
    qwk: float
    identifier_recall: float | None = None  # direct-identifier spans overlapped by a finding

    def to_dict(self) -> dict[str, object]:
        return {k: (list(map(list, v)) if k == "confusion" else v) for k, v in self.__dict__.items()}


def metrics(gold: Sequence[Level], predicted: Sequence[Level], identifier_recall: float | None = None) -> Metrics:
    """Compute every metric from paired gold and predicted levels."""
    k = len(Level)
    confusion = [[0] * k for _ in range(k)]
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1

    def rate(pairs: list[tuple[Level, Level]], hit) -> float:
        return sum(1 for pair in pairs if hit(pair)) / len(pairs) if pairs else float("nan")

    pairs = list(zip(gold, predicted))
    return Metrics(
        n=len(pairs),
        confusion=tuple(tuple(row) for row in confusion),
        breach_recall=rate([q for q in pairs if q[0] >= Level.MEDIUM], lambda q: q[1] >= Level.MEDIUM),
        severe_recall=rate([q for q in pairs if q[0] >= Level.HIGH], lambda q: q[1] >= Level.HIGH),
        false_alarm=rate([q for q in pairs if q[0] == Level.NONE], lambda q: q[1] >= Level.MEDIUM),
        exact=rate(pairs, lambda q: q[0] == q[1]),
        within_one=rate(pairs, lambda q: abs(q[0] - q[1]) <= 1),
        qwk=quadratic_weighted_kappa(confusion),
        identifier_recall=identifier_recall,
    )


def quadratic_weighted_kappa(confusion: list[list[int]]) -> float:
    """Cohen's kappa with quadratic weights over ordered levels."""
    k = len(confusion)
    total = sum(map(sum, confusion))
    if not total:
        return float("nan")
    rows = [sum(r) for r in confusion]
    cols = [sum(confusion[i][j] for i in range(k)) for j in range(k)]
    observed = expected = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            observed += weight * confusion[i][j] / total
            expected += weight * rows[i] * cols[j] / total**2
    return 1.0 - observed / expected if expected else 1.0


def span_recall(items: Sequence[Item], found: Sequence[list[tuple[int, int]]], category: str) -> float | None:
    """Share of gold spans of ``category`` overlapped by at least one predicted span."""
    total = hit = 0
    for item, spans in zip(items, found):
        if item.level < Level.MEDIUM:
            continue
        for start, end, cat in item.spans:
            if cat != category:
                continue
            total += 1
            hit += any(s < end and start < e for s, e in spans)
    return hit / total if total else None


def format_confusion(confusion: Sequence[Sequence[int]]) -> str:
    """The 5x5 matrix as aligned text, gold in rows, predicted in columns."""
    names = [str(level) for level in Level]
    width = max(map(len, names)) + 1
    lines = ["gold \\ pred".ljust(width + 3) + "".join(n.rjust(width) for n in names)]
    for name, row in zip(names, confusion):
        lines.append(name.ljust(width + 3) + "".join(str(v).rjust(width) for v in row))
    return "\n".join(lines)
