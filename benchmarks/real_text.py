"""Evaluate hushlint on real public text that nobody on the team wrote.

Reads the extracted data sets in ``../shared/data`` (relative to the repository root, i.e. a
``shared/data`` folder next to the checkout; ``--data`` points elsewhere) and runs three parts.
A part whose folder is absent is skipped with a one-line message; the others still run.

1. **CounselChat** (``counselchat/``): the unique therapist answers (deduplicated on the exact
   answer text) are linted with ``Linter().lint_many``. These are public answers to public
   questions, so almost none should be a client story: the target is at most 2% of answers at
   ``medium`` or above. Every flagged answer is listed (id, level, rules, first 200 characters)
   so a human can judge whether it really tells a client's story.
2. **Names in tweets** (``broad_twitter_corpus_ner/`` section F, ``wnut17_ner/`` test split):
   PERSON recall against the gold person spans for (a) Presidio's default analyzer over the same
   spaCy model (``linter.evaluate.presidio_default_analyzer``, entity PERSON only) and (b)
   hushlint's name recognition, the union of its raw PERSON, GIVEN_NAME, INITIALS and HANDLE hits
   from ``Linter().engine.analyze`` (the recognizers, before any client-story logic). A gold span
   counts as found when a predicted span overlaps it. BTC labels @handles as PER, so recall is
   also given without gold spans starting with "@". False positives are predicted spans
   (overlapping hits merged) that overlap no gold person span; "extra FP" are the ones hushlint's
   own name heuristics add: GIVEN_NAME/INITIALS/HANDLE spans overlapping no gold person span and
   no spaCy PERSON hit. Target: hushlint finds at least as many gold names as Presidio, and the
   extra FP are at most half of Presidio's false positives.
3. **Presidio's recognizer test cases** (``presidio_analyzer_tests/``): the phone, email, URL and
   date cases from Presidio's own unit tests, run through hushlint's analyzer (one parse per text,
   hits filtered by entity type). Strict pass: the same number of spans with the same start/end;
   lenient pass: every expected span overlaps a hit and every hit overlaps an expected span; span
   recall: the share of expected spans that some hit overlaps (extra hits ignored). A
   reference column runs the recognizer exactly as Presidio's test configured it, standalone.
   hushlint does not register Presidio's regex DateRecognizer: its DATE_TIME comes from spaCy's
   NER (DATE/TIME labels), so the date numbers measure spaCy against regex-date test cases.

Prints a readable report and writes the numbers to a JSON file (default
``benchmarks/results/real_text.json``, git-ignored). Example::

    python benchmarks/real_text.py                       # everything (a few minutes on 2 cores)
    python benchmarks/real_text.py --parts names --limit 200
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "real_text.json"
PARTS = ("counselchat", "names", "presidio")

try:  # running as `python benchmarks/real_text.py` from a checkout that is not pip-installed
    import linter  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT))

from linter.levels import Level  # noqa: E402

Span = tuple[int, int]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans become one (so "Lily" as PERSON and as GIVEN_NAME counts once)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else float("nan")


def one_line(text: str, width: int = 200) -> str:
    return re.sub(r"\s+", " ", text[:width]).strip()


# --- 1. CounselChat ------------------------------------------------------------------------

COUNSELCHAT_FILE = Path("counselchat") / "counselchat_answers.jsonl"
COUNSELCHAT_EXPECTED_UNIQUE = 2008
COUNSELCHAT_TARGET = 0.02  # at most this share of answers at medium or above


@dataclass(frozen=True)
class Answer:
    """One unique CounselChat answer (the first row with this exact text)."""

    id: int  # row_id of the first row with this text
    question_id: int
    topic: str
    text: str
    duplicate_ids: tuple[int, ...]  # later row_ids repeating the same text
    mentions_clients: bool  # the data set's regex triage flag, not a gold label
    anecdote_heuristic: bool


def load_counselchat(data_dir: Path, limit: int | None = None) -> tuple[list[Answer], dict[str, int]]:
    """Unique answers in file order, and row counts (rows, unique, empty)."""
    rows = read_jsonl(data_dir / COUNSELCHAT_FILE)
    first: dict[str, dict[str, Any]] = {}
    duplicates: dict[str, list[int]] = {}
    empty = 0
    for row in rows:
        text = row.get("answerText") or ""
        if not text.strip():
            empty += 1
            continue
        if text in first:
            duplicates[text].append(row["row_id"])
        else:
            first[text] = row
            duplicates[text] = []
    answers = [
        Answer(
            id=row["row_id"],
            question_id=row["questionID"],
            topic=row.get("topic") or "",
            text=text,
            duplicate_ids=tuple(duplicates[text]),
            mentions_clients=bool(row.get("mentions_clients_heuristic")),
            anecdote_heuristic=bool(row.get("specific_client_anecdote_heuristic")),
        )
        for text, row in first.items()
    ]
    stats = {"rows": len(rows), "unique_answers": len(answers), "empty_answers": empty}
    if limit is not None:
        answers = answers[:limit]
    return answers, stats


def lint_counselchat(linter, answers: Sequence[Answer]) -> dict[str, Any]:
    """Lint every answer (batched); level counts, rates and the flagged answers."""
    too_long = [a for a in answers if len(a.text) > linter.config.max_chars]
    usable = [a for a in answers if len(a.text) <= linter.config.max_chars]
    reports = linter.lint_many([a.text for a in usable], [f"counselchat:{a.id}" for a in usable])
    levels: Counter[str] = Counter()
    flagged = []
    for answer, report in zip(usable, reports, strict=True):
        levels[str(report.severity)] += 1
        if report.severity < Level.MEDIUM:
            continue
        rules = sorted({(f.rule, f.name) for f in report.findings})
        flagged.append({
            "id": answer.id,
            "question_id": answer.question_id,
            "topic": answer.topic,
            "duplicate_ids": list(answer.duplicate_ids),
            "level": str(report.severity),
            "score": report.score,
            "rules": [f"{rule} {name}" for rule, name in rules],
            "findings": [{"rule": f.rule, "name": f.name, "level": str(f.level), "text": f.text}
                         for f in report.findings],
            "contributions": [c.to_dict() for c in report.contributions],
            "story_classifier": any("story classifier" in c.reason for c in report.contributions),
            "mentions_clients_heuristic": answer.mentions_clients,
            "anecdote_heuristic": answer.anecdote_heuristic,
            "excerpt": one_line(answer.text),
            "text": answer.text,
        })
    n = len(usable)
    medium = sum(levels[str(lv)] for lv in Level if lv >= Level.MEDIUM)
    high = sum(levels[str(lv)] for lv in Level if lv >= Level.HIGH)
    heuristic = [a for a in usable if a.mentions_clients]
    flagged_ids = {f["id"] for f in flagged}
    return {
        "linted": n,
        "skipped_too_long": [a.id for a in too_long],
        "levels": {str(lv): levels[str(lv)] for lv in Level},
        "at_least_medium": {"count": medium, "percent": pct(medium, n)},
        "at_least_high": {"count": high, "percent": pct(high, n)},
        "target_percent_at_least_medium": 100 * COUNSELCHAT_TARGET,
        "meets_target": n > 0 and medium / n <= COUNSELCHAT_TARGET,
        "mentions_clients_heuristic": {"answers": len(heuristic),
                                       "flagged": sum(a.id in flagged_ids for a in heuristic)},
        "flagged_by_rule": dict(Counter(r for f in flagged for r in f["rules"]).most_common()),
        "flagged_by_story_classifier": sum(f["story_classifier"] for f in flagged),
        "flagged": flagged,
    }


def print_counselchat(stats: dict[str, int], result: dict[str, Any]) -> None:
    n = result["linted"]
    print(f"rows {stats['rows']:,}; unique answers (deduplicated on answer text) {stats['unique_answers']:,} "
          f"(the issue expects {COUNSELCHAT_EXPECTED_UNIQUE:,}); empty answers skipped {stats['empty_answers']}")
    if result["skipped_too_long"]:
        print(f"skipped (longer than --max-chars): {result['skipped_too_long']}")
    print(f"linted {n:,}; levels: " + ", ".join(f"{k} {v:,}" for k, v in result["levels"].items()))
    m, h = result["at_least_medium"], result["at_least_high"]
    verdict = "MEETS" if result["meets_target"] else "MISSES"
    print(f">= medium: {m['count']:,} / {n:,} = {m['percent']:.2f}%  ({verdict} the target of "
          f"<= {result['target_percent_at_least_medium']:.0f}%)")
    print(f">= high:   {h['count']:,} / {n:,} = {h['percent']:.2f}%")
    hc = result["mentions_clients_heuristic"]
    print(f"of the {hc['answers']} answers the data set's regex triage marks as mentioning clients "
          f"(not a gold label), {hc['flagged']} are flagged >= medium")
    if result["flagged"]:
        print("answers >= medium in which each rule fired: "
              + ", ".join(f"{rule} {n}" for rule, n in result["flagged_by_rule"].items()))
        print(f"answers >= medium that the story classifier promoted (no rule named a client): "
              f"{result['flagged_by_story_classifier']}")
        print(f"\nflagged answers ({len(result['flagged'])}): read them and judge whether each is a client story")
    for item in result["flagged"]:
        dup = f", same text as rows {item['duplicate_ids']}" if item["duplicate_ids"] else ""
        print(f"\n  row {item['id']} (question {item['question_id']}, {item['topic']}{dup}): "
              f"{item['level']} {item['score']}")
        print(f"    rules: {', '.join(item['rules']) or 'none (no rule fired)'}")
        print("    why: " + "; ".join(f"+{c['points']} {c['reason']}" for c in item["contributions"]))
        spans = "; ".join(f"{f['rule']} {f['text']!r}" for f in item["findings"])
        print(f"    flagged text: {one_line(spans, 400)}")
        print(f"    \"{item['excerpt']}\"")


# --- 2. Names in tweets --------------------------------------------------------------------

PERSON_LABELS = frozenset({"PER", "person", "PERSON"})
NAME_ENTITIES = ("PERSON", "GIVEN_NAME", "INITIALS", "HANDLE")
HEURISTIC_ENTITIES = ("GIVEN_NAME", "INITIALS", "HANDLE")
#: (label, data folder, file, split)
TWEET_SETS = (
    ("BTC section F", "broad_twitter_corpus_ner", "btc.jsonl", "section_f"),
    ("WNUT-17 test", "wnut17_ner", "wnut17.jsonl", "test"),
)


@dataclass(frozen=True)
class Tweet:
    """One tweet with its gold person spans and its other gold entity spans."""

    id: str
    text: str
    gold: tuple[Span, ...]
    other: tuple[Span, ...]  # gold spans of other labels (ORG, LOC, ...)


def load_tweets(path: Path, split: str, limit: int | None = None) -> list[Tweet]:
    """Tweets of one split; person spans are those labelled PER / person."""
    tweets = []
    for row in read_jsonl(path):
        if row["split"] != split:
            continue
        text = row["text"]
        gold, other = [], []
        for span in row.get("spans", []):
            if text[span["start"]:span["end"]] != span["text"]:
                raise ValueError(f"{path}: {row['id']}: span {span} does not match the text")
            (gold if span["label"] in PERSON_LABELS else other).append((span["start"], span["end"]))
        tweets.append(Tweet(row["id"], text, tuple(gold), tuple(other)))
        if limit is not None and len(tweets) >= limit:
            break
    if not tweets:
        raise ValueError(f"{path}: no rows in split {split!r}")
    return tweets


def presidio_person_spans(analyzer, texts: Sequence[str]) -> list[list[Span]]:
    """PERSON spans from Presidio's default analyzer, batched over the texts."""
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    return [[(r.start, r.end) for r in results if r.entity_type == "PERSON"]
            for results in batch.analyze_iterator(list(texts), language="en", batch_size=64,
                                                  entities=["PERSON"])]


