"""Presentation helpers shared by the web page (linter.server) and the HTML report.

One place decides how a draft is cut into highlighted segments, what each level is called
and explained as, which questions a therapist is asked, and where a rule's explanation
lives. The server sends :func:`segments` as JSON and the page's script only turns them into
DOM nodes (``textContent``, never ``innerHTML``); the HTML report renders the same segments
here in Python with :func:`highlight_html`. Both use the one stylesheet in
``linter/server/static/style.css`` (see :func:`stylesheet`).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from linter.findings import Finding, Report
from linter.levels import BAND_FLOORS, Level
from linter.rules import Rule, RuleSet

#: What each level means to the person reading the page, in a sentence.
LEVEL_SUMMARY: dict[Level, str] = {
    Level.NONE: "Nothing here points at a client or a session. Fine to post.",
    Level.LOW: "Clients come up only in general or workday terms. Probably fine; re-read it once.",
    Level.MEDIUM: "A specific client or session is described. They could recognise themselves.",
    Level.HIGH: "A specific client plus details that narrow down who they are. Do not post as is.",
    Level.CRITICAL: "Someone could identify this client. Do not post this.",
}

#: Questions to sit with before posting, shown from ``medium`` up.
REFLECTION_QUESTIONS: tuple[str, ...] = (
    "If your client read this on their lunch break, would they know it was about them?",
    "Could a partner, parent or colleague of theirs work out who it is from these details?",
    "Would you be comfortable reading this post aloud to your supervisor or licensing board?",
    "Did your client agree, in writing, to this story being shared, and would they still agree today?",
    "Does the lesson need this client at all, or would it stand on its own?",
    "How would a future client feel, reading this, about what you might post about them?",
)

#: Upper end of each level's score band (for the gauge's labels).
BAND_CEILINGS: dict[Level, int] = {
    level: (BAND_FLOORS[Level(level + 1)] - 1 if level < Level.CRITICAL else 100) for level in Level
}


def level_label(level: Level) -> str:
    """The level as shown to people: ``"Critical"``."""
    return str(level).capitalize()


def questions_for(level: Level) -> list[str]:
    """The reflection questions for a draft at ``level`` (none below medium)."""
    return list(REFLECTION_QUESTIONS) if level >= Level.MEDIUM else []


def rule_anchor(rule_id: str) -> str:
    """The fragment id of a rule's explanation, the same on the page and in the report."""
    return f"rule-{rule_id}"


def rule_why(rules: RuleSet | None, rule_id: str) -> str:
    """Why a rule matters (empty when the rule is unknown to ``rules``)."""
    rule = rules.get(rule_id) if rules is not None else None
    return rule.why if rule is not None else ""


@dataclass(frozen=True)
class Segment:
    """A run of the draft covered by the same set of findings (empty for plain text)."""

    start: int
    end: int
    findings: tuple[int, ...]  # indexes into the findings list
    signals: tuple[int, ...]  # indexes into the signals list
    ends: tuple[int, ...]  # findings whose last character is in this segment
    level: Level  # the highest level among ``findings`` (NONE when there are none)

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "text": text[self.start : self.end],
            "findings": list(self.findings),
            "signals": list(self.signals),
            "ends": list(self.ends),
            "level": str(self.level) if self.findings else "",
        }


def segments(text: str, findings: Sequence[Finding], signals: Sequence[Finding] = ()) -> list[Segment]:
    """Cut ``text`` at every finding boundary; overlapping findings share segments.

    The segments cover the whole text in order, so concatenating them gives the draft back.
    """
    size = len(text)

    def clamp(item: Finding) -> tuple[int, int]:
        start = max(0, min(item.start, size))
        return start, max(start, min(item.end, size))

    spans = [clamp(f) for f in findings]
    signal_spans = [clamp(s) for s in signals]
    cuts = {0, size}
    for start, end in spans + signal_spans:
        cuts.update((start, end))
    points = sorted(cuts)
    out: list[Segment] = []
    for start, end in itertools.pairwise(points):
        if start == end:
            continue
        covering = tuple(i for i, (s, e) in enumerate(spans) if s <= start and end <= e)
        noticed = tuple(i for i, (s, e) in enumerate(signal_spans) if s <= start and end <= e)
        ending = tuple(i for i in covering if spans[i][1] == end)
        level = max((findings[i].level for i in covering), default=Level.NONE)
        out.append(Segment(start, end, covering, noticed, ending, level))
    return out


def segment_dicts(text: str, findings: Sequence[Finding], signals: Sequence[Finding] = ()) -> list[dict]:
    """:func:`segments` as JSON-ready dicts carrying their own text.

    The text travels with each segment because Python counts code points and JavaScript
    counts UTF-16 units: offsets alone would drift after the first emoji.
    """
    return [segment.to_dict(text) for segment in segments(text, findings, signals)]


