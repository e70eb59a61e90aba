"""Quoted speech: text inside quotation marks, the raw material of a client quote."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from linter.recognizers.base import CodedRecognizer

# Straight or curly double quotes; single quotes only when they open after a space or
# start of text and close before punctuation/space, so apostrophes ("don't") don't pair up.
_QUOTE = regex.compile(
    r"""(?:"([^"\n]{2,400})"|“([^”\n]{2,400})”|(?<![\w])'((?:[^'\n]|'(?=[a-z]))[^\n]{0,398}?)'(?![\w])|‘([^’\n]{2,400}?)’(?![\w]))"""
)
MIN_WORDS = 2


class QuotedSpeechRecognizer(CodedRecognizer):
    """QUOTED_SPEECH: a quotation of at least two words (scare quotes around one word are not)."""

    ENTITY = "QUOTED_SPEECH"
    SCORE = 0.7

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        for match in _QUOTE.finditer(text):
            inner = next(group for group in match.groups() if group is not None)
            if len(inner.split()) >= MIN_WORDS:
                yield match.start(), match.end()
