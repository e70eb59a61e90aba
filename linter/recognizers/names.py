"""Names spaCy's NER misses in posts: lowercase given names and nicknames, initials, @handles."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from linter.errors import PatternError
from linter.recognizers.base import CodedRecognizer
from linter.rules import builtin_pack_dir
from linter.yamlload import load_yaml

# Entity labels under which a name-like token is really part of a place, organisation, etc.
# A word right after these is a name even when it is also an ordinary word ("my client lily").
_NAMING_WORDS = {"client", "patient", "pt", "clt", "named", "called", "kiddo", "girl", "boy"}
# Month and day names that are also given names (May, June, April, August, ...).
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday"}
_NOT_A_PERSON = {"GPE", "LOC", "FAC", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW"}


@functools.lru_cache(maxsize=1)
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(all given names, the ambiguous ones that are also everyday words), lowercase."""
    path = builtin_pack_dir() / "lexicons" / "given_names.yaml"
    data = load_yaml(path, PatternError)
    names, ambiguous = data.get("names"), data.get("ambiguous")
    if not isinstance(names, list) or not isinstance(ambiguous, list):
        raise PatternError(str(path), None, "names", "needs 'names' and 'ambiguous' lists")
    return frozenset(n.lower() for n in names), frozenset(a.lower() for a in ambiguous)


class GivenNameRecognizer(CodedRecognizer):
    """GIVEN_NAME: a token from the given-name lexicon, in any case.

    Unambiguous names ("jenny", "Priya") count wherever they stand; names that are also
    ordinary words ("will", "Grace") count only capitalised, mid-sentence and tagged NNP.
    """

    ENTITY = "GIVEN_NAME"
    SCORE = 0.6

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return
        names, ambiguous = given_names()
        for token in nlp_artifacts.tokens:
            lower = token.lower_
            named = token.i > 0 and token.nbor(-1).lower_ in _NAMING_WORDS
            if named and token.is_alpha and token.text[:1].isupper() and not token.is_stop:
                yield token.idx, token.idx + len(token.text)  # "my client Tamsin": any capitalised word
                continue
            if lower not in names or lower in _CALENDAR or not token.is_alpha or token.ent_type_ in _NOT_A_PERSON:
                continue
            if lower in ambiguous or token.is_stop:
                strong = token.text[:1].isupper() and not token.is_upper and not token.is_sent_start
                if not (named or (strong and token.tag_ in ("NNP", "NNPS"))):
                    continue
            yield token.idx, token.idx + len(token.text)


# "J.", "R.M.", "K. T." — but not abbreviations written the same way.
_INITIALS = regex.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?!\w)")
_LABELLED_INITIAL = regex.compile(
    r"\b(?:client|pt|patient|Mr|Ms|Mrs|Mx|Miss)\.?\s+([C-HJ-W])\b(?![.'’]?\w)", regex.IGNORECASE
)
_ABBREVIATIONS = {
    "US", "UK", "AM", "PM", "DC", "ER", "IE", "EG", "BA", "MA", "PS", "AD", "BC", "RN", "MD",
    "OK", "TV", "I", "A", "NY", "LA", "EU", "UN", "PHD", "BS", "MS", "DR", "ST", "NB", "VS",
}


class InitialsRecognizer(CodedRecognizer):
    """INITIALS: "J.", "R.M.", "client K", "Ms. R" — a person written as letters."""

    ENTITY = "INITIALS"
    SCORE = 0.7

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        for match in _INITIALS.finditer(text):
            initials = match.group().rstrip()
            if regex.sub(r"[.\s]", "", initials) not in _ABBREVIATIONS:
                yield match.start(), match.start() + len(initials)
        for match in _LABELLED_INITIAL.finditer(text):
            if match.group(1).isupper():
                yield match.start(1), match.end(1)


_HANDLE = regex.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")


class HandleRecognizer(CodedRecognizer):
    """HANDLE: a social-media @handle (not an email address)."""

    ENTITY = "HANDLE"
    SCORE = 0.9

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int]]:
        for match in _HANDLE.finditer(text):
            yield match.start(), match.end()
