"""Shared fixtures: one Linter (and so one spaCy + Presidio engine) for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()
