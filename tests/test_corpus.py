"""The labelled corpus: well-formed, and a regression guard on hushlint's accuracy.

Every draft in tests/corpus/ is linted and its level compared with the gold level. The floors
below are set a little under what was measured when they were last raised (see the README's
"Accuracy" section): later work may not quietly make detection worse. They are never lowered
to make a change pass.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from linter.evaluate import format_confusion, load_corpus, metrics, span_recall
from linter.levels import Level

CORPUS = Path(__file__).resolve().parent / "corpus"
FLOORS = {  # metric: (dev floor, test floor); false_alarm is a ceiling
    "breach_recall": (0.96, 0.83),
    "severe_recall": (0.94, 0.66),
    "exact": (0.87, 0.66),
    "within_one": (0.96, 0.83),
    "qwk": (0.92, 0.70),
    "identifier_recall": (0.68, 0.53),
}
CEILINGS = {"false_alarm": (0.03, 0.11)}


def test_corpus_is_well_formed() -> None:
    ids = Counter()
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            ids[item["id"]] += 1
            assert item["split"] in ("dev", "test"), item["id"]
            Level.parse(item["level"])
            for span in item["spans"]:
                assert span["text"] in item["text"], (item["id"], span["text"])
    assert len(ids) >= 450 and max(ids.values()) == 1
    items = load_corpus(sorted(CORPUS.glob("*.jsonl")))
    assert {i.split for i in items} == {"dev", "test"}
    for level in Level:  # every level well represented in both splits
        for split in ("dev", "test"):
            assert sum(1 for i in items if i.level == level and i.split == split) >= 15, (level, split)


@pytest.fixture(scope="module")
def predictions(linter):
    items = load_corpus(sorted(CORPUS.glob("*.jsonl")))
    reports = list(linter.lint_many([item.text for item in items]))
    return items, reports


@pytest.mark.parametrize(("split", "column"), [("dev", 0), ("test", 1)])
def test_accuracy_does_not_regress(predictions, split: str, column: int) -> None:
    items, reports = predictions
    chosen = [(i, r) for i, r in zip(items, reports, strict=True) if i.split == split]
    spans = [[(f.start, f.end) for f in r.findings if f.category == "direct_identifier"] for _, r in chosen]
    result = metrics([i.level for i, _ in chosen], [r.severity for _, r in chosen],
                     span_recall([i for i, _ in chosen], spans, "direct_identifier"))
    print(f"\n{split} (n={result.n})\n{format_confusion(result.confusion)}")
    print({k: round(v, 3) for k, v in result.to_dict().items() if isinstance(v, float)})
    for name, floors in FLOORS.items():
        assert getattr(result, name) >= floors[column], (split, name, getattr(result, name))
    for name, ceilings in CEILINGS.items():
        assert getattr(result, name) <= ceilings[column], (split, name, getattr(result, name))


def test_every_rule_fires_somewhere_in_the_corpus(predictions) -> None:
    """A rule no draft ever triggers is either dead or untested by real-looking text."""
    from linter.rules import load_rules

    _, reports = predictions
    fired = {f.rule for r in reports for f in r.findings} | {s.rule for r in reports for s in r.signals}
    unused = {r.id for r in load_rules().rules if r.category != "suppression"} - fired
    assert len(unused) <= 4, sorted(unused)
