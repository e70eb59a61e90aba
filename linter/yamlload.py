"""YAML loading that remembers the line of every mapping key, for errors that name file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Located(dict):
    """A mapping from YAML that knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml parses when it is installed (about ten times faster); construction stays in Python.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BASE):  # type: ignore[misc,valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        self.flatten_mapping(node)
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "mapping keys must be plain scalars", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[str(key)] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


def load_yaml(path: Path, error: type[Exception]) -> Any:
    """Parse a YAML file; syntax and encoding problems become ``error(path, line, key, why)``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(str(path), None, "-", f"cannot read file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise error(str(path), None, "-", "file is not UTF-8 text") from None
    return load_yaml_text(text, str(path), error)


def load_yaml_text(text: str, name: str, error: type[Exception]) -> Any:
    """Parse YAML text named ``name`` (for messages) with line-aware mappings."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise error(name, line, "-", f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise error(name, None, "-", f"invalid YAML: {exc}") from None
