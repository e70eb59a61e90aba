"""Rule packs (patterns/*.yaml) -> validated Rule objects; errors name file, line and key."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from linter.errors import PatternError
from linter.yamlload import Located, load_yaml

FINDING_CATEGORIES = (
    "client_reference",
    "session_anecdote",
    "client_quote",
    "direct_identifier",
    "quasi_identifier",
    "sensitive_clinical",
    "derogatory",
    "minor",
    "dual_relationship",
    "location_checkin",
    "consent_or_composite_claim",
    "suppression",  # hushlint's own suppression comments (never scored)
)
#: Safe context: noticed and explained, never raises a level.
SIGNAL_CATEGORIES = (
    "own_therapy",
    "hypothetical",
    "therapy_term",
    "self_disclosure",
    "psychoeducation",
    "self_care",
    "practice_news",
    "generic_aggregate",
    "clinician_voice",
)
CATEGORIES = FINDING_CATEGORIES + SIGNAL_CATEGORIES
#: Categories that describe a client or a session (they open a client story).
CONTEXT_CATEGORIES = ("client_reference", "session_anecdote", "dual_relationship")
SCOPES = ("specific", "aggregate", "workday", "weak")
EFFECTS = ("cancel", "neutralise", "lower", "promote")
#: Entity types produced by Presidio's recognizers and by hushlint's coded recognizers.
ENTITIES = (
    "PERSON",
    "LOCATION",
    "ORGANIZATION",
    "NRP",
    "DATE_TIME",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "URL",
    "GIVEN_NAME",
    "INITIALS",
    "HANDLE",
    "QUOTED_SPEECH",
    "NARRATIVE_PERSON",
    "SUPPRESSION_UNUSED",
    "SUPPRESSION_INVALID",
)
RULE_KEYS = {
    "id", "name", "category", "message", "why", "suggest", "patterns", "examples",
    "kind", "scope", "explicit", "effect", "targets", "unless", "case_sensitive", "generalise", "requires",
}
PATTERN_KEYS = {"regex", "tokens", "entity", "where"}
PACK_KEYS = {"pack", "description", "lists", "rules"}
MAX_REGEX_LENGTH = 20_000
#: Token attributes nothing in hushlint's spaCy pipeline sets (see engine.EXCLUDED_COMPONENTS).
UNAVAILABLE_TOKEN_ATTRS = {"POS", "LEMMA", "MORPH", "DEP", "HEAD"}
Compiled = re.Pattern | regex.Pattern
#: Every regex runs with this timeout (seconds) per segment, so no pattern can hang a run.
REGEX_TIMEOUT = 2.0


@dataclass(frozen=True)
class Pattern:
    """One way a rule matches: a regex, a spaCy token pattern, or a recognizer entity."""

    regex: str | None = None
    tokens: tuple[Any, ...] | None = None
    entity: str | None = None
    where: str | None = None  # regex the matched text must contain (for entity patterns)
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """A rule as data: what it matches, what it means, why it matters, what to do instead."""

    id: str
    name: str
    category: str
    message: str
    why: str
    suggest: str
    patterns: tuple[Pattern, ...]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    kind: str = ""
    scope: str = ""
    explicit: bool = True
    effect: str = ""
    targets: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    case_sensitive: bool = False
    generalise: str | None = None  # replacement in the redacted rewrite ("" drops the span)
    requires: str = ""  # "narrative": only in sentences that tell something that happened
    source: str = ""
    line: int = 0

    @property
    def trusted(self) -> bool:
        """A rule from hushlint's own packs (its regexes may use the faster ``re``)."""
        return is_builtin(self.source)

    @property
    def is_signal(self) -> bool:
        """True for safe-context rules that never raise a level."""
        return self.category in SIGNAL_CATEGORIES or self.effect == "lower"


