"""Human-readable report: level, score, findings with line:col, why the level, the rewrites."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import click

from linter.findings import Report
from linter.levels import Level

COLOURS = {
    Level.NONE: "green",
    Level.LOW: "cyan",
    Level.MEDIUM: "yellow",
    Level.HIGH: "magenta",
    Level.CRITICAL: "red",
}


def render_text(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False, **_: object) -> str:
    """Text for people; ``color`` adds ANSI colours (used on a terminal)."""
    blocks = [_one(report, color) for report in reports]
    if len(reports) > 1:
        worst = max(r.severity for r in reports)
        counts = {level: sum(r.severity == level for r in reports) for level in Level}
        summary = ", ".join(f"{n} {level}" for level, n in counts.items() if n)
        blocks.append(f"{len(reports)} drafts checked: {summary}. Worst: {worst}.")
    return "\n\n".join(blocks)


def _style(text: str, color: bool, **kwargs: object) -> str:
    return click.style(text, **kwargs) if color else text


def _one(report: Report, color: bool) -> str:
    level = report.severity
    head = f"{report.source}: {str(level).upper()} (score {report.score}/100)"
    lines = [_style(head, color, fg=COLOURS[level], bold=True)]
    if not report.findings:
        lines.append("  Nothing here points at a client or a session.")
    for finding in report.findings:
        where = f"{finding.line}:{finding.column}"
        label = f"{finding.rule} {finding.name}"
        lines.append(f"  {where:<8}{_style(label, color, bold=True)}  [{finding.level}]  {finding.message}")
        lines.append(f"          \"{finding.text}\" → {finding.suggest}")
    if report.contributions:
        lines.append("  Why this level:")
        for part in report.contributions:
            rules = f" ({', '.join(part.rules)})" if part.rules else ""
            lines.append(f"    {part.points:+d}  {part.reason}{rules}")
    if report.signals:
        noticed = ", ".join(sorted({f"{s.rule} {s.name}" for s in report.signals}))
        lines.append(f"  Safe context noticed: {noticed}")
    if level >= Level.MEDIUM:
        lines.append("  Suggested rewrite, redacted:")
        lines.extend(_wrap(report.suggestion.redacted))
        lines.append("  Suggested rewrite, keeping the lesson and dropping the story:")
        lines.extend(_wrap(report.suggestion.general))
    return "\n".join(lines)


def _wrap(text: str) -> list[str]:
    out = []
    for paragraph in text.splitlines() or [""]:
        out.extend(textwrap.wrap(paragraph, width=88, initial_indent="    ", subsequent_indent="    ") or [""])
    return out
