"""Resolve place names, with context, to places in the gazetteer."""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from gazetteer.boundaries import admin1_at
from gazetteer.errors import PlaceNotFoundError
from gazetteer.normalize import NameVariant, arabic_skeleton, latin_skeleton, loose_key, name_variants, normalize_name
from gazetteer.place import ADMIN_KINDS, POPULATED_KINDS, LonLat, Place
from gazetteer.sources.base import PlaceSource
from gazetteer.sources.embedded import EmbeddedSource
from gazetteer.sources.table import PlaceTable
from gazetteer.sources.user import UserSource, user_aliases
from gazetteer.userdata import user_dir

__all__ = ["Gazetteer", "Match", "distance_km"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Base scores by how the name matched.
_EXACT, _LOOSE, _SKELETON, _FUZZY = 1.0, 0.99, 0.85, 0.8
_SHORT_SKELETON_FLOOR = 0.75  # vowels must agree this much when the skeleton has three consonants or fewer
_MAX_ANSWERS = 200_000
_ADMIN_WORDS = frozenset(
    {"ناحيه", "منطقه", "مركز", "محافظه", "subdistrict", "district", "nahiyat", "markaz", "governorate", "province"}
)
_FUZZY_CUTOFF = 86.0
_FUZZY_CUTOFF_SHORT = 90.0
_FUZZY_MIN_LENGTH = 5
_CONTEXT_BONUS, _NEAR_BONUS, _HINT_BONUS = 0.15, 0.08, 0.1
_CONTEXT_RADIUS_KM = 40.0
_AMBIGUITY_GAP = 0.05
_SAME_PLACE_KM = 15.0
_MAX_CONTEXT_WORDS = 4
# Words too common to ever be matched fuzzily or taken from context alone.
_STOPWORDS = frozenset(
    {
        "the",
        "city",
        "town",
        "camp",
        "north",
        "south",
        "east",
        "west",
        "syria",
        "new",
        "old",
        "في",
        "من",
        "علي",
        "الي",
        "عن",
        "مع",
        "بين",
        "سوريا",
        "مدينه",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
    }
)


def distance_km(a: LonLat, b: LonLat) -> float:
    """Great-circle distance between two ``(lon, lat)`` positions in kilometres.

    Examples
    --------
    >>> round(distance_km(LonLat(36.29, 33.51), LonLat(37.16, 36.20)))
    309
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (a.lon, a.lat, b.lon, b.lat))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Match:
    """A candidate place for a name, with its score and the evidence for it.

    ``ambiguous`` is True when another, distinct place scored within
    ``0.05`` of this one and nothing in the evidence separated them; the
    rivals are in ``alternatives``.
    """

    place: Place
    score: float
    reason: str
    matched_name: str
    ambiguous: bool = False
    alternatives: tuple[Match, ...] = field(default=(), repr=False)


@dataclass
class _Candidate:
    place: Place
    base: float
    matched: str
    how: str
    hint: tuple[str, ...]
    bonus: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.base + self.bonus


class Gazetteer:
    """An in-memory gazetteer with a forgiving, context-aware resolver.

    Examples
    --------
    >>> gaz = Gazetteer.default()
    >>> gaz.resolve("بدير الزور").place.name_en
    'Deir ez-Zor'
    >>> gaz.resolve("الحيدرية", context="حلب").place.place_id
    'al-haydariya-aleppo'
    """

    def __init__(
        self,
        sources: Iterable[PlaceSource],
        *,
        aliases: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._places: dict[str, Place] = {}
        for source in sources:
            for place in source.places():
                self._places[place.place_id] = place
        for place_id, names in (aliases or {}).items():
            known = self._places.get(place_id)
            if known is None:
                logger.warning("aliases given for unknown place id %r", place_id)
                continue
            self._places[place_id] = dataclasses.replace(known, names=tuple(dict.fromkeys((*known.names, *names))))
        self._lineage = {
            pid: frozenset({p.admin1, p.admin2, p.admin3, p.parent_id, *(a.place_id for a in self.ancestors(p))} - {""})
            for pid, p in self._places.items()
        }
        self._priors = {pid: _prior(p) for pid, p in self._places.items()}
        self._exact: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._loose: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for place in self._places.values():
            for name in place.all_names:
                key = normalize_name(name)
                if not key:
                    continue
                entry = (place.place_id, name)
                self._exact[key].append(entry)
                self._loose[loose_key(key)].append(entry)
                skeleton = latin_skeleton(key)
                if skeleton:
                    self._skeleton[skeleton].append(entry)
        self._answers: dict[str, Match | None] = {}
        self._subdistricts: dict[str, list[tuple[str, LonLat]]] | None = None
        self._arabic_skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, entries in self._loose.items():
            skeleton = arabic_skeleton(key)
            if skeleton:
                self._arabic_skeleton[skeleton].extend(entries)
        self._core = self._core_names()
        self._squeezed: dict[str, list[tuple[str, str]]] = defaultdict(list)  # Latin, doubled letters collapsed
        for key, entries in self._loose.items():
            if key.isascii():
                self._squeezed[_squeeze(key)].extend(entries)
        self._seat = self._seats()
        self._fuzzy_loose_keys = sorted(k for k in self._loose if len(k) >= _FUZZY_MIN_LENGTH)
        self._context_ids = lru_cache(maxsize=1024)(self._context_ids_uncached)
        # The answer for every known name, without context, is part of the index: a query that
        # normalises to a known name is then one dictionary lookup.
        self._exact_answers: dict[str, Match] = {}
        for key in self._exact:
            ranked = self._rank(key, None, None, None)
            if ranked:
                self._exact_answers[key] = self._best(ranked)
        logger.debug("gazetteer loaded: %d places, %d names", len(self._places), len(self._exact))

    def _core_names(self) -> dict[str, list[tuple[str, str]]]:
        """Names without the kind word that fits the place (مطار دير الزور → دير الزور, مركز البوكمال → البوكمال)."""
        core: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for place in self._places.values():
            for name in place.all_names:
                key = normalize_name(name)
                words = key.split()
                stems = [v.text for v in name_variants(key) if v.hint and place.kind in v.hint and "+" not in v.removed]
                if place.kind == "subdistrict" and len(words) > 1 and words[0] in ("مركز", "markaz", "nahiyat"):
                    stems.append(" ".join(words[1:]))
                for stem in dict.fromkeys(stems):
                    core[stem].append((place.place_id, name))
                    core[loose_key(stem)].append((place.place_id, name))
        return core

    def _seats(self) -> dict[str, str]:
        """Admin unit id -> the settlement it is named after (its seat), the most populous if several."""

        def keys(place: Place) -> set[str]:
            out = set()
            for name in place.all_names:
                words = normalize_name(name).split()
                while words and words[0] in ("مركز", "ناحيه", "منطقه", "markaz", "nahiyat"):
                    words = words[1:]
                while words and words[-1] in ("subdistrict", "district"):
                    words = words[:-1]
                if words:
                    text = " ".join(words)
                    out.add(loose_key(text))
                    if latin_skeleton(text):
                        out.add("~" + latin_skeleton(text))
            return out

        admin_keys = {pid: keys(p) for pid, p in self._places.items() if p.kind in ("subdistrict", "district")}
        seats: dict[str, tuple[int, str]] = {}
        for place in self._places.values():
            if place.kind not in ("city", "town", "village"):
                continue
            mine = None
            for admin in (place.admin3, place.admin2):
                if admin in admin_keys:
                    mine = mine if mine is not None else keys(place)
                    if mine & admin_keys[admin]:
                        rank = (place.population or 0, place.place_id)
                        if admin not in seats or rank > seats[admin]:
                            seats[admin] = rank
        return {admin: rank[1] for admin, rank in seats.items()}

    @classmethod
    def default(cls) -> Gazetteer:
        """The embedded Syrian gazetteer plus the user's own (loaded once per user folder, then shared).

        The user's own places are those imported with ``geo gazetteer import-geonames`` or
        ``import-places`` into `gazetteer.userdata.user_dir`.
        """
        return _default_gazetteer(str(user_dir()))

    @classmethod
    def forget_default(cls) -> None:
        """Drop the shared default gazetteer, so the next `default` reads the user folder again."""
        _default_gazetteer.cache_clear()

    @classmethod
    def with_places(cls, *paths: Path) -> Gazetteer:
        """The default gazetteer extended with place files (CSV or GeoJSON in the Place schema)."""
        folder = user_dir()
        sources: list[PlaceSource] = [EmbeddedSource(), UserSource(folder)]
        sources.extend(PlaceTable.from_file(p) for p in paths)
        return cls(sources, aliases=user_aliases(folder))

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._places.values())

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def get(self, place_id: str) -> Place:
        """The place with this id; raises `PlaceNotFoundError` if there is none."""
        try:
            return self._places[place_id]
        except KeyError:
            raise PlaceNotFoundError(f"no place with id {place_id!r} in the gazetteer") from None

    def admin_at(self, position: LonLat) -> tuple[str, str, str]:
        """P-codes ``(admin1, admin2, admin3)`` for a position; empty strings outside Syria.

        The governorate comes from its polygon. The gazetteer has no district or
        subdistrict polygons, so admin3 is the subdistrict whose centroid is
        nearest within that governorate, and admin2 its district: approximate
        near a boundary.

        Examples
        --------
        >>> Gazetteer.default().admin_at(LonLat(36.29, 33.51))
        ('SY01', 'SY0100', 'SY010000')
        """
        admin1 = admin1_at(position) or ""
        centroids = self._subdistricts_by_governorate().get(admin1)
        if not centroids:
            return (admin1, "", "")
        scale = math.cos(math.radians(position.lat))
        nearest = min(
            centroids, key=lambda c: ((c[1].lon - position.lon) * scale) ** 2 + (c[1].lat - position.lat) ** 2
        )
        subdistrict = self._places[nearest[0]]
        return (admin1, subdistrict.admin2, subdistrict.place_id)

    def _subdistricts_by_governorate(self) -> dict[str, list[tuple[str, LonLat]]]:
        if self._subdistricts is None:
            grouped: dict[str, list[tuple[str, LonLat]]] = defaultdict(list)
            for place in self._places.values():
                if place.kind == "subdistrict" and place.admin1:
                    grouped[place.admin1].append((place.place_id, place.lonlat))
            self._subdistricts = dict(grouped)
        return self._subdistricts

    def ancestors(self, place: Place) -> list[Place]:
        """The chain of containing places, nearest first."""
        chain: list[Place] = []
        seen = {place.place_id}
        current = place
        while current.parent_id and current.parent_id in self._places and current.parent_id not in seen:
            current = self._places[current.parent_id]
            seen.add(current.place_id)
            chain.append(current)
        return chain

    def resolve(
        self,
        name: str,
        *,
        context: str | None = None,
        kinds: Sequence[str] | None = None,
        near: LonLat | None = None,
    ) -> Match | None:
        """The best place for *name*, or None when nothing matches.

        Parameters
        ----------
        name
            A place name in Arabic or Latin script, in any common spelling,
            optionally with clitics (``بدير الزور``) or a kind word (``مخيم الهول``).
        context
            Text whose place names help choose among homonyms (``"حلب"``).
        kinds
            Only consider places of these kinds.
        near
            Prefer places close to this ``(lon, lat)``.

        Examples
        --------
        >>> Gazetteer.default().resolve("Hajeen").place.place_id
        'geonames:174506'
        """
        if context is None and kinds is None and near is None:
            known = self._exact_answers.get(normalize_name(name))
            if known is not None:
                return known
            if name in self._answers:
                return self._answers[name]
            ranked = self._rank(name, None, None, None)
            best = self._best(ranked) if ranked else None
            if len(self._answers) < _MAX_ANSWERS:  # remember other spellings too, up to a bound
                self._answers[name] = best
            return best
        ranked = self._rank(name, context, kinds, near)
        return self._best(ranked) if ranked else None

    def candidates(
        self,
        name: str,
        *,
        context: str | None = None,
        kinds: Sequence[str] | None = None,
        near: LonLat | None = None,
        limit: int = 10,
    ) -> list[Match]:
        """Every plausible place for *name*, best first (see `resolve`)."""
        ranked = self._rank(name, context, kinds, near)[:limit]
        if not ranked:
            return []
        return [self._best(ranked), *(self._match(c) for c in ranked[1:])]

    def _rank(
        self,
        name: str,
        context: str | None,
        kinds: Sequence[str] | None,
        near: LonLat | None,
    ) -> list[_Candidate]:
        normalized = normalize_name(name)
        if not normalized:
            return []
        found = self._lookup(normalized, frozenset(kinds) if kinds else None)
        if not found:
            return []
        context_ids = self._context_ids(normalize_name(context)) if context else frozenset()
        context_places = [self._places[pid] for pid in context_ids]
        for candidate in found.values():
            self._weigh(candidate, context_ids, context_places, near)
        if len(found) == 1:
            return list(found.values())
        return sorted(found.values(), key=lambda c: (-c.score, c.place.place_id))

    # -- matching ---------------------------------------------------------

    def _lookup(self, normalized: str, kinds: frozenset[str] | None) -> dict[str, _Candidate]:
        found: dict[str, _Candidate] = {}
        offer = functools.partial(self._offer, found, kinds=kinds)
        exact = self._exact.get(normalized)
        if exact:  # the literal name is known: only its article-free spellings can rival it
            offer(exact, _EXACT, "exact name", ())
            offer(self._loose.get(loose_key(normalized), []), _LOOSE, "name without article", ())
            if found:
                return self._with_seats(found, kinds)
        variants = name_variants(normalized)
        for variant in variants:
            if not variant.hint:
                self._offer_variant(variant, offer)
        if not found:  # a kind word is a hint only when the whole phrase is not itself a name
            for variant in variants:
                if variant.hint:
                    self._offer_variant(variant, offer)
                    for place_id, matched in self._core.get(variant.text, []):
                        if self._places[place_id].kind not in variant.hint:
                            continue
                        offer(
                            [(place_id, matched)],
                            _EXACT - variant.penalty,
                            f"name without its kind word after removing {variant.removed!r}",
                            variant.hint,
                        )
        if not found and kinds:  # only places of these kinds: their names without the kind word count
            for variant in variants:
                offer(
                    self._core.get(variant.text, []) or self._core.get(loose_key(variant.text), []),
                    _EXACT - 0.12 - variant.penalty,
                    "name without its kind word",
                    (),
                )
        loose = loose_key(normalized)
        if not found and len(loose) >= _FUZZY_MIN_LENGTH and normalized not in _STOPWORDS:
            # compare article-free keys, so that a shared ال/al- does not make two words look alike
            cutoff = _FUZZY_CUTOFF_SHORT if len(loose) <= 8 else _FUZZY_CUTOFF
            for key, ratio, _ in process.extract(
                loose, self._fuzzy_loose_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            ):
                if key[:1] == loose[:1]:
                    offer(self._loose[key], _FUZZY * ratio / 100, f"similar spelling ({ratio:.0f}%)", ())
        if not found and " " not in normalized and len(loose) >= 4:  # Arabic typos: a doubled letter, a missing dot
            skeleton = arabic_skeleton(loose)
            if skeleton:
                offer(self._arabic_skeleton.get(skeleton, []), _FUZZY, "similar Arabic spelling", ())
        return self._with_seats(found, kinds)

    def _with_seats(self, found: dict[str, _Candidate], kinds: frozenset[str] | None) -> dict[str, _Candidate]:
        """Offer the settlement an admin unit is named after, unless the query asks for the unit."""
        for place_id, candidate in list(found.items()):
            seat = self._seat.get(place_id)
            if seat is None or seat in found or (kinds is not None and self._places[seat].kind not in kinds):
                continue
            if candidate.hint and candidate.place.kind in candidate.hint:
                continue
            if _ADMIN_WORDS & set(normalize_name(candidate.matched).split()):  # matched as "ناحية X", "X District"
                continue
            found[seat] = _Candidate(
                self._places[seat],
                candidate.base,
                candidate.matched,
                f"seat of {place_id}: {candidate.how}",
                candidate.hint,
            )
        return found

    def _offer(
        self,
        found: dict[str, _Candidate],
        entries: list[tuple[str, str]],
        base: float,
        how: str,
        hint: tuple[str, ...],
        *,
        kinds: frozenset[str] | None,
    ) -> None:
        for place_id, matched in entries:
            if kinds is not None and self._places[place_id].kind not in kinds:
                continue
            current = found.get(place_id)
            if current is None or base > current.base:
                found[place_id] = _Candidate(self._places[place_id], base, matched, how, hint)

    def _offer_variant(self, variant: NameVariant, offer: Callable[..., None]) -> None:
        removed = f" after removing {variant.removed!r}" if variant.removed else ""
        offer(self._exact.get(variant.text, []), _EXACT - variant.penalty, f"exact name{removed}", variant.hint)
        loose = loose_key(variant.text)
        offer(self._loose.get(loose, []), _LOOSE - variant.penalty, f"name without article{removed}", variant.hint)
        if loose.isascii():
            offer(
                self._squeezed.get(_squeeze(loose), []),
                _SKELETON + 0.1 - variant.penalty,
                f"doubled letters{removed}",
                variant.hint,
            )
        skeleton = latin_skeleton(variant.text)
        for place_id, matched in self._skeleton.get(skeleton, []) if skeleton else []:
            similarity = fuzz.ratio(loose, loose_key(normalize_name(matched))) / 100
            if len(skeleton) <= 3 and similarity < _SHORT_SKELETON_FLOOR:
                continue
            base = _SKELETON + 0.1 * similarity - variant.penalty
            offer([(place_id, matched)], base, f"transliteration variant{removed}", variant.hint)

    def _weigh(
        self, candidate: _Candidate, context_ids: frozenset[str], context_places: list[Place], near: LonLat | None
    ) -> None:
        place = candidate.place
        if candidate.hint:
            if place.kind in candidate.hint:
                candidate.bonus += _HINT_BONUS
                candidate.evidence.append(f"kind word fits a {place.kind}")
            else:
                candidate.bonus -= _HINT_BONUS
        candidate.bonus += self._priors[place.place_id]
        if not context_ids and near is None:
            return
        in_context = sorted((self._lineage[place.place_id] & context_ids) - {place.place_id})
        if in_context:
            candidate.bonus += _CONTEXT_BONUS
            names = ", ".join(self._places[i].name_en or i for i in in_context[:2])
            candidate.evidence.append(f"context names {names}")
        elif any(
            c.place_id != place.place_id and distance_km(c.lonlat, place.lonlat) <= _CONTEXT_RADIUS_KM
            for c in context_places
        ):
            candidate.bonus += _NEAR_BONUS
            candidate.evidence.append("near a place named in the context")
        if near is not None:
            km = distance_km(near, place.lonlat)
            candidate.bonus += _NEAR_BONUS * max(0.0, 1 - km / 200)
            candidate.evidence.append(f"{km:.0f} km from the given point")

    def _context_ids_uncached(self, normalized_context: str) -> frozenset[str]:
        words = [w for w in normalized_context.split() if w not in _STOPWORDS]
        ids: set[str] = set()
        for size in range(1, _MAX_CONTEXT_WORDS + 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                for variant in name_variants(phrase):
                    for key_index, key in ((self._exact, variant.text), (self._loose, loose_key(variant.text))):
                        ids.update(pid for pid, _ in key_index.get(key, []))
        return frozenset(ids)

    def _best(self, ranked: list[_Candidate]) -> Match:
        """The top candidate as a Match, flagged ambiguous when a distinct rival scores as well."""
        best = ranked[0]
        rivals = [
            c for c in ranked[1:] if best.score - c.score < _AMBIGUITY_GAP and not self._same_place(best.place, c.place)
        ]
        match = self._match(best)
        if not rivals:
            return match
        return Match(
            best.place,
            match.score,
            match.reason
            + "; ambiguous: nothing in the evidence separates it from "
            + ", ".join(r.place.place_id for r in rivals),
            best.matched,
            ambiguous=True,
            alternatives=tuple(self._match(c) for c in rivals),
        )

    def _match(self, candidate: _Candidate) -> Match:
        reason = "; ".join([f"{candidate.how} {candidate.matched!r}", *candidate.evidence])
        return Match(candidate.place, round(max(0.0, min(1.0, candidate.score)), 3), reason, candidate.matched)

    def _same_place(self, a: Place, b: Place) -> bool:
        """True when two places are one thing at two levels (Daraa city and governorate)."""
        if a.place_id in {b.admin1, b.admin2, b.admin3, b.parent_id} or b.place_id in {
            a.admin1,
            a.admin2,
            a.admin3,
            a.parent_id,
        }:
            return True
        return distance_km(a.lonlat, b.lonlat) <= _SAME_PLACE_KM and (
            a.kind in ADMIN_KINDS or b.kind in ADMIN_KINDS or a.kind == b.kind
        )


def _squeeze(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


def _prior(place: Place) -> float:
    """A small preference for settlements, then for larger ones."""
    if place.kind in POPULATED_KINDS:  # a settlement of unknown size is no likelier than a named facility
        kind_prior = 0.03 if place.population else 0.01
    else:
        kind_prior = -0.02 if place.kind in ADMIN_KINDS else 0.02
    population = math.log10(place.population) / 300 if place.population and place.population > 1 else 0.0
    return kind_prior + population


@lru_cache(maxsize=4)
def _default_gazetteer(folder: str) -> Gazetteer:
    return Gazetteer([EmbeddedSource(), UserSource(Path(folder))], aliases=user_aliases(Path(folder)))
