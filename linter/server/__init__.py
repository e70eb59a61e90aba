"""``hushlint serve``: the paste-a-draft page on a local uvicorn server.

Why Starlette on uvicorn: uvicorn is a production-grade HTTP server (h11 parser, graceful
shutdown, keep-alive and concurrency limits) and Starlette is the small ASGI toolkit under
FastAPI, without FastAPI's pydantic/OpenAPI weight that a four-route app does not need.
Both are pure Python from PyPI, start in well under a second, and let the CPU-bound lint
run on a worker thread while the event loop keeps answering ``/api/health``.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from typing import Any

from linter.errors import HushlintError
from linter.server.app import MAX_DRAFT_CHARS, create_app, is_loopback

__all__ = ["LOG_CONFIG", "bind_socket", "check_bind_host", "create_app", "serve", "url_for"]

#: uvicorn's access log is off (it would print query strings); ours logs paths only.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "hushlint.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Libraries that may echo analysed text at debug level stay at warnings.
        "presidio-analyzer": {"level": "WARNING"},
        "presidio-anonymizer": {"level": "WARNING"},
    },
}


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def check_bind_host(host: str, explicit: bool) -> str | None:
    """Refuse a non-loopback address unless chosen explicitly; return a warning when it is."""
    if is_loopback(host):
        return None
    if not explicit:
        raise HushlintError(f"refusing to listen on {host}: it is not a loopback address "
                            "(pass --host explicitly to allow it)")
    return (f"warning: listening on {host}, not just this computer. Anyone who can reach this "
            "address can use the page and see the drafts checked through it.")


def url_for(host: str, port: int) -> str:
    """The address to print and open: a wildcard bind is opened on loopback."""
    bare = host.strip("[]")
    if _is_wildcard(bare):
        bare = "::1" if ":" in bare else "127.0.0.1"
    shown = f"[{bare}]" if ":" in bare else bare
    return f"http://{shown}:{port}/"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on (host, port); port 0 picks a free port."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise HushlintError(f"cannot resolve host {host!r}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise HushlintError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                            "try another --port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, config: Any = None,
          host_explicit: bool = False, max_chars: int = MAX_DRAFT_CHARS) -> None:
    """Serve the page until interrupted; prints the URL first (and opens it with ``open_browser``)."""
    import uvicorn

    warning = check_bind_host(host, host_explicit)
    if warning:
        print(f"hushlint: {warning}", file=sys.stderr, flush=True)
    extra_hosts = [] if is_loopback(host) else [host]
    if _is_wildcard(host):
        extra_hosts.append(socket.gethostname())
    sock = bind_socket(host, port)
    url = url_for(host, sock.getsockname()[1])
    app = create_app(config, allowed_hosts=extra_hosts, max_chars=max_chars)
    server = uvicorn.Server(uvicorn.Config(
        app, http="h11", loop="asyncio", lifespan="on", log_config=LOG_CONFIG, access_log=False,
        server_header=False, timeout_keep_alive=5, limit_concurrency=64,
    ))
    print(f"hushlint is running at {url}  (drafts stay on this computer; Ctrl+C to stop)", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
