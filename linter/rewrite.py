"""Findings -> two rewrite suggestions: a redacted draft and a general 'keep the lesson' post."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from linter.errors import PatternError
from linter.findings import Suggestion
from linter.levels import Level
from linter.resolve import Resolution
from linter.rules import builtin_pack_dir, compile_regex, finditer
from linter.yamlload import load_yaml

_THIRD_PERSON = regex.compile(r"\b(?:she|he|they|her|him|his|them|their|hers)\b", regex.IGNORECASE)
_CLEANUPS = (
    (regex.compile(r"\(\s*[,;]?\s*\)"), ""),  # empty parentheses left by removals
    (regex.compile(r"\(\s*,\s*"), "("),
    (regex.compile(r"\s*,\s*\)"), ")"),
    (regex.compile(r"(?:,\s*){2,}"), ", "),
    # a word left dangling before punctuation by a removal ("emailed me from ."); the space
    # shows something was removed, so "she came in." is left alone
    (regex.compile(r"\b(?:(?:a|an|the|on|in|at|from|since|over|to|by|via)[ \t]+)+(?=[,.;:!?])", regex.IGNORECASE), ""),
    (regex.compile(r"\b(client|patient|pt) someone\b", regex.IGNORECASE), r"\1"),
    (regex.compile(r"[ \t]{2,}"), " "),
    (regex.compile(r"[ \t]+([,.;:!?)])"), r"\1"),
    (regex.compile(r"(^|\n)[ \t]*,\s*"), r"\1"),
    (regex.compile(r",(?=[.!?])"), ""),
)


@dataclass(frozen=True)
class RewriteData:
    """The rewrite lexicon: time markers to drop and theme lessons."""

    time_markers: tuple[regex.Pattern[str], ...]
    lessons: tuple[tuple[regex.Pattern[str], str], ...]
    default_lesson: str


@functools.lru_cache(maxsize=1)
def rewrite_data() -> RewriteData:
    """Load patterns/lexicons/rewrite.yaml once."""
    path = builtin_pack_dir() / "lexicons" / "rewrite.yaml"
    data = load_yaml(path, PatternError)
    try:
        markers = tuple(compile_regex(p, trusted=True) for p in data["time_markers"])
        lessons = tuple((compile_regex(item["match"], trusted=True), " ".join(item["lesson"].split()))
                        for item in data["lessons"])
        default = " ".join(data["default_lesson"].split())
    except (KeyError, TypeError, regex.error) as exc:
        raise PatternError(str(path), None, str(exc), "malformed rewrite lexicon") from None
    return RewriteData(markers, lessons, default)


def suggest(text: str, resolution: Resolution, level: Level) -> Suggestion:
    """Both suggestions; a draft below medium is returned unchanged."""
    if level < Level.MEDIUM:
        return Suggestion(redacted=text, general=text)
    return Suggestion(redacted=redact(text, resolution), general=generalise(text, resolution))


def redact(text: str, resolution: Resolution) -> str:
    """Remove or generalise identifiers and quotes, drop time markers (presidio-anonymizer)."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results, operators = [], {}
    marks = resolution.references + resolution.attached
    spans = [(m.start, m.end, m.rule.generalise) for m in marks if m.rule.generalise is not None]
    for pattern in rewrite_data().time_markers:
        spans += [
            (f.start(), f.end(), "")
            for f in finditer(pattern, text)
            if not any(s < f.end() and f.start() < e for s, e, _ in spans)
        ]
    for index, (start, end, replacement) in enumerate(spans):
        key = f"HUSHLINT_{index}"
        results.append(RecognizerResult(entity_type=key, start=start, end=end, score=1.0))
        # "custom" rather than "replace": replace turns an empty value into "<ENTITY>"
        operators[key] = OperatorConfig("custom", {"lambda": _constant(replacement)})
    if not results:
        return text
    redacted = _anonymizer().anonymize(text=text, analyzer_results=results, operators=operators).text
    return tidy(redacted)


def _constant(value: str):  # -> Callable[[str], str]
    return lambda _original: value


@functools.lru_cache(maxsize=1)
def _anonymizer():  # -> presidio_anonymizer.AnonymizerEngine
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def generalise(text: str, resolution: Resolution) -> str:
    """Keep sentences that tell no client story; replace the story with lessons on its theme."""
    story_marks = resolution.references + resolution.attached
    kept, dropped = [], []
    continuing = False
    for start, end in resolution.sentences:
        sentence = text[start:end].strip()
        if not sentence:
            continue
        marked = any(start <= m.start < end for m in story_marks)
        # a story goes on while the next sentences keep talking about "her", "him", "them"
        continuing = marked or (continuing and _THIRD_PERSON.search(sentence) is not None)
        (dropped if continuing else kept).append(sentence)
    data = rewrite_data()
    story = " ".join(dropped)
    lessons = [lesson for pattern, lesson in data.lessons if pattern.search(story)][:2]
    return " ".join([*kept, *(lessons or [data.default_lesson])]).strip()


def tidy(text: str) -> str:
    """Clean the punctuation and spacing left behind by removals."""
    for pattern, replacement in _CLEANUPS:
        text = pattern.sub(replacement, text)
    return regex.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.strip())
