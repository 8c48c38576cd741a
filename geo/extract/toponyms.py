"""Toponym tagging: every place name of the gazetteer found in a text, with offsets, resolved.

The gazetteer is the tagger's dictionary. `Tagger` is built once from a
`Gazetteer`: every name of every place is normalised (`normalize_name`)
and split into tokens; Latin articles are dropped (``al-Bab`` → ``bab``)
and Arabic names keep theirs, so ``الباب`` never matches the bare word
``باب``. A text is then scanned token by token, longest name first, with
Arabic clitics removed (``بدير الزور``, ``والباغوز``, ``للحسكة``) and offsets
mapped back to the original text.

False positives are decided by cues. Names that are also common words
(التل "the hill", الباب "the door", الميادين "the squares", الجزيرة the TV
channel, Bab, Tell …) count only after a kind word (مدينة، بلدة، حي، مخيم،
ريف …) or a locative word (في، قرب، ب-, in, near …). Words inside an
organisation's or a person's name (هيئة تحرير الشام, قناة الجزيرة, أحمد
الشرع) are never places. English names must be capitalised.

Homonyms are resolved in two passes: first the mentions that have one
candidate (or whose kind word settles it), then the others, passing the
names of the document's resolved places as context to `Gazetteer.candidates`
(so الحيدرية in an article about Aleppo is Aleppo's).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer, Place
from gazetteer.normalize import ARABIC_KIND_WORDS, LATIN_KIND_WORDS, is_arabic
from gazetteer.place import ADMIN_KINDS
from geo.extract.tokens import (
    CACHE_LIMIT,
    LATIN_ARTICLES,
    Form,
    Tokens,
    Word,
    letters_offset,
    normalize_phrase,
    register_heads,
    tokenize,
)
from geo.placing import precision_of

__all__ = ["COMMON_WORD_NAMES", "PlaceMention", "Tagger", "kind_rank"]

logger = logging.getLogger(__name__)

#: Place names that are also common words, person names or acronyms: they need a cue to count.
COMMON_WORD_NAMES: frozenset[tuple[str, ...]] = frozenset(
    normalize_phrase(n)
    for n in (
        "التل",
        "الباب",
        "باب",
        "الميادين",
        "ميادين",
        "الجزيرة",
        "الشرع",
        "قسد",
        "الشام",
        "السجن",
        "الصور",
        "صور",
        "الكرامة",
        "الثورة",
        "ثورة",
        "الحاضر",
        "الحاجب",
        "الروضة",
        "المزرعة",
        "المنصورة",
        "الناصرة",
        "الحمرا",
        "السودا",
        "الزيارة",
        "الشجرة",
        "الكوم",
        "الحديدة",
        "حديدة",
        "نوى",
        "نوي",
        "شين",
        "ملح",
        "سلوك",
        "الحصان",
        "القبو",
        "الضمير",
        "الكريمة",
        "كريمة",
        "بلبل",
        "ربيعة",
        "الطواحين",
        "السبخة",
        "الوعرة",
        "الداليه",
        "دالية",
        "الفاخورة",
        "البحرة",
        "الجيزة",
        "العريشة",
        "الصفصافة",
        "الكسرة",
        "الخفسة",
        "العمر",
        "التنك",
        "الفرات",
        "عوج",
        "بنان",
        "الهول",
        "الحراك",
        "الجولان",
        "الجديدة",
        "الجديده",
        "المهاجرين",
        "الأنصار",
        "الشهداء",
        "الميدان",
        "القصور",
        "سلمية",  # "peaceful" (مسيرة سلمية) as well as Salamiyah
        "الفردوس",
        "الصناعة",
        "الإذاعة",
        "الجمارك",
        "الكورنيش",
        "زيارة",
        "الزيارة",
        "الأسد",
        "الاسد",
        "نصيب",
        "النصر",
        "السلام",
        "الحرية",
        "الأمل",
        "العين",
        "النور",
        "الخير",
        "الجديد",
        "الوسط",
        "المركز",
        "المحطة",
        "الجامعة",
        "المطار",
        "المدينة",
        "القرية",
        "البلدة",
        "الساحل",
        "الشمال",
        "الجنوب",
        "الشرق",
        "الغرب",
        "Bab",
        "Tell",
        "Tall",
        "Mare",
        "Sham",
        "Sur",
        "Shin",
        "Cham",
        "Hole",
        "Oj",
        "Kara",
        "Sasa",
        "Mari",
        "Safir",
        "Omar",
        "Roj",
        "Dana",
        "Nawa",
        "Jazira",
        "Jazeera",
        "Karama",
        "Conoco",
        "Euphrates",
        "Dara",
        "Golan",
        "Sabbah",
        "Hamra",
        "Milh",
        "Malah",
    )
)

# Words before a name that make it a place (Arabic kind words, their plurals and duals).
_KIND_CUES: dict[str, tuple[str, ...]] = {
    **ARABIC_KIND_WORDS,
    "مدينتي": ("city", "town"),
    "بلدتي": ("town", "village"),
    "قريتي": ("village", "town"),
    "بلدات": ("town", "village"),
    "قري": ("village", "town"),
    "مدن": ("city", "town"),
    "محطات": ("station", "airbase"),
    "احياء": ("neighbourhood",),
    "حيي": ("neighbourhood",),
    "مخيمي": ("camp",),
    "مناطق": (),
    "محافظات": ("governorate",),
    "محافظتي": ("governorate",),
    "ارياف": ("governorate", "district"),
    "بادية": ("region",),
    "باديه": ("region",),
    "صحراء": ("region",),
    "قلب": (),
    "مركز": (),
    "بلده": ("town", "village"),
    **{k: v for k, v in LATIN_KIND_WORDS.items() if k not in ("base", "field", "station", "mount", "river", "dam")},
    "towns": ("town", "village"),
    "villages": ("village", "town"),
    "province": ("governorate",),
    "provinces": ("governorate",),
}
# Locative words before a name (after clitic removal): they make a common-word name count.
# East, west, north, south and their adjectives (شرقي درعا): locative and relation cues alike.
_COMPASS_WORDS = ("شرق", "شرقي", "غرب", "غربي", "شمال", "شمالي", "جنوب", "جنوبي")
_LOCATIVE_CUES = frozenset(
    {
        "في",
        "من",
        "الي",
        "قرب",
        "بالقرب",
        "محيط",
        "اطراف",
        "داخل",
        "نحو",
        "باتجاه",
        "اتجاه",
        "حتي",
        "بين",
        *_COMPASS_WORDS,
        "عند",
        "مدخل",
        "in",
        "near",
        "at",
        "from",
        "to",
        "outside",
        "around",
        "into",
        "towards",
        "toward",
        "of",
        "inside",
        "across",
        "through",
        "between",
    }
)
# The people of a place: "أهالي نوى", "residents of Nawa" (through من / of) say where as much as في does.
_INHABITANTS = frozenset({"اهالي", "سكان", "residents", "inhabitants", "villagers", "natives", "people"})
_STRONG_LOCATIVES = frozenset(
    {"في", "بين", "between", "قرب", "بالقرب", "محيط", "اطراف", "داخل", "in", "near", "inside", "outside", "around"}
)
# "شمالي درعا", "northern Hama": the province, when the name is also a governorate's.
_DIRECTION_ADJECTIVES = frozenset({"شرقي", "غربي", "شمالي", "جنوبي", "northern", "southern", "eastern", "western"})
# Words that put a name in a relation ("near X", "east of X"): the incident is not at X itself.
_RELATION_CUES = frozenset(
    {
        "قرب",
        "بالقرب",
        "محيط",
        "اطراف",
        "ضواحي",
        *_COMPASS_WORDS,
        "باتجاه",
        "اتجاه",
        "نحو",
        "مشارف",
        "near",
        "outside",
        "outskirts",
        "east",
        "west",
        "north",
        "south",
        "towards",
        "toward",
        "around",
        "northern",
        "southern",
        "eastern",
        "western",
    }
)
# Words before a name that make it part of an organisation's or a person's name.
_NAME_BLOCKERS = frozenset(
    {
        "قناه",
        "احمد",
        "محمد",
        "بشار",
        "الرئيس",
        "بلاد",
        "صحيفه",
        "وكاله",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "ahmed",
        "ahmad",
        "president",
        "channel",
        "this",
        "that",
    }
)
# Governorate adjectives (nisba) after an area noun: الريف الحلبي, الجغرافيا الدرعاوية.
_NISBA: dict[str, str] = {
    "دمشقي": "SY01",
    "حلبي": "SY02",
    "حمصي": "SY04",
    "حموي": "SY05",
    "لاذقاني": "SY06",
    "ادلبي": "SY07",
    "حسكاوي": "SY08",
    "ديري": "SY09",
    "طرطوسي": "SY10",
    "رقاوي": "SY11",
    "درعاوي": "SY12",
    "حوراني": "SY12",
    "سويداوي": "SY13",
    "قنيطري": "SY14",
}
_AREA_NOUNS = frozenset({"ريف", "جغرافيا", "محافظه", "باديه", "اراضي", "مناطق", "ارياف", "قري", "بلدات", "مدن"})
_KIND_RANK = {
    "neighbourhood": 0,
    "camp": 0,
    "prison": 0,
    "airbase": 0,
    "base": 0,
    "station": 0,
    "crossing": 0,
    "dam": 0,
    "oilfield": 0,
    "gasfield": 0,
    "village": 1,
    "town": 1,
    "city": 2,
    "subdistrict": 3,
    "mountain": 3,
    "district": 4,
    "region": 5,
    "river": 5,
    "governorate": 6,
}


def kind_rank(place: Place) -> int:
    """How large a kind of place is: 0 a facility or neighbourhood … 6 a governorate."""
    return _KIND_RANK.get(place.kind, 2)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: offsets into the original text, the place, and how sure we are.

    ``cue`` is the kind or locative word that introduced the name (normalised),
    ``relation`` is set when the text places something *near* the place
    (قرب، شرقي، near, east of), which makes the incident's ``geo_precision`` 2.
    ``first``/``last`` are token indices.
    """

    text: str
    start: int
    end: int
    place: Place
    score: float
    first: int
    last: int
    cue: str = ""
    relation: str = ""
    ambiguous: bool = False
    alternatives: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the place by its id (worker processes send mentions back cheaply)."""
        fields = (self.text, self.start, self.end, self.place.place_id, self.score, self.first, self.last)
        return _mention_from_id, (*fields, self.cue, self.relation, self.ambiguous, self.alternatives)

    @property
    def geo_precision(self) -> int:
        """The place's own precision (`geo.placing.precision_of`), and at least 2 when the text says *near* it."""
        base = precision_of(self.place)
        return max(base, 2) if self.relation else base


