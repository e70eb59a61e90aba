"""hushlint: a confidentiality linter for what therapists post.

    from linter import lint
    report = lint("My 3pm, a retired firefighter, cried about his son's overdose.")
    report.severity, report.score, report.findings, report.suggestion
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.config import Config
    from linter.findings import Report

__all__ = ["lint"]
__version__ = "0.1.0"


def lint(text: str, config: Config | None = None) -> Report:
    """Lint one draft with the built-in rules (or ``config``) and return its Report."""
    from linter.api import Linter

    return Linter(config).lint(text)
