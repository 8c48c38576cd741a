"""Which language a document is in: Arabic or English, from its letters or its words."""

from __future__ import annotations

import re
from operator import attrgetter

from geo.extract.tokens import Tokens

__all__ = ["detect_language", "language_of"]

_ARABIC = attrgetter("arabic")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``"ar"`` when Arabic letters outnumber Latin ones in the first 3,000 characters, else ``"en"``.

    Examples
    --------
    >>> detect_language("قتل عنصر in Hajin"), detect_language("Clashes in Hajin")
    ('ar', 'en')
    """
    sample = text[:3000]
    return "ar" if len(_ARABIC_LETTER.findall(sample)) >= len(_LATIN_LETTER.findall(sample)) else "en"


def language_of(tokens: Tokens) -> str:
    """``"ar"`` when most of the first 400 words are Arabic (the same rule as `detect_language`, on words)."""
    words = tokens.words[:400]
    arabic = sum(map(_ARABIC, words))
    return "ar" if arabic * 2 >= len(words) else "en"
