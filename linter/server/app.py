"""The paste-a-draft page: a Starlette app served by uvicorn on 127.0.0.1.

Privacy and safety, in order of a request's life:

* :class:`Guard` (pure ASGI middleware) rejects a ``Host`` header that is not a loopback
  name (DNS rebinding), a cross-origin or ``Sec-Fetch-Site: cross-site`` request that is
  not GET/HEAD, and a declared body larger than the cap (413) before any app code runs;
  it adds ``Cache-Control: no-store``, a ``default-src 'self'`` CSP and friends to every
  response, and writes the access log itself: method, path (never the query string),
  status and time. Bodies are never logged; uvicorn's own access log is off.
* ``POST /api/lint`` takes ``{"text": ...}`` as JSON only, reads at most the cap (413 with
  a readable JSON error otherwise) and answers with the report, its highlighted segments
  and the reflection questions. Nothing is stored.
* One :class:`linter.api.Linter` is built in a background thread right after start-up, so
  the port answers at once and ``/api/health`` says ``loading`` until it is ready. Lints run
  one at a time on a single worker thread (CPU-bound; spaCy is not shared across threads).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from linter import __version__
from linter.config import Config
from linter.errors import HushlintError
from linter.levels import BAND_FLOORS, Level
from linter.report import highlight
from linter.rules import load_rules

#: Drafts longer than this many characters are refused with 413.
MAX_DRAFT_CHARS = 100_000
#: Host names (without port) accepted in the Host header besides loopback IP literals.
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Every response carries these.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"cache-control", b"no-store"),
    (b"content-security-policy",
     b"default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

access_log = logging.getLogger("hushlint.server.access")
log = logging.getLogger("hushlint.server")


def max_body_bytes(max_chars: int) -> int:
    """Bytes a JSON body may take for ``max_chars`` characters (each may be escaped as \\uXXXX)."""
    return max_chars * 6 + 4096


# --- Host and Origin checks ---------------------------------------------------------------


def split_host(value: str) -> tuple[str, str]:
    """``"[::1]:8765"`` -> ``("::1", "8765")``; ``"localhost"`` -> ``("localhost", "")``."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        return name, rest[1:] if rest.startswith(":") else ""
    if value.count(":") == 1:
        name, _, port = value.partition(":")
        return name, port
    return value, ""


def is_loopback(name: str) -> bool:
    """True for loopback names and IP literals (127.0.0.0/8, ::1)."""
    name = name.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(header: str | None, extra: Iterable[str] = ()) -> bool:
    """Is this Host header one of ours? Loopback names always; ``extra`` names when given."""
    if not header:
        return False
    name, port = split_host(header)
    if port and not port.isdigit():
        return False
    return is_loopback(name) or name in {e.strip("[]").lower() for e in extra}


def same_origin(origin: str, host_header: str, scheme: str = "http") -> bool:
    """Does an Origin header name this very server (scheme, host and port)?"""
    return origin.strip().lower() == f"{scheme}://{host_header.strip().lower()}"


# --- the middleware ---------------------------------------------------------------------


class Guard:
    """Host, Origin and size checks, security headers and a text-free access log."""

    def __init__(self, app: Any, allowed_hosts: Iterable[str] = (), max_chars: int = MAX_DRAFT_CHARS) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)
        self.max_chars = max_chars
        self.max_body = max_body_bytes(max_chars)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                names = {name for name, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": headers + list(SECURITY_HEADERS)}
            await send(message)

        try:
            refusal = self.refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send_with_headers)
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            # Path only: never the query string, never a header, never the body.
            access_log.info(
                "%s %s %s %.1fms", scope.get("method", "-"), scope.get("path", "-"),
                status["code"] or "-", (time.perf_counter() - started) * 1000,
            )

    def refusal(self, scope: dict) -> Response | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host")
        if not host_allowed(host, self.allowed_hosts):
            return error_response(
                400, "This server only answers to localhost / 127.0.0.1 (the Host header did not match). "
                     "Open the address hushlint printed when it started.", "bad_host")
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS:
            fetch_site = headers.get("sec-fetch-site", "")
            origin = headers.get("origin")
            if fetch_site in ("cross-site", "same-site") or (
                origin is not None and not same_origin(origin, host or "", scope.get("scheme", "http"))
            ):
                return error_response(403, "Cross-origin requests are refused: use the page this "
                                           "server serves.", "cross_origin")
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                return too_large(max_chars=self.max_chars)
        return None


def error_response(status: int, message: str, code: str, **extra: Any) -> JSONResponse:
    """A JSON error the page can show as is: ``{"error": message, "code": code}``."""
    return JSONResponse({"error": message, "code": code, **extra}, status_code=status)


def too_large(chars: int | None = None, max_chars: int = MAX_DRAFT_CHARS) -> JSONResponse:
    """413 with a message the page shows as is."""
    if chars is not None:
        message = (f"This draft has {chars:,} characters; the limit here is {max_chars:,}. "
                   "Check it in parts.")
    else:
        message = f"This draft is too large; the limit here is {max_chars:,} characters. Check it in parts."
    return error_response(413, message, "too_large", max_chars=max_chars)


# --- the engine ---------------------------------------------------------------------------


