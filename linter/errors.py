"""Errors the user can fix; the CLI prints them as one line and exits 2."""

from __future__ import annotations


class HushlintError(Exception):
    """A problem with the input, a config or a pattern pack, worded for the user."""


class InputError(HushlintError):
    """A draft could not be read: missing, binary, not UTF-8, empty or too large."""


class PatternError(HushlintError):
    """A rule pack is malformed; the message names the file, line and key."""

    def __init__(self, path: str, line: int | None, key: str, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: key '{key}': {problem}")
        self.path, self.line, self.key, self.problem = path, line, key, problem


class ConfigError(PatternError):
    """A config file is malformed; same shape of message as a pattern error."""


class ModelError(HushlintError):
    """The configured spaCy model is not installed."""
