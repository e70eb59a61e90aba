"""Output formats, one module each. Reporters only format Reports: redaction happened before."""

from __future__ import annotations

from collections.abc import Callable

from linter.report.github import render_github
from linter.report.html import render_html
from linter.report.json_format import render_json, render_jsonl_line
from linter.report.junit import render_junit
from linter.report.sarif import render_sarif
from linter.report.text import render_text

#: format name -> render(reports, errors, color=..., rules=...) -> str
FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
    "html": render_html,
}

__all__ = ["FORMATS", "render_jsonl_line"]
