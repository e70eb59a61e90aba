"""The linting pipeline, end to end: draft -> parse -> rules -> resolve -> score -> rewrite."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from linter.config import Config
from linter.documents import LineIndex
from linter.engine import Analysis, Engine
from linter.errors import ConfigError, InputError
from linter.findings import Finding, Report
from linter.levels import Level
from linter.resolve import Match, Resolution, match_rules, resolve
from linter.rewrite import suggest
from linter.rules import RuleSet, load_rules
from linter.scoring import score

#: What a match alone pushes a draft to, by its role.
_ATTACHED_LEVEL = {"direct_identifier": Level.CRITICAL}
_SCOPE_LEVEL = {"specific": Level.MEDIUM, "weak": Level.MEDIUM, "workday": Level.LOW, "aggregate": Level.LOW}


class Linter:
    """Holds the rules and (lazily) the engine; lint one draft or a stream of drafts."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.ruleset: RuleSet = load_rules(self.config.packs)
        self.active = active_rules(self.ruleset, self.config)

    @property
    def engine(self) -> Engine:
        return get_engine(self.config.model, self.config.packs, self.config.allow)

    def check_text(self, text: str) -> None:
        """Raise InputError for drafts hushlint refuses: empty or too large."""
        if not text.strip():
            raise InputError("the draft is empty")
        if len(text) > self.config.max_chars:
            raise InputError(
                f"the draft has {len(text):,} characters, more than the limit of "
                f"{self.config.max_chars:,} (raise it with --max-chars)"
            )

    def lint(self, text: str, source: str = "<stdin>") -> Report:
        """Lint one draft."""
        return next(self.lint_many([text], [source]))

    def lint_many(self, texts: Iterable[str], sources: Iterable[str] | None = None) -> Iterator[Report]:
        """Lint drafts in order, batching the spaCy work; validate each before parsing."""
        names = iter(sources) if sources is not None else None

        def checked() -> Iterator[str]:
            for text in texts:
                self.check_text(text)
                yield text

        for analysis in self.engine.analyze(checked()):
            source = next(names, "<stdin>") if names is not None else "<stdin>"
            yield self.report(analysis, source)

    def report(self, analysis: Analysis, source: str = "<stdin>") -> Report:
        """Everything after the parse: matches, resolution, score, findings, rewrite."""
        matches = match_rules(analysis, self.ruleset, self.active)
        resolution = resolve(analysis, matches)
        level, total, contributions = score(resolution)
        return Report(
            severity=level,
            score=total,
            findings=_findings(analysis.text, resolution, level),
            contributions=contributions,
            suggestion=suggest(analysis.text, resolution, level),
            signals=[_finding(analysis.text, m, Level.NONE, None) for m in resolution.signals],
            source=source,
        )


def active_rules(ruleset: RuleSet, config: Config) -> frozenset[str]:
    """Rule ids left on by ``select`` / ``ignore`` (unknown names are a config error)."""
    def ids(keys: tuple[str, ...], setting: str) -> set[str]:
        found = set()
        for key in keys:
            rule = ruleset.get(key)
            if rule is None:
                raise ConfigError(setting, None, key, "no rule has this id or name (see `hushlint rules`)")
            found.add(rule.id)
        return found

    chosen = ids(config.select, "select") if config.select else {r.id for r in ruleset.rules}
    return frozenset(chosen - ids(config.ignore, "ignore"))


@functools.lru_cache(maxsize=2)
def get_engine(model: str, packs: tuple[str, ...], allow: tuple[str, ...]) -> Engine:
    """One engine per (model, packs, allow list) per process: loading spaCy is the big cost."""
    return Engine(load_rules(packs), model=model, allow_list=allow)


def _findings(text: str, resolution: Resolution, level: Level) -> list[Finding]:
    lines = LineIndex(text)
    roles: list[tuple[Match, Level]] = []
    roles += [(m, _SCOPE_LEVEL[m.rule.scope]) for m in resolution.references]
    roles += [(m, _ATTACHED_LEVEL.get(m.rule.category, Level.HIGH)) for m in resolution.attached]
    roles += [(m, Level.LOW) for m in resolution.aggregate_attached + resolution.mitigating]
    findings = [_finding(text, m, min(role, level), lines) for m, role in roles]
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _finding(text: str, match: Match, level: Level, lines: LineIndex | None) -> Finding:
    line, column = (lines or LineIndex(text)).position(match.start)
    rule = match.rule
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        start=match.start,
        end=match.end,
        text=text[match.start : match.end],
        message=rule.message,
        suggest=rule.suggest,
        kind=rule.kind,
        level=level,
        line=line,
        column=column,
        confidence=round(match.score, 2),
    )
