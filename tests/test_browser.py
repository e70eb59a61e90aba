"""The paste-a-draft page in a real browser: Debian's headless Chromium via chromedriver.

Skipped, with the reason, when /usr/bin/chromium or /usr/bin/chromedriver is missing
(``.ci/install-browser`` installs both). Screenshots of each state go to tests/artifacts/.
"""

from __future__ import annotations

import http.server
import socket
import threading
from pathlib import Path

import pytest
from browser_helpers import (
    Served,
    chrome,
    console_errors,
    missing_browser,
    requested_urls,
    screenshot,
    wait_for,
)

pytestmark = pytest.mark.skipif(missing_browser() is not None, reason=missing_browser() or "")

CRITICAL = ("Rough week. My client Marisol, 34, a nurse from Tulsa, told me she relapsed again "
            "after her divorce.\n\nSo proud of how far she has come.")
SAFE = "Grief comes in waves. Be gentle with yourself this week, and drink some water."
MEDIUM = "A client finally forgave her father today. So proud."


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    with Served(tmp_path_factory.mktemp("serve") / "serve.log") as server:
        server.wait_ready()
        yield server


@pytest.fixture(scope="module")
def driver():
    with chrome() as browser:
        yield browser


def by_css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def one(driver, selector: str):
    found = by_css(driver, selector)
    assert found, f"nothing matches {selector}"
    return found[0]


def open_page(driver, served: Served) -> None:
    driver.get(served.url)
    wait_for(lambda: "Ready" in one(driver, "#engine").text, what="the page to say the engine is ready")


def paste(driver, text: str) -> None:
    """Put ``text`` in the draft box the way a paste does: one input event with all of it."""
    box = one(driver, "#draft")
    driver.execute_script("arguments[0].value = ''; arguments[0].focus();", box)
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def wait_level(driver, level: str) -> None:
    wait_for(lambda: one(driver, "#gauge").get_attribute("data-level") == level
             and one(driver, "#gauge").is_displayed(), what=f"the gauge to read {level}")


def visible_text(element) -> str:
    """An element's text without its screen-reader-only parts."""
    return element.parent.execute_script(
        "const c = arguments[0].cloneNode(true); c.querySelectorAll('.sr-only').forEach(e => e.remove());"
        "return c.textContent;", element)


# --- the page ---------------------------------------------------------------------------------


def test_page_loads_clean_and_offline(served: Served, driver) -> None:
    requested_urls(driver)  # drop the browser's own start-up requests
    console_errors(driver)
    open_page(driver, served)
    assert one(driver, "label[for=draft]").text == "Your draft"
    assert one(driver, "#announce").get_attribute("aria-live") == "polite"
    screenshot(driver, "browser-01-ready.png")
    assert console_errors(driver) == []
    urls = requested_urls(driver)
    assert urls and all(u.startswith(served.url) for u in urls), urls


def test_critical_draft_gauge_and_highlighted_name(served: Served, driver) -> None:
    open_page(driver, served)
    paste(driver, CRITICAL)
    wait_level(driver, "critical")
    assert one(driver, "#gauge-name").text.lower() == "critical"
    assert "Critical" in one(driver, "#gauge-bar").get_attribute("aria-label")
    names = [m for m in by_css(driver, "#marked mark.hl") if "HL301" in m.get_attribute("data-rules")]
    assert names and visible_text(names[0]) == "Marisol"
    assert "lvl-critical" in names[0].get_attribute("class")
    assert one(driver, "#questions").is_displayed()
    assert len(by_css(driver, "#question-list li")) >= 3
    item = one(driver, "#findings li[data-rule=HL301]")
    assert "Why it matters" in item.text
    assert item.find_element("css selector", "a").get_attribute("href").endswith("/rules#rule-HL301")
    wait_for(lambda: "Critical" in one(driver, "#announce").get_attribute("textContent"), what="announcement")
    screenshot(driver, "browser-02-critical.png")
    assert console_errors(driver) == []


def test_keyboard_reaches_a_highlight_and_shows_why(served: Served, driver) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(driver, served)
    paste(driver, CRITICAL)
    wait_level(driver, "critical")
    one(driver, "#draft").click()
    for _ in range(12):  # Check, Clear, then the marks in the draft, in reading order
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active.tag_name == "mark" and "HL301" in (active.get_attribute("data-rules") or ""):
            break
    else:
        pytest.fail("Tab never reached the highlighted name")
    tip = one(driver, "#tip")
    assert tip.is_displayed() and "HL301" in tip.text and "Why:" in tip.text
    assert "active" in one(driver, "#findings li[data-rule=HL301]").get_attribute("class")
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", active)
    assert outline != "none", "focused highlight has no visible focus ring"
    screenshot(driver, "browser-03-critical-focus-tooltip.png")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed()


def test_typing_is_checked_after_a_pause(served: Served, driver) -> None:
    open_page(driver, served)
    one(driver, "#clear").click()
    one(driver, "#draft").send_keys(MEDIUM)  # no button: the debounce does it
    wait_level(driver, "medium")
    assert "Medium" in one(driver, "#announce").get_attribute("textContent")


def test_safe_draft_reads_none(served: Served, driver) -> None:
    open_page(driver, served)
    paste(driver, SAFE)
    one(driver, "#check").click()
    wait_level(driver, "none")
    assert one(driver, "#gauge-name").text.lower() == "none"
    assert by_css(driver, "#marked mark") == []
    assert one(driver, "#no-findings").is_displayed()
    assert not one(driver, "#questions").is_displayed()
    assert not one(driver, "#copy-redacted").is_displayed()
    screenshot(driver, "browser-04-safe.png")


