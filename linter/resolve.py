"""Raw hits -> rule matches -> what counts: safe-context effects, client stories, attachment."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from linter.documents import paragraph_spans
from linter.engine import Analysis
from linter.rules import CONTEXT_CATEGORIES, Rule, RuleSet, compile_regex, finditer, search

#: Categories that only matter when they attach to a client story.
ATTACHABLE = (
    "client_quote",
    "direct_identifier",
    "quasi_identifier",
    "sensitive_clinical",
    "derogatory",
    "minor",
    "location_checkin",
)
#: The story classifier's probability at or above which a draft is read as a client story
#: (chosen by 5-fold cross-validation on the dev split: models/README.md).
STORY_THRESHOLD = 0.8
#: What a weak reference ("jenny told me…") needs in its story to count.
WEAK_TRIGGERS = ("sensitive_clinical", "minor")
#: A story runs from the sentence before a client reference to this many sentences after it,
#: within one paragraph.
STORY_BEFORE, STORY_AFTER = 1, 2


@dataclass(frozen=True)
class Match:
    """One rule matching one span of the draft."""

    rule: Rule
    start: int
    end: int
    score: float = 0.8

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class Resolution:
    """The matches that count, sorted into the roles the scorer needs."""

    context: str  # "none" | "aggregate" | "workday" | "specific" (weak references count as specific)
    references: list[Match] = field(default_factory=list)  # client refs / anecdotes / dual
    attached: list[Match] = field(default_factory=list)  # identifiers & aggravators in a story
    aggregate_attached: list[Match] = field(default_factory=list)  # aggravators beside aggregate refs
    mitigating: list[Match] = field(default_factory=list)  # consent / composite claims
    signals: list[Match] = field(default_factory=list)  # safe context that was noticed
    sentences: tuple[tuple[int, int], ...] = ()
    story_probability: float | None = None  # set when the classifier promoted the draft


class Sentences:
    """Sentence and paragraph lookup by character offset."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        paragraphs = paragraph_spans(text)
        self._paragraph_starts = [s for s, _ in paragraphs]
        self.spans = tuple(_clean_sentences(text, spans, paragraphs)) or ((0, len(text)),)
        self._starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, offset) - 1

    def bounds(self, index: int) -> tuple[int, int]:
        return self.spans[index]


