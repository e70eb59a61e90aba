"""`hushlint check --format html`: one self-contained file, the gallery, redaction, a real browser."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from pathlib import Path

import pytest
from browser_helpers import chrome, console_errors, missing_browser, requested_urls, screenshot, wait_for
from click.testing import CliRunner

from linter.cli import main
from linter.levels import LEVEL_NAMES
from linter.report import FORMATS
from linter.report.highlight import segments
from linter.report.html import render_html

#: The finding categories of ../shared/SEVERITY.md (the linter has meta categories besides).
SEVERITY_CATEGORIES = {
    "client_reference", "session_anecdote", "client_quote", "direct_identifier", "quasi_identifier",
    "sensitive_clinical", "derogatory", "minor", "dual_relationship", "location_checkin",
    "consent_or_composite_claim",
}

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "examples" / "gallery"
CRITICAL = "My client Marisol, 34, a nurse from Tulsa, told me she relapsed."
SAFE = "Grief comes in waves. Be gentle with yourself this week."
HOSTILE = 'My client <script>alert("x")</script> "Bea" & co told me she relapsed.'


@pytest.fixture(scope="module")
def gallery_reports(linter):
    files = sorted(p for p in GALLERY.iterdir() if p.suffix == ".md")
    texts = [p.read_text(encoding="utf-8") for p in files]
    return files, texts, list(linter.lint_many(texts, [p.name for p in files]))


def render(linter, *texts: str, redact: bool = False) -> str:
    reports = list(linter.lint_many(list(texts), [f"draft-{i}.md" for i in range(len(texts))]))
    if redact:
        reports = [r.redacted() for r in reports]
    return render_html(reports, [], rules=linter.ruleset.rules, texts=list(texts))


def test_html_is_a_registered_format() -> None:
    assert FORMATS["html"] is render_html


def test_report_has_summary_highlights_why_and_rewrites(linter) -> None:
    page = render(linter, CRITICAL, SAFE)
    assert page.startswith("<!doctype html>")
    summary = page[page.index('id="summary"'):page.index('id="d1"')]
    assert summary.count("<tr>") == 3  # header + two drafts
    assert "draft-0.md" in summary and "badge lvl-critical" in summary and "badge lvl-none" in summary
    name = re.search(r'<mark class="hl lvl-critical" data-rules="[^"]*HL301[^"]*"[^>]*>Marisol<', page)
    assert name, "the name is not highlighted as critical"
    assert "Why it matters:" in page and "Before posting, ask yourself" in page
    assert "Redacted: the same post" in page and "General: keep the lesson" in page
    assert 'id="rule-HL301"' in page and 'href="#rule-HL301"' in page
    assert 'href="#d1-f2"' in page or 'href="#d1-f1"' in page  # marks point at their findings
    safe = page[page.index('id="d2"'):]
    assert "<mark" not in safe and "Nothing flagged." in safe and "Nothing needs rewriting" in safe


def test_report_is_self_contained_with_a_strict_csp(linter) -> None:
    page = render(linter, CRITICAL)
    assert "<script" not in page and "<link" not in page and "<img" not in page and "@import" not in page
    assert not re.search(r'(?:src|href)="(?!#)', page), "only in-page links are allowed"
    assert not re.search(r"https?://", page)
    assert not re.search(r"<[^>]+\sstyle=", page), "inline style attributes would need 'unsafe-inline'"
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and f"style-src 'sha256-{digest}'" in csp and "script-src" not in csp


def test_draft_text_is_escaped(linter) -> None:
    page = render(linter, HOSTILE)
    body = page[page.index("<body>"):]
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "&amp; co" in body


def test_segments_cover_the_draft_exactly(linter) -> None:
    report = linter.lint(CRITICAL)
    parts = segments(CRITICAL, report.findings, report.signals)
    assert "".join(CRITICAL[s.start:s.end] for s in parts) == CRITICAL
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))


def test_redacted_report_leaves_the_drafts_out(linter) -> None:
    draft = "My client Zebediah, 34, a nurse from Quillton, told me she relapsed."
    page = render(linter, draft, redact=True)
    assert "Redacted report." in page and "lvl-critical" in page
    assert "Zebediah" not in page and "Quillton" not in page
    assert "█" in page and "Not shown: this report is redacted." in page


def test_cli_writes_the_gallery_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linter) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "examples/gallery", "-o", str(out)],
                                env={"CI": None})
    assert result.exit_code == 1, result.output  # the gallery has violations on purpose
    page = out.read_text(encoding="utf-8")
    files = sorted(p.name for p in GALLERY.glob("*.md"))
    tbody = page[page.index("<tbody>"):page.index("</tbody>")]
    assert tbody.count("<tr>") == len(files)
    for name in files:
        assert name in tbody
    assert "Delphine" in page  # the trainer sees the real drafts...

    redacted = tmp_path / "redacted.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "--redact", "examples/gallery",
                                       "-o", str(redacted)], env={"CI": None})
    assert result.exit_code == 1
    assert "Delphine" not in redacted.read_text(encoding="utf-8")  # ...unless --redact is on


def test_cli_report_lists_unreadable_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linter) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(SAFE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "html", ".", "-o", "out.html"], env={"CI": None})
    assert result.exit_code == 2
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "Drafts that could not be checked" in page and "empty.md" in page and "ok.md" in page


# --- the gallery a trainer teaches from --------------------------------------------------------


def test_gallery_has_enough_drafts_at_every_level(gallery_reports) -> None:
    files, _, reports = gallery_reports
    assert len(files) >= 30
    assert {str(r.severity) for r in reports} == set(LEVEL_NAMES)


def test_gallery_file_names_tell_the_truth(gallery_reports) -> None:
    """NN-<level>-topic.md is linted at <level>; NN-fixed.md, its rewrite, is none."""
    files, _, reports = gallery_reports
    wrong = []
    for path, report in zip(files, reports, strict=True):
        match = re.fullmatch(r"(\d\d)-(none|low|medium|high|critical|fixed)(-[a-z0-9-]+)?\.md", path.name)
        assert match, f"{path.name}: name it NN-<level>-topic.md or NN-fixed.md"
        expected = "none" if match.group(2) == "fixed" else match.group(2)
        if str(report.severity) != expected:
            wrong.append(f"{path.name}: linted {report.severity}, named {expected}")
        if match.group(2) == "fixed":
            assert any(p.name.startswith(match.group(1) + "-") and "fixed" not in p.name for p in files), path.name
    assert not wrong, wrong


def test_gallery_covers_every_category(gallery_reports) -> None:
    _, _, reports = gallery_reports
    found = {f.category for r in reports for f in r.findings}
    assert found >= SEVERITY_CATEGORIES, SEVERITY_CATEGORIES - found
    noticed = {s.category for r in reports for s in r.signals}
    assert {"own_therapy", "hypothetical", "therapy_term"} <= noticed, noticed


# --- in a real browser ----------------------------------------------------------------------------


@pytest.mark.skipif(missing_browser() is not None, reason=missing_browser() or "")
def test_report_opens_in_chromium_offline_and_clean(tmp_path: Path, gallery_reports, linter) -> None:
    files, texts, reports = gallery_reports
    path = tmp_path / "report.html"
    path.write_text(render_html(reports, [], rules=linter.ruleset.rules, texts=texts), encoding="utf-8")
    url = path.as_uri()
    for width, name in ((1280, "report-01-gallery.png"), (375, "report-02-gallery-phone.png")):
        with chrome(width=width, height=1000) as browser:
            requested_urls(browser)
            console_errors(browser)
            browser.get(url)
            wait_for(lambda b=browser: b.execute_script("return document.readyState") == "complete")
            assert browser.execute_script("return document.querySelectorAll('table.summary tbody tr').length") \
                == len(files)
            assert browser.execute_script("return document.querySelectorAll('mark.hl').length") > 30
            assert browser.execute_script(
                "return getComputedStyle(document.querySelector('mark.hl.lvl-critical')).backgroundColor"
            ) != "rgba(0, 0, 0, 0)", "the inlined stylesheet did not apply (CSP hash?)"
            screenshot(browser, name, max_height=3000)
            assert console_errors(browser) == []
            urls = requested_urls(browser)
            assert urls and all(u.startswith("file://") for u in urls), urls
            if width == 375:
                client = browser.execute_script("return document.documentElement.clientWidth")
                assert browser.execute_script("return document.documentElement.scrollWidth") <= client
