"""The command line through click's CliRunner: exit codes, formats, redaction, errors.

The CLI builds its Linter through ``linter.api.get_engine`` (cached per process), so these
tests share the spaCy + Presidio engine with the session ``linter`` fixture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import linter.inputs
from linter.cli import main
from linter.rules import load_rules

CRITICAL = "My client Marisol, 34, a nurse from Tulsa, told me she relapsed."
SAFE = "Grief comes in waves. Be gentle with yourself."
HIGH_ONLY = "A client today, a nurse, told me she finally set a boundary with her mother."
FINDING_KEYS = {"rule", "name", "category", "start", "end", "line", "column", "text", "message"}
REQUIRED_LINE_KEYS = {"id", "severity", "score", "findings", "suggestion"}


@pytest.fixture(autouse=True)
def _clean_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linter) -> None:
    """Run every CLI test in an empty folder (no stray .hushlint.yaml) with the engine warm."""
    monkeypatch.chdir(tmp_path)


def run(*args: str, input: str | bytes | None = None, ci: str | None = None):
    """Invoke the CLI with $CI unset (or set to ``ci``)."""
    return CliRunner().invoke(main, list(args), input=input, env={"CI": ci})


def assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hushlint: error:"), result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


# --- check: levels and exit codes ------------------------------------------------------


def test_critical_draft_on_stdin_exits_1() -> None:
    result = run("check", input=CRITICAL)
    assert result.exit_code == 1, result.output
    assert "CRITICAL" in result.stdout
    assert "HL301" in result.stdout


def test_safe_draft_exits_0() -> None:
    result = run("check", input=SAFE)
    assert result.exit_code == 0, result.output
    assert "NONE" in result.stdout
    assert "CRITICAL" not in result.stdout


def test_fail_on_critical_lets_a_high_draft_pass() -> None:
    default = run("check", input=HIGH_ONLY)
    assert default.exit_code == 1 and "HIGH" in default.stdout, default.output
    relaxed = run("check", "--fail-on", "critical", input=HIGH_ONLY)
    assert relaxed.exit_code == 0, relaxed.output
    assert "HIGH" in relaxed.stdout


def test_dash_reads_stdin() -> None:
    result = run("check", "-", input=CRITICAL)
    assert result.exit_code == 1
    assert "<stdin>: CRITICAL" in result.stdout


# --- JSON and JSONL ---------------------------------------------------------------------


def test_json_output_schema_and_offsets() -> None:
    result = run("check", "--format", "json", input=CRITICAL)
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    first = document["results"][0]
    assert first["severity"] == "critical"
    assert isinstance(first["score"], int) and 80 <= first["score"] <= 100
    assert set(first["suggestion"]) >= {"redacted", "general"}
    assert first["findings"], first
    for finding in first["findings"]:
        assert set(finding) >= FINDING_KEYS, finding
        assert finding["text"] == CRITICAL[finding["start"] : finding["end"]]
        assert finding["line"] == 1
        assert finding["column"] == finding["start"] + 1
    assert any(f["text"] == "Marisol" and f["rule"] == "HL301" for f in first["findings"])


def test_json_output_line_and_column_on_later_lines() -> None:
    draft = "Some thoughts for today.\n\nMy client Marisol told me she relapsed."
    document = json.loads(run("check", "--format", "json", input=draft).stdout)
    name = next(f for f in document["results"][0]["findings"] if f["text"] == "Marisol")
    assert draft[name["start"] : name["end"]] == "Marisol"
    assert (name["line"], name["column"]) == (3, len("My client ") + 1)


def test_jsonl_batch_keeps_order_and_reports_bad_line() -> None:
    lines = [
        json.dumps({"id": "a", "text": CRITICAL}),
        '{"id": "b", "text": broken',
        json.dumps({"id": 7, "text": SAFE, "extra": "ignored"}),
    ]
    payload = "\n".join(lines) + "\n"
    result = run("check", "--input-format", "jsonl", "--format", "jsonl", input=payload)
    assert result.exit_code == 2, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["id"] == "a" and out[0]["severity"] == "critical"
    assert set(out[0]) >= REQUIRED_LINE_KEYS
    assert set(out[1]) == {"id", "error"}
    assert "2" in out[1]["error"] and ":2" in out[1]["error"]
    assert "severity" not in out[1]
    assert out[2]["id"] == 7 and out[2]["severity"] == "none"
    assert set(out[2]) >= REQUIRED_LINE_KEYS
    assert "hushlint: error:" in result.stderr


def test_jsonl_input_defaults_to_jsonl_output() -> None:
    payload = json.dumps({"id": 1, "text": SAFE}) + "\n"
    result = run("check", "--input-format", "jsonl", input=payload)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 1


# --- redaction --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_redact_hides_flagged_text(fmt: str) -> None:
    result = run("check", "--redact", "--format", fmt, input=CRITICAL)
    assert result.exit_code == 1, result.output
    for secret in ("Marisol", "Tulsa", "nurse", "relapsed"):
        assert secret not in result.output, secret
    if fmt == "json":
        document = json.loads(result.stdout)
        assert document["results"][0]["redacted"] is True
        assert document["results"][0]["findings"]


def test_redact_hides_flagged_text_in_jsonl() -> None:
    payload = json.dumps({"id": "x", "text": CRITICAL}) + "\n"
    result = run("check", "--redact", "--input-format", "jsonl", "--format", "jsonl", input=payload)
    assert result.exit_code == 1, result.output
    assert "Marisol" not in result.output and "Tulsa" not in result.output
    line = json.loads(result.stdout)
    assert line["severity"] == "critical" and line["findings"]


def test_ci_turns_redaction_on_and_no_redact_turns_it_off() -> None:
    on = run("check", "--format", "json", input=CRITICAL, ci="true")
    assert on.exit_code == 1
    assert "Marisol" not in on.output
    assert json.loads(on.stdout)["results"][0]["redacted"] is True
    off = run("check", "--no-redact", "--format", "json", input=CRITICAL, ci="true")
    assert off.exit_code == 1
    assert "Marisol" in off.stdout
    assert json.loads(off.stdout)["results"][0]["redacted"] is False


def test_without_ci_nothing_is_redacted() -> None:
    result = run("check", input=CRITICAL)
    assert "Marisol" in result.stdout


# --- bad input: exit 2, one line on stderr ---------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run("check", "nope.md"), "nope.md", "no such file")


def test_directory_without_text_files(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG")
    assert_one_line_error(run("check", str(folder)), "no text files")


def test_directory_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(SAFE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(CRITICAL, encoding="utf-8")
    result = run("check", str(folder))
    assert result.exit_code == 1, result.output
    assert "a.md: NONE" in result.stdout and "b.txt: CRITICAL" in result.stdout


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(b"My client\x00\x01\x02 Marisol")
    assert_one_line_error(run("check", "bin.md"), "bin.md", "binary")


def test_non_utf8_file(tmp_path: Path) -> None:
    (tmp_path / "latin.md").write_bytes(b"\xff\xfe bad")
    assert_one_line_error(run("check", "latin.md"), "latin.md", "UTF-8")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert_one_line_error(run("check", "empty.md"), "empty.md", "empty")


def test_whitespace_only_stdin() -> None:
    assert_one_line_error(run("check", input="  \n\t \n"), "<stdin>", "empty")


def test_file_over_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linter.inputs, "MAX_FILE_BYTES", 64)
    (tmp_path / "big.md").write_text(SAFE * 5, encoding="utf-8")
    (tmp_path / "small.md").write_text(SAFE[:40], encoding="utf-8")
    result = run("check", "big.md", "small.md")
    assert_one_line_error(result, "big.md", "larger than")
    assert "small.md: NONE" in result.stdout


def test_good_file_still_reported_next_to_missing_one(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(CRITICAL, encoding="utf-8")
    result = run("check", "good.md", "missing.md")
    assert_one_line_error(result, "missing.md")
    assert "good.md: CRITICAL" in result.stdout


def test_max_chars() -> None:
    assert_one_line_error(run("check", "--max-chars", "20", input=CRITICAL), "20", "--max-chars")


def test_unknown_model() -> None:
    assert_one_line_error(run("check", "--model", "not_a_model_xyz", input=SAFE), "not_a_model_xyz")


def test_unknown_rule_in_select() -> None:
    assert_one_line_error(run("check", "--select", "HL999", input=SAFE), "HL999")


# --- rules and explain ------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert listed == {rule.id for rule in load_rules().rules}


@pytest.mark.parametrize("key", ["HL201", "client-quote", "hl201"])
def test_explain_prints_why(key: str) -> None:
    rule = load_rules().get("HL201")
    result = run("explain", key)
    assert result.exit_code == 0, result.output
    assert rule.why in result.stdout
    assert rule.flag_examples[0] in result.stdout


def test_explain_unknown_rule() -> None:
    assert_one_line_error(run("explain", "nope"), "nope")


# --- config files -----------------------------------------------------------------------


def test_config_unknown_key(tmp_path: Path) -> None:
    (tmp_path / ".hushlint.yaml").write_text("select: [HL101]\nfial-on: high\n", encoding="utf-8")
    assert_one_line_error(run("check", input=SAFE), ".hushlint.yaml:2", "fial-on")


def test_config_wrong_type(tmp_path: Path) -> None:
    (tmp_path / "conf.yaml").write_text("# settings\n\nselect: HL101\n", encoding="utf-8")
    result = run("check", "--config", "conf.yaml", input=SAFE)
    assert_one_line_error(result, "conf.yaml:3", "select")


def test_config_file_is_applied(tmp_path: Path) -> None:
    (tmp_path / ".hushlint.yaml").write_text("fail-on: critical\n", encoding="utf-8")
    result = run("check", input=HIGH_ONLY)
    assert result.exit_code == 0, result.output
    assert "HIGH" in result.stdout


# --- output file ------------------------------------------------------------------------


def test_output_file(tmp_path: Path) -> None:
    result = run("check", "--format", "json", "-o", "out.json", input=CRITICAL)
    assert result.exit_code == 1, result.output
    assert "Marisol" not in result.stdout
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert document["results"][0]["severity"] == "critical"