def _mention_from_id(
    text: str,
    start: int,
    end: int,
    place_id: str,
    score: float,
    first: int,
    last: int,
    cue: str,
    relation: str,
    ambiguous: bool,
    alternatives: tuple[str, ...],
) -> PlaceMention:
    place = Gazetteer.default().get(place_id)
    return PlaceMention(text, start, end, place, score, first, last, cue, relation, ambiguous, alternatives)


@dataclass
class _Raw:
    first: int
    last: int
    start: int
    end: int
    ids: tuple[str, ...]
    clitic: bool
    cue: str
    kinds: tuple[str, ...]
    relation: str
    risky: bool


class Tagger:
    """Finds and resolves the gazetteer's place names in texts.

    Examples
    --------
    >>> tagger = Tagger.default()
    >>> [(m.text, m.place.place_id) for m in tagger.tag("هجوم في حي الحيدرية بحلب")]
    [('حي الحيدرية', 'al-haydariya-aleppo'), ('حلب', 'geonames:170063')]
    >>> [m.text for m in tagger.tag("فتح الباب أمام الحوار")]
    []
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        index: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for place in gazetteer:
            for name in place.all_names:
                key = _name_key(name)
                if key:
                    index[key].add(place.place_id)
                    glued = "".join(key)
                    if len(key) > 1 and is_arabic(key[0]) and len(glued) >= 6:
                        index[(glued,)].add(place.place_id)  # كفرنبل for كفر نبل
        self._first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], bool, bool]]] = defaultdict(list)
        self._major: dict[tuple[str, ...], bool] = {}
        self._kind_only: set[tuple[str, ...]] = set(_KIND_ONLY)
        for key, ids in index.items():
            latin = not is_arabic(key[0])
            places = [gazetteer.get(i) for i in ids]
            major = any(map(_major, places))
            risky = key in COMMON_WORD_NAMES or (
                len(key) == 1
                and (
                    all(_minor(p) for p in places)
                    or all(p.kind == "neighbourhood" for p in places)
                    or (_short(key[0], latin) and not major)
                )
            )
            self._first[key[0]].append((key, tuple(sorted(ids)), latin, risky and not (major and len(key) > 1)))
            if len(key) == 1 and not latin and key[0].startswith("ال") and all(_minor(p) for p in places):
                self._kind_only.add(key)  # المشهد "the scene", a village's alias: only after قرية، بلدة …
            self._major[key] = major
        for entries in self._first.values():
            entries.sort(key=lambda e: (-len(e[0]), e[0]))
        self._nisba = {k: v for k, v in _NISBA.items() if v in gazetteer}
        # the words `_scan` looks at: a name's first word, a Latin article, a nisba (حلبي، الحلبية)
        nisbas = ((s, s + "ه", "ال" + s, "ال" + s + "ه") for s in self._nisba)
        register_heads([*self._first, *LATIN_ARTICLES, *(form for group in nisbas for form in group)])
        self._boring: set[str] = set()
        self._head_cache: dict[
            str, tuple[tuple[Form, list[tuple[tuple[str, ...], tuple[str, ...], bool, bool]]], ...]
        ] = {}
        self.names = len(index)
        logger.debug("tagger built: %d names of %d places", len(index), len(gazetteer))

    @classmethod
    def default(cls) -> Tagger:
        """The tagger of the embedded gazetteer (built once, then shared)."""
        return _default_tagger()

    def __iter__(self):  # type: ignore[no-untyped-def]
        """``(normalised name tokens, place ids)`` pairs: the tagger's dictionary."""
        for entries in self._first.values():
            for key, ids, _latin, _risky in entries:
                yield key, ids

    # -- scanning ---------------------------------------------------------

    def tag(self, text: str | Tokens, *, blocked: Collection[int] = ()) -> list[PlaceMention]:
        """Every place mention in *text*, resolved, in text order.

        *blocked* holds token indices that belong to organisation or person
        names (from the lexicon): no place is found inside them.
        """
        tokens = text if isinstance(text, Tokens) else tokenize(text)
        raws = self._scan(tokens, blocked)
        mentions = self._resolve(tokens, raws)
        return _neighbourhoods_in_context(mentions)

    def _scan(self, tokens: Tokens, blocked: Collection[int]) -> list[_Raw]:
        words = tokens.words
        n = len(words)
        raws: list[_Raw] = []
        seen: set[tuple[str, ...]] = set()
        boring = self._boring
        resume = 0
        for i in tokens.heads():  # most words begin no name
            if i < resume or words[i].norm in boring:
                continue
            word = words[i]
            if not (bool(self._heads(word)) or word.article or (word.arabic and self._is_nisba(word.norm))):
                if len(boring) > CACHE_LIMIT:
                    boring.clear()
                boring.add(word.norm)
                continue
            if i in blocked:
                if not (i and any(f.text in _KIND_CUES for f in words[i - 1].forms)):
                    continue
                blocked = set(blocked) - {i}  # "بلدة الراعي": the kind word says the shepherd is a town
            raw: _Raw | None = None
            if word.article and i + 1 < n and tokens.adjacent(i):
                raw = self._match_at(tokens, i + 1, blocked, seen, start_token=i)
            if raw is None:
                raw = self._match_at(tokens, i, blocked, seen, start_token=i, previous=raws[-1] if raws else None)
            if raw is None and word.arabic and self._nisba and self._is_nisba(word.norm):
                raw = self._nisba_at(tokens, i)
            if raw is not None:
                raws.append(raw)
                resume = raw.last
        return raws

    def _heads(self, word: Word) -> tuple[tuple[Form, list[tuple[tuple[str, ...], tuple[str, ...], bool, bool]]], ...]:
        """The forms of *word* that begin a name, with the names (cached per word)."""
        heads = self._head_cache.get(word.norm)
        if heads is None:
            heads = tuple(
                (form, self._first[form.text])
                for form in word.forms
                if not (word.arabic and form.no_article) and form.text in self._first
            )
            if len(self._head_cache) > CACHE_LIMIT:
                self._head_cache.clear()
            self._head_cache[word.norm] = heads
        return heads

    def _match_at(
        self,
        tokens: Tokens,
        i: int,
        blocked: Collection[int],
        seen: set[tuple[str, ...]],
        *,
        start_token: int,
        previous: _Raw | None = None,
    ) -> _Raw | None:
        """The name that starts at token *i*, if its cues make it a place.

        *seen* holds the names this document has already used as places: one sense per document,
        so "وشهدت نوى" after "مدينة نوى" needs no cue of its own.
        """
        words = tokens.words
        word = words[i]
        n = len(words)
        for form, entries in self._heads(word):
            for key, ids, latin, risky in entries:
                last = _match_rest(tokens, i, key, latin)
                if last is None or any(j in blocked for j in range(i, last)):
                    continue
                if latin and not word.upper and not word.arabic and not any(ch.isdigit() for ch in word.norm):
                    continue
                cue, kinds, relation, locative, strong = self._cues_before(tokens, start_token)
                if latin and last < n and words[last].norm in LATIN_KIND_WORDS and tokens.adjacent(last - 1):
                    kinds = kinds or LATIN_KIND_WORDS[words[last].norm]
                    cue = cue or words[last].norm
                if self._blocked_by_name(tokens, start_token):
                    continue
                removed = word.norm[: form.prefix]
                preposition = ("ب" in removed or "ل" in removed) and form.text.startswith("ال")
                if not (kinds or locative) and previous is not None and previous.last == i and "و" in removed:
                    kinds, cue = previous.kinds, previous.cue  # بلدتي سراقب وبنش: the kind word covers both
                    locative = bool(previous.cue)
                known = key in seen
                if risky and not (kinds or locative or preposition or cue or known):
                    continue
                if key in COMMON_WORD_NAMES and not (cue or preposition or strong or known):
                    continue
                if key in self._kind_only and not (kinds or known):
                    continue
                if (
                    not known
                    and len(key) == 1
                    and not latin
                    and form.prefix == 0
                    and form.text.startswith("ال")
                    and not (kinds or locative or preposition)
                    and not self._major[key]
                    and _after_definite_word(tokens, start_token)
                ):
                    continue  # "الإدارة السورية الجديدة": an adjective, not al-Jdeydeh
                start = tokens.starts[start_token]
                if start_token == i and form.prefix:
                    surface = tokens.text[tokens.starts[i] : tokens.ends[i]]
                    start += letters_offset(surface, form.prefix)
                seen.add(key)
                return _Raw(
                    start_token, last, start, tokens.ends[last - 1], ids, form.prefix > 0, cue, kinds, relation, risky
                )
        return None

    def _is_nisba(self, norm: str) -> bool:
        if norm[-1:] not in "يه":
            return False
        stem = norm[2:] if norm.startswith("ال") else norm
        return (stem[:-1] if stem.endswith("ه") else stem) in self._nisba

    def _nisba_at(self, tokens: Tokens, i: int) -> _Raw | None:
        if i == 0 or not tokens.adjacent(i - 1):
            return None
        word = tokens.words[i]
        stem = next((f.text for f in word.forms if f.no_article), word.norm)
        stem = stem[:-1] if stem.endswith("ه") else stem
        pcode = self._nisba.get(stem)
        if pcode is None:
            return None
        before = tokens.words[i - 1]
        area = next((f.text for f in before.forms if f.text in _AREA_NOUNS), None)
        if area is None:
            return None
        if area == "ريف" and pcode == "SY01" and "SY03" in self.gazetteer:
            pcode = "SY03"
        return _Raw(
            i - 1, i + 1, tokens.starts[i - 1], tokens.ends[i], (pcode,), False, area, ("governorate",), "", False
        )

    def _cues_before(self, tokens: Tokens, i: int) -> tuple[str, tuple[str, ...], str, bool, bool]:
        """The kind word, its kinds, the relation word, a locative flag and a strong-cue flag before token *i*.

        A strong cue (في، قرب، ريف، a direction, in, near) is enough for a name that is also a common word;
        a weak one (من، إلى، from, to) is enough only for a small place with a one-word name.
        """
        cue, relation, locative, strong = "", "", False, False
        kinds: tuple[str, ...] = ()
        j, steps = i - 1, 0
        while j >= 0 and steps < 3 and _joined(tokens, j):
            word = tokens.words[j]
            kind_form = next((f for f in word.forms if f.text in _KIND_CUES), None)
            if kind_form is not None:
                if not cue:
                    cue, kinds = kind_form.text, _KIND_CUES[kind_form.text]
                removed = word.norm[: kind_form.prefix]
                locative = locative or "ب" in removed or "ل" in removed
                j, steps = j - 1, steps + 1
                continue
            rel = next((f.text for f in word.forms if f.text in _RELATION_CUES), None)
            if rel is not None:
                relation, locative, strong = rel, True, True
                if rel in _DIRECTION_ADJECTIVES:
                    kinds = kinds or ("governorate",)
                break
            if any(f.text in _LOCATIVE_CUES for f in word.forms):
                locative = True
                strong = strong or any(f.text in _STRONG_LOCATIVES for f in word.forms)
                if word.norm in ("من", "of"):
                    j, steps = j - 1, steps + 1
                    continue
                break
            if word.norm == "the":
                j, steps = j - 1, steps + 1
                continue
            if any(f.text in _INHABITANTS for f in word.forms):
                locative = strong = True
            break
        return cue, kinds, relation, locative, strong

    def _blocked_by_name(self, tokens: Tokens, i: int) -> bool:
        if i == 0 or not tokens.adjacent(i - 1):
            return False
        before = tokens.words[i - 1]
        return before.norm in _NAME_BLOCKERS or any(f.text in _NAME_BLOCKERS for f in before.forms[1:2])

    # -- resolution -------------------------------------------------------

    def _resolve(self, tokens: Tokens, raws: Sequence[_Raw]) -> list[PlaceMention]:
        gazetteer = self.gazetteer
        chosen: list[tuple[Place, float, bool, tuple[str, ...]] | None] = []
        pending: list[int] = []
        for index, raw in enumerate(raws):
            places = [gazetteer.get(pid) for pid in raw.ids]
            narrowed = _narrow(places, raw.kinds)
            if len(narrowed) == 1:
                score = 1.0 - (0.05 if raw.clitic else 0.0) - (0.1 if raw.risky else 0.0)
                chosen.append((narrowed[0], score, False, ()))
            else:
                chosen.append(None)
                pending.append(index)
        if pending:
            resolved = [c[0] for c in chosen if c is not None]
            lineage: set[str] = set()
            for place in resolved:
                lineage.update((place.place_id, place.admin1, place.admin2, place.admin3, place.parent_id))
            lineage.discard("")
            context = " ".join(dict.fromkeys(p.name_ar or p.name_en for p in resolved[:12]))
            for index in pending:
                raw = raws[index]
                places = _narrow([gazetteer.get(pid) for pid in raw.ids], raw.kinds)
                allowed = {p.place_id for p in places}
                fitting = [p for p in places if {p.admin1, p.admin2, p.admin3, p.parent_id} & lineage]
                if len(fitting) == 1:  # the document names the area one of them is in
                    chosen[index] = (fitting[0], 0.85, False, ())
                    continue
                surface = tokens.text[raw.start : raw.end]
                matches = [
                    m
                    for m in gazetteer.candidates(surface, context=context or None, limit=25)
                    if m.place.place_id in allowed
                ]
                if matches:
                    best = matches[0]
                    rivals = tuple(m.place.place_id for m in best.alternatives if m.place.place_id in allowed)
                    ambiguous = bool(rivals)
                    chosen[index] = (best.place, 0.5 if ambiguous else 0.85, ambiguous, rivals)
                else:
                    place = min(places, key=lambda p: (-(p.population or 0), p.place_id))
                    chosen[index] = (place, 0.5, True, tuple(p.place_id for p in places if p is not place))
        mentions: list[PlaceMention] = []
        for raw, choice in zip(raws, chosen, strict=True):
            assert choice is not None  # every pending index was filled above
            place, score, ambiguous, rivals = choice
            mentions.append(
                PlaceMention(
                    text=tokens.text[raw.start : raw.end],
                    start=raw.start,
                    end=raw.end,
                    place=place,
                    score=round(score, 3),
                    first=raw.first,
                    last=raw.last,
                    cue=raw.cue,
                    relation=raw.relation,
                    ambiguous=ambiguous,
                    alternatives=rivals,
                )
            )
        return mentions


