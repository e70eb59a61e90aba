"""Small shared base for hushlint's coded Presidio recognizers."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


class CodedRecognizer(EntityRecognizer):
    """An EntityRecognizer for one entity type whose matching is plain Python over the parse."""

    ENTITY = ""
    SCORE = 0.8

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__)

    def load(self) -> None:  # nothing to load: everything is precompiled at import
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        return [
            RecognizerResult(self.ENTITY, start, end, self.SCORE)
            for start, end in self.spans(text, nlp_artifacts)
        ]

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        """Yield (start, end) character spans of the entity in ``text``."""
        raise NotImplementedError