def test_copy_buttons_hold_the_rewrites(served: Served, driver) -> None:
    open_page(driver, served)
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": served.url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    paste(driver, CRITICAL)
    wait_level(driver, "critical")
    read_clipboard = "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('ERR ' + e))"
    for button_id, source_id in (("copy-redacted", "rw-redacted"), ("copy-general", "rw-general")):
        expected = one(driver, f"#{source_id}").get_attribute("textContent")
        assert expected.strip() and "Marisol" not in expected
        one(driver, f"#{button_id}").click()
        wait_for(lambda b=button_id: "Copied" in one(driver, f"#{b}").text, what="the copy confirmation")
        assert one(driver, f"#{button_id}").get_attribute("data-copied") == expected
        assert driver.execute_async_script(read_clipboard) == expected
    screenshot(driver, "browser-05-copied.png")


def test_too_long_draft_shows_the_servers_message(served: Served, driver) -> None:
    open_page(driver, served)
    paste(driver, "word " * 20_001)
    one(driver, "#check").click()
    error = one(driver, "#error")
    wait_for(lambda: error.is_displayed() and "100,000" in error.text, what="the size error")
    assert "100,005 characters" in error.text
    assert "over" in one(driver, "#draft-count").get_attribute("class")
    screenshot(driver, "browser-06-too-long.png", max_height=1400)
    one(driver, "#clear").click()


def test_phone_width(served: Served) -> None:
    with chrome(width=375, height=812) as phone:
        phone.set_window_size(375, 812)
        open_page(phone, served)
        paste(phone, CRITICAL)
        wait_level(phone, "critical")
        width = phone.execute_script("return document.documentElement.clientWidth")
        assert width <= 400
        assert phone.execute_script("return document.documentElement.scrollWidth") <= width
        for selector in ("#draft", "#gauge", "#marked", "#findings"):
            box = one(phone, selector).rect
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, selector
        screenshot(phone, "browser-07-phone-375-top.png", max_height=1500)
        screenshot(phone, "browser-07-phone-375-full.png")


# --- the server's defences, seen from a browser ------------------------------------------------------


def test_dns_rebinding_host_is_rejected(served: Served) -> None:
    """A hostile name that resolves to 127.0.0.1 (as after DNS rebinding) gets no page."""
    port = served.url.rsplit(":", 1)[1].strip("/")
    with chrome(extra_args=("--host-resolver-rules=MAP rebind.test 127.0.0.1",)) as browser:
        browser.get(f"http://rebind.test:{port}/")
        body = one(browser, "body").text
        assert "only answers to localhost" in body
        assert by_css(browser, "#draft") == []
        status = browser.execute_async_script(
            "fetch('/api/lint', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({text: 'hello'})}).then(r => arguments[0](r.status), e => arguments[0](String(e)))")
        assert status == 400
        screenshot(browser, "browser-08-rebinding-rejected.png", max_height=600)
    assert "GET / 400" in served.log()


class _AttackerPage(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        page = (
            "<!doctype html><title>attacker</title><h1>Some other site</h1>"
            f'<form id="f" method="post" enctype="text/plain" action="{self.target}api/lint">'
            '<input name="{&quot;text&quot;: &quot;x" value="&quot;}"></form>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        pass


def test_cross_origin_requests_are_rejected(served: Served) -> None:
    handler = type("Attacker", (_AttackerPage,), {"target": served.url})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=attacker.serve_forever, daemon=True)
    thread.start()
    try:
        with chrome() as browser:
            browser.get(f"http://127.0.0.1:{port}/")
            # A JSON fetch needs a CORS preflight the server never grants.
            outcome = browser.execute_async_script(
                f"fetch('{served.url}api/lint', {{method: 'POST', headers: {{'Content-Type': 'application/json'}},"
                " body: JSON.stringify({text: 'My client Marisol relapsed'})})"
                ".then(r => arguments[0]('status ' + r.status), e => arguments[0]('blocked ' + e.name))")
            assert outcome == "blocked TypeError"
            # A plain cross-site form post (the classic CSRF) reaches the server and is refused.
            before = served.log().count("POST /api/lint 403")
            browser.execute_script("document.getElementById('f').submit()")
            wait_for(lambda: "Cross-origin requests are refused" in one(browser, "body").text,
                     what="the 403 answer")
            screenshot(browser, "browser-09-cross-origin-rejected.png", max_height=600)
        wait_for(lambda: served.log().count("POST /api/lint 403") > before, what="the 403 in the log")
        assert "Marisol" not in served.log()
    finally:
        attacker.shutdown()
        attacker.server_close()


# --- while the engine loads -------------------------------------------------------------------


def test_page_says_loading_then_checks_the_waiting_draft(tmp_path: Path) -> None:
    import uvicorn

    from linter.server import LOG_CONFIG, bind_socket, url_for
    from linter.server.app import create_app

    release = threading.Event()

    def slow_factory():
        from linter.api import Linter

        release.wait(60)
        return Linter()

    sock = bind_socket("127.0.0.1", 0)
    url = url_for("127.0.0.1", sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(linter_factory=slow_factory), http="h11", loop="asyncio",
                                           log_config=LOG_CONFIG, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        with chrome() as browser:
            browser.get(url)
            wait_for(lambda: "Loading the language model" in one(browser, "#engine").text, what="loading notice")
            paste(browser, CRITICAL)
            busy = one(browser, "#busy")
            wait_for(lambda: busy.is_displayed() and "Waiting" in busy.text, what="waiting notice")
            screenshot(browser, "browser-10-loading.png", max_height=900)
            release.set()
            wait_level(browser, "critical")
            assert "Ready" in one(browser, "#engine").text
    finally:
        release.set()
        server.should_exit = True
        thread.join(15)
        sock.close()
