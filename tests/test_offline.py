"""A full lint opens no network connection and writes no tldextract cache.

Runs in a fresh interpreter so nothing (spaCy, Presidio, tldextract's suffix list) is
already loaded or cached by earlier tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "My client emailed me from mike@gmail.com and called from 555-301-2234 about her relapse. "
    "See www.example.com"
)

SCRIPT = r"""
import json, socket, sys

attempts = []

def guard(name):
    def blocked(*args, **kwargs):
        attempts.append([name, repr(args)[:200]])
        raise OSError("network disabled by hushlint's offline test: " + name)
    return blocked

socket.socket.connect = guard("socket.connect")
socket.socket.connect_ex = guard("socket.connect_ex")
socket.create_connection = guard("socket.create_connection")
socket.getaddrinfo = guard("socket.getaddrinfo")

from linter import lint

report = lint(sys.argv[1])
during_lint = list(attempts)

# prove the guard is live: a deliberate connection must be recorded
try:
    socket.create_connection(("example.com", 80), timeout=1)
except OSError:
    pass
try:
    socket.socket().connect(("127.0.0.1", 9))
except OSError:
    pass

print(json.dumps({
    "attempts": during_lint,
    "guard_hits": len(attempts) - len(during_lint),
    "severity": str(report.severity),
    "findings": [[f.rule, f.category, f.text] for f in report.findings],
    "modules": sorted(m for m in ("tldextract", "presidio_analyzer", "spacy") if m in sys.modules),
}))
"""


def test_full_lint_is_offline(tmp_path: Path) -> None:
    cache, xdg, home = tmp_path / "tld", tmp_path / "xdg", tmp_path / "home"
    for folder in (cache, xdg, home):
        folder.mkdir()
    env = dict(os.environ, TLDEXTRACT_CACHE=str(cache), XDG_CACHE_HOME=str(xdg))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, DRAFT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    assert result["attempts"] == [], f"network access attempted during lint: {result['attempts']}"
    assert result["guard_hits"] >= 2, "the socket guard was not in effect"
    # the email recognizer (and so tldextract) really ran
    assert "tldextract" in result["modules"]
    assert ["HL304", "direct_identifier", "mike@gmail.com"] in result["findings"]
    assert result["severity"] == "critical"

    written = [p for folder in (cache, xdg) for p in folder.rglob("*")]
    assert written == [], f"files written to the cache dirs: {written}"
