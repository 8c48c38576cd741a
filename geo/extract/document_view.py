"""One document as the incident assembly reads it: tokens, lexicon hits and places, looked up by sentence."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from geo.extract.dates import DateMention, find_dates
from geo.extract.lexicon import Hit
from geo.extract.sentences import Sentence
from geo.extract.tokens import Tokens
from geo.extract.toponyms import PlaceMention
from geo.extract.vocabulary import MODIFIER_CATEGORIES

__all__ = ["CLAUSE_FLAGS", "DocumentView", "blocks_places", "keep_hit"]


class DocumentView:
    """One document's tokens, hits, mentions and sentences, with lookups by sentence."""

    def __init__(
        self,
        text: str,
        tokens: Tokens,
        hits: list[Hit],
        mentions: list[PlaceMention],
        sentences: list[Sentence],
        published: dt.date | None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.hits = hits
        self.mentions = mentions
        self.sentences = sentences
        self.published = published
        starts = tokens.starts
        self._ranges = [(bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)) for s in sentences]
        firsts = [r[0] for r in self._ranges]
        self._hits: list[list[Hit]] = [[] for _ in sentences]
        for hit in hits:
            k = bisect.bisect_right(firsts, hit.first) - 1
            if k >= 0:
                self._hits[k].append(hit)
        self._triggered = {
            k for k, sentence_hits in enumerate(self._hits) if any(h.has("trigger") for h in sentence_hits)
        }
        self._mentions: list[list[PlaceMention]] = [[] for _ in sentences]
        for mention in mentions:
            k = bisect.bisect_right(firsts, mention.first) - 1
            if k >= 0:
                self._mentions[k].append(mention)
        self._dates: dict[int, list[DateMention]] = {}
        self._sections: list[int] = []
        self._furniture: list[bool] = []
        self._section_published: list[dt.date | None] = [published]
        section, links = 0, False
        for sentence in sentences:
            start = _SECTION_LINE.match(text, sentence.start, sentence.end)
            if start is not None and start.group("new"):
                section += 1
                self._section_published.append(None)
                self._sections.append(section)
                self._furniture.append(True)
                continue
            if start is not None and start.group("links"):
                links = True
            self._sections.append(section)
            self._furniture.append(links or (start is not None and start.group("more") is not None))
        self._report_tokens = [h.first for h in hits if h.has("report")]
        self._trigger_tokens = [h.first for h in hits if h.has("trigger")]

    def token_range(self, index: int) -> tuple[int, int]:
        return self._ranges[index]

    def section_of(self, index: int) -> int:
        """The number of the section a sentence is in (a new one starts at "اقرأ أيضا", "Read also")."""
        return self._sections[index]

    def is_furniture(self, index: int) -> bool:
        """True for link lists and "للمزيد" lines: not the article's own text."""
        return self._furniture[index]

    def published_of(self, index: int) -> dt.date | None:
        """The publication date that anchors a sentence's relative dates (unknown in embedded articles)."""
        return self._section_published[self._sections[index]]

    def clauses(self, index: int) -> list[tuple[int, int]]:
        """Token ranges of a sentence's clauses, split at commas, semicolons, colons and "but"."""
        first, last = self._ranges[index]
        tokens = self.tokens
        sentence = self.sentences[index]
        cuts = {
            bisect.bisect_left(tokens.starts, m.end())
            for m in _CLAUSE_PUNCT.finditer(self.text, sentence.start, sentence.end)
        }
        if not _CLAUSE_WORDS.isdisjoint(w.norm for w in tokens.words[first:last]):
            cuts.update(j for j in range(first + 1, last) if tokens.words[j].norm in _CLAUSE_WORDS)
        out: list[tuple[int, int]] = []
        start = first
        for j in sorted(c for c in cuts if first < c < last):
            out.append((start, j))
            start = j
        out.append((start, last))
        return out

    def has_trigger(self, index: int) -> bool:
        """True when the sentence has an event trigger word."""
        return index in self._triggered

    def hits_in(self, index: int) -> list[Hit]:
        return self._hits[index]

    def mentions_in(self, index: int) -> list[PlaceMention]:
        return self._mentions[index]

    def dates(self, index: int) -> list[DateMention]:
        cached = self._dates.get(index)
        if cached is None:
            first, last = self._ranges[index]
            cues = {str(f.value) for h in self._hits[index] for f in h.features if f.category == "datecue"}
            if any(w.norm[:1].isdigit() for w in self.tokens.words[first:last]):
                cues.add("digit")
            sentence = self.sentences[index]
            cached = (
                find_dates(
                    self.text[sentence.start : sentence.end],
                    self.published_of(index),
                    offset=sentence.start,
                    cues=frozenset(cues),
                )
                if cues
                else []
            )
            self._dates[index] = cached
        return cached

    def is_since(self, mention: DateMention) -> bool:
        before = self.text[max(0, mention.start - 8) : mention.start].strip().lower()
        return before.endswith(("منذ", "since", "ومنذ")) and not mention.text.startswith(("منذ", "since"))

    def is_report(self, index: int, mention: DateMention) -> bool:
        """True when the date belongs to a reporting verb (قال … أمس، إن …; "said on Monday")."""
        first, _last = self._ranges[index]
        tokens = self.tokens
        position = bisect.bisect_left(tokens.starts, mention.start)
        reports = [t for t in self._report_tokens if first <= t < position and position - t <= 6]
        if not reports:
            return False
        verb = reports[-1]
        return not any(verb < t < position for t in self._trigger_tokens)


def keep_hit(tokens: Tokens, hit: Hit) -> bool:
    """Drop lexicon hits that only look right once lower-cased (the English verb "is" for IS)."""
    word = tokens.words[hit.first]
    if hit.has("actor") and word.norm in ("is", "us", "sna", "idf") and hit.last - hit.first == 1:
        surface = tokens.text[tokens.starts[hit.first] : tokens.ends[hit.first]]
        return surface.isupper()
    return True


_PLACE_BLOCKING = frozenset({"trigger", "actor", "org", "casualty", "report", "num", "many"} | MODIFIER_CATEGORIES)
CLAUSE_FLAGS = frozenset({"modal", "negation", "denial", "background"})
_CLAUSE_PUNCT = re.compile(r"[،,;؛:]")
_CLAUSE_WORDS = frozenset({"لكن", "لكنه", "لكنها", "بينما", "but", "while", "whereas"})
# How a sentence may begin: a new section ("اقرأ أيضا", "Read also"), a list of links ("مقالات ذات صلة",
# "Related articles") or a "more" link ("للمزيد", "Read more"); one pattern, tried once per sentence.
_SECTION_LINE = re.compile(
    r"\s*(?:(?P<new>(?:إقرأ|اقرأ|إقرا|اقرا)\s+(?:أيضا|أيضاً|ايضا|ايضاً)|read\s+also\b)"
    r"|(?P<links>(?:مقالات|أخبار|اخبار|مواضيع)\s+(?:متعلقة|ذات\s+صلة|مشابهة)|related\s+(?:articles|stories|news)\b)"
    r"|(?P<more>(?:للمزيد|اقرأ\s+المزيد|إقرأ\s+المزيد|read\s+more)\b))",
    re.IGNORECASE,
)


def blocks_places(hit: Hit) -> bool:
    """True when a lexicon phrase's words cannot be a place (a trigger, an actor, a casualty word …)."""
    return not hit.categories.isdisjoint(_PLACE_BLOCKING)
