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
    for g, p in zip(gold, predicted, strict=False):
        confusion[g][p] += 1

    def rate(pairs: list[tuple[Level, Level]], hit) -> float:
        return sum(1 for pair in pairs if hit(pair)) / len(pairs) if pairs else float("nan")

    pairs = list(zip(gold, predicted, strict=False))
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
    for item, spans in zip(items, found, strict=False):
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
    for name, row in zip(names, confusion, strict=False):
        lines.append(name.ljust(width + 3) + "".join(str(v).rjust(width) for v in row))
    return "\n".join(lines)


# --- predictors ---------------------------------------------------------------------------

GREP_PATTERN = r"\b(?:clients?|patients?|sessions?)\b"


def predict_hushlint(items: Sequence[Item], linter) -> tuple[list[Level], list[list[tuple[int, int]]]]:
    """hushlint's levels and its direct-identifier spans."""
    levels, spans = [], []
    for report in linter.lint_many([item.text for item in items]):
        levels.append(report.severity)
        spans.append([(f.start, f.end) for f in report.findings if f.category == "direct_identifier"])
    return levels, spans


def predict_grep(items: Sequence[Item]) -> tuple[list[Level], list[list[tuple[int, int]]]]:
    """Baseline 1: a case-insensitive grep for client|patient|session flags a draft as medium."""
    import regex

    pattern = regex.compile(GREP_PATTERN, regex.IGNORECASE)
    levels, spans = [], []
    for item in items:
        found = [(m.start(), m.end()) for m in pattern.finditer(item.text)]
        levels.append(Level.MEDIUM if found else Level.NONE)
        spans.append(found)
    return levels, spans


def presidio_default_analyzer(model: str):
    """Baseline 2: Presidio's default recognizers over the same spaCy model.

    The only change from ``AnalyzerEngine()`` is offline-ness: the model is the one hushlint
    uses (the default would fetch a larger model) and the email recognizer validates
    domains with tldextract's bundled snapshot instead of fetching the suffix list.
    """
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from linter.recognizers import OfflineEmailRecognizer

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    nlp_engine.nlp = {"en": spacy.load(model)}  # the full pipeline, as Presidio would load it
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp_engine)
    registry.remove_recognizer("EmailRecognizer")
    registry.add_recognizer(OfflineEmailRecognizer())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine)


def predict_presidio(items: Sequence[Item], analyzer) -> tuple[list[Level], list[list[tuple[int, int]]]]:
    """Any PII entity found by Presidio's default analyzer flags a draft as medium."""
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    levels, spans = [], []
    for results in batch.analyze_iterator([item.text for item in items], language="en"):
        levels.append(Level.MEDIUM if results else Level.NONE)
        spans.append([(r.start, r.end) for r in results])
    return levels, spans


def evaluate(items: Sequence[Item], predictions: dict[str, tuple[list[Level], list]]) -> dict[str, dict[str, Metrics]]:
    """Metrics per predictor per split (plus 'all')."""
    out: dict[str, dict[str, Metrics]] = {}
    splits = [*sorted({item.split for item in items if item.split}), "all"]
    for name, (levels, spans) in predictions.items():
        out[name] = {}
        for split in splits:
            index = [i for i, item in enumerate(items) if split == "all" or item.split == split]
            chosen = [items[i] for i in index]
            recall = span_recall(chosen, [spans[i] for i in index], "direct_identifier")
            out[name][split] = metrics([items[i].level for i in index], [levels[i] for i in index], recall)
    return out


def format_results(results: dict[str, dict[str, Metrics]]) -> str:
    """Side-by-side table of every metric plus each confusion matrix."""
    rows = [("breach recall", "breach_recall"), ("severe recall", "severe_recall"),
            ("false alarm", "false_alarm"), ("exact", "exact"), ("within one", "within_one"),
            ("QWK", "qwk"), ("identifier span recall", "identifier_recall")]
    lines = []
    splits = list(next(iter(results.values())).keys())
    for split in splits:
        n = next(iter(results.values()))[split].n
        lines.append(f"== {split} (n={n}) ==")
        names = list(results)
        lines.append("metric".ljust(24) + "".join(name.rjust(12) for name in names))
        for label, key in rows:
            values = [getattr(results[name][split], key) for name in names]
            lines.append(label.ljust(24) + "".join(
                ("   n/a" if v is None else f"{v:.3f}").rjust(12) for v in values))
        for name in names:
            lines.append(f"\n{name} confusion (rows gold, columns predicted):")
            lines.append(format_confusion(results[name][split].confusion))
        lines.append("")
    return "\n".join(lines)
