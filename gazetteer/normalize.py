"""Normalisation of Arabic and Latin place names into matching keys.

Three levels of key are produced, from strict to loose:

``normalize_name``
    Unicode clean-up shared by both scripts: hamza and alef forms, taa
    marbuta, alef maqsura, harakat, tatweel, Persian letters, Arabic-Indic
    digits, bidi marks, Latin diacritics, apostrophes and punctuation.
``loose_key``
    ``normalize_name`` without the definite article (``ال``, ``al-``,
    ``el-``, ``ez-``, ``ash-`` …) and without spaces.
``latin_skeleton``
    A transliteration key for Latin spellings: the consonants of the loose
    key with doubled letters collapsed, so that *Deir ez-Zor*, *Deir
    Ezzor*, *Dayr az Zawr* and *Der Ezzor* meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

__all__ = [
    "ARABIC_KIND_WORDS",
    "LATIN_KIND_WORDS",
    "NameVariant",
    "arabic_skeleton",
    "is_arabic",
    "latin_skeleton",
    "loose_key",
    "name_variants",
    "normalize_name",
]

_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")

# Letters that survive NFKD but have a common Arabic equivalent.
_LETTER_MAP = str.maketrans(
    {
        "\u0629": "\u0647",  # ة → ه
        "\u0649": "\u064a",  # ى → ي
        "\u06cc": "\u064a",  # Persian yeh ی → ي
        "\u06d2": "\u064a",  # yeh barree
        "\u06a9": "\u0643",  # keheh ک → ك
        "\u06af": "\u0643",  # gaf گ → ك
        "\u0671": "\u0627",  # alef wasla ٱ → ا
        "\u0621": "",  # lone hamza ء
        "\u0640": "",  # tatweel ـ
        "\u2018": "",
        "\u2019": "",
        "\u02bb": "",
        "\u02bc": "",
        "\u02be": "",
        "\u02bf": "",
        "'": "",
        "`": "",
        "\u00b4": "",
    }
)

_LATIN_ARTICLES = frozenset(
    {"al", "el", "as", "ad", "ar", "ash", "esh", "az", "at", "an", "ez", "es", "ed", "er", "et", "en", "ul"}
)
_LATIN_DIGRAPHS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("q", "k"), ("c", "k"), ("j", "g"))
_LATIN_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aei])h\b")

#: Arabic kind words that may precede a name, with the kinds they hint at.
ARABIC_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "مدينه": ("city", "town"),
    "بلده": ("town", "village"),
    "قريه": ("village", "town"),
    "حي": ("neighbourhood",),
    "مخيم": ("camp",),
    "ناحيه": ("subdistrict",),
    "منطقه": ("district", "region"),
    "ريف": ("governorate", "district"),
    "محافظه": ("governorate",),
    "مطار": ("airbase",),
    "قاعده": ("airbase", "base"),
    "محطه": ("station", "airbase"),
    "سجن": ("prison",),
    "معبر": ("crossing",),
    "حقل": ("oilfield", "gasfield"),
    "سد": ("dam",),
    "جبل": ("mountain",),
    "نهر": ("river",),
}

#: Latin kind words that may precede or follow a name, with their hints.
LATIN_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "city": ("city", "town"),
    "town": ("town", "village"),
    "village": ("village", "town"),
    "neighbourhood": ("neighbourhood",),
    "neighborhood": ("neighbourhood",),
    "district": ("district", "neighbourhood"),
    "subdistrict": ("subdistrict",),
    "camp": ("camp",),
    "governorate": ("governorate",),
    "province": ("governorate",),
    "countryside": ("governorate", "district"),
    "airbase": ("airbase",),
    "airport": ("airbase",),
    "base": ("base", "airbase"),
    "station": ("station", "airbase"),
    "prison": ("prison",),
    "crossing": ("crossing",),
    "field": ("oilfield", "gasfield"),
    "oilfield": ("oilfield",),
    "dam": ("dam",),
    "mount": ("mountain",),
    "river": ("river",),
}

# A name found only after removing a kind word must not beat a literal match,
# even with the hint's bonus (see resolver._HINT_BONUS).
_KIND_WORD_PENALTY = 0.12
_ARABIC_CONJUNCTIONS = ("و", "ف")
_ARABIC_PREPOSITIONS = ("ب", "ل", "ك")


def is_arabic(text: str) -> bool:
    """Return True if *text* contains an Arabic letter.

    Examples
    --------
    >>> is_arabic("Deir ez-Zor دير الزور")
    True
    """
    return _ARABIC_LETTER.search(text) is not None


def _build_clean_table() -> dict[int, str | None]:
    """One translation table for the Basic Multilingual Plane, built once at import.

    Combining marks (harakat, madda, hamza marks, Latin accents) and format
    characters (bidi marks) are dropped; decimal digits of any script become
    ASCII digits; punctuation, symbols, separators and controls become spaces.
    """
    table: dict[int, str | None] = {}
    for code in range(0x10000):
        ch = chr(code)
        category = unicodedata.category(ch)
        if category in ("Mn", "Cf"):
            table[code] = None
        elif category == "Nd":
            table[code] = str(unicodedata.digit(ch))
        elif category[0] in "PSZC" and ch != " ":
            table[code] = " "
    for key, value in _LETTER_MAP.items():
        table[key] = value or None
    return table


_CLEAN_TABLE = _build_clean_table()


def normalize_name(text: str) -> str:
    """Normalise a place name for comparison (both scripts, idempotent).

    Examples
    --------
    >>> normalize_name("إدلِب")
    'ادلب'
    >>> normalize_name("Ḥalab")
    'halab'
    >>> normalize_name("Deir ez-Zor")
    'deir ez zor'
    """
    cleaned = unicodedata.normalize("NFKD", text).translate(_CLEAN_TABLE).casefold()
    if not cleaned.isascii():  # casefold can decompose again (e.g. "İ"): clean once more
        cleaned = unicodedata.normalize("NFKD", cleaned).translate(_CLEAN_TABLE)
    return " ".join(cleaned.split())


def _strip_arabic_article(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


def loose_key(normalized: str) -> str:
    """Drop the definite article and the spaces from a normalised name.

    Examples
    --------
    >>> loose_key(normalize_name("دير الزور"))
    'ديرزور'
    >>> loose_key(normalize_name("Ar-Raqqa"))
    'raqqa'
    """
    words = normalized.split()
    kept: list[str] = []
    for index, word in enumerate(words):
        if word in _LATIN_ARTICLES and index < len(words) - 1:
            continue
        kept.append(_strip_arabic_article(word))
    return "".join(kept)


def latin_skeleton(normalized: str) -> str:
    """Consonant skeleton of a Latin name, for transliteration variants.

    Returns an empty string for Arabic text or when fewer than three
    consonants remain (too little to match on).

    Examples
    --------
    >>> latin_skeleton(normalize_name("Dayr az Zawr")) == latin_skeleton(normalize_name("Deir Ezzor"))
    True
    """
    if is_arabic(normalized):
        return ""
    words = [w for i, w in enumerate(normalized.split()) if not (w in _LATIN_ARTICLES and i)]
    if len(words) > 1 and words[0] in _LATIN_ARTICLES:
        words = words[1:]
    if words and len(words[0]) >= 7 and words[0][:2] in ("al", "el"):  # glued article: Albukamal
        words[0] = words[0][2:]
    text = _FINAL_H.sub("", " ".join(words)).replace(" ", "")
    for digraph, replacement in _LATIN_DIGRAPHS:
        text = text.replace(digraph, replacement)
    skeleton = _DOUBLED.sub(r"\1", _LATIN_VOWELS.sub("", text))
    return skeleton if len(skeleton) >= 3 else ""


class NameVariant(NamedTuple):
    """A form of a query to look up, with what was removed to get it."""

    text: str
    hint: tuple[str, ...]
    removed: str
    penalty: float


def _arabic_clitic_forms(word: str, more_words: bool = False) -> Iterator[tuple[str, str]]:
    """Yield ``(stem, clitics)`` for the ways a first word can carry clitics.

    A stem keeps at least three letters, or two when more words follow
    (بتل أبيض, لحي الميدان, بأم الطيور: تل, حي, أم, جب, سد are short).
    """
    keep = 2 if more_words else 3
    yield word, ""
    starts = [(word, "")]
    if word[:1] in _ARABIC_CONJUNCTIONS and len(word) > keep:
        starts.append((word[1:], word[0]))
    for stem, removed in starts:
        if removed:
            yield stem, removed
        if stem.startswith("لل") and len(stem) > 4:  # لل = ل + ال
            yield "ا" + stem[1:], removed + "ل"
        if stem[:1] in _ARABIC_PREPOSITIONS and len(stem) > keep:
            yield stem[1:], removed + stem[0]


def _split_kind_word(words: list[str]) -> tuple[list[str], str, tuple[str, ...]]:
    if len(words) > 1:
        if words[0] in ARABIC_KIND_WORDS:
            return words[1:], words[0], ARABIC_KIND_WORDS[words[0]]
        if words[0] in LATIN_KIND_WORDS:
            rest = words[2:] if len(words) > 2 and words[1] == "of" else words[1:]
            return rest, words[0], LATIN_KIND_WORDS[words[0]]
        if words[-1] in LATIN_KIND_WORDS:
            return words[:-1], words[-1], LATIN_KIND_WORDS[words[-1]]
    return words, "", ()


def name_variants(normalized: str) -> list[NameVariant]:
    """Forms of a normalised query to look up, the literal form first.

    Leading Arabic clitics (و ف ب ل ك, and لل for ل + ال) are removed, and a
    leading or trailing kind word (مخيم, حي, camp, airbase …) becomes a hint
    about the kind of place instead of part of the name.

    Examples
    --------
    >>> [v.text for v in name_variants(normalize_name("بدير الزور"))][:2]
    ['بدير الزور', 'دير الزور']
    >>> name_variants(normalize_name("مخيم الهول"))[-1].hint
    ('camp',)
    """
    words = normalized.split()
    if not words:
        return []
    variants: dict[str, NameVariant] = {}
    for stem, clitics in _arabic_clitic_forms(words[0], len(words) > 1):
        with_stem = [stem, *words[1:]]
        penalty = 0.03 * len(clitics)
        text = " ".join(with_stem)
        variants.setdefault(text, NameVariant(text, (), clitics, penalty))
        rest, kind_word, hint = _split_kind_word(with_stem)
        if kind_word and rest:
            text = " ".join(rest)
            removed = "+".join(filter(None, (clitics, kind_word)))
            variants.setdefault(text, NameVariant(text, hint, removed, penalty + _KIND_WORD_PENALTY))
    return list(variants.values())


_ARABIC_CONFUSABLE = str.maketrans({"ج": "ح", "خ": "ح", "ق": "ك", "ذ": "د"})


def arabic_skeleton(normalized: str) -> str:
    """A typo key for one-word Arabic names: ج/ح/خ, ق/ك and ذ/د merged, doubled letters collapsed.

    Empty for Latin text or when fewer than three letters remain.

    Examples
    --------
    >>> arabic_skeleton(loose_key(normalize_name("دمشك"))) == arabic_skeleton(loose_key(normalize_name("دمشق")))
    True
    >>> arabic_skeleton(loose_key(normalize_name("حلبب"))) == arabic_skeleton(loose_key(normalize_name("حلب")))
    True
    """
    if not is_arabic(normalized):
        return ""
    key = _DOUBLED.sub(r"\1", normalized.translate(_ARABIC_CONFUSABLE))
    return key if len(key) >= 3 else ""
