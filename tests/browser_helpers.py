"""Helpers for the real-browser tests: Debian's chromium + chromedriver, a served hushlint.

Nothing here downloads anything: Selenium gets the driver's path, so Selenium Manager never
runs, and Chromium starts with background networking, component updates and sync off.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("HUSHLINT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("HUSHLINT_CHROMEDRIVER", "/usr/bin/chromedriver")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} not found: install Debian's {package} (.ci/install-browser does)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


@contextmanager
def chrome(width: int = 1280, height: int = 1000, extra_args: tuple[str, ...] = ()) -> Iterator:
    """A headless Chromium driven by chromedriver, with console and network logs on."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hushlint-chrome-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                f"--user-data-dir={profile}", f"--window-size={width},{height}", *extra_args):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=CHROMEDRIVER, log_output=subprocess.DEVNULL)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver, name: str, max_height: int = 6000) -> Path:
    """A full-page PNG in tests/artifacts/ (not just the viewport)."""
    import base64

    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = max(int(size["width"]), driver.execute_script("return window.innerWidth"))
    clip = {"x": 0, "y": 0, "width": width, "height": min(int(size["height"]), max_height), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip})
    path = artifact(name)
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def console_errors(driver) -> list[dict]:
    """Console messages at error level (SEVERE) since the last call."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def requested_urls(driver) -> list[str]:
    """Every URL our pages asked for since the last call (from the performance log).

    Requests made by Chromium's own pages (its new-tab page loads while the driver starts)
    are told apart by the document that made them and left out.
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            if not str(params.get("documentURL", "")).startswith(("chrome://", "chrome-untrusted://")):
                urls.append(params["request"]["url"])
    return urls


def wait_for(condition, timeout: float = 20.0, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class Served:
    """``python -m linter serve --port 0`` in a subprocess; stderr (the logs) goes to a file."""

    def __init__(self, log_path: Path, *args: str) -> None:
        self.log_path = log_path
        self.args = args
        self.process: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> Served:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "linter", "serve", "--port", "0", *self.args],
            stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL, cwd=tempfile.gettempdir(),
            env=env, text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"http://\S+/", line)
        if not match:
            self.__exit__(None, None, None)
            raise AssertionError(f"serve printed no URL: {line!r}; log: {self.log()}")
        self.url = match.group(0)
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        def ready() -> bool:
            try:
                with urllib.request.urlopen(self.url + "api/health", timeout=2) as response:
                    return json.load(response)["status"] == "ready"
            except OSError:
                return False

        wait_for(ready, timeout, 0.2, "the engine to load")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        self._log.close()
