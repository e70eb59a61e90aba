"""Every rule's own examples: each `flag` example triggers the rule, each `pass` example does not."""

from __future__ import annotations

import pytest

from linter.documents import Document
from linter.rules import load_rules

CASES = [
    pytest.param(rule.id, text, expected, id=f"{rule.id}-{kind}-{n}")
    for rule in load_rules().rules
    for kind, expected, texts in (("flag", True, rule.flag_examples), ("pass", False, rule.pass_examples))
    for n, text in enumerate(texts)
]


@pytest.mark.parametrize(("rule_id", "text", "expected"), CASES)
def test_rule_example(linter, rule_id: str, text: str, expected: bool) -> None:
    report = next(linter.lint_documents([Document.markdown(text, "example.md")]))
    fired = {f.rule for f in report.findings} | {s.rule for s in report.signals}
    assert (rule_id in fired) is expected, (
        f"{rule_id} {'missed' if expected else 'wrongly flagged'}: {text!r}\n"
        f"fired: {sorted(fired)}"
    )


def test_every_rule_has_examples() -> None:
    for rule in load_rules().rules:
        assert rule.flag_examples and rule.pass_examples, rule.id