def hushlint_name_hits(linter, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
    """hushlint's raw PERSON / GIVEN_NAME / INITIALS / HANDLE hits (no client-story logic)."""
    return [[(h.entity, h.start, h.end) for h in analysis.hits if h.entity in NAME_ENTITIES]
            for analysis in linter.engine.analyze(texts)]


def score_names(tweets: Sequence[Tweet], predicted: Sequence[Iterable[Span]],
                person: Sequence[Iterable[Span]] | None = None,
                heuristic: Sequence[Iterable[tuple[str, int, int]]] | None = None) -> dict[str, Any]:
    """Recall (overlap), predicted spans, false positives; with ``person`` and ``heuristic``
    (hushlint's spaCy PERSON hits and its GIVEN_NAME/INITIALS/HANDLE hits) also the false
    positives the heuristics add beyond spaCy PERSON."""
    gold = found = gold_no_at = found_no_at = n_pred = fp = fp_other = 0
    extra_fp = extra_fp_other = 0
    extra_by_entity: Counter[str] = Counter()
    extra_examples: Counter[str] = Counter()
    fp_examples: Counter[str] = Counter()
    for i, tweet in enumerate(tweets):
        spans = merge(predicted[i])
        n_pred += len(spans)
        for g in tweet.gold:
            hit = any(overlaps(g, p) for p in spans)
            gold += 1
            found += hit
            if not tweet.text[g[0]:g[1]].startswith("@"):
                gold_no_at += 1
                found_no_at += hit
        for p in spans:
            if not any(overlaps(p, g) for g in tweet.gold):
                fp += 1
                fp_other += any(overlaps(p, o) for o in tweet.other)
                fp_examples[tweet.text[p[0]:p[1]]] += 1
        if person is None or heuristic is None:
            continue
        spacy_person = list(person[i])
        hits = list(heuristic[i])
        for span in merge((s, e) for _, s, e in hits):
            if any(overlaps(span, g) for g in tweet.gold) or any(overlaps(span, q) for q in spacy_person):
                continue
            extra_fp += 1
            extra_fp_other += any(overlaps(span, o) for o in tweet.other)
            kinds = sorted({entity for entity, s, e in hits if overlaps((s, e), span)})
            extra_by_entity["+".join(kinds)] += 1
            extra_examples[tweet.text[span[0]:span[1]]] += 1
    result: dict[str, Any] = {
        "tweets": len(tweets),
        "gold_spans": gold,
        "found": found,
        "recall": found / gold if gold else float("nan"),
        "gold_spans_no_at": gold_no_at,
        "found_no_at": found_no_at,
        "recall_no_at": found_no_at / gold_no_at if gold_no_at else float("nan"),
        "predicted_spans": n_pred,
        "false_positives": fp,
        "false_positives_on_other_gold_entity": fp_other,
        "top_false_positives": fp_examples.most_common(15),
    }
    if person is not None and heuristic is not None:
        result["extra_heuristic_false_positives"] = extra_fp
        result["extra_heuristic_false_positives_on_other_gold_entity"] = extra_fp_other
        result["extra_heuristic_false_positives_by_entity"] = dict(extra_by_entity.most_common())
        result["top_extra_heuristic_false_positives"] = extra_examples.most_common(15)
    return result


def evaluate_names(linter, presidio_analyzer, tweets: Sequence[Tweet]) -> dict[str, Any]:
    """Presidio default PERSON vs hushlint's spaCy PERSON alone vs hushlint's name union."""
    texts = [t.text for t in tweets]
    presidio = presidio_person_spans(presidio_analyzer, texts)
    hits = hushlint_name_hits(linter, texts)
    person = [[(s, e) for entity, s, e in row if entity == "PERSON"] for row in hits]
    heuristic = [[h for h in row if h[0] in HEURISTIC_ENTITIES] for row in hits]
    union = [[(s, e) for _, s, e in row] for row in hits]
    systems = {
        "presidio_default_person": score_names(tweets, presidio),
        "hushlint_spacy_person": score_names(tweets, person),
        "hushlint_names": score_names(tweets, union, person, heuristic),
    }
    p, h = systems["presidio_default_person"], systems["hushlint_names"]
    systems["hushlint_names"]["gold_found_only_by_heuristics"] = (
        h["found"] - systems["hushlint_spacy_person"]["found"])
    systems["targets"] = {
        "finds_at_least_as_many_as_presidio": h["found"] >= p["found"],
        "finds_at_least_as_many_as_presidio_no_at": h["found_no_at"] >= p["found_no_at"],
        "extra_fp_at_most_half_presidio_fp": h["extra_heuristic_false_positives"] <= p["false_positives"] / 2,
    }
    by_entity = h["extra_heuristic_false_positives_by_entity"]
    h["extra_heuristic_false_positives_without_handle"] = sum(
        n for kinds, n in by_entity.items() if "HANDLE" not in kinds.split("+"))
    return systems


def print_names(label: str, result: dict[str, Any]) -> None:
    rows = (("Presidio default (PERSON)", "presidio_default_person"),
            ("hushlint spaCy PERSON only", "hushlint_spacy_person"),
            ("hushlint names (union)", "hushlint_names"))
    n = result["presidio_default_person"]["tweets"]
    print(f"\n{label}: {n:,} tweets, {result['presidio_default_person']['gold_spans']:,} gold person spans "
          f"({result['presidio_default_person']['gold_spans_no_at']:,} not starting with '@')")
    header = f"  {'system':<28}{'found/gold':>12}{'recall':>8}{'no-@ found':>14}{'recall':>8}" \
             f"{'predicted':>11}{'FP':>7}{'FP on ORG/LOC..':>17}{'extra FP':>10}"
    print(header)
    for name, key in rows:
        r = result[key]
        extra = r.get("extra_heuristic_false_positives")
        print(f"  {name:<28}{r['found']:>6,}/{r['gold_spans']:<5,}{r['recall']:>8.1%}"
              f"{r['found_no_at']:>8,}/{r['gold_spans_no_at']:<5,}{r['recall_no_at']:>8.1%}"
              f"{r['predicted_spans']:>11,}{r['false_positives']:>7,}{r['false_positives_on_other_gold_entity']:>17,}"
              f"{'' if extra is None else format(extra, ','):>10}")
    p, h, t = result["presidio_default_person"], result["hushlint_names"], result["targets"]

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    print(f"  target: hushlint finds >= Presidio: {h['found']} vs {p['found']} -> "
          f"{verdict(t['finds_at_least_as_many_as_presidio'])}; excluding @: {h['found_no_at']} vs "
          f"{p['found_no_at']} -> {verdict(t['finds_at_least_as_many_as_presidio_no_at'])}")
    print(f"  target: extra-heuristic FP <= half of Presidio's FP: {h['extra_heuristic_false_positives']} vs "
          f"{p['false_positives'] / 2:g} -> {verdict(t['extra_fp_at_most_half_presidio_fp'])}")
    print(f"  (supplementary, not the target: extra FP leaving out HANDLE hits, since @handles are identifiers "
          f"themselves: {h['extra_heuristic_false_positives_without_handle']} vs {p['false_positives'] / 2:g})")
    print(f"  gold names found only through the heuristics (not spaCy PERSON): {h['gold_found_only_by_heuristics']}")
    print(f"  extra FP by recognizer: {h['extra_heuristic_false_positives_by_entity']}; of them on a gold "
          "ORG/LOC/other span (e.g. an organisation's @handle): "
          f"{h['extra_heuristic_false_positives_on_other_gold_entity']}")
    print("  most frequent extra FP: " + ", ".join(f"{text!r}x{c}" for text, c in
                                                   h["top_extra_heuristic_false_positives"][:10]))
    print("  most frequent Presidio FP: " + ", ".join(f"{text!r}x{c}" for text, c in p["top_false_positives"][:10]))


# --- 3. Presidio's recognizer test cases ---------------------------------------------------

PRESIDIO_CASES_FILE = Path("presidio_analyzer_tests") / "presidio_recognizer_cases.jsonl"
#: family -> (entity type, what produces it in hushlint, what Presidio's test ran)
FAMILIES = {
    "phone": ("PHONE_NUMBER", "Presidio PhoneRecognizer() with its defaults (regions {regions}, leniency 1)",
              "PhoneRecognizer(regions + JP, CN; per-case leniency)"),
    "email": ("EMAIL_ADDRESS", "linter.recognizers.OfflineEmailRecognizer (Presidio's EmailRecognizer, "
              "domain check against tldextract's bundled snapshot)", "EmailRecognizer() (run offline here)"),
    "url": ("URL", "Presidio UrlRecognizer()", "UrlRecognizer()"),
    "date": ("DATE_TIME", "Presidio's regex DateRecognizer plus spaCy NER DATE/TIME labels via "
             "SpacyRecognizer (so relative words such as 'Today' are extra hits)", "DateRecognizer() (regex)"),
}


def load_presidio_cases(data_dir: Path) -> list[dict[str, Any]]:
    """The applicable cases (phone, email, URL, date) that state an expected span list."""
    return [row for row in read_jsonl(data_dir / PRESIDIO_CASES_FILE)
            if row.get("recognizer_family") in FAMILIES and row.get("expected_len") is not None]


def reference_recognizer(case: dict[str, Any]):
    """The recognizer as Presidio's own test built it (email: the offline variant)."""
    from presidio_analyzer.predefined_recognizers import DateRecognizer, PhoneRecognizer, UrlRecognizer

    from linter.recognizers import OfflineEmailRecognizer

    family = case["recognizer_family"]
    if family == "phone":
        return PhoneRecognizer(supported_regions=(*PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS, "JP", "CN"),
                               leniency=case.get("other_params", {}).get("leniency", 1))
    return {"email": OfflineEmailRecognizer, "url": UrlRecognizer, "date": DateRecognizer}[family]()


def judge(expected: Sequence[Span], got: Sequence[Span]) -> tuple[bool, bool]:
    """(strict, lenient): same spans exactly / every span overlapped both ways."""
    strict = sorted(expected) == sorted(got)
    lenient = (all(any(overlaps(e, g) for g in got) for e in expected)
               and all(any(overlaps(g, e) for e in expected) for g in got))
    return strict, lenient


def evaluate_presidio_cases(linter, cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-family strict and lenient pass rates for hushlint and the reference recognizer."""
    analyses = list(linter.engine.analyze([case["text"] for case in cases]))
    per_family: dict[str, dict[str, Any]] = {}
    details = []
    for case, analysis in zip(cases, analyses, strict=True):
        family = case["recognizer_family"]
        entity = FAMILIES[family][0]
        expected = [tuple(p) for p in case["expected_positions"]]
        got = sorted({(h.start, h.end) for h in analysis.hits if h.entity == entity})
        reference = sorted({(r.start, r.end) for r in
                            reference_recognizer(case).analyze(case["text"], [entity], None)})
        strict, lenient = judge(expected, got)
        ref_strict, _ = judge(expected, reference)
        stats = per_family.setdefault(family, Counter())
        stats["cases"] += 1
        stats["positive_cases"] += bool(expected)
        stats["strict"] += strict
        stats["lenient"] += lenient
        stats["reference_strict"] += ref_strict
        stats["expected_spans"] += len(expected)
        stats["expected_spans_found"] += sum(any(overlaps(e, g) for g in got) for e in expected)
        stats["negative_passed"] += strict and not expected
        details.append({
            "family": family, "test_function": case.get("test_function"), "text": case["text"],
            "expected": expected, "hushlint": got, "reference": reference, "strict": strict, "lenient": lenient,
            "reference_strict": ref_strict, "leniency": case.get("other_params", {}).get("leniency"),
        })
    families = {}
    for family, stats in per_family.items():
        n = stats["cases"]
        families[family] = {
            **dict(stats),
            "entity": FAMILIES[family][0],
            "strict_rate": stats["strict"] / n,
            "lenient_rate": stats["lenient"] / n,
            "reference_strict_rate": stats["reference_strict"] / n,
            "span_recall": (stats["expected_spans_found"] / stats["expected_spans"]
                            if stats["expected_spans"] else float("nan")),
        }
    return {"families": families, "cases": details}


def print_presidio(result: dict[str, Any]) -> None:
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    regions = ", ".join(PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS)
    print("which hushlint recognizer answers each family (and what Presidio's test ran):")
    for family, (entity, ours, theirs) in FAMILIES.items():
        print(f"  {family:<6}{entity:<15}hushlint: {ours.format(regions=regions)}; Presidio test: {theirs}")
    print(f"\n  {'family':<8}{'cases':>6}{'(+/-)':>9}{'strict':>14}{'lenient':>14}{'span recall':>16}"
          f"{'reference strict':>20}")
    for family in FAMILIES:
        r = result["families"].get(family)
        if r is None:
            print(f"  {family:<8}no cases")
            continue
        n = r["cases"]
        sign = f"{r['positive_cases']}/{n - r['positive_cases']}"
        print(f"  {family:<8}{n:>6}{sign:>9}{r['strict']:>5}/{n:<3}{r['strict_rate']:>6.0%}"
              f"{r['lenient']:>5}/{n:<3}{r['lenient_rate']:>6.0%}"
              f"{r['expected_spans_found']:>7}/{r['expected_spans']:<3}{r['span_recall']:>6.0%}"
              f"{r['reference_strict']:>11}/{n:<3}{r['reference_strict_rate']:>6.0%}")
    print("  (+/-: cases expecting at least one span / expecting none; span recall: expected spans some hit "
          "overlaps, extra hits ignored; reference = Presidio's recognizer as its test configured it, run "
          "standalone)")
    failures = [c for c in result["cases"] if not c["strict"]]
    if failures:
        print(f"\n  strict failures ({len(failures)}): expected -> hushlint [reference]")
    for c in failures:
        leniency = f" (test leniency {c['leniency']})" if c["leniency"] is not None else ""
        print(f"    {c['family']:<6}{c['text']!r}: {c['expected']} -> {c['hushlint']} "
              f"[reference {c['reference']}]{' (lenient pass)' if c['lenient'] else ''}{leniency}")


# --- main ----------------------------------------------------------------------------------

def _absent(path: Path, part: str) -> bool:
    if path.is_dir():
        return False
    print(f"skipped {part}: {path} is absent")
    return True


def run(data_dir: Path, parts: Sequence[str], limit: int | None = None) -> dict[str, Any]:
    """Run the chosen parts, printing as it goes; return everything for the JSON file."""
    from linter.api import Linter

    linter = Linter()
    out: dict[str, Any] = {"data": str(data_dir), "limit": limit, "model": linter.config.model, "parts": {}}
    started = time.perf_counter()

    if "counselchat" in parts:
        print("\n== 1. CounselChat: unique therapist answers (false alarms on real therapist text) ==")
        if not _absent(data_dir / "counselchat", "CounselChat"):
            t0 = time.perf_counter()
            answers, stats = load_counselchat(data_dir, limit)
            result = lint_counselchat(linter, answers)
            print_counselchat(stats, result)
            out["parts"]["counselchat"] = {**stats, **result, "seconds": time.perf_counter() - t0}

    if "names" in parts:
        print("\n== 2. Names in tweets: PERSON recall, Presidio default vs hushlint's name recognizers ==")
        available = [s for s in TWEET_SETS if not _absent(data_dir / s[1], s[0])]
        if available:
            from linter.evaluate import presidio_default_analyzer

            t0 = time.perf_counter()
            presidio = presidio_default_analyzer(linter.config.model)
            names = {}
            for label, folder, filename, split in available:
                tweets = load_tweets(data_dir / folder / filename, split, limit)
                names[label] = evaluate_names(linter, presidio, tweets)
                print_names(label, names[label])
            print("\n  found = gold person spans overlapped by a predicted span; FP = predicted spans (overlaps"
                  " merged) overlapping no gold person span; 'FP on ORG/LOC..' = of those, overlapping a gold"
                  " span of another label; extra FP = GIVEN_NAME/INITIALS/HANDLE spans overlapping no gold"
                  " person span and no spaCy PERSON hit")
            out["parts"]["names"] = {**names, "seconds": time.perf_counter() - t0}

    if "presidio" in parts:
        print("\n== 3. Presidio's recognizer test cases through hushlint's analyzer ==")
        if not _absent(data_dir / "presidio_analyzer_tests", "Presidio test cases"):
            t0 = time.perf_counter()
            cases = load_presidio_cases(data_dir)
            result = evaluate_presidio_cases(linter, cases[:limit] if limit else cases)
            print_presidio(result)
            out["parts"]["presidio_cases"] = {**result, "seconds": time.perf_counter() - t0}

    out["seconds"] = time.perf_counter() - started
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        epilog="Parts: counselchat (false alarms on real therapist answers), names (PERSON recall on "
               "BTC section F and WNUT-17 test), presidio (Presidio's phone/email/URL/date test cases). "
               "A part whose data folder is absent is skipped with a one-line message.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"the extracted data sets (default: ../shared/data from the repo root, {DEFAULT_DATA})")
    parser.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT,
                        help=f"JSON result file (default: {DEFAULT_OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="which parts to run (default: all)")
    parser.add_argument("--limit", type=int, default=None,
                        help="only the first N answers / tweets per set / cases, for a quick look")
    args = parser.parse_args(argv)

    out = run(args.data, args.parts, args.limit)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nrun time {out['seconds']:.0f} s; results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
