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