@dataclass(frozen=True)
class RuleSet:
    """All loaded rules plus the shared word lists their regexes interpolate."""

    rules: tuple[Rule, ...]
    lists: dict[str, tuple[str, ...]]
    _expanded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def get(self, key: str) -> Rule | None:
        """Find a rule by id (case-insensitive) or readable name."""
        wanted = key.strip().lower()
        return next((r for r in self.rules if wanted in (r.id.lower(), r.name)), None)

    def expand(self, pattern: str) -> str:
        """Replace ``{{list}}`` placeholders with an alternation of that list's phrases (cached)."""
        cached = self._expanded.get(pattern)
        if cached is None:
            cached = self._expanded[pattern] = expand_lists(pattern, self.lists)
        return cached


def is_builtin(path: str) -> bool:
    """Is this pack file one of hushlint's own (trusted, tested) packs?"""
    return path.startswith(str(builtin_pack_dir()))


@functools.lru_cache(maxsize=1)
def builtin_pack_dir() -> Path:
    """Directory of the packs shipped with hushlint (installed or in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent / "patterns"):
        if (candidate / "client_context.yaml").is_file():
            return candidate
    raise PatternError(str(here / "patterns"), None, "-", "built-in rule packs are missing")


def pack_files(directory: Path) -> list[Path]:
    """The rule-pack files of a directory, in a stable order."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


@functools.lru_cache(maxsize=8)
def load_rules(extra: tuple[str, ...] = ()) -> RuleSet:
    """Load the built-in packs plus ``extra`` pack files; cached per process."""
    paths = pack_files(builtin_pack_dir()) + [Path(p) for p in extra]
    return parse_packs(paths)


def parse_packs(paths: Iterable[Path]) -> RuleSet:
    """Parse and validate pack files into one RuleSet."""
    raw: list[tuple[Path, Located]] = []
    lists: dict[str, tuple[str, ...]] = {}
    for path in paths:
        data = load_yaml(path, PatternError)
        if not isinstance(data, Located):
            raise PatternError(str(path), None, "-", "a pack must be a mapping with a 'rules' list")
        _check_keys(str(path), data, PACK_KEYS, "pack")
        for name, items in (data.get("lists") or {}).items():
            line = data["lists"].line_of(name) if isinstance(data["lists"], Located) else None
            if name in lists:
                raise PatternError(str(path), line, f"lists.{name}", "list defined twice")
            if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
                raise PatternError(str(path), line, f"lists.{name}", "must be a list of strings")
            lists[name] = tuple(items)
        raw.append((path, data))

    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path, data in raw:
        items = data.get("rules")
        if not isinstance(items, list):
            raise PatternError(str(path), data.line_of("rules"), "rules", "must be a list of rules")
        for item in items:
            rule = _parse_rule(str(path), item, lists)
            for key in (rule.id, rule.name):
                if key in seen:
                    raise PatternError(
                        str(path), rule.line, "id", f"'{key}' is already used in {seen[key]}"
                    )
                seen[key] = str(path)
            rules.append(rule)
    return RuleSet(rules=tuple(rules), lists=lists)


def _check_keys(path: str, data: Located, allowed: set[str], what: str) -> None:
    for key in data:
        if key not in allowed:
            hint = ", ".join(sorted(allowed))
            raise PatternError(path, data.line_of(str(key)), str(key), f"unknown {what} key (allowed: {hint})")


