"""Rule packs: malformed packs fail with file, line and key; the built-in packs are well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from linter.errors import PatternError
from linter.recognizers import RuleRecognizer
from linter.rules import SIGNAL_CATEGORIES, load_rules, parse_packs

# Line numbers of the template below (1-based), used by the expectations.
GOOD = """\
pack: test-pack
rules:
  - id: HL901
    name: test-rule
    category: client_reference
    scope: specific
    message: Mentions a test client.
    why: Because of APA 4.01.
    suggest: Leave the test client out.
    patterns:
      - regex: '\\bzorblat\\b'
    examples:
      flag: [my zorblat client]
      pass: [nothing here]
"""
LINE = {"id": 3, "name": 4, "category": 5, "patterns": 10, "regex": 11, "examples": 12}


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def expect_error(path: Path, line: int, key: str, *words: str) -> PatternError:
    with pytest.raises(PatternError) as info:
        parse_packs([path])
    message = str(info.value)
    assert str(path) in message, message
    assert f"{path}:{line}:" in message, message
    assert f"'{key}'" in message, message
    assert info.value.line == line and info.value.key == key
    for word in words:
        assert word in message, (word, message)
    return info.value


def test_template_is_valid(tmp_path: Path) -> None:
    ruleset = parse_packs([write(tmp_path, GOOD)])
    assert [r.id for r in ruleset.rules] == ["HL901"]
    assert ruleset.rules[0].line == LINE["id"]
    assert ruleset.rules[0].patterns[0].line == LINE["regex"]


def test_unknown_rule_key(tmp_path: Path) -> None:
    text = GOOD.replace("    suggest:", "    colour: red\n    suggest:")
    expect_error(write(tmp_path, text), 9, "colour", "unknown rule key")


def test_unknown_pack_key(tmp_path: Path) -> None:
    text = GOOD.replace("rules:", "author: me\nrules:")
    expect_error(write(tmp_path, text), 2, "author", "unknown pack key")


def test_bad_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("id: HL901", "id: rule-1"))
    expect_error(path, LINE["id"], "id", "rule-1")


def test_bad_name(tmp_path: Path) -> None:
    expect_error(write(tmp_path, GOOD.replace("name: test-rule", "name: Test Rule")),
                 LINE["name"], "name", "kebab-case")


def test_unknown_category(tmp_path: Path) -> None:
    text = GOOD.replace("category: client_reference", "category: gossip")
    expect_error(write(tmp_path, text), LINE["category"], "category", "gossip")


def test_invalid_regex(tmp_path: Path) -> None:
    text = GOOD.replace("'\\bzorblat\\b'", "'(zorblat'")
    expect_error(write(tmp_path, text), LINE["regex"], "regex", "invalid regex")


def test_unknown_list(tmp_path: Path) -> None:
    text = GOOD.replace("'\\bzorblat\\b'", "'\\b{{no_such_list}}\\b'")
    expect_error(write(tmp_path, text), LINE["regex"], "regex", "no_such_list")


def test_known_list_expands(tmp_path: Path) -> None:
    text = GOOD.replace("rules:", "lists:\n  pets: [zorblat, glorp]\nrules:").replace(
        "'\\bzorblat\\b'", "'\\b{{pets}}\\b'"
    )
    ruleset = parse_packs([write(tmp_path, text)])
    assert "glorp" in ruleset.expand(ruleset.rules[0].patterns[0].regex)


def test_missing_examples(tmp_path: Path) -> None:
    text = GOOD.split("    examples:")[0]
    expect_error(write(tmp_path, text), LINE["id"], "examples")


def test_examples_without_pass(tmp_path: Path) -> None:
    text = GOOD.replace("      pass: [nothing here]\n", "")
    expect_error(write(tmp_path, text), LINE["examples"], "examples")


def test_duplicate_id_in_one_pack(tmp_path: Path) -> None:
    second = GOOD.split("rules:\n")[1].replace("name: test-rule", "name: other-rule")
    text = GOOD + second  # second rule starts on line 15
    expect_error(write(tmp_path, text), 15, "id", "HL901", "already used")


def test_duplicate_id_across_packs(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD, "a.yaml")
    second = write(tmp_path, GOOD.replace("name: test-rule", "name: other-rule"), "b.yaml")
    with pytest.raises(PatternError) as info:
        parse_packs([first, second])
    message = str(info.value)
    assert f"{second}:{LINE['id']}:" in message and "'id'" in message and str(first) in message


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    text = GOOD.replace("message: Mentions a test client.", "message: Mentions: a test: client.")
    path = write(tmp_path, text)
    with pytest.raises(PatternError) as info:
        parse_packs([path])
    assert f"{path}:7:" in str(info.value)
    assert "invalid YAML" in str(info.value)


def test_bad_token_pattern_detected_by_recognizer(tmp_path: Path) -> None:
    text = GOOD.replace("- regex: '\\bzorblat\\b'", "- tokens: [{NOT_AN_ATTR: zorblat}]")
    path = write(tmp_path, text)
    ruleset = parse_packs([path])  # structurally fine: only spaCy knows the attribute is bad
    with pytest.raises(PatternError) as info:
        RuleRecognizer(ruleset, spacy.blank("en").vocab)
    message = str(info.value)
    assert f"{path}:{LINE['regex']}:" in message and "'tokens'" in message


def test_good_token_pattern_is_accepted(tmp_path: Path) -> None:
    text = GOOD.replace("      - regex: '\\bzorblat\\b'", "      - tokens: [{LOWER: zorblat}]")
    recognizer = RuleRecognizer(parse_packs([write(tmp_path, text)]), spacy.blank("en").vocab)
    assert "HL901" in recognizer.supported_entities


# --- the built-in packs -----------------------------------------------------------------

CITATION = re.compile(r"\b(?:APA|ACA|HIPAA|FERPA|CFR)\b")
#: Rules about hushlint's own comments, not about clients: no ethics code to cite.
META_CATEGORIES = ("suppression",)


def test_builtin_rules_have_text_and_citations() -> None:
    rules = load_rules().rules
    assert len(rules) > 20
    for rule in rules:
        assert rule.why.strip() and rule.message.strip() and rule.suggest.strip(), rule.id
        if rule.category not in SIGNAL_CATEGORIES + META_CATEGORIES:
            assert CITATION.search(rule.why), f"{rule.id} cites no source: {rule.why}"


def test_builtin_ids_and_names_unique() -> None:
    rules = load_rules().rules
    ids = [r.id for r in rules]
    names = [r.name for r in rules]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
    assert not set(ids) & set(names)


def test_builtin_token_patterns_build() -> None:
    recognizer = RuleRecognizer(load_rules(), spacy.blank("en").vocab)
    assert set(recognizer.supported_entities) == {r.id for r in load_rules().rules}
