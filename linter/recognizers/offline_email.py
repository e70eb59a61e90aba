"""Presidio's email recognizer, validating domains against tldextract's bundled snapshot only."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

# cache_dir=None: nothing written to disk; no suffix_list_urls: no network fetch, ever.
_OFFLINE_EXTRACT = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """EMAIL_ADDRESS without the public-suffix download Presidio's default triggers."""

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text).fqdn != ""
