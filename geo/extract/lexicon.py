"""A phrase lexicon matched over tokens: trigger words, actors, numbers, cues.

Each job module declares its vocabulary as ``(phrase, feature)`` pairs;
`Lexicon` indexes them by first token and finds, in one left-to-right pass
over a document's tokens, the longest phrase starting at each token (with
Arabic clitics and the article removed as `geo.extract.tokens` allows).
A phrase may carry several features (``قتل`` is both a casualty word and a
weak trigger).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from geo.extract.tokens import CACHE_LIMIT, Tokens, normalize_phrase, register_heads

__all__ = ["Feature", "Hit", "Lexicon"]


class Feature(NamedTuple):
    """What a phrase means: a category (``"trigger"``, ``"actor"``, ``"kill"`` …) and a value."""

    category: str
    value: Any  # not `object`: a mypyc-compiled NamedTuple resolves its annotations in the module's globals


class Hit(NamedTuple):
    """A lexicon phrase found in a text: token indices ``[first, last)``, its features and their categories."""

    first: int
    last: int
    features: tuple[Feature, ...]
    categories: frozenset[str] = frozenset()

    def has(self, category: str) -> bool:
        """True when one of the phrase's features is of *category*."""
        return category in self.categories

    def value(self, category: str) -> object:
        """The value of the first feature of *category* (None if there is none)."""
        return next((f.value for f in self.features if f.category == category), None)


class Lexicon:
    """Phrases indexed by first token, matched longest first.

    Examples
    --------
    >>> from geo.extract.tokens import tokenize
    >>> lex = Lexicon([("عبوة ناسفة", Feature("trigger", "ied")), ("عبوة", Feature("noun", 1))])
    >>> [h.features[0].value for h in lex.scan(tokenize("انفجرت عبوةٌ ناسفة"))]
    ['ied']
    """

    def __init__(self, entries: Iterable[tuple[str, Feature]]) -> None:
        phrases: dict[tuple[str, ...], list[Feature]] = defaultdict(list)
        for phrase, feature in entries:
            key = normalize_phrase(phrase)
            if key and feature not in phrases[key]:
                phrases[key].append(feature)
        self._first: dict[str, list[tuple[tuple[str, ...], tuple[Feature, ...]]]] = defaultdict(list)
        self._categories: dict[tuple[Feature, ...], frozenset[str]] = {}
        self._boring: set[str] = set()
        for key, features in phrases.items():
            packed = tuple(features)
            self._categories[packed] = frozenset(f.category for f in packed)
            self._first[key[0]].append((key[1:], packed))
        for rests in self._first.values():
            rests.sort(key=lambda item: -len(item[0]))
        self._single = {k: any(not rest for rest, _ in v) for k, v in self._first.items()}
        self._seconds = {k: frozenset(rest[0] for rest, _ in v if rest) for k, v in self._first.items()}
        self._heads: dict[str, tuple[tuple[int, list[tuple[tuple[str, ...], tuple[Feature, ...]]], str], ...]] = {}
        register_heads(self._first)

    def __len__(self) -> int:
        return sum(len(v) for v in self._first.values())

    def _heads_of(
        self, tokens: Tokens, i: int
    ) -> tuple[tuple[int, list[tuple[tuple[str, ...], tuple[Feature, ...]]], str], ...]:
        word = tokens.words[i]
        heads = self._heads.get(word.norm)
        if heads is None:
            found = [(f.prefix, self._first[f.text], f.text) for f in word.forms if f.text in self._first]
            heads = tuple(found)
            if len(self._heads) > CACHE_LIMIT:
                self._heads.clear()
            self._heads[word.norm] = heads
        return heads

    def scan(self, tokens: Tokens) -> list[Hit]:
        """Every phrase in *tokens*, left to right, longest match at each position, without overlaps."""
        hits: list[Hit] = []
        words = tokens.words
        n = len(words)
        cache = self._heads
        boring = self._boring
        resume = 0
        for i in tokens.heads():  # most words begin no phrase of any vocabulary
            if i < resume or words[i].norm in boring:
                continue
            heads = cache.get(words[i].norm)
            if heads is None:
                heads = self._heads_of(tokens, i)
            if not heads:
                if len(boring) > CACHE_LIMIT:
                    boring.clear()
                boring.add(words[i].norm)
                continue
            best: Hit | None = None
            following = words[i + 1].norm if i + 1 < n else ""
            stripped = following[2:] if following.startswith("ال") else following
            for _prefix, rests, first_text in heads:
                seconds = self._seconds[first_text]
                if following not in seconds and stripped not in seconds and not self._single[first_text]:
                    continue
                for rest, features in rests:
                    length = len(rest)
                    if best is not None and length + 1 <= best.last - best.first:
                        break
                    if i + length >= n:
                        continue
                    if not length or _rest_matches(tokens, i, rest):
                        best = Hit(i, i + 1 + length, features, self._categories[features])
                        break
            if best is not None:
                hits.append(best)
                resume = best.last
        return hits


def _rest_matches(tokens: Tokens, i: int, rest: tuple[str, ...]) -> bool:
    words = tokens.words
    n = len(words)
    for k, expected in enumerate(rest, start=1):
        j = i + k
        if j >= n:
            return False
        word = words[j]
        if word.norm != expected and not (word.norm.startswith("ال") and word.norm[2:] == expected):
            return False
        if not tokens.adjacent(j - 1):
            return False
    return True
