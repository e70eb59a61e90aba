"""Segmenting long drafts with exact offsets, and offset -> line:column."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.documents import SEGMENT_CHARS, LineIndex, Segment, paragraph_spans, segments

# Few distinct characters so breaks of every kind (paragraph, line, sentence, word) are common.
ALPHABET = st.sampled_from([*"ab .!?\n\r\t", "é", "\u2028"])
TEXTS = st.text(alphabet=ALPHABET, max_size=300)
FAST = settings(
    max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(text=TEXTS, limit=st.integers(min_value=1, max_value=40))
def test_segments_reassemble_with_exact_offsets(text: str, limit: int) -> None:
    parts = segments(text, limit)
    assert "".join(p.text for p in parts) == text
    position = 0
    for part in parts:
        assert part.offset == position
        assert text[part.offset : part.offset + len(part.text)] == part.text
        assert len(part.text) <= limit
        position += len(part.text)
    assert all(part.text for part in parts[:-1])  # no empty segment except a lone empty draft


def test_segments_prefer_paragraph_breaks() -> None:
    text = "a" * 30 + "\n\n" + "b" * 10 + ". " + "c" * 30
    first = segments(text, 50)[0]
    assert first == Segment(0, "a" * 30 + "\n\n")


def test_short_text_is_one_segment() -> None:
    assert segments("short draft") == [Segment(0, "short draft")]
    assert len(segments("x" * SEGMENT_CHARS)) == 1
    assert len(segments("x " * SEGMENT_CHARS)) == 2


def naive_position(text: str, offset: int) -> tuple[int, int]:
    """Walk the characters: \\r\\n, \\r and \\n each end a line."""
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n" and i + 1 < offset:
            line, column, i = line + 1, 1, i + 2
        elif text[i] == "\n" or (text[i] == "\r" and text[i + 1 : i + 2] != "\n"):
            line, column, i = line + 1, 1, i + 1
        else:
            column, i = column + 1, i + 1
    return line, column


@FAST
@given(data=st.data(), text=TEXTS)
def test_line_index_matches_naive(data: st.DataObject, text: str) -> None:
    index = LineIndex(text)
    offsets = data.draw(st.lists(st.integers(min_value=0, max_value=len(text)), max_size=20))
    for offset in [0, len(text), *offsets]:
        assert index.position(offset) == naive_position(text, offset), (text, offset)


def test_line_index_examples() -> None:
    text = "ab\ncd\r\nef\rg"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(text.index("c")) == (2, 1)
    assert index.position(text.index("d")) == (2, 2)
    assert index.position(text.index("f")) == (3, 2)
    assert index.position(text.index("g")) == (4, 1)


def test_paragraph_spans() -> None:
    text = "one\ntwo\n\n  \nthree"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["one\ntwo", "three"]


def test_long_draft_offsets_and_position(linter) -> None:
    safe = "Grief comes in waves, and rest is part of healing for all of us."
    lines = [safe] * 1200
    story = "My client Marisol told me she relapsed."
    text = "\n".join(lines) + "\n\n" + story + "\n"
    assert len(text) > SEGMENT_CHARS
    assert len(segments(text)) > 1

    analysis = next(linter.engine.analyze([text]))
    assert analysis.text == text
    report = linter.report(analysis)
    names = [f for f in report.findings if f.rule == "HL301"]
    assert len(names) == 1, report.findings
    name = names[0]
    assert text[name.start : name.end] == "Marisol" == name.text
    assert (name.line, name.column) == (len(lines) + 2, len("My client ") + 1)
    # nothing was flagged in the safe part, so the segment offsets were applied correctly
    story_start = text.index(story)
    assert all(f.start >= story_start for f in report.findings)
    assert str(report.severity) == "critical"
