"""The two rewrite suggestions: a redacted draft and a general 'keep the lesson' post."""

from __future__ import annotations

import pytest
import regex

from linter.levels import Level
from linter.rewrite import tidy

CRITICAL = (
    "Recovery is not linear. My client Marisol, 34, emailed me from marisol@gmail.com and said "
    "\"I can't stop drinking\" today. She cried for the whole session. Be gentle with yourselves."
)
SECRETS = ("Marisol", "34", "marisol@gmail.com", "gmail", "can't stop drinking")

REDACTION_DRAFTS = [
    CRITICAL,
    "My client Marisol, 34, a nurse from Tulsa, told me she relapsed.",
    "Marisol, my client, told me she relapsed. "
    "Jenny (16) said \"I hate school\" at our session today.",
    "My 3pm today, Marisol (34), a nurse from Tulsa, told me she relapsed again.\n"
    "She said \"I am done\" and left.",
    "This morning my client Marisol, a teacher at Lincoln High School, told me she relapsed.",
    "My client emailed me from mike@gmail.com and called from 555-301-2234 about her relapse. "
    "See www.example.com",
    "A client today, a nurse, told me she finally set a boundary with her mother.",
]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in regex.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_critical_draft_redacted(linter) -> None:
    report = linter.lint(CRITICAL)
    assert report.severity is Level.CRITICAL
    flagged = {f.rule for f in report.findings}
    assert {"HL301", "HL401", "HL304", "HL201"} <= flagged  # name, age, email, quote were found
    redacted = report.suggestion.redacted
    for secret in SECRETS:
        assert secret not in redacted, (secret, redacted)
    assert redacted.startswith("Recovery is not linear.")
    assert redacted != CRITICAL


def test_critical_draft_general_drops_flagged_sentences(linter) -> None:
    report = linter.lint(CRITICAL)
    general = report.suggestion.general
    flagged_sentences = [
        s for s in sentences(CRITICAL) if any(f.text in s for f in report.findings)
    ]
    assert flagged_sentences
    for sentence in flagged_sentences:
        assert sentence not in general, sentence
    for secret in SECRETS:
        assert secret not in general, secret
    # the sentences that tell no story are kept
    assert "Recovery is not linear." in general
    assert "Be gentle with yourselves." in general
    assert general != CRITICAL


@pytest.mark.parametrize(
    "draft",
    ["Grief comes in waves. Be gentle with yourself.",
     "Anxiety often shows up in the body first.\n\nBreathe slowly, twice a day."],
)
def test_none_draft_is_unchanged(linter, draft: str) -> None:
    report = linter.lint(draft)
    assert report.severity is Level.NONE
    assert report.suggestion.redacted == draft
    assert report.suggestion.general == draft


def test_low_draft_is_unchanged(linter) -> None:
    draft = "So many of my clients are struggling with anxiety this winter."
    report = linter.lint(draft)
    assert report.severity is Level.LOW
    assert report.suggestion.redacted == draft == report.suggestion.general


@pytest.mark.parametrize("draft", REDACTION_DRAFTS)
def test_redacted_text_is_clean(linter, draft: str) -> None:
    report = linter.lint(draft)
    assert report.severity >= Level.MEDIUM
    redacted = report.suggestion.redacted
    assert "<HUSHLINT" not in redacted and "HUSHLINT_" not in redacted
    assert "  " not in redacted, redacted
    assert not regex.search(r"[ \t]+[,.;:!?]", redacted), redacted
    assert redacted == redacted.strip()
    for finding in report.findings:
        if finding.category == "direct_identifier":
            assert finding.text not in redacted, (finding.text, redacted)


def test_tidy_spacing_and_capitals() -> None:
    assert tidy("My client ,  told me ( ) she relapsed .") == "My client, told me she relapsed."
    assert tidy("she came in. she left.") == "She came in. She left."
    assert tidy("a client, , , said no") == "A client, said no"


DANGLING = regex.compile(r"\b(?:a|an|the|on|in|at|from|since|over)[,.;:!?]", regex.IGNORECASE)


def test_tidy_drops_dangling_preposition() -> None:
    assert tidy("My client emailed me from .") == "My client emailed me."
    assert tidy("She works at the .") == "She works."


@pytest.mark.parametrize(
    "draft",
    ["My client Marisol emailed me from marisol@gmail.com.",
     "My client called me from 555-301-2234, crying about her relapse."],
)
def test_redacted_leaves_no_dangling_preposition(linter, draft: str) -> None:
    redacted = linter.lint(draft).suggestion.redacted
    assert "555" not in redacted and "@" not in redacted
    assert not DANGLING.search(redacted), redacted
