"""The data that flows from recognizers to reporters: Finding, Contribution, Report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from linter.levels import Level


@dataclass(frozen=True)
class Finding:
    """One flagged span of a draft, produced by one rule."""

    rule: str  # stable id, e.g. "HL301"
    name: str  # readable slug, e.g. "person-name"
    category: str  # a SEVERITY.md category
    start: int  # character offsets into the draft
    end: int
    text: str  # the flagged text (masked when redaction is on)
    message: str
    suggest: str = ""
    kind: str = ""  # sub-kind, e.g. "age" for a quasi_identifier
    level: Level = Level.NONE  # what this finding alone pushes the draft to
    line: int = 0  # 1-based
    column: int = 0  # 1-based, in characters
    confidence: float = 1.0
    end_line: int = 0  # position just after the span (1-based, exclusive column)
    end_column: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the wire schema."""
        data = asdict(self)
        data["level"] = str(self.level)
        return data

    def masked(self) -> Finding:
        """The same finding with its flagged text masked."""
        return replace(self, text=mask_text(self.text))


@dataclass(frozen=True)
class Contribution:
    """One explained step of the score: ``points`` with the reason for them."""

    points: int
    reason: str
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "reason": self.reason, "rules": list(self.rules)}


@dataclass(frozen=True)
class Suggestion:
    """What to post instead: the redacted draft and a general rewrite."""

    redacted: str
    general: str

    def to_dict(self) -> dict[str, str]:
        return {"redacted": self.redacted, "general": self.general}


@dataclass
class Report:
    """Everything hushlint says about one draft."""

    severity: Level
    score: int
    findings: list[Finding]
    contributions: list[Contribution]
    suggestion: Suggestion
    signals: list[Finding] = field(default_factory=list)  # safe/mitigating context noticed
    source: str = "<stdin>"
    redacted_output: bool = False
    fail_on: Level = Level.MEDIUM
    baselined: int = 0  # findings accepted by a baseline and left out

    @property
    def worst(self) -> Level:
        """The level that decides the exit code.

        Without a baseline it is the draft's level (or low for a suppression problem); with
        findings baselined, only the findings that remain count.
        """
        levels = [f.level for f in self.findings]
        if self.baselined:
            return max(levels, default=Level.NONE)
        meta = any(f.category == "suppression" for f in self.findings)
        return max(self.severity, Level.LOW) if meta else self.severity

    @property
    def fails(self) -> bool:
        """True when this report should make the run exit 1."""
        return self.worst > Level.NONE and self.worst >= self.fail_on

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: id-free core of the wire schema (see README)."""
        return {
            "severity": str(self.severity),
            "score": self.score,
            "findings": [finding.to_dict() for finding in self.findings],
            "suggestion": self.suggestion.to_dict(),
            "contributions": [item.to_dict() for item in self.contributions],
            "signals": [finding.to_dict() for finding in self.signals],
        }

    def redacted(self) -> Report:
        """A copy safe for public logs: no flagged text, no draft-derived rewrite."""
        return Report(
            severity=self.severity,
            score=self.score,
            findings=[finding.masked() for finding in self.findings],
            contributions=list(self.contributions),
            suggestion=Suggestion(redacted=REDACTED, general=REDACTED),
            signals=[finding.masked() for finding in self.signals],
            source=self.source,
            redacted_output=True,
            fail_on=self.fail_on,
            baselined=self.baselined,
        )


REDACTED = "[redacted: run without --redact to see the rewrite]"


def mask_spans(text: str, findings: list[Finding]) -> str:
    """The draft with every flagged span masked (same length, so offsets still hold)."""
    chars = list(text)
    for finding in findings:
        for i in range(finding.start, min(finding.end, len(chars))):
            if not chars[i].isspace():
                chars[i] = "█"
    return "".join(chars)


def mask_text(text: str) -> str:
    """Hide flagged text while keeping it recognisable as a mask of some length."""
    return "█" * min(len(text), 12) if text else text
