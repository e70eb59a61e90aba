"""One Presidio recognizer for every YAML rule with regex or token patterns."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from linter.errors import HushlintError, PatternError
from linter.rules import REGEX_TIMEOUT, RuleSet, compile_regex, finditer

RULE_SCORE = 0.8


class RuleRecognizer(EntityRecognizer):
    """Runs the precompiled regexes and one shared spaCy Matcher; entity type = rule id."""

    def __init__(self, ruleset: RuleSet, vocab: Vocab) -> None:
        self._regexes = []
        self._matcher = Matcher(vocab, validate=True)
        ids = []
        for rule in ruleset.rules:
            ids.append(rule.id)
            for pattern in rule.patterns:
                if pattern.regex is not None:
                    compiled = compile_regex(ruleset.expand(pattern.regex), rule.case_sensitive, rule.trusted)
                    self._regexes.append((rule.id, compiled))
                elif pattern.tokens is not None:
                    try:
                        self._matcher.add(rule.id, [list(pattern.tokens)])
                    except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                        first = str(exc).strip().splitlines()[0]
                        raise PatternError(rule.source, pattern.line, "tokens", first) from None
        super().__init__(supported_entities=ids, name="hushlint-rules")

    def load(self) -> None:  # patterns were compiled in __init__
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for rule_id, compiled in self._regexes:
            try:
                for match in finditer(compiled, text):  # a user's regex runs under REGEX_TIMEOUT
                    if match.end() > match.start():
                        results.append(RecognizerResult(rule_id, match.start(), match.end(), RULE_SCORE))
            except TimeoutError:
                raise HushlintError(
                    f"rule {rule_id}: its regex ran longer than {REGEX_TIMEOUT:g}s on this input "
                    "and was stopped; simplify the pattern"
                ) from None
        doc = nlp_artifacts.tokens if nlp_artifacts is not None else None
        if doc is not None and len(self._matcher):
            for match_id, start, end in self._matcher(doc):
                span = doc[start:end]
                rule_id = doc.vocab.strings[match_id]
                results.append(RecognizerResult(rule_id, span.start_char, span.end_char, RULE_SCORE))
        return results
