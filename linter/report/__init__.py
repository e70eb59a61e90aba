"""Output formats. Reporters only format Reports; redaction happened before they run."""

from __future__ import annotations

from collections.abc import Callable

from linter.report.json_format import render_json, render_jsonl_line
from linter.report.text import render_text

FORMATS: dict[str, Callable] = {"text": render_text, "json": render_json}
BATCH_FORMATS = ("jsonl",)

__all__ = ["BATCH_FORMATS", "FORMATS", "render_json", "render_jsonl_line", "render_text"]
