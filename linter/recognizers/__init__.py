"""Presidio recognizers that need code: YAML rules, names spaCy misses, quotes, offline email."""

from linter.recognizers.names import GivenNameRecognizer, HandleRecognizer, InitialsRecognizer
from linter.recognizers.narrative import NarrativePersonRecognizer
from linter.recognizers.offline_email import OfflineEmailRecognizer
from linter.recognizers.quotes import QuotedSpeechRecognizer
from linter.recognizers.rule_recognizer import RuleRecognizer

__all__ = [
    "GivenNameRecognizer",
    "HandleRecognizer",
    "InitialsRecognizer",
    "NarrativePersonRecognizer",
    "OfflineEmailRecognizer",
    "QuotedSpeechRecognizer",
    "RuleRecognizer",
]
