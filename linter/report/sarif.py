"""SARIF 2.1.0 for code-scanning dashboards, with each rule's metadata and its `why` as help."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from linter import __version__
from linter.findings import Finding, Report
from linter.levels import Level
from linter.rules import Rule, load_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/hushlint/"
_SARIF_LEVEL = {Level.CRITICAL: "error", Level.HIGH: "error", Level.MEDIUM: "warning",
                Level.LOW: "note", Level.NONE: "note"}


def rule_descriptor(rule: Rule) -> dict:
    """A reportingDescriptor: name, descriptions, help from the rule's why, default level."""
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\nInstead: {rule.suggest}",
                 "markdown": f"{rule.why}\n\n**Instead:** {rule.suggest}"},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": rule.category, "tags": ["confidentiality", rule.category]},
    }


def _result(report: Report, finding: Finding, index: dict[str, int]) -> dict:
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line or finding.line, "endColumn": finding.end_column or finding.column,
              "charOffset": finding.start, "charLength": finding.end - finding.start}
    if not report.redacted_output:
        region["snippet"] = {"text": finding.text}
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _SARIF_LEVEL[finding.level],
        "message": {"text": f"{finding.message} {finding.suggest}".strip()},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(report.source)},
            "region": region,
        }}],
        "properties": {"category": finding.category, "findingLevel": str(finding.level),
                       "draftSeverity": str(report.severity), "draftScore": report.score},
    }


def _uri(source: str) -> str:
    if source.startswith("<"):
        return "stdin"
    return Path(source).as_posix().removeprefix("./")


def render_sarif(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False,
                 rules: Sequence[Rule] | None = None, **_: object) -> str:
    """One SARIF log for the run; rules listed once, results point into them."""
    rules = list(rules if rules is not None else load_rules().rules)
    index = {rule.id: n for n, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "hushlint", "version": __version__,
                                "informationUri": INFORMATION_URI,
                                "rules": [rule_descriptor(rule) for rule in rules]}},
            "results": [_result(r, f, index) for r in reports for f in r.findings],
            "invocations": [{"executionSuccessful": not errors,
                             "toolExecutionNotifications": [{"level": "error", "message": {"text": e}}
                                                            for e in errors]}],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