# Abstract nouns that are also village names: "في زيارة" is on a visit, not in Ziyara.
# Only a kind word (قرية زيارة) makes them places.
_KIND_ONLY: frozenset[tuple[str, ...]] = frozenset(
    normalize_phrase(n)
    for n in (
        "زيارة",
        "الزيارة",
        "السلام",
        "النصر",
        "الحرية",
        "الثورة",
        "ثورة",
        "الكرامة",
        "الأمل",
        "النور",
        "الخير",
        "الجديد",
        "الوسط",
        "المركز",
        "الجامعة",
        "المدينة",
        "القرية",
        "البلدة",
        "الساحل",
        "الأسد",
        "الاسد",
        "نصيب",
        "الشام",
        "السجن",
        "الصور",
        "صور",
        "الضمير",
        "الحصان",
        "الشجرة",
        "الحاضر",
    )
)
_BULK_SOURCES = ("wikidata", "geonames", "osm", "hdx")
_MINOR_KINDS = frozenset({"village", "neighbourhood", "site", "town"})


def _minor(place: Place) -> bool:
    """A small place from a bulk source: its one-word name is too often a common word to count without a cue."""
    if place.kind not in _MINOR_KINDS or not place.source.startswith(_BULK_SOURCES):
        return False
    return place.kind != "town" or (place.population or 0) < 20_000


