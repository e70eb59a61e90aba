"""The real entry points in a real process: ``python -m linter`` and the ``hushlint`` script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import linter

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CI", None)  # $CI switches redaction on; keep the run like a local one
    return env


def hushlint_script() -> str:
    beside = Path(sys.executable).parent / ("hushlint.exe" if os.name == "nt" else "hushlint")
    if beside.is_file():
        return str(beside)
    found = shutil.which("hushlint")
    assert found, "the hushlint console script is not installed"
    return found


def test_python_dash_m_checks_the_example_draft() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "examples/draft.md", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env(),
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    document = json.loads(proc.stdout)
    assert document["tool"] == "hushlint"
    result = document["results"][0]
    assert result["severity"] in ("high", "critical")
    assert result["source"].endswith("draft.md")
    assert result["findings"]


def test_console_script_version() -> None:
    proc = subprocess.run(
        [hushlint_script(), "--version"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "hushlint" in proc.stdout
    assert linter.__version__ in proc.stdout
