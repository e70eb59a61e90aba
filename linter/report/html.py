"""One self-contained HTML file for a run: summary table, then every draft marked up.

No external assets: the page's stylesheet is inlined, there is no script, and a CSP meta
allows only that one inline style (by hash), so the file works offline and opening it
makes no request at all. Redaction (``--redact``) applies: a redacted report shows masked
finding text and leaves out the drafts and the rewrites.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from linter import __version__
from linter.findings import Finding, Report
from linter.levels import Level
from linter.report.highlight import (
    esc,
    gauge_html,
    highlight_html,
    level_badge,
    questions_for,
    rule_anchor,
    rule_explanation_html,
    stylesheet,
)
from linter.rules import Rule, RuleSet, load_rules


def render_html(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False, *,
                rules: Iterable[Rule] | RuleSet | None = None, texts: Sequence[str] | None = None,
                title: str = "hushlint report", **_: object) -> str:
    """The whole report as one HTML document.

    ``texts`` are the drafts, in the order of ``reports`` (the CLI passes them); without
    them, or for redacted reports, the marked-up draft is left out. ``color`` is ignored.
    """
    ruleset = _ruleset(rules)
    texts = list(texts) if texts is not None and len(texts) == len(reports) else [None] * len(reports)
    redacted = any(r.redacted_output for r in reports)
    css = stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        '<a class="skip" href="#summary">Skip to the summary</a>',
        '<header class="top">',
        f"<h1>{esc(title)}</h1>",
        f'<p class="tagline">{len(reports)} draft{"s" if len(reports) != 1 else ""} checked by hushlint '
        f"{esc(__version__)} on {esc(generated)}. Every highlight, level and score is explained below.</p>",
        "</header>",
        '<main class="report" id="main">',
    ]
    if redacted:
        body.append('<p class="notice"><strong>Redacted report.</strong> Flagged text is masked and the '
                    "drafts and rewrites are left out, so this file can be shared. Run without "
                    "<code>--redact</code> to see them.</p>")
    body.append(_summary(reports))
    if errors:
        items = "".join(f"<li>{esc(e)}</li>" for e in errors)
        body.append(f'<section aria-labelledby="errors-h"><h2 id="errors-h">Drafts that could not be '
                    f'checked</h2><ul class="errors">{items}</ul></section>')
    for number, (report, text) in enumerate(zip(reports, texts, strict=True), start=1):
        body.append(_draft(number, report, text, ruleset))
    body.append(_rules_appendix(reports, ruleset))
    body.append("</main>")
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="hushlint">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>"
    )


def _ruleset(rules: Iterable[Rule] | RuleSet | None) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        return load_rules()
    return RuleSet(rules=tuple(rules), lists={})


def _summary(reports: Sequence[Report]) -> str:
    counts = {level: sum(r.severity == level for r in reports) for level in Level}
    chips = "".join(f"<li>{level_badge(level)} {n}</li>" for level, n in reversed(counts.items()) if n)
    rows = []
    for number, report in enumerate(reports, start=1):
        kinds = sorted({f.category.replace("_", " ") for f in report.findings})
        rows.append(
            f'<tr><td class="num">{number}</td>'
            f'<td><a href="#d{number}">{esc(report.source)}</a></td>'
            f"<td>{level_badge(report.severity)}</td>"
            f'<td class="num">{report.score}</td>'
            f'<td class="num">{len(report.findings)}</td>'
            f"<td>{esc(', '.join(kinds)) or 'nothing flagged'}</td></tr>"
        )
    worst = max((r.severity for r in reports), default=Level.NONE)
    return (
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<p>Worst level: {level_badge(worst)}</p><ul class="counts" aria-label="Drafts per level">{chips}</ul>'
        '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="summary-h">'
        '<table class="summary"><caption class="sr-only">Every draft with its level, '
        'score and what was found</caption><thead><tr><th scope="col">#</th><th scope="col">Draft</th>'
        '<th scope="col">Level</th><th scope="col">Score</th><th scope="col">Findings</th>'
        '<th scope="col">What was found</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div></section>"
    )


def _draft(number: int, report: Report, text: str | None, rules: RuleSet) -> str:
    prefix = f"d{number}"
    level = report.severity
    questions = questions_for(level)
    parts = [
        f'<section class="draft-card" id="{prefix}" aria-labelledby="{prefix}-h">',
        f'<h2 id="{prefix}-h"><span>{number}.</span> <span>{esc(report.source)}</span> {level_badge(level)}</h2>',
        '<div class="draft-grid"><div>',
        gauge_html(level, report.score),
    ]
    if questions:
        items = "".join(f"<li>{esc(q)}</li>" for q in questions)
        parts.append(f'<div class="questions"><h3>Before posting, ask yourself</h3><ul>{items}</ul></div>')
    parts.append("<h3>The draft, marked up</h3>")
    if report.redacted_output:
        parts.append('<p class="placeholder">Not shown: this report is redacted.</p>')
    elif text is None:
        parts.append('<p class="placeholder">The draft text was not passed to the report.</p>')
    else:
        parts.append(f'<div class="draft-view">{highlight_html(text, report, rules, prefix)}</div>')
    parts.append(_rewrites(report))
    parts.append("</div><div>")
    parts.append(_findings(prefix, report, rules))
    parts.append('</div></div><p class="back"><a href="#summary">Back to the summary</a></p></section>')
    return "".join(parts)


def _rewrites(report: Report) -> str:
    head = "<h3>What to post instead</h3>"
    if report.severity < Level.MEDIUM:
        return head + '<p class="placeholder">Nothing needs rewriting at this level.</p>'
    if report.redacted_output:
        return head + '<p class="placeholder">Not shown: this report is redacted.</p>'
    suggestion = report.suggestion
    return (
        head
        + '<div class="rewrite"><h4>Redacted: the same post with identifying details taken out</h4>'
        f'<pre class="rewrite-text">{esc(suggestion.redacted)}</pre></div>'
        '<div class="rewrite"><h4>General: keep the lesson, drop the story</h4>'
        f'<pre class="rewrite-text">{esc(suggestion.general)}</pre></div>'
    )


def _finding_item(prefix: str, number: int, finding: Finding, rules: RuleSet) -> str:
    rule = rules.get(finding.rule)
    why = f'<p><span class="label">Why it matters:</span> {esc(rule.why)}</p>' if rule else ""
    instead = f'<p><span class="label">Instead:</span> {esc(finding.suggest)}</p>' if finding.suggest else ""
    return (
        f'<li class="finding lvl-{finding.level}" id="{prefix}-f{number}">'
        f'<p class="finding-head"><span class="finding-num">{number}.</span> {level_badge(finding.level)} '
        f'<span class="rule-id">{esc(finding.rule)}</span> {esc(finding.name)} '
        f'<a href="#{rule_anchor(finding.rule)}" aria-label="Explain rule {esc(finding.rule)}">explain</a></p>'
        f'<p class="finding-quote">“{esc(finding.text)}” <span class="meta">(line {finding.line}, '
        f"column {finding.column})</span></p>"
        f"<p>{esc(finding.message)}</p>{why}{instead}</li>"
    )


def _findings(prefix: str, report: Report, rules: RuleSet) -> str:
    parts = ["<h3>Findings</h3>"]
    if report.findings:
        items = "".join(_finding_item(prefix, i, f, rules) for i, f in enumerate(report.findings, start=1))
        parts.append(f'<ol class="finding-list">{items}</ol>')
    else:
        parts.append('<p class="placeholder">Nothing flagged.</p>')
    if report.contributions:
        items = "".join(
            f'<li><span class="points">{c.points:+d}</span> {esc(c.reason)}'
            + (f" ({esc(', '.join(c.rules))})" if c.rules else "") + "</li>"
            for c in report.contributions
        )
        parts.append(f'<h3>Why this score</h3><ul class="contributions">{items}</ul>')
    if report.signals:
        seen: dict[str, Finding] = {}
        for signal in report.signals:
            seen.setdefault(signal.rule, signal)
        items = "".join(
            f'<li><span class="rule-id">{esc(s.rule)}</span> {esc(s.name)}: {esc(s.message)} '
            f'<a href="#{rule_anchor(s.rule)}">explain</a></li>'
            for s in seen.values()
        )
        parts.append(f'<h3>Safe context noticed</h3><ul class="signals">{items}</ul>')
    if report.baselined:
        parts.append(f'<p class="meta">{report.baselined} finding(s) accepted by the baseline are left out.</p>')
    return "".join(parts)


def _rules_appendix(reports: Sequence[Report], rules: RuleSet) -> str:
    used = sorted({f.rule for r in reports for f in (*r.findings, *r.signals)})
    found = [rule for rule in (rules.get(rule_id) for rule_id in used) if rule is not None]
    if not found:
        return ""
    return (
        '<section aria-labelledby="rules-h"><h2 id="rules-h">The rules in this report</h2>'
        + "".join(rule_explanation_html(rule) for rule in found)
        + "</section>"
    )


__all__ = ["render_html"]
