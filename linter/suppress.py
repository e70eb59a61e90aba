"""Suppression comments: `<!-- hushlint-disable-next-line HL201 -- reason -->` and friends.

Kinds: ``disable-next-line``, ``disable`` … ``enable`` (a range), ``disable-file``. A rule
and a reason are required; a directive without them is itself reported (HL902), and one
that suppressed nothing is reported as unused (HL901), like ruff's RUF100.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from linter.documents import LineIndex
from linter.rules import RuleSet

_DIRECTIVE = regex.compile(
    r"^hushlint-(disable-next-line|disable-file|disable|enable)(?![\w-])\s*(.*?)\s*$", regex.DOTALL
)
UNUSED, INVALID = "SUPPRESSION_UNUSED", "SUPPRESSION_INVALID"


@dataclass
class Directive:
    """One parsed suppression comment."""

    kind: str
    rules: frozenset[str]
    reason: str
    start: int
    end: int
    line: int  # line of the comment's end
    used: bool = False
    problem: str = ""
    lines: range = field(default_factory=lambda: range(0))


def parse(comments, text: str, ruleset: RuleSet) -> list[Directive]:
    """Directives found in the document's comments, with the lines each one covers."""
    index = LineIndex(text)
    last_line = index.position(len(text))[0]
    directives = []
    for comment in comments:
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        kind, rest = match.groups()
        names, _, reason = rest.partition("--")
        rules, unknown = set(), []
        for name in names.replace(",", " ").split():
            rule = ruleset.get(name)
            (rules.add(rule.id) if rule else unknown.append(name))
        directive = Directive(kind, frozenset(rules), reason.strip(), comment.start, comment.end,
                              index.position(comment.end)[0])
        if unknown:
            directive.problem = f"unknown rule {', '.join(unknown)}"
        elif kind != "enable" and not rules:
            directive.problem = "name the rule(s) to disable"
        elif kind != "enable" and not directive.reason:
            directive.problem = "give a reason after '--'"
        directives.append(directive)
    _assign_lines(directives, last_line)
    return directives


def _assign_lines(directives: list[Directive], last_line: int) -> None:
    for n, directive in enumerate(directives):
        if directive.problem or directive.kind == "enable":
            continue
        if directive.kind == "disable-file":
            directive.lines = range(1, last_line + 1)
        elif directive.kind == "disable-next-line":
            directive.lines = range(directive.line + 1, directive.line + 2)
        else:
            stop = last_line + 1
            for later in directives[n + 1 :]:
                if later.kind == "enable" and (not later.rules or later.rules & directive.rules):
                    later.used = True
                    stop = later.line
                    break
            directive.lines = range(directive.line, stop)


def suppressed(directives: list[Directive], rule_id: str, line: int) -> bool:
    """True (and the directive marked used) when a directive covers this rule on this line."""
    hit = False
    for directive in directives:
        if not directive.problem and rule_id in directive.rules and line in directive.lines:
            directive.used = True
            hit = True
    return hit
