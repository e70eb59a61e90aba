"""`hushlint serve` at the HTTP level: JSON API, Host/Origin defences, 413, headers, logs.

Most tests drive the Starlette app in-process (TestClient); one starts the real uvicorn
server in a subprocess to check the printed URL and that its logs never carry draft text.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import Served
from click.testing import CliRunner
from starlette.testclient import TestClient

from linter.cli import main
from linter.errors import HushlintError
from linter.server import check_bind_host, url_for
from linter.server.app import MAX_DRAFT_CHARS, create_app, host_allowed, max_body_bytes, split_host

BASE = "http://127.0.0.1:8765"
CRITICAL = "Long day. My client Marisol, 34, a nurse from Tulsa, told me she relapsed again."
SAFE = "Grief comes in waves. Be gentle with yourself this week."
SECRET = "Zebediah Quillfeather"  # a name that must never reach a log
JSON = {"Content-Type": "application/json"}
STATIC = Path(__file__).resolve().parent.parent / "linter" / "server" / "static"


@pytest.fixture(scope="module")
def client():
    app = create_app()
    with TestClient(app, base_url=BASE) as test_client:
        assert app.state.engine.wait(120), app.state.engine.error
        yield test_client


def lint(client: TestClient, text: str, **headers: str):
    return client.post("/api/lint", content=json.dumps({"text": text}), headers={**JSON, **headers})


# --- the JSON API -------------------------------------------------------------------------


def test_health_is_ready_with_bands(client) -> None:
    data = client.get("/api/health").json()
    assert data["status"] == "ready"
    assert data["max_chars"] == MAX_DRAFT_CHARS
    assert [b["level"] for b in data["bands"]] == ["none", "low", "medium", "high", "critical"]
    assert data["bands"][-1]["to"] == 100


def test_critical_draft(client) -> None:
    response = lint(client, CRITICAL)
    assert response.status_code == 200
    data = response.json()
    assert data["severity"] == "critical" and data["label"] == "Critical" and data["score"] >= 80
    assert "".join(s["text"] for s in data["segments"]) == CRITICAL
    named = [s for s in data["segments"] if s["text"] == "Marisol"]
    assert named and named[0]["level"] == "critical"
    assert any(data["findings"][i]["rule"] == "HL301" for i in named[0]["findings"])
    person = next(f for f in data["findings"] if f["rule"] == "HL301")
    assert person["why"] and person["explain"] == "/rules#rule-HL301" and person["n"] >= 1
    assert len(data["questions"]) >= 2 and data["show_rewrites"] is True
    assert "Marisol" not in data["suggestion"]["redacted"]
    assert data["suggestion"]["general"]
    assert data["contributions"] and data["elapsed_ms"] >= 0


def test_safe_draft(client) -> None:
    data = lint(client, SAFE).json()
    assert data["severity"] == "none" and data["score"] == 0
    assert data["findings"] == [] and data["questions"] == [] and data["show_rewrites"] is False
    assert data["segments"] == [{"text": SAFE, "findings": [], "signals": [], "ends": [], "level": ""}]


def test_segments_survive_emoji(client) -> None:
    """The page slices nothing itself: each segment carries its own text (no UTF-16 drift)."""
    text = "🎉🎉 What a week! " + CRITICAL
    data = lint(client, text).json()
    assert "".join(s["text"] for s in data["segments"]) == text
    assert any(s["text"] == "Marisol" and s["level"] == "critical" for s in data["segments"])


def test_own_therapy_is_none_with_a_signal(client) -> None:
    data = lint(client, "My therapist told me today that I'm allowed to rest.").json()
    assert data["severity"] == "none"
    assert data["signals"] and data["signals"][0]["rule"] == "HL802"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("not json", 400, "bad_json"),
        ('{"text": 5}', 400, "bad_json"),
        ('["text"]', 400, "bad_json"),
        ('{"text": "   "}', 400, "empty"),
    ],
)
def test_bad_requests_get_readable_errors(client, body: str, status: int, code: str) -> None:
    response = client.post("/api/lint", content=body, headers=JSON)
    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["error"]


def test_only_json_is_accepted(client) -> None:
    """A cross-site <form> can only send form or text/plain bodies: both are refused."""
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        response = client.post("/api/lint", content=json.dumps({"text": SAFE}), headers={"Content-Type": kind})
        assert response.status_code == 415, kind


def test_get_is_not_an_api(client) -> None:
    assert client.get("/api/lint", params={"text": SAFE}).status_code == 405


# --- size caps ----------------------------------------------------------------------------


def test_too_many_characters_is_413(client) -> None:
    response = lint(client, "a" * (MAX_DRAFT_CHARS + 1))
    assert response.status_code == 413
    data = response.json()
    assert data["code"] == "too_large" and data["max_chars"] == MAX_DRAFT_CHARS
    assert "100,001" in data["error"] and "100,000" in data["error"]


def test_declared_huge_body_is_413_before_reading(client) -> None:
    body = b'{"text": "' + b"a" * (max_body_bytes(MAX_DRAFT_CHARS) + 10) + b'"}'
    response = client.post("/api/lint", content=body, headers=JSON)
    assert response.status_code == 413
    assert "limit" in response.json()["error"]


def test_streamed_huge_body_is_413(client) -> None:
    """No Content-Length (chunked): the body is counted while it is read."""
    def chunks():
        yield b'{"text": "'
        for _ in range(max_body_bytes(MAX_DRAFT_CHARS) // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    response = client.post("/api/lint", content=chunks(), headers=JSON)
    assert response.status_code == 413


def test_the_limit_itself_is_accepted(client) -> None:
    text = ("Grief comes in waves. " * 5000)[:MAX_DRAFT_CHARS]
    assert lint(client, text).status_code == 200


# --- Host header (DNS rebinding) ------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.nip.example",
                                  "localhost.evil.example:8765", "192.168.1.5:8765", "localhost:80x"])
def test_foreign_host_header_is_rejected(client, host: str) -> None:
    for response in (client.get("/", headers={"Host": host}), lint(client, SAFE, Host=host)):
        assert response.status_code == 400
        assert response.json()["code"] == "bad_host"


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765", "127.0.0.2"])
def test_loopback_host_headers_are_accepted(client, host: str) -> None:
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


def test_host_helpers() -> None:
    assert split_host("[::1]:8765") == ("::1", "8765")
    assert split_host("Localhost") == ("localhost", "")
    assert not host_allowed(None) and not host_allowed("")
    assert host_allowed("box.lan:8765", extra=["box.lan"])
    assert not host_allowed("box.lan:8765")


def test_explicit_extra_host_is_allowed() -> None:
    app = create_app(allowed_hosts=["10.0.0.7"], linter_factory=lambda: None)
    with TestClient(app, base_url="http://10.0.0.7:8765") as test_client:
        assert test_client.get("/").status_code == 200
        assert test_client.get("/", headers={"Host": "evil.example"}).status_code == 400


# --- Origin (cross-site requests) ------------------------------------------------------------


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:8765",
                                    "https://127.0.0.1:8765", "http://127.0.0.1:9999"])
def test_cross_origin_post_is_rejected(client, origin: str) -> None:
    response = lint(client, SAFE, Origin=origin)
    assert response.status_code == 403
    assert response.json()["code"] == "cross_origin"


def test_cross_site_fetch_metadata_is_rejected(client) -> None:
    for site in ("cross-site", "same-site"):
        assert lint(client, SAFE, **{"Sec-Fetch-Site": site}).status_code == 403


def test_same_origin_post_is_accepted(client) -> None:
    response = lint(client, SAFE, Origin=BASE, **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200


def test_preflight_is_not_answered_with_cors(client) -> None:
    response = client.options("/api/lint", headers={"Origin": "http://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert response.status_code in (400, 403, 405)
    assert "access-control-allow-origin" not in response.headers


# --- headers and assets -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css", "/api/health", "/rules", "/nope"])
def test_security_headers_on_every_response(client, path: str) -> None:
    response = client.get(path)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_errors_carry_security_headers_too(client) -> None:
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.headers["cache-control"] == "no-store"
    assert lint(client, SAFE).headers["cache-control"] == "no-store"


def test_page_uses_no_inline_script_and_no_external_asset(client) -> None:
    page = client.get("/").text
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert " style=" not in page and "<style" not in page
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC / name).read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", text), name
    assert 'for="draft"' in page and 'aria-live="polite"' in page


def test_rules_page_explains_every_rule(client) -> None:
    page = client.get("/rules").text
    assert 'id="rule-HL301"' in page and "Why it matters" in page
    assert "<script" not in page


# --- the engine loads in the background -----------------------------------------------------------


def test_loading_state_then_ready() -> None:
    release = threading.Event()

    def slow_factory():
        from linter.api import Linter

        release.wait(30)
        return Linter()

    app = create_app(linter_factory=slow_factory)
    with TestClient(app, base_url=BASE) as test_client:
        assert test_client.get("/api/health").json()["status"] == "loading"
        assert test_client.get("/").status_code == 200  # the page answers at once
        response = lint(test_client, SAFE)
        assert response.status_code == 503
        assert response.json()["code"] == "loading" and response.headers["retry-after"] == "1"
        release.set()
        assert app.state.engine.wait(60)
        assert test_client.get("/api/health").json()["status"] == "ready"
        assert lint(test_client, SAFE).status_code == 200


def test_engine_failure_is_reported() -> None:
    def broken():
        raise HushlintError("spaCy model 'nope' is not installed")

    app = create_app(linter_factory=broken)
    with TestClient(app, base_url=BASE) as test_client:
        app.state.engine.wait(10)
        health = test_client.get("/api/health").json()
        assert health["status"] == "error" and "nope" in health["error"]
        assert lint(test_client, SAFE).json()["code"] == "engine_error"


# --- privacy: no draft text in any log --------------------------------------------------------


def test_no_draft_text_in_logs(client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    draft = f"My client {SECRET}, 34, told me she relapsed."
    assert lint(client, draft).json()["severity"] == "critical"
    client.post(f"/api/lint?text={SECRET.replace(' ', '+')}", content=json.dumps({"text": draft}), headers=JSON)
    client.get("/", params={"draft": SECRET})
    lint(client, draft, Origin="http://evil.example")
    lint(client, "x" * (MAX_DRAFT_CHARS + 1) + SECRET)
    client.post("/api/lint", content=f"not json {SECRET}", headers=JSON)
    access = [r.getMessage() for r in caplog.records if r.name == "hushlint.server.access"]
    assert any(line.startswith("POST /api/lint 200") for line in access), access
    assert any(line.startswith("POST /api/lint 403") for line in access), access
    for record in caplog.records:
        if record.name.startswith("httpx"):  # the test's own HTTP client, not the server
            continue
        message = record.getMessage()
        assert "Zebediah" not in message and "Quillfeather" not in message, (record.name, message)
        assert "?" not in message or record.name != "hushlint.server.access", message


def test_real_server_prints_url_and_keeps_drafts_out_of_its_logs(tmp_path: Path) -> None:
    with Served(tmp_path / "serve.log") as served:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", served.url)
        served.wait_ready()
        request = urllib.request.Request(
            served.url + f"api/lint?draft={SECRET.replace(' ', '+')}", method="POST",
            data=json.dumps({"text": f"My client {SECRET} cried today."}).encode(), headers=JSON)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.load(response)["severity"] == "critical"
            assert response.headers["Cache-Control"] == "no-store"
        bad = urllib.request.Request(served.url, headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(bad, timeout=10)
        assert info.value.code == 400
    log = served.log()
    assert "POST /api/lint 200" in log and "GET / 400" in log
    assert "Zebediah" not in log and "Quillfeather" not in log and "?draft" not in log


# --- the CLI and the bind address -----------------------------------------------------------------


def test_non_loopback_bind_needs_an_explicit_host() -> None:
    assert check_bind_host("127.0.0.1", explicit=False) is None
    assert check_bind_host("::1", explicit=False) is None
    with pytest.raises(HushlintError, match="not a loopback"):
        check_bind_host("0.0.0.0", explicit=False)
    assert "warning" in check_bind_host("0.0.0.0", explicit=True)


def test_url_for() -> None:
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert url_for("0.0.0.0", 80) == "http://127.0.0.1:80/"
    assert url_for("::1", 9000) == "http://[::1]:9000/"


def test_cli_serve_passes_whether_host_was_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr("linter.server.serve", lambda **kwargs: calls.append(kwargs))
    runner = CliRunner()
    assert runner.invoke(main, ["serve"]).exit_code == 0
    assert runner.invoke(main, ["serve", "--host", "0.0.0.0", "--port", "9001", "--open"]).exit_code == 0
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["host_explicit"] is False and calls[0]["port"] == 8765
    assert calls[1]["host"] == "0.0.0.0" and calls[1]["host_explicit"] is True
    assert calls[1]["port"] == 9001 and calls[1]["open_browser"] is True
