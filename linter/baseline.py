"""Baselines: accept the findings of legacy posts so only new findings fail.

Entries are keyed by content (path, rule, HMAC of the flagged text), never by line number and
never with the flagged text itself. The HMAC key is per repository: a client's first name
hashed without a secret could be found again by hashing a list of names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from linter.errors import HushlintError
from linter.findings import Finding, Report

KEY_ENV = "HUSHLINT_BASELINE_KEY"
KEY_FILE = ".hushlint-key"
VERSION = 1


def load_key(baseline: Path, create: bool = False) -> bytes:
    """The HMAC key: $HUSHLINT_BASELINE_KEY, else .hushlint-key beside the baseline (made on write)."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8")
    path = baseline.parent / KEY_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    if not create:
        raise HushlintError(
            f"no baseline key: set ${KEY_ENV} or keep {path} (written by `hushlint baseline write`)"
        )
    key = secrets.token_hex(32)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key.encode("utf-8")


def fingerprint(key: bytes, source: str, finding: Finding) -> tuple[str, str, str]:
    """(path, rule, hmac) of a finding: stable across edits elsewhere in the file."""
    normal = " ".join(finding.text.casefold().split())
    digest = hmac.new(key, f"{finding.rule}\x00{normal}".encode(), hashlib.sha256).hexdigest()
    return (_path(source), finding.rule, digest)


def _path(source: str) -> str:
    return Path(source).as_posix().removeprefix("./")


def write(path: Path, reports: Iterable[Report]) -> int:
    """Record every finding of ``reports``; returns how many were written."""
    key = load_key(path, create=True)
    counts = Counter(fingerprint(key, r.source, f) for r in reports for f in r.findings)
    entries = [{"path": p, "rule": rule, "hmac": digest, "count": n}
               for (p, rule, digest), n in sorted(counts.items())]
    data = {"version": VERSION, "hash": "hmac-sha256", "entries": entries}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return sum(counts.values())


def load(path: Path) -> Counter:
    """The accepted fingerprints of a baseline file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter({(e["path"], e["rule"], e["hmac"]): int(e["count"]) for e in data["entries"]})
    except OSError as exc:
        raise HushlintError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise HushlintError(f"{path}: not a hushlint baseline ({exc})") from None


def apply(report: Report, accepted: Counter, key: bytes) -> Report:
    """Drop findings the baseline accepts (each entry absorbs ``count`` findings)."""
    kept = []
    for finding in report.findings:
        mark = fingerprint(key, report.source, finding)
        if accepted[mark] > 0:
            accepted[mark] -= 1
        else:
            kept.append(finding)
    if len(kept) == len(report.findings):
        return report
    return replace(report, findings=kept, baselined=len(report.findings) - len(kept))
