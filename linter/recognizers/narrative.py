"""NARRATIVE_PERSON: "a kid on my list finally stopped hiding" — one person in a past-tense story.

A determiner, up to three modifiers and a person noun (from the packs' ``person_noun`` and
``minor_noun`` lists), in a sentence whose verb is in the past tense (or present perfect) and
that has no modal verb (generic advice: "a teen may…"). On its own this is only a weak client
reference; the rules decide what it means in context.
"""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer.nlp_engine import NlpArtifacts

from linter.recognizers.base import CodedRecognizer
from linter.rules import RuleSet

_DETERMINERS = {"a", "an", "the", "this", "that", "one"}
# Fine-grained tags (the pipeline runs the tagger, not the attribute ruler that derives pos_).
_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "NN", "NNP", "CD", "RB", "HYPH", ",", "VBN", "VBG"}
_MODALS = {"may", "might", "can", "could", "should", "would", "will", "must", "often", "usually", "if", "when"}
MAX_MODIFIERS = 3
VERB_WINDOW = 8  # tokens after the person noun in which its past-tense verb must stand


class NarrativePersonRecognizer(CodedRecognizer):
    """NARRATIVE_PERSON spans: the person a past-tense anecdote is about."""

    ENTITY = "NARRATIVE_PERSON"
    SCORE = 0.5

    def __init__(self, ruleset: RuleSet) -> None:
        nouns = set(ruleset.lists.get("person_noun", ())) | set(ruleset.lists.get("minor_noun", ()))
        self.nouns = frozenset(n.lower() for n in nouns if " " not in n)
        super().__init__()

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        doc = nlp_artifacts.tokens if nlp_artifacts is not None else None
        if doc is None:
            return
        for sentence in doc.sents:
            words = {t.lower_ for t in sentence}
            if words & _MODALS or not any(t.tag_ in ("VBD",) or (t.tag_ == "VBN" and t.i > 0
                                          and t.nbor(-1).lower_ in ("has", "have", "'s", "’s"))
                                          for t in sentence):
                continue
            for token in sentence:
                if token.lower_ not in self.nouns or token.tag_ in ("NNS", "NNPS"):
                    continue
                if not self._acts(token, sentence.end):
                    continue
                start = self._determiner(token, sentence.start)
                if start is not None:
                    yield doc[start].idx, token.idx + len(token.text)

    @staticmethod
    def _acts(noun, sentence_end: int) -> bool:
        """A past-tense verb follows the noun closely: the person did something."""
        doc = noun.doc
        return any(doc[i].tag_ == "VBD" for i in range(noun.i + 1, min(noun.i + 1 + VERB_WINDOW, sentence_end)))

    @staticmethod
    def _determiner(noun, sentence_start: int) -> int | None:
        doc = noun.doc
        for back in range(1, MAX_MODIFIERS + 2):
            i = noun.i - back
            if i < sentence_start:
                return None
            if doc[i].lower_ in _DETERMINERS:
                return i
            if doc[i].tag_ not in _MODIFIER_TAGS:
                return None
        return None
