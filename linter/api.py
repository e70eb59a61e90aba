"""The linting pipeline, end to end: document -> parse -> rules -> resolve -> score -> rewrite."""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterable, Iterator

from linter import suppress
from linter.config import Config
from linter.documents import Document, LineIndex
from linter.engine import Analysis, Engine
from linter.errors import ConfigError, InputError
from linter.findings import Finding, Report
from linter.levels import Level
from linter.resolve import Match, Resolution, Sentences, match_rules, resolve
from linter.rewrite import suggest
from linter.rules import RuleSet, load_rules
from linter.scoring import score

#: What a match alone pushes a draft to, by its role.
_ATTACHED_LEVEL = {"direct_identifier": Level.CRITICAL}
_SCOPE_LEVEL = {"specific": Level.MEDIUM, "weak": Level.MEDIUM, "workday": Level.LOW, "aggregate": Level.LOW}


class Linter:
    """Holds the rules and (lazily) the engine; lint one draft or a stream of documents."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.ruleset: RuleSet = load_rules(self.config.packs)
        source = self.config.source
        self.active = active_rules(self.ruleset, self.config.select, self.config.ignore, source)
        for override in self.config.overrides:  # validate names now, not per file
            active_rules(self.ruleset, override.select, override.ignore, source)

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
        """Lint one plain-text draft."""
        return next(self.lint_many([text], [source]))

    def lint_many(self, texts: Iterable[str], sources: Iterable[str] | None = None) -> Iterator[Report]:
        """Lint plain-text drafts in order, batching the spaCy work."""
        names = iter(sources) if sources is not None else iter(())
        return self.lint_documents(Document.plain(text, next(names, "<stdin>")) for text in texts)

    def lint_documents(self, documents: Iterable[Document]) -> Iterator[Report]:
        """Lint documents (plain, Markdown or HTML) in order; one parse per document."""
        pending: list[Document] = []

        def prose() -> Iterator[str]:
            for document in documents:
                self.check_text(document.text)
                pending.append(document)
                yield document.prose

        for analysis in self.engine.analyze(prose()):
            yield self.report(analysis, pending.pop(0))

    def report(self, analysis: Analysis, document: Document | None = None) -> Report:
        """Everything after the parse: matches, suppressions, resolution, score, findings, rewrite."""
        document = document or Document.plain(analysis.text)
        lines = LineIndex(document.text)
        active = self.active_for(document.source)
        sentences = Sentences(analysis.text, analysis.sentences)  # built once, used by both steps
        matches = match_rules(analysis, self.ruleset, active, sentences)
        matches, meta = self._suppress(matches, document, lines, active)
        resolution = resolve(analysis, matches, sentences)
        level, total, contributions = score(resolution)
        findings = _findings(document.text, resolution, level, lines)
        findings += [_finding(document.text, m, Level.LOW, lines) for m in meta]
        return Report(
            severity=level,
            score=total,
            findings=sorted(findings, key=lambda f: (f.start, f.end, f.rule)),
            contributions=contributions,
            suggestion=suggest(document.text, resolution, level),
            signals=[_finding(document.text, m, Level.NONE, lines) for m in resolution.signals],
            source=document.source,
            fail_on=self.fail_on_for(document.source),
        )

    def _suppress(self, matches: list[Match], document: Document, lines: LineIndex,
                  active: frozenset[str]) -> tuple[list[Match], list[Match]]:
        """Drop suppressed matches; report invalid and unused suppressions as matches of HL90x."""
        if not document.comments:
            return matches, []
        directives = suppress.parse(document.comments, document.text, self.ruleset)
        kept = [m for m in matches if not suppress.suppressed(directives, m.rule.id, lines.position(m.start)[0])]
        meta = []
        for directive in directives:
            entity = suppress.INVALID if directive.problem else (suppress.UNUSED if not directive.used else "")
            rule = next((r for r in self.ruleset.rules if any(p.entity == entity for p in r.patterns)), None)
            if entity and rule is not None and rule.id in active:
                meta.append(Match(rule, directive.start, directive.end, 1.0))
        return kept, meta

    def active_for(self, source: str) -> frozenset[str]:
        """Rules on for this path, after per-path overrides."""
        active = self.active
        for override in self.config.overrides:
            if _matches(source, override.paths):
                if override.select:
                    active = frozenset(rule_ids(self.ruleset, override.select, "select", self.config.source))
                active = active - rule_ids(self.ruleset, override.ignore, "ignore", self.config.source)
        return active

    def fail_on_for(self, source: str) -> Level:
        """The --fail-on level for this path, after per-path overrides."""
        level = self.config.fail_on
        for override in self.config.overrides:
            if override.fail_on is not None and _matches(source, override.paths):
                level = override.fail_on
        return level


def _matches(source: str, patterns: tuple[str, ...]) -> bool:
    path = source.replace("\\", "/").removeprefix("./")
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, f"*/{p}") for p in patterns)


def rule_ids(ruleset: RuleSet, keys: tuple[str, ...], setting: str, source: str = "") -> set[str]:
    """The ids of rules named by id or name; an unknown name is a config error."""
    found = set()
    for key in keys:
        rule = ruleset.get(key)
        if rule is None:
            raise ConfigError(source or "the command line", None, setting,
                              f"no rule has the id or name '{key}' (see `hushlint rules`)")
        found.add(rule.id)
    return found


def active_rules(ruleset: RuleSet, select: tuple[str, ...], ignore: tuple[str, ...],
                 source: str = "") -> frozenset[str]:
    """Rule ids left on by ``select`` / ``ignore``."""
    chosen = rule_ids(ruleset, select, "select", source) if select else {r.id for r in ruleset.rules}
    return frozenset(chosen - rule_ids(ruleset, ignore, "ignore", source))


@functools.lru_cache(maxsize=2)
def get_engine(model: str, packs: tuple[str, ...], allow: tuple[str, ...]) -> Engine:
    """One engine per (model, packs, allow list) per process: loading spaCy is the big cost."""
    return Engine(load_rules(packs), model=model, allow_list=allow)


def _findings(text: str, resolution: Resolution, level: Level, lines: LineIndex) -> list[Finding]:
    roles: list[tuple[Match, Level]] = []
    roles += [(m, _SCOPE_LEVEL[m.rule.scope]) for m in resolution.references]
    roles += [(m, _ATTACHED_LEVEL.get(m.rule.category, Level.HIGH)) for m in resolution.attached]
    roles += [(m, Level.LOW) for m in resolution.aggregate_attached + resolution.mitigating]
    return [_finding(text, m, min(role, level), lines) for m, role in roles]


def _finding(text: str, match: Match, level: Level, lines: LineIndex) -> Finding:
    line, column = lines.position(match.start)
    end_line, end_column = lines.position(match.end)
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
        end_line=end_line,
        end_column=end_column,
    )