def _clean_sentences(
    text: str, spans: Sequence[tuple[int, int]], paragraphs: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences trimmed of surrounding white space and never crossing a paragraph break."""
    cleaned = []
    starts = [p for p, _ in paragraphs]
    for start, end in spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = bisect.bisect_left(starts, end)
        for p_start, p_end in paragraphs[first:last]:
            s, e = max(start, p_start), min(end, p_end)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                cleaned.append((s, e))
    return sorted(cleaned)


def match_rules(analysis: Analysis, ruleset: RuleSet, active: frozenset[str],
                sentences: Sentences | None = None) -> list[Match]:
    """Turn recognizer hits into rule matches (entity patterns, ``where`` and ``unless``)."""
    by_id = {rule.id: rule for rule in ruleset.rules if rule.id in active}
    by_entity: dict[str, list[tuple[Rule, str | None]]] = {}
    for rule in by_id.values():
        for pattern in rule.patterns:
            if pattern.entity:
                by_entity.setdefault(pattern.entity, []).append((rule, pattern.where))
    text = analysis.text
    sentences = sentences or Sentences(text, analysis.sentences)
    narrative = (list(analysis.narrative), [s for s, _ in analysis.narrative])
    matches: list[Match] = []
    for hit in analysis.hits:
        if hit.entity in by_id:
            candidates: Iterable[Rule] = [by_id[hit.entity]]
        else:
            candidates = [
                rule
                for rule, where in by_entity.get(hit.entity, ())
                if where is None or _search(ruleset.expand(where), text[hit.start : hit.end], rule)
            ]
        for rule in candidates:
            if rule.requires == "narrative" and not _inside(narrative, hit.start):
                continue
            if not _excepted(rule, ruleset, text, sentences, hit.start, hit.end):
                matches.append(Match(rule, hit.start, hit.end, hit.score))
    return _dedupe(matches)


def _inside(spans: tuple[list[tuple[int, int]], list[int]], offset: int) -> bool:
    """Is ``offset`` inside one of the sorted, non-overlapping spans (with their starts)?"""
    items, starts = spans
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < items[index][1]


def _search(pattern: str, text: str, rule: Rule) -> bool:
    return search(compile_regex(pattern, rule.case_sensitive, rule.trusted), text) is not None


def _excepted(rule: Rule, ruleset: RuleSet, text: str, sentences: Sentences, start: int, end: int) -> bool:
    """True when an ``unless`` regex matches a stretch of the sentence that overlaps the hit."""
    if not rule.unless:
        return False
    s_start, s_end = sentences.bounds(sentences.index(start))
    s_start, s_end = min(s_start, start), max(s_end, end)
    window = text[s_start:s_end]
    for pattern in rule.unless:
        compiled = compile_regex(ruleset.expand(pattern), rule.case_sensitive, rule.trusted)
        for found in finditer(compiled, window):
            if found.start() + s_start < end and start < found.end() + s_start:  # overlaps the hit
                return True
    return False


def _dedupe(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches of the same rule; one match per rule+span."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.rule.id, m.start, -(m.end - m.start))):
        if kept and kept[-1].rule.id == match.rule.id and kept[-1].overlaps(match.start, match.end):
            continue
        kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end, m.rule.id))


def resolve(analysis: Analysis, matches: list[Match], sentences: Sentences | None = None) -> Resolution:
    """Apply safe-context effects, find client stories and attach what lies inside them."""
    sentences = sentences or Sentences(analysis.text, analysis.sentences)
    signals = [m for m in matches if m.rule.is_signal]
    active = [m for m in matches if not m.rule.is_signal]

    for signal in signals:
        if signal.rule.effect == "cancel":
            active = [
                m for m in active
                if not (m.rule.category in signal.rule.targets and m.overlaps(signal.start, signal.end))
            ]
    for signal in signals:
        if signal.rule.effect == "neutralise":
            active = [m for m in active if not _neutralised(m, signal, sentences)]

    references = [m for m in active if m.rule.category in CONTEXT_CATEGORIES]
    consent = [m for m in signals if m.rule.effect == "lower"]
    workday_sentences = {sentences.index(m.start) for m in references if m.rule.scope == "workday"}
    # a consent or composite claim announces a case story even without the word "client"
    story_refs = [m for m in references if m.rule.scope in ("specific", "workday")] + consent
    aggregate_refs = [m for m in references if m.rule.scope == "aggregate"]
    attachable = [m for m in active if m.rule.category in ATTACHABLE]

    # a weak reference ("jenny told me…") opens a story when the writer speaks as a
    # clinician, or when that story holds sensitive content or a minor
    clinician = any(m.rule.effect == "promote" for m in signals)
    for weak in (m for m in references if m.rule.scope == "weak"):
        window = _windows([weak], sentences)
        if clinician or any(
            m.rule.category in WEAK_TRIGGERS and sentences.index(m.start) in window for m in attachable
        ):
            story_refs.append(weak)

    # the trained classifier reads a story the rules did not find a reference for: the whole
    # draft becomes the story, unless the writer's own therapy or a fictional case explains it
    probability = analysis.story_probability
    promoted = (
        probability is not None and probability >= STORY_THRESHOLD
        and not any(m.rule.scope == "specific" for m in story_refs)
        and not any(m.rule.effect == "neutralise" and m.rule.scope == "document" for m in signals)
    )
    in_story = set(range(len(sentences.spans))) if promoted else _windows(story_refs, sentences)
    in_aggregate = _windows(aggregate_refs, sentences, before=0, after=0)
    attached = [m for m in attachable if sentences.index(m.start) in in_story]
    aggregate_attached = [
        m for m in attachable
        if m not in attached and sentences.index(m.start) in in_aggregate
        and m.rule.category in ("derogatory", "sensitive_clinical")
    ]

    specific = [
        m for m in story_refs
        if m.rule.scope in ("specific", "weak", "") and sentences.index(m.start) not in workday_sentences
    ]
    if specific or (story_refs and attached) or promoted:
        context = "specific"
    elif story_refs:
        context = "workday"
    elif aggregate_refs:
        context = "aggregate"
    else:
        context = "none"
    return Resolution(
        context=context,
        references=[m for m in references if m.rule.scope != "weak" or m in story_refs],
        attached=attached,
        aggregate_attached=aggregate_attached,
        mitigating=consent if context != "none" else [],
        signals=[m for m in signals if m.rule.effect != "lower"],
        sentences=sentences.spans,
        story_probability=probability if promoted else None,
    )


def _neutralised(match: Match, signal: Match, sentences: Sentences) -> bool:
    """Does a neutralising signal (hypothetical, own therapy) take this client reference out?"""
    rule = signal.rule
    if match.rule.category not in CONTEXT_CATEGORIES:
        return False
    if "implicit" in rule.targets and match.rule.explicit:
        return False
    if rule.scope == "document":
        return True
    return sentences.index(match.start) == sentences.index(signal.start)


def _windows(refs: list[Match], sentences: Sentences, before: int = STORY_BEFORE, after: int = STORY_AFTER) -> set[int]:
    """Sentence indexes inside the story window of any reference (same paragraph only)."""
    indexes: set[int] = set()
    for ref in refs:
        centre = sentences.index(ref.start)
        paragraph = sentences.paragraph(ref.start)
        for index in range(max(centre - before, 0), min(centre + after, len(sentences.spans) - 1) + 1):
            if sentences.paragraph(sentences.bounds(index)[0]) == paragraph:
                indexes.add(index)
    return indexes
