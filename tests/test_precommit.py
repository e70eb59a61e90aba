"""The real pre-commit tool runs hushlint from this checkout's .pre-commit-hooks.yaml.

`pre-commit try-repo` builds the hook's own virtualenv from this repository (pip install .),
so this is the path a practice takes. It needs the package registry (or pip's cache) and takes
about half a minute, so it runs once per session.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BREACH = "My client Marisol, 34, a nurse from Tulsa, told me she relapsed again.\n"
CLEAN = "Grief comes in waves. Be gentle with yourself this week.\n"


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(exe).exists():
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    return [exe]


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("needs this checkout to be a git repository")
    repo = tmp_path_factory.mktemp("blog")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "therapist@example.org")
    git(repo, "config", "user.name", "Therapist")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    config = (
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head.stdout.strip()}\n"
        "    hooks:\n"
        "      - id: hushlint\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env_file = repo / ".env-pre-commit-home"
    env_file.write_text(str(home), encoding="utf-8")
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "config", "--no-verify")
    result = subprocess.run([*_pre_commit(), "install"], cwd=repo, capture_output=True, text=True,
                            env={**_env(home)})
    assert result.returncode == 0, result.stderr
    return repo


def _env(home: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PRE_COMMIT_HOME": str(home), "CI": "true"}


def _commit(repo: Path, name: str, text: str) -> subprocess.CompletedProcess:
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    home = Path((repo / ".env-pre-commit-home").read_text(encoding="utf-8"))
    return subprocess.run(["git", "commit", "-m", f"add {name}"], cwd=repo, capture_output=True, text=True,
                          env=_env(home), timeout=900)


def test_breaching_post_is_blocked_with_redacted_output(blog: Path) -> None:
    result = _commit(blog, "post.md", BREACH)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "hushlint" in output and "Failed" in output, output
    assert "CRITICAL" in output, output
    assert "Marisol" not in output and "Tulsa" not in output, output  # redacted: a CI log is public
    assert git(blog, "log", "--oneline").stdout.count("\n") == 1  # nothing was committed


def test_clean_post_goes_through(blog: Path) -> None:
    git(blog, "reset", "-q", "HEAD", "--", "post.md", check=False)
    (blog / "post.md").unlink(missing_ok=True)
    result = _commit(blog, "clean.md", CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout + result.stderr
