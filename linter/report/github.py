"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from linter.findings import Report
from linter.levels import Level

_COMMAND = {Level.CRITICAL: "error", Level.HIGH: "error", Level.MEDIUM: "warning",
            Level.LOW: "notice", Level.NONE: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False, **_: object) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` lines (flagged text only when not redacted)."""
    lines = []
    for report in reports:
        for f in report.findings:
            props = (f"file={_property(report.source)},line={f.line},col={f.column},"
                     f"endLine={f.end_line or f.line},endColumn={f.end_column or f.column},"
                     f"title={_property(f'{f.rule} {f.name} ({report.severity} draft)')}")
            quoted = "" if report.redacted_output else f' "{f.text}"'
            lines.append(f"::{_COMMAND[f.level]} {props}::{_data(f.message + quoted + ' ' + f.suggest)}")
    lines += [f"::error ::{_data(e)}" for e in errors]
    return "\n".join(lines)
