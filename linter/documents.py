"""Split a draft into segments spaCy can parse, keeping exact offsets; map offsets to line:col."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

#: Segments are at most this many characters; longer drafts are cut at paragraph,
#: line, sentence or word boundaries (in that order of preference).
SEGMENT_CHARS = 50_000
_BREAKS = (regex.compile(r"\n\s*\n"), regex.compile(r"\n"), regex.compile(r"[.!?]\s"), regex.compile(r"\s"))


@dataclass(frozen=True)
class Segment:
    """A slice of the draft: ``text == draft[offset:offset + len(text)]``."""

    offset: int
    text: str


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[Segment]:
    """Cut ``text`` into segments of at most ``limit`` characters at natural boundaries."""
    parts: list[Segment] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(window, pos=limit // 2)]
            if found:
                cut = found[-1]
                break
        parts.append(Segment(start, text[start : start + cut]))
        start += cut
    parts.append(Segment(start, text[start:]))
    return parts


class LineIndex:
    """Converts character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by a blank line."""
    spans, start = [], 0
    for match in regex.finditer(r"\n[ \t]*\n\s*", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Document:
    """A draft ready to lint: ``prose`` has the length and offsets of ``text``."""

    source: str
    text: str
    prose: str
    comments: tuple = ()  # markup.Comment: where suppression directives can live

    @classmethod
    def plain(cls, text: str, source: str = "<stdin>") -> Document:
        return cls(source, text, text)

    @classmethod
    def markdown(cls, text: str, source: str = "<markdown>") -> Document:
        from linter.markup import markdown_prose

        markup = markdown_prose(text, source)
        return cls(source, text, markup.text, markup.comments)

    @classmethod
    def html(cls, text: str, source: str = "<html>") -> Document:
        from linter.markup import html_prose

        markup = html_prose(text)
        return cls(source, text, markup.text, markup.comments)

    @classmethod
    def for_source(cls, text: str, source: str, syntax: str = "auto") -> Document:
        """Pick the syntax from ``syntax`` or, when 'auto', from the file name."""
        lower = source.lower()
        if syntax == "markdown" or (syntax == "auto" and lower.endswith(MARKDOWN_SUFFIXES)):
            return cls.markdown(text, source)
        if syntax == "html" or (syntax == "auto" and lower.endswith(HTML_SUFFIXES)):
            return cls.html(text, source)
        return cls.plain(text, source)
