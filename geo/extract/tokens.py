"""Tokens of a news text, with their normalised forms and clitic-stripped variants.

Every job of the extractor (toponyms, triggers, actors, numbers, dates)
looks words up by their normalised forms. Normalising is the costly part,
so each distinct surface token is analysed once and cached (a bounded
cache: memory stays flat on a corpus of any size); a document is then a
list of offsets into the original text plus one cached `Word` per token.

Arabic words carry clitics: ``والباغوز`` is و + الباغوز, ``بدير`` is ب +
دير, ``للحسكة`` is ل + ال + حسكة. `Word.forms` lists the forms to look up,
the literal one first, each with the number of letters removed in front
(to map a match back to the original text) and whether the article was
dropped.

The vocabularies that scan tokens (the phrase lexicon, the gazetteer's
names) register the forms their phrases begin with (`register_heads`).
A word none of whose forms is registered is not `Word.known`, and
`Tokens.heads` leaves it out: on news text most words, and nearly every
word seen for the first time, begin no phrase, and the scans skip them
without looking them up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from gazetteer.normalize import normalize_name

__all__ = [
    "CACHE_LIMIT",
    "LATIN_ARTICLES",
    "Form",
    "Tokens",
    "Word",
    "analyse",
    "letters_offset",
    "normalize_phrase",
    "register_heads",
    "tokenize",
]

#: Latin transliterations of the Arabic article (``al-``, ``el-``, ``ez-`` …).
LATIN_ARTICLES = frozenset(
    {"al", "el", "as", "ad", "ar", "ash", "esh", "az", "at", "an", "ez", "es", "ed", "er", "et", "en", "ul"}
)

# A word: letters and digits, with Arabic harakat inside and apostrophes between letters (Ma'arrat).
_TOKEN = re.compile(r"[^\W_]+(?:[\u064B-\u065F\u0670]+[^\W_]*|['’ʼ`][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
#: How many distinct words each per-word cache keeps before it starts again (rare words are not worth keeping).
CACHE_LIMIT = 30_000
# Plain Arabic letters and ASCII letters and digits normalise by table (the same result as normalize_name).
_PLAIN_ARABIC = re.compile(r"[\u0621-\u064A]+")
_PLAIN_LATIN = re.compile(r"[A-Za-z0-9]+")
_ARABIC_TABLE = str.maketrans({"ء": "", "آ": "ا", "أ": "ا", "ؤ": "و", "إ": "ا", "ئ": "ي", "ة": "ه", "ـ": "", "ى": "ي"})


def _normalize_token(token: str) -> str:
    if _PLAIN_ARABIC.fullmatch(token):
        return token.translate(_ARABIC_TABLE)
    if _PLAIN_LATIN.fullmatch(token):
        return token.lower()
    return normalize_name(token).replace(" ", "")


class Form:
    """A form of a word to look up: its text, letters removed in front, and whether the article went.

    Plain classes, not named tuples: a compiled build makes them natively, and a corpus makes many.
    """

    __slots__ = ("no_article", "prefix", "text")

    def __init__(self, text: str, prefix: int, no_article: bool) -> None:
        self.text = text
        self.prefix = prefix
        self.no_article = no_article

    def __repr__(self) -> str:
        return f"Form({self.text!r}, {self.prefix}, {self.no_article})"


class Word:
    """What is known about one surface token, independent of where it occurs.

    ``known``: one of its forms begins a phrase of a registered vocabulary (`register_heads`).
    """

    __slots__ = ("arabic", "article", "forms", "known", "norm", "trim_end", "upper")

    def __init__(
        self, norm: str, forms: tuple[Form, ...], arabic: bool, upper: bool, article: bool, trim_end: int, known: bool
    ) -> None:
        self.norm = norm
        self.forms = forms
        self.arabic = arabic
        self.upper = upper
        self.article = article
        self.trim_end = trim_end
        self.known = known

    def __repr__(self) -> str:
        return f"Word({self.norm!r}, forms={[f.text for f in self.forms]})"


def _is_arabic_char(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def _arabic_forms(word: str) -> list[Form]:
    forms = [Form(word, 0, False)]
    bases = [(word, 0)]
    if word[0] in "وف" and len(word) > 3:
        bases.append((word[1:], 1))
    for base, removed in bases:
        if removed:
            forms.append(Form(base, removed, False))
        if base.startswith("لل") and len(base) > 4:  # ل + ال: للحسكة
            forms.append(Form("ال" + base[2:], removed + 2, False))
        elif base[0] in "بلك" and len(base) > 3:
            forms.append(Form(base[1:], removed + 1, False))
    for form in list(forms):
        if form.text.startswith("ال") and len(form.text) > 3:
            synthetic = form.prefix >= 2 and word[form.prefix - 2 : form.prefix] == "لل"
            forms.append(Form(form.text[2:], form.prefix + (0 if synthetic else 2), True))
    seen: dict[str, Form] = {}
    for form in forms:
        seen.setdefault(form.text, form)
    return list(seen.values())


def analyse(token: str) -> Word:
    """Analyse one surface token (no caching; see `tokenize`).

    Examples
    --------
    >>> [f.text for f in analyse("والباغوز").forms]
    ['والباغوز', 'الباغوز', 'باغوز']
    >>> analyse("Aleppo's").norm, analyse("Aleppo's").trim_end
    ('aleppo', 2)
    """
    trim = 0
    if token.endswith(_POSSESSIVE) and len(token) > 3 and not _is_arabic_char(token[0]):
        token, trim = token[:-2], 2
    norm = _normalize_token(token)
    if not norm:
        return Word("", (), False, False, False, trim, False)
    arabic = _is_arabic_char(norm[0])
    forms = tuple(_arabic_forms(norm)) if arabic else (Form(norm, 0, False),)
    upper = token[:1].isupper() or token[:1].isdigit()
    known = any(form.text in _heads for form in forms)
    return Word(norm, forms, arabic, upper, (not arabic) and norm in LATIN_ARTICLES, trim, known)


_cache: dict[str, Word] = {}
#: The forms that begin a phrase of some registered vocabulary, and how many times the set grew.
_heads: set[str] = set()
_generation = [0]


def register_heads(forms: Iterable[str]) -> None:
    """Add the (normalised) forms that begin a vocabulary's phrases, so that `Word.known` counts them.

    Words analysed before are forgotten (their ``known`` may change), and `Tokens` made before
    say so (`Tokens.heads` then lists every word).
    """
    new = set(forms) - _heads
    if new:
        _heads.update(new)
        _cache.clear()
        _generation[0] += 1


def _word(token: str) -> Word:
    word = _cache.get(token)
    if word is None:
        if len(_cache) >= CACHE_LIMIT:
            _cache.clear()
        word = _cache[token] = analyse(token)
    return word


_chunks: dict[str, tuple[tuple[int, str], ...]] = {}


def _chunk_tokens(chunk: str) -> tuple[tuple[int, str], ...]:
    """The tokens of a chunk of text without white space, with their offsets in it (bounded cache)."""
    tokens = _chunks.get(chunk)
    if tokens is None:
        if len(_chunks) >= CACHE_LIMIT:
            _chunks.clear()
        tokens = _chunks[chunk] = tuple((m.start(), m.group()) for m in _TOKEN.finditer(chunk))
    return tokens


class Tokens:
    """The tokens of one text: parallel lists of start and end offsets and cached words."""

    __slots__ = ("_heads", "ends", "generation", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.generation = _generation[0]
        self._heads: list[int] | None = None
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[Word] = []
        # Tokens never contain white space: split on it (fast), and run the token pattern only on
        # the few chunks that are not one plain word (punctuation attached, harakat, apostrophes).
        position = 0
        for chunk in text.split():
            start = text.find(chunk, position)
            position = start + len(chunk)
            if chunk.isalnum():
                self._add(start, chunk)
            else:
                for offset, token in _chunk_tokens(chunk):
                    self._add(start + offset, token)

    def _add(self, start: int, token: str) -> None:
        word = _cache.get(token)
        if word is None:
            word = _word(token)
        if word.norm:
            self.starts.append(start)
            self.ends.append(start + len(token) - word.trim_end)
            self.words.append(word)

    def __len__(self) -> int:
        return len(self.words)

    def heads(self) -> list[int]:
        """Indices of the words that may begin a phrase of a registered vocabulary (`Word.known`).

        Every index when vocabularies were registered after these tokens were made.
        """
        if self.generation != _generation[0]:
            return list(range(len(self.words)))
        if self._heads is None:
            self._heads = [i for i, w in enumerate(self.words) if w.known]
        return self._heads

    def adjacent(self, i: int) -> bool:
        """True when token *i* and token *i + 1* are separated only by spaces, quotes or hyphens."""
        gap = self.text[self.ends[i] : self.starts[i + 1]]
        return len(gap) <= 3 and not gap.strip(_JOINERS)

    def index_at(self, offset: int) -> int:
        """Index of the first token that ends after *offset*."""
        import bisect

        return bisect.bisect_right(self.ends, offset)

    def span_words(self, start: int, end: int) -> Iterator[int]:
        """Indices of the tokens inside ``text[start:end]``."""
        i = self.index_at(start)
        while i < len(self.words) and self.starts[i] < end:
            yield i
            i += 1


_JOINERS = " \u00a0-‐–\"'“”«»„‟`’‘\u200c\u200f\u200e\u0640"


def tokenize(text: str) -> Tokens:
    """Tokenise *text*, analysing each distinct token once (bounded cache).

    Examples
    --------
    >>> t = tokenize("في بدير الزور")
    >>> [t.text[s:e] for s, e in zip(t.starts, t.ends)]
    ['في', 'بدير', 'الزور']
    """
    return Tokens(text)


def letters_offset(token: str, letters: int) -> int:
    """Offset in *token* after its first *letters* base letters (harakat and tatweel do not count).

    Examples
    --------
    >>> letters_offset("بِدير", 1)
    2
    """
    if letters <= 0:
        return 0
    seen = 0
    for index, ch in enumerate(token):
        if unicodedata.category(ch) in ("Mn", "Cf") or ch == "\u0640":
            continue
        seen += 1
        if seen == letters:
            rest = index + 1
            while rest < len(token) and (unicodedata.category(token[rest]) in ("Mn", "Cf") or token[rest] == "\u0640"):
                rest += 1
            return rest
    return len(token)


def normalize_phrase(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as a tuple of normalised tokens (apostrophes dropped, as in `tokenize`).

    Examples
    --------
    >>> normalize_phrase("عبوة ناسفة")
    ('عبوه', 'ناسفه')
    """
    return tuple(_word(m.group()).norm for m in _TOKEN.finditer(phrase) if _word(m.group()).norm)