def _text(path: str, item: Located, key: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise PatternError(path, item.line_of(key), key, "must be a non-empty string")
    return " ".join(value.split()) if key in ("why", "message", "suggest") else value.strip()


def _requires(path: str, item: Located) -> str:
    value = _text(path, item, "requires", required=False)
    if value not in ("", "narrative"):
        raise PatternError(path, item.line_of("requires"), "requires", "the only value is 'narrative'")
    return value


def _generalise(path: str, item: Located) -> str | None:
    value = item.get("generalise")
    if value is not None and not isinstance(value, str):
        raise PatternError(path, item.line_of("generalise"), "generalise", "must be a string ('' drops the span)")
    return value


def _strings(path: str, item: Located, key: str, line: int) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(path, line, key, "must be a list of non-empty strings")
    return tuple(value)


def _parse_rule(path: str, item: Any, lists: dict[str, tuple[str, ...]]) -> Rule:
    if not isinstance(item, Located):
        raise PatternError(path, None, "rules", "each rule must be a mapping")
    _check_keys(path, item, RULE_KEYS, "rule")
    rule_id = _text(path, item, "id")
    if not regex.fullmatch(r"[A-Z]{2,6}\d{3}", rule_id):
        raise PatternError(path, item.line_of("id"), "id", f"'{rule_id}' must look like HL123")
    name = _text(path, item, "name")
    if not regex.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", name):
        raise PatternError(path, item.line_of("name"), "name", f"'{name}' must be kebab-case")
    category = _text(path, item, "category")
    if category not in CATEGORIES:
        raise PatternError(path, item.line_of("category"), "category", f"unknown category '{category}'")
    scope = _text(path, item, "scope", required=False)
    effect = _text(path, item, "effect", required=False)
    if effect and effect not in EFFECTS:
        raise PatternError(path, item.line_of("effect"), "effect", f"must be one of {EFFECTS}")
    if category in CONTEXT_CATEGORIES and scope not in SCOPES:
        raise PatternError(path, item.line_of("scope"), "scope", f"must be one of {SCOPES}")
    if effect in ("neutralise", "promote") and scope not in ("sentence", "document"):
        raise PatternError(path, item.line_of("scope"), "scope", "must be 'sentence' or 'document'")
    explicit = item.get("explicit", True)
    if not isinstance(explicit, bool):
        raise PatternError(path, item.line_of("explicit"), "explicit", "must be true or false")
    case_sensitive = item.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise PatternError(path, item.line_of("case_sensitive"), "case_sensitive", "must be true or false")

    patterns = _parse_patterns(path, item, lists, case_sensitive)
    examples = item.get("examples")
    if not isinstance(examples, Located):
        raise PatternError(path, item.line_of("examples"), "examples", "needs 'flag' and 'pass' lists")
    flag = _strings(path, examples, "flag", examples.line_of("flag"))
    passing = _strings(path, examples, "pass", examples.line_of("pass"))
    if not flag or not passing:
        raise PatternError(path, item.line_of("examples"), "examples", "needs at least one 'flag' and one 'pass'")
    unless = _strings(path, item, "unless", item.line_of("unless"))
    for text in unless:
        _compile(path, item.line_of("unless"), "unless", text, lists, case_sensitive)
    return Rule(
        id=rule_id,
        name=name,
        category=category,
        message=_text(path, item, "message"),
        why=_text(path, item, "why"),
        suggest=_text(path, item, "suggest"),
        patterns=patterns,
        flag_examples=flag,
        pass_examples=passing,
        kind=_text(path, item, "kind", required=False),
        scope=scope,
        explicit=explicit,
        effect=effect,
        targets=_strings(path, item, "targets", item.line_of("targets")),
        unless=unless,
        case_sensitive=case_sensitive,
        generalise=_generalise(path, item),
        requires=_requires(path, item),
        source=path,
        line=item.line,
    )


def _parse_patterns(
    path: str, item: Located, lists: dict[str, tuple[str, ...]], case_sensitive: bool
) -> tuple[Pattern, ...]:
    entries = item.get("patterns")
    if not isinstance(entries, list) or not entries:
        raise PatternError(path, item.line_of("patterns"), "patterns", "must be a non-empty list")
    patterns = []
    for entry in entries:
        if not isinstance(entry, Located):
            raise PatternError(path, item.line_of("patterns"), "patterns", "each entry must be a mapping")
        _check_keys(path, entry, PATTERN_KEYS, "pattern")
        kinds = [k for k in ("regex", "tokens", "entity") if k in entry]
        if len(kinds) != 1:
            raise PatternError(path, entry.line, "patterns", "give exactly one of regex, tokens, entity")
        kind = kinds[0]
        line = entry.line_of(kind)
        if kind == "regex":
            if not isinstance(entry["regex"], str):
                raise PatternError(path, line, "regex", "must be a string")
            _compile(path, line, "regex", entry["regex"], lists, case_sensitive)
            patterns.append(Pattern(regex=entry["regex"], line=line))
        elif kind == "tokens":
            tokens = entry["tokens"]
            if not isinstance(tokens, list) or not all(isinstance(t, dict) for t in tokens) or not tokens:
                raise PatternError(path, line, "tokens", "must be a list of spaCy token mappings")
            unavailable = sorted({key for t in tokens for key in t} & UNAVAILABLE_TOKEN_ATTRS)
            if unavailable:
                raise PatternError(path, line, "tokens", f"{', '.join(unavailable)} is not set by hushlint's "
                                   "pipeline (no lemmatizer or parser); use LOWER, TAG or ENT_TYPE")
            patterns.append(Pattern(tokens=tuple(_plain(t) for t in tokens), line=line))
        else:
            entity = entry["entity"]
            if entity not in ENTITIES:
                raise PatternError(path, line, "entity", f"unknown entity '{entity}' (known: {', '.join(ENTITIES)})")
            where = entry.get("where")
            if where is not None:
                if not isinstance(where, str):
                    raise PatternError(path, entry.line_of("where"), "where", "must be a regex string")
                _compile(path, entry.line_of("where"), "where", where, lists, case_sensitive)
            patterns.append(Pattern(entity=entity, where=where, line=line))
    return tuple(patterns)


def _plain(value: Any) -> Any:
    """Turn Located mappings back into plain dicts (spaCy's Matcher validates dicts)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def expand_lists(pattern: str, lists: dict[str, tuple[str, ...]]) -> str:
    """Replace ``{{name}}`` with ``(?:phrase|phrase…)``, longest phrase first."""

    def replace(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in lists:
            raise KeyError(name)
        phrases = sorted(lists[name], key=len, reverse=True)
        return "(?:" + "|".join(_phrase_regex(p) for p in phrases) + ")"

    return regex.sub(r"\{\{([a-z_]+)\}\}", replace, pattern)


def _phrase_regex(phrase: str) -> str:
    """A list phrase as regex: literal, with flexible whitespace and hyphens."""
    parts = regex.split(r"[\s-]+", phrase.strip())
    return r"[\s-]+".join(regex.escape(part) for part in parts)


def _compile(
    path: str, line: int, key: str, pattern: str, lists: dict[str, tuple[str, ...]], case_sensitive: bool
) -> Compiled:
    try:
        expanded = expand_lists(pattern, lists)
    except KeyError as exc:
        raise PatternError(path, line, key, f"unknown list {{{{{exc.args[0]}}}}}") from None
    if len(pattern) > MAX_REGEX_LENGTH:
        raise PatternError(path, line, key, f"regex longer than {MAX_REGEX_LENGTH} characters")
    try:
        return compile_regex(expanded, case_sensitive, is_builtin(path))
    except regex.error as exc:
        raise PatternError(path, line, key, f"invalid regex: {exc}") from None


@functools.lru_cache(maxsize=4096)
def compile_regex(pattern: str, case_sensitive: bool = False, trusted: bool = False) -> Compiled:
    """Compile once per process, case-insensitive unless ``case_sensitive``.

    A user's pattern is compiled by the ``regex`` module, so every match runs under
    REGEX_TIMEOUT and no pattern can hang a run. hushlint's own (``trusted``) patterns use the
    standard library's ``re`` where it understands them (it compiles about 3x faster, which is
    start-up time) and ``regex`` for the few that need Unicode classes or variable look-behind.
    """
    if trusted:
        try:
            return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
        except re.error:
            pass
    return regex.compile(pattern, 0 if case_sensitive else regex.IGNORECASE)


def finditer(compiled: Compiled, text: str):  # -> Iterator[Match]
    """Matches of a compiled pattern; ``regex`` patterns run under REGEX_TIMEOUT."""
    if isinstance(compiled, regex.Pattern):
        return compiled.finditer(text, timeout=REGEX_TIMEOUT)
    return compiled.finditer(text)


def search(compiled: Compiled, text: str):  # -> Match | None
    """First match of a compiled pattern; ``regex`` patterns run under REGEX_TIMEOUT."""
    if isinstance(compiled, regex.Pattern):
        return compiled.search(text, timeout=REGEX_TIMEOUT)
    return compiled.search(text)
