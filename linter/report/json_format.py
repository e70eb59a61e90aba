"""JSON for one run and JSONL for batches (wire schema documented in README.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from linter import __version__
from linter.findings import Report

WIRE_FINDING_KEYS = ("rule", "name", "category", "start", "end", "line", "column", "text", "message")


def report_record(report: Report) -> dict[str, Any]:
    """The per-draft record: severity, score, findings, suggestion, plus explanations."""
    data = report.to_dict()
    return {
        "severity": data["severity"],
        "score": data["score"],
        "findings": data["findings"],
        "suggestion": data["suggestion"],
        "contributions": data["contributions"],
        "signals": data["signals"],
        "redacted": report.redacted_output,
    }


def render_json(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False, **_: object) -> str:
    """One JSON document for a run over one or more drafts."""
    results = [{"source": r.source, **report_record(r)} for r in reports]
    document = {"tool": "hushlint", "version": __version__, "results": results, "errors": list(errors)}
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_jsonl_line(ident: object, report: Report | None, error: str = "") -> str:
    """One JSONL output line for one input line (``error`` set when the line was unusable)."""
    if report is None:
        return json.dumps({"id": ident, "error": error}, ensure_ascii=False)
    return json.dumps({"id": ident, **report_record(report)}, ensure_ascii=False)