def _major(place: Place) -> bool:
    """A city, a governorate, a district, or a place of 50,000 people or more."""
    return place.kind in ("city", "governorate", "district") or (place.population or 0) >= 50_000


def _short(word: str, latin: bool) -> bool:
    """A one-word name of three letters or fewer (دمر، نوى، Sur): a cue is needed."""
    stem = word[2:] if not latin and word.startswith("ال") else word
    return len(stem) <= 3 and not any(ch.isdigit() for ch in stem)


def _neighbourhoods_in_context(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a bare one-word neighbourhood name (التجارة "trade") unless "حي" or its city is in the text."""
    named = {m.place.place_id for m in mentions}
    kept = []
    for mention in mentions:
        place = mention.place
        bare = place.kind == "neighbourhood" and not mention.cue and " " not in mention.text.strip()
        if bare and not ({place.parent_id, place.admin1, place.admin2, place.admin3} & named):
            continue
        kept.append(mention)
    return kept


def _after_definite_word(tokens: Tokens, i: int) -> bool:
    """True when token *i* follows a definite Arabic word directly (so it is likely that word's adjective)."""
    if i == 0 or not tokens.adjacent(i - 1):
        return False
    before = tokens.words[i - 1]
    return before.arabic and before.norm.startswith("ال") and before.norm not in _KIND_CUES


def _joined(tokens: Tokens, j: int) -> bool:
    """True when token *j* and the next one are not separated by sentence or clause punctuation."""
    gap = tokens.text[tokens.ends[j] : tokens.starts[j + 1]]
    return not any(ch in ".،,;؛:!?؟()\n" for ch in gap)


def _name_key(name: str) -> tuple[str, ...]:
    tokens = normalize_phrase(name)
    if not tokens:
        return ()
    if is_arabic(tokens[0]):
        return tokens
    kept = tuple(t for i, t in enumerate(tokens) if not (t in LATIN_ARTICLES and i < len(tokens) - 1))
    return kept


def _match_rest(tokens: Tokens, i: int, key: tuple[str, ...], latin: bool) -> int | None:
    """Index after the last token of *key* matched from token *i*, or None."""
    words = tokens.words
    n = len(words)
    j = i + 1
    for expected in key[1:]:
        while latin and j < n and words[j].article and words[j].norm != expected and tokens.adjacent(j - 1):
            j += 1
        if j >= n or not tokens.adjacent(j - 1) or words[j].norm != expected:
            return None
        j += 1
    return j


def _narrow(places: list[Place], kinds: tuple[str, ...]) -> list[Place]:
    """Places left after the kind word's hint, then after preferring a settlement over same-named units."""
    if kinds:
        fitting = [p for p in places if p.kind in kinds]
        if fitting:
            places = fitting
    if len(places) <= 1:
        return places
    if not (kinds and set(kinds) & ADMIN_KINDS):
        non_admin = [p for p in places if p.kind not in ADMIN_KINDS]
        if len(non_admin) == 1:
            return non_admin
        if not non_admin:
            return [min(places, key=lambda p: (kind_rank(p) if p.kind != "governorate" else -1, p.place_id))]
        places = non_admin
    elif kinds:
        ranked = sorted(places, key=lambda p: (-kind_rank(p), p.place_id))
        if len({kind_rank(p) for p in places}) > 1 or len(places) == 1:
            return ranked[:1]
    return places


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger:
    return Tagger(Gazetteer.default())