# --- server-side HTML (the standalone report) --------------------------------------------


def esc(value: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def level_badge(level: Level) -> str:
    """The level as a badge: colour plus its name, so colour is never the only cue."""
    return f'<span class="badge lvl-{level}">{esc(level_label(level))}</span>'


def gauge_html(level: Level, score: int) -> str:
    """The score gauge: the five bands with a marker at the score, plus its text."""
    bands = "".join(
        f'<rect class="band lvl-{lv}" x="{BAND_FLOORS[lv]}" y="3" '
        f'width="{BAND_CEILINGS[lv] - BAND_FLOORS[lv] + 1}" height="6"></rect>'
        for lv in Level
    )
    marker = max(0, min(score, 100))
    label = f"Score {score} out of 100: {level_label(level)}"
    return (
        f'<div class="gauge lvl-{level}">'
        f'<p class="gauge-level"><span class="gauge-name">{esc(level_label(level))}</span> '
        f'<span class="gauge-score">{score}<span class="gauge-max">/100</span></span></p>'
        f'<svg class="gauge-bar" viewBox="-2 0 104 12" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(label)}">{bands}'
        f'<rect class="gauge-marker" x="{marker - 1}" y="0" width="2" height="12"></rect></svg>'
        '<p class="gauge-scale" aria-hidden="true"><span>0 none</span><span>low</span><span>medium</span>'
        "<span>high</span><span>critical 100</span></p>"
        f'<p class="gauge-summary">{esc(LEVEL_SUMMARY[level])}</p></div>'
    )


def finding_title(finding: Finding, why: str = "") -> str:
    """Plain-text tooltip for one finding: message, why, suggestion."""
    parts = [f"{finding.rule} {finding.name} ({finding.level}): {finding.message}"]
    if why:
        parts.append(f"Why: {why}")
    if finding.suggest:
        parts.append(f"Instead: {finding.suggest}")
    return "\n".join(parts)


def highlight_html(text: str, report: Report, rules: RuleSet | None, prefix: str) -> str:
    """The draft with every finding marked in place, as escaped HTML.

    Each mark is coloured by the highest level among the findings it covers, carries the
    level name for assistive technology, and links (footnote style) to the findings'
    entries ``{prefix}-f{n}`` in the list beside it.
    """
    findings, signals = report.findings, report.signals
    out: list[str] = []
    for seg in segments(text, findings, signals):
        piece = esc(text[seg.start : seg.end])
        if seg.findings:
            titles = "\n\n".join(finding_title(findings[i], rule_why(rules, findings[i].rule))
                                 for i in seg.findings)
            rules_attr = " ".join(findings[i].rule for i in seg.findings)
            described = " ".join(f"{prefix}-f{i + 1}" for i in seg.findings)
            refs = "".join(
                f'<a class="ref" href="#{prefix}-f{i + 1}" aria-label="finding {i + 1}">{i + 1}</a>'
                for i in seg.ends
            )
            out.append(
                f'<mark class="hl lvl-{seg.level}" data-rules="{esc(rules_attr)}" '
                f'title="{esc(titles)}" aria-describedby="{described}">{piece}'
                f'<span class="sr-only"> ({esc(seg.level)})</span></mark>'
                + (f'<sup class="refs">{refs}</sup>' if refs else "")
            )
        elif seg.signals:
            names = ", ".join(f"{signals[i].rule} {signals[i].name}" for i in seg.signals)
            out.append(f'<span class="hl-safe" title="{esc("Safe context: " + names)}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def rule_explanation_html(rule: Rule) -> str:
    """One rule's explanation: what it flags, why it matters, what to do instead, examples."""
    flagged = "".join(f"<li>{esc(e)}</li>" for e in rule.flag_examples[:3])
    passing = "".join(f"<li>{esc(e)}</li>" for e in rule.pass_examples[:3])
    return (
        f'<article class="rule" id="{rule_anchor(rule.id)}">'
        f'<h3><span class="rule-id">{esc(rule.id)}</span> {esc(rule.name)} '
        f'<span class="rule-cat">{esc(rule.category.replace("_", " "))}</span></h3>'
        f"<p><strong>What it flags:</strong> {esc(rule.message)}</p>"
        f"<p><strong>Why it matters:</strong> {esc(rule.why)}</p>"
        f"<p><strong>Instead:</strong> {esc(rule.suggest)}</p>"
        f'<div class="examples"><div><h4>Flagged, for example</h4><ul>{flagged}</ul></div>'
        f"<div><h4>Not flagged</h4><ul>{passing}</ul></div></div></article>"
    )


def stylesheet() -> str:
    """The one stylesheet of the page and the report, read from the package."""
    return resources.files("linter.server").joinpath("static/style.css").read_text(encoding="utf-8")
