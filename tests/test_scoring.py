"""Severity levels, score bands and how drafts are scored."""

from __future__ import annotations

import pytest

from linter.levels import BAND_FLOORS, LEVEL_NAMES, Level, level_for_score

# --- linter.levels ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, Level.NONE), (9, Level.NONE),
        (10, Level.LOW), (29, Level.LOW),
        (30, Level.MEDIUM), (54, Level.MEDIUM),
        (55, Level.HIGH), (79, Level.HIGH),
        (80, Level.CRITICAL), (100, Level.CRITICAL),
    ],
)
def test_level_for_score_band_edges(score: int, level: Level) -> None:
    assert level_for_score(score) is level


def test_floors_agree_with_bands() -> None:
    for level in Level:
        assert level.floor == BAND_FLOORS[level]
        assert level_for_score(level.floor) is level
        if level > Level.NONE:
            assert level_for_score(level.floor - 1) is Level(level - 1)


@pytest.mark.parametrize(
    ("text", "level"),
    [("none", Level.NONE), ("LOW", Level.LOW), (" Medium ", Level.MEDIUM), ("high", Level.HIGH),
     ("critical", Level.CRITICAL), (Level.HIGH, Level.HIGH)],
)
def test_parse(text: str, level: Level) -> None:
    assert Level.parse(text) is level


@pytest.mark.parametrize("bad", ["", "severe", "3", "hi gh"])
def test_parse_rejects_unknown(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        Level.parse(bad)


def test_names_and_order() -> None:
    assert LEVEL_NAMES == ("none", "low", "medium", "high", "critical")
    assert [str(level) for level in sorted(Level)] == list(LEVEL_NAMES)
    assert Level.NONE < Level.LOW < Level.MEDIUM < Level.HIGH < Level.CRITICAL


# --- scoring through the shared linter ---------------------------------------------------

PSYCHOEDUCATION = "Anxiety often shows up in the body first: a tight chest, a racing mind."
AGGREGATE = "So many of my clients are struggling with anxiety this winter."
NAMELESS = "A client told me today that she finally set a boundary with her mother."
ONE_QUASI = "A client today, a nurse, told me she finally set a boundary with her mother."
NAMED = "My client Marisol told me she finally set a boundary with her mother."
CONSENT_CRITICAL = f"Shared with permission: {NAMED[0].lower()}{NAMED[1:]}"
CONSENT_MEDIUM = f"Shared with permission: {NAMELESS[0].lower()}{NAMELESS[1:]}"
FULL_CRITICAL = "My client Marisol, 34, a nurse from Tulsa, told me she relapsed."
CONSENT_OVERFLOW = f"Shared with permission: {FULL_CRITICAL[0].lower()}{FULL_CRITICAL[1:]}"


@pytest.mark.parametrize(
    ("draft", "level"),
    [
        (PSYCHOEDUCATION, Level.NONE),
        ("Grief comes in waves. Be gentle with yourself.", Level.NONE),
        (AGGREGATE, Level.LOW),
        (NAMELESS, Level.MEDIUM),
        (ONE_QUASI, Level.HIGH),
        (NAMED, Level.CRITICAL),
        (FULL_CRITICAL, Level.CRITICAL),
    ],
    ids=["psychoeducation", "self-care", "aggregate", "nameless", "one-quasi", "name", "many"],
)
def test_levels(linter, draft: str, level: Level) -> None:
    report = linter.lint(draft)
    assert report.severity is level, (report.score, report.contributions)


def test_none_draft_has_nothing(linter) -> None:
    report = linter.lint(PSYCHOEDUCATION)
    assert (report.score, report.findings, report.contributions) == (0, [], [])


def test_aggregate_never_reaches_medium(linter) -> None:
    report = linter.lint(
        "So many of my clients are struggling with anxiety, suicidal thoughts and drinking."
    )
    assert report.severity is Level.LOW
    assert Level.LOW.floor <= report.score < Level.MEDIUM.floor


def test_consent_lowers_critical_to_high(linter) -> None:
    plain, consented = linter.lint(NAMED), linter.lint(CONSENT_CRITICAL)
    assert plain.severity is Level.CRITICAL
    assert consented.severity is Level.HIGH
    assert consented.score < plain.score
    assert any(c.points < 0 and "HL801" in c.rules for c in consented.contributions)


def test_consent_never_lowers_below_low(linter) -> None:
    assert linter.lint(NAMELESS).severity is Level.MEDIUM
    report = linter.lint(CONSENT_MEDIUM)
    assert report.severity is Level.LOW
    assert report.score >= Level.LOW.floor


INVARIANT_DRAFTS = [
    PSYCHOEDUCATION, AGGREGATE, NAMELESS, ONE_QUASI, NAMED, FULL_CRITICAL,
    CONSENT_CRITICAL, CONSENT_MEDIUM,
    "Composite case: a client told me she relapsed.",
    "So many of my clients are struggling with anxiety, suicidal thoughts and drinking.",
    "My 3pm today, Marisol (34), a nurse from Tulsa, told me she relapsed again.\n"
    "She said \"I am done\" and left.",
]


@pytest.mark.parametrize(
    "draft",
    [
        *INVARIANT_DRAFTS,
        pytest.param(
            CONSENT_OVERFLOW,
            id="consent-over-100",
        ),
    ],
)
def test_score_is_sum_of_contributions(linter, draft: str) -> None:
    report = linter.lint(draft)
    total = sum(c.points for c in report.contributions)
    explained = [(c.points, c.reason) for c in report.contributions]
    assert report.score == min(max(total, 0), 100), explained
    assert report.severity is level_for_score(report.score)


def test_identifier_outside_story_adds_nothing(linter) -> None:
    hometown = "Back home in Tulsa the leaves are turning."
    base = linter.lint(NAMELESS)
    same_paragraph = linter.lint(f"{NAMELESS} {hometown}")
    separate = linter.lint(f"{NAMELESS}\n\n{hometown}")
    # inside the story the place counts (so the detail is recognised at all) ...
    assert same_paragraph.score > base.score
    assert any(f.text == "Tulsa" for f in same_paragraph.findings)
    # ... in its own paragraph it does not
    assert separate.score == base.score
    assert separate.severity is base.severity
    assert not any(f.text == "Tulsa" for f in separate.findings)
