"""Paragraphs and sentences of a news text, as character offsets into it.

A paragraph is a line; a sentence ends at ``.``, ``!``, ``?``, ``؟`` or
``؛`` followed by a space (not after an English abbreviation such as
``Dec.`` or ``U.S.``, nor inside a number). Lines that are embedded social
media furniture (``pic.twitter.com/…``, ``— Name (@handle) December 6,
2025``) are marked so that their dates and words are not taken for the
article's own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Sentence", "split_sentences"]

_LINE = re.compile(r"[^\n]+")
# (Written ``[…][…]*``, not ``[…]+``: a pattern that begins with a character set is searched for quickly.)
_END = re.compile(r"[.!?؟؛][.!?؟؛]*[\"'”’»)]*(?=\s)")
_ABBREVIATIONS = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "approx",
        "est",
        "govt",
        "dept",
        "u.s",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    }
)
_SOCIAL = re.compile(r"pic\.twitter\.com/|^\s*[—–-]\s.*\(@\w+\)|^\s*https?://\S+\s*$", re.IGNORECASE)


class Sentence(NamedTuple):
    """A sentence: offsets ``[start, end)``, its paragraph's number, and whether it is social-media furniture."""

    start: int
    end: int
    paragraph: int
    furniture: bool


def _abbreviation_before(line: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (line[word_start - 1].isalpha() or line[word_start - 1] == "."):
        word_start -= 1
    word = line[word_start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and line[word_start].isupper():
        return True  # an initial: "J. Smith"
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of *text*, in order, stripped of surrounding spaces.

    Examples
    --------
    >>> t = "Clashes on Dec. 1 in Hajin. Two died!\\nقتل عنصر. وأصيب آخر"
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Clashes on Dec. 1 in Hajin.', 'Two died!', 'قتل عنصر.', 'وأصيب آخر']
    """
    sentences: list[Sentence] = []
    for paragraph, line_match in enumerate(_LINE.finditer(text)):
        line = line_match.group()
        base = line_match.start()
        furniture = ("@" in line or "twitter" in line or "http" in line) and _SOCIAL.search(line) is not None
        start = 0
        for end_match in _END.finditer(line):
            dot = end_match.start()
            if end_match.group() == "." and _abbreviation_before(line, dot):
                continue
            _add(sentences, line, base, start, end_match.end(), paragraph, furniture)
            start = end_match.end()
        _add(sentences, line, base, start, len(line), paragraph, furniture)
    return sentences


def _add(out: list[Sentence], line: str, base: int, start: int, end: int, paragraph: int, furniture: bool) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(base + start, base + end, paragraph, furniture))