class EngineHolder:
    """Builds the Linter once, in the background, and runs lints one at a time."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.linter: Any = None
        self.status = "loading"
        self.error = ""
        self.load_seconds: float | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hushlint-lint")
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Build the engine in a daemon thread (returns at once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._build, name="hushlint-engine", daemon=True)
            self._thread.start()

    def _build(self) -> None:
        started = time.perf_counter()
        try:
            linter = self.factory()
            linter.lint("Warming up: grief comes in waves.")  # loads spaCy + Presidio now
        except HushlintError as exc:
            self.error, self.status = str(exc), "error"
            log.error("hushlint engine failed to load: %s", exc)
            return
        except Exception as exc:  # a broken model install must not kill the server silently
            self.error, self.status = f"the engine failed to load ({type(exc).__name__})", "error"
            log.exception("hushlint engine failed to load")
            return
        self.linter = linter
        self.load_seconds = round(time.perf_counter() - started, 2)
        self.status = "ready"
        log.info("hushlint engine ready in %.1fs", self.load_seconds)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the build finished (for tests and benchmarks)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.status == "ready"

    async def lint(self, text: str) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.linter.lint, text)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


# --- payloads -----------------------------------------------------------------------------


def bands() -> list[dict[str, Any]]:
    """The score bands, for the page's gauge."""
    return [
        {"level": str(level), "label": highlight.level_label(level), "from": BAND_FLOORS[level],
         "to": highlight.BAND_CEILINGS[level]}
        for level in Level
    ]


def report_payload(report: Any, text: str, rules: Any) -> dict[str, Any]:
    """The JSON the page renders: the report plus segments, explanations and questions."""
    def finding(item: Any, number: int) -> dict[str, Any]:
        return {**item.to_dict(), "n": number, "why": highlight.rule_why(rules, item.rule),
                "explain": f"/rules#{highlight.rule_anchor(item.rule)}"}

    level = report.severity
    return {
        "severity": str(level),
        "label": highlight.level_label(level),
        "summary": highlight.LEVEL_SUMMARY[level],
        "score": report.score,
        "findings": [finding(f, i + 1) for i, f in enumerate(report.findings)],
        "signals": [finding(s, i + 1) for i, s in enumerate(report.signals)],
        "segments": highlight.segment_dicts(text, report.findings, report.signals),
        "contributions": [c.to_dict() for c in report.contributions],
        "suggestion": report.suggestion.to_dict(),
        "show_rewrites": level >= Level.MEDIUM,
        "questions": highlight.questions_for(level),
    }


# --- the app ------------------------------------------------------------------------------


def static_dir() -> Any:
    return resources.files("linter.server").joinpath("static")


def create_app(
    config: Config | None = None,
    *,
    linter_factory: Callable[[], Any] | None = None,
    max_chars: int = MAX_DRAFT_CHARS,
    allowed_hosts: Iterable[str] = (),
) -> Starlette:
    """The ASGI app. ``linter_factory`` (default: ``Linter(config)``) runs in a background thread."""
    config = config or Config()
    max_chars = min(max_chars, config.max_chars)

    def default_factory() -> Any:
        from linter.api import Linter

        return Linter(config)

    engine = EngineHolder(linter_factory or default_factory)
    rules = load_rules(config.packs)
    static = static_dir()
    index_html = static.joinpath("index.html").read_text(encoding="utf-8")

    async def index(request: Request) -> Response:
        return HTMLResponse(index_html)

    async def health(request: Request) -> Response:
        data = {"status": engine.status, "version": __version__, "max_chars": max_chars, "bands": bands()}
        if engine.error:
            data["error"] = engine.error
        if engine.load_seconds is not None:
            data["load_seconds"] = engine.load_seconds
        return JSONResponse(data)

    async def lint(request: Request) -> Response:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            return error_response(415, 'Send the draft as JSON: {"text": "..."}.', "bad_content_type")
        limit = max_body_bytes(max_chars)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                return too_large(max_chars=max_chars)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return error_response(400, 'The request must be JSON like {"text": "..."}.', "bad_json")
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str):
            return error_response(400, 'The request must be JSON like {"text": "..."}.', "bad_json")
        if len(text) > max_chars:
            return too_large(chars=len(text), max_chars=max_chars)
        if not text.strip():
            return error_response(400, "The draft is empty: paste something to check.", "empty")
        if engine.status == "loading":
            response = error_response(503, "hushlint is still loading its language model; "
                                           "your draft will be checked in a moment.", "loading")
            response.headers["retry-after"] = "1"
            return response
        if engine.status != "ready":
            return error_response(500, f"hushlint could not start: {engine.error}", "engine_error")
        started = time.perf_counter()
        try:
            report = await engine.lint(text)
        except HushlintError as exc:
            return error_response(400, str(exc), "input_error")
        except Exception as exc:  # log the kind only: a message could quote the draft
            log.error("lint failed: %s", type(exc).__name__)
            return error_response(500, "Something went wrong while checking this draft.", "internal")
        payload = report_payload(report, text, engine.linter.ruleset)
        payload["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return JSONResponse(payload)

    async def rules_page(request: Request) -> Response:
        return HTMLResponse(render_rules_page(rules))

    @asynccontextmanager
    async def lifespan(app: Starlette):
        engine.start()
        yield
        engine.close()

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET", "HEAD"]),
            Route("/api/health", health, methods=["GET"]),
            Route("/api/lint", lint, methods=["POST"]),
            Route("/rules", rules_page, methods=["GET", "HEAD"]),
            Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.max_chars = max_chars
    app.add_middleware(Guard, allowed_hosts=tuple(allowed_hosts), max_chars=max_chars)
    return app


def render_rules_page(rules: Any) -> str:
    """Every rule's explanation on one page (the page links to ``/rules#rule-HL301``)."""
    body = "".join(highlight.rule_explanation_html(rule) for rule in rules.rules)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>hushlint rules</title><link rel="stylesheet" href="/static/style.css">'
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>'
        '<body><a class="skip" href="#main">Skip to the rules</a>'
        '<header class="top"><h1><a href="/">hushlint</a> rules</h1>'
        '<p class="tagline">What each rule flags, why it matters and what to write instead.</p></header>'
        f'<main id="main" class="rules-page">{body}</main></body></html>'
    )
