"""Incident assembly: from a document's places, triggers, dates, actors and casualties to incidents.

For each sentence with an event trigger, `Extractor` decides:

* **where**: the most specific place the sentence names, leaving out the
  places that contain it (بلدة البحرة بناحية هجين → al-Bahra) and the ones
  it is only near (شرقي دير الزور); places joined by و/and are separate
  incidents (one per location, as ACLED codes them);
* **when**: the sentence's own event date, not the date a statement was
  made (قال … مساء أمس الأحد، إنه دمر … بين 24 و27 نوفمبر), nor a
  "since" date; failing that, the date of the statement, or the latest date
  of the narrative in the sentences before (same paragraph first). A
  sentence with no date at all is not dated "today": it gets a low
  confidence and the publication date as an upper bound in the notes;
* **what**: the ACLED pair (`geo.extract.events.classify`), the actors
  and the casualties.

A sentence that adds to the one before it (no place or date of its own, or
only a place containing the previous one) is merged into that incident, and
incidents at the same place, of the same type, on overlapping dates are
merged too: one incident per distinct event. Each incident keeps the
offsets of its evidence sentence and a confidence in ``[0, 1]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from gazetteer import Gazetteer, Place
from geo.extract.actors import actor_label, assign_roles
from geo.extract.candidates import Candidate, absorb, confidence, rank
from geo.extract.casualties import count_casualties
from geo.extract.dates import DateMention, find_published
from geo.extract.document_view import CLAUSE_FLAGS, DocumentView, blocks_places, keep_hit
from geo.extract.documents import Document
from geo.extract.events import TERRITORIAL, TRIGGERS, classify
from geo.extract.language import detect_language, language_of
from geo.extract.lexicon import Hit
from geo.extract.results import ExtractedIncident, ExtractionResult
from geo.extract.sentences import split_sentences
from geo.extract.tokens import Tokens, tokenize
from geo.extract.toponyms import PlaceMention, Tagger
from geo.extract.vocabulary import MODIFIER_CATEGORIES, lexicon
from geo.models import Incident

__all__ = ["ExtractedIncident", "ExtractionResult", "Extractor", "detect_language"]

logger = logging.getLogger(__name__)

_INHERIT_WINDOW = 6


class Extractor:
    """Extracts incidents from news documents, with the embedded gazetteer by default.

    Parameters
    ----------
    gazetteer
        The places to find (default: `Gazetteer.default()`).
    published
        The publication date of documents that do not give one.
    language
        ``"ar"``, ``"en"`` or ``"auto"`` (per document).
    min_confidence
        Incidents below this confidence are left out (and counted).

    Examples
    --------
    >>> from geo.extract.documents import Document
    >>> doc = Document("تاريخ النشر: 20 أيار 2025\\nقتل عنصران من قسد أمس بهجوم لداعش في بلدة هجين.", "x.txt")
    >>> (incident,) = Extractor().extract(doc).incidents
    >>> incident.incident.event_date.isoformat(), incident.incident.place_id, incident.incident.fatalities
    ('2025-05-19', 'geonames:174506', 2)
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        published: dt.date | None = None,
        language: str = "auto",
        min_confidence: float = 0.6,
    ) -> None:
        self.tagger = Tagger.default() if gazetteer is None else Tagger(gazetteer)
        self.gazetteer = self.tagger.gazetteer
        self.lexicon = lexicon()
        self.published = published
        self.language = language
        self.min_confidence = min_confidence
        self._contains: dict[tuple[str, str], bool] = {}

    # -- the document -------------------------------------------------------

    def extract(self, document: Document) -> ExtractionResult:
        """Every incident in *document*, with the places it names."""
        text = document.text
        tokens = tokenize(text)
        language = self.language if self.language in ("ar", "en") else (document.language or language_of(tokens))
        published = document.published
        if published is None:
            header = find_published(text)
            published = header.date if header else self.published
        hits = [h for h in self.lexicon.scan(tokens) if keep_hit(tokens, h)]
        blocked = {j for h in hits if blocks_places(h) for j in range(h.first, h.last)}
        mentions = self.tagger.tag(tokens, blocked=blocked)
        sentences = split_sentences(text)
        doc = DocumentView(text, tokens, hits, mentions, sentences, published)
        candidates: list[Candidate] = []
        for index, sentence in enumerate(sentences):
            if sentence.furniture or not doc.has_trigger(index) or doc.is_furniture(index):
                continue
            candidates.extend(self._candidates(doc, index, language))
        merged = self._merge(candidates)
        prefix = "X" + hashlib.sha1(f"{document.source}\n{text}".encode()).hexdigest()[:10]
        incidents: list[ExtractedIncident] = []
        below = 0
        for candidate in merged:
            if candidate.confidence < self.min_confidence:
                below += 1
                continue
            built = self._incident(candidate, f"{prefix}-{len(incidents) + 1:03d}", document, published, language)
            if built is None:
                below += 1
                continue
            incidents.append(built)
        return ExtractionResult(
            source=document.source,
            language=language,
            published=published,
            places=tuple(mentions),
            incidents=tuple(incidents),
            below_threshold=below,
            url=document.url,
        )

    # -- sentences ------------------------------------------------------------

    def _candidates(self, doc: DocumentView, index: int, language: str) -> list[Candidate]:
        sentence = doc.sentences[index]
        first, last = doc.token_range(index)
        hits = doc.hits_in(index)
        if not any(h.has("trigger") for h in hits):
            return []
        sentence_flags = {f.category for h in hits for f in h.features if f.category in MODIFIER_CATEGORIES}
        actors = self._actors(doc, hits)
        government = any("Syria" in a or "General Security" in a for a in actors[:1])
        withdrawal = any(h.value("trigger") == "withdrawal" for h in hits)
        fighting = withdrawal and (  # only a withdrawal's type depends on fighting around it
            "combat" in sentence_flags
            or any(
                h.has("combat") or h.value("trigger") in ("clash", "attack")
                for k in range(max(0, index - 3), index)
                for h in doc.hits_in(k)
            )
        )
        mentions = doc.mentions_in(index)
        units = _clause_units(doc, index, hits, mentions, sentence_flags)
        if not units:
            units = [(hits, mentions, sentence_flags)]
        date, date_source = None, "none"
        in_dates = {j for d in doc.dates(index) for j in doc.tokens.span_words(d.start, d.end)}
        casualties = count_casualties(doc.tokens, hits, first, last, language=language, exclude=in_dates)
        country = any(h.has("country") for h in hits)
        out: list[Candidate] = []
        for unit_hits, unit_mentions, flags in units:
            triggers = [
                (h.first, str(f.value))
                for h in unit_hits
                for f in h.features
                if f.category == "trigger" and _trigger_counts(doc, h, str(f.value), mentions)
            ]
            if any(n in _BOMBS for _, n in triggers) and not any(n == "foil" for _, n in triggers):
                # "فككت وحدة الهندسة في حمص، عبوة ناسفة … في حي الإنشاءات": the bomb of this clause was defused
                start = min(h.first for h in unit_hits)  # only a foil verb before the bomb governs it
                triggers += [(h.first, "foil") for h in hits if h.value("trigger") == "foil" and h.first < start][:1]
            if any(n == "foil" for _, n in triggers) and not any(n == "arrest" for _, n in triggers):
                # a plot broken up in one clause, its members detained in another: the arrests count
                triggers += [(h.first, "arrest") for h in hits if h.value("trigger") == "arrest"][:1]
            event = classify(triggers, flags, government_gains=government, fighting_nearby=fighting)
            if event is None:
                continue
            if date_source == "none":
                date, date_source = self._date(doc, index, event.token)
            if "plural_count" in sentence_flags and date is not None and _tally_span(doc, index, date):
                continue  # "مقتل 41 شخصاً في عمليات اغتيال منذ مطلع العام": a tally, not an event
            day = date.date if date else doc.published_of(index)
            labels = (
                actor_label(actors[0], day) if actors[0] else "",
                actor_label(actors[1], day) if actors[1] else "",
            )
            sites = self._sites(
                doc, unit_mentions, event.token, territorial=event.trigger in TERRITORIAL, trigger_name=event.trigger
            )
            options: list[PlaceMention | None] = list(sites) or [None]
            for site in options:
                candidate = Candidate(
                    index,
                    sentence.paragraph,
                    event,
                    site,
                    date,
                    date_source,
                    labels,
                    casualties,
                    flags,
                    (sentence.start, sentence.end),
                    country,
                )
                candidate.confidence = confidence(candidate)
                out.append(candidate)
        return self._collapse(out)

    def _collapse(self, candidates: list[Candidate]) -> list[Candidate]:
        """One sentence, clauses at a place and at a place containing it: one incident, at the smaller place."""
        if len(candidates) < 2:
            return candidates
        kept: list[Candidate] = []
        for candidate in candidates:
            inner = next(
                (
                    k
                    for k in kept
                    if k.site is not None
                    and candidate.site is not None
                    and (
                        self._container(k.site.place, candidate.site.place)
                        or self._container(candidate.site.place, k.site.place)
                    )
                ),
                None,
            )
            if inner is None:
                kept.append(candidate)
                continue
            assert inner.site is not None and candidate.site is not None
            best_event = max((inner.event, candidate.event), key=lambda e: (TRIGGERS[e.trigger].priority, -e.token))
            if self._container(inner.site.place, candidate.site.place):
                inner.site = candidate.site
            inner.event = best_event
            inner.confidence = max(inner.confidence, candidate.confidence, confidence(inner))
        return kept

    def _actors(self, doc: DocumentView, hits: Sequence[Hit]) -> tuple[str, str]:
        words = doc.tokens.words
        found: list[tuple[str, str, str]] = []
        for hit in hits:
            label = hit.value("actor")
            if label is None:
                continue
            before = words[hit.first - 1].norm if hit.first > 0 else ""
            before2 = words[hit.first - 2].norm if hit.first > 1 else ""
            own = words[hit.first].norm
            if own[:1] == "ل" and not own.startswith("ال") and words[hit.first].forms[0].text == own:
                before = "ل"  # لقسد: a clitic "for/of" on the actor itself
            found.append((str(label), before, before2))
        return assign_roles(found)

    def _sites(
        self,
        doc: DocumentView,
        mentions: Sequence[PlaceMention],
        trigger: int,
        *,
        territorial: bool = False,
        trigger_name: str = "",
    ) -> list[PlaceMention]:
        # "نقل إلى مستشفى في الدانا", "launched from east of Deir Hafer": where the wounded went, where it came from
        mentions = [m for m in mentions if not _elsewhere(doc.tokens, m)]
        if not mentions:
            return []
        # "الكسوة جنوب دمشق", "هجين الواقعة شرقي دير الزور": a place right after another only locates it.
        kept = [m for k, m in enumerate(mentions) if not (k and m.relation and m.first - mentions[k - 1].last <= 3)]
        direct = [m for m in kept if not any(o is not m and self._container(m.place, o.place) for o in kept)]
        direct = _dedupe_places(direct)
        if len(direct) == 1:
            return direct
        if len(direct) == 2 and _between(doc.tokens, direct[0]) and direct[1].first - direct[0].last <= 3:
            return direct[:1]
        groups: list[list[PlaceMention]] = [[direct[0]]]
        for mention in direct[1:]:
            if _coordinated(doc.tokens, groups[-1][-1], mention):
                groups[-1].append(mention)
            else:
                groups.append([mention])
        groups = [g[:1] if _between(doc.tokens, g[0]) else g for g in groups]
        if trigger_name in _STRIKES and len(groups) > 1:
            # "struck the Hama airport and a weapons depot outside Masyaf": one strike on each place
            k = groups.index(min(groups, key=lambda g: min(abs(m.first - trigger) for m in g)))
            struck = list(groups[k])
            while k + 1 < len(groups) and _and_between(doc.tokens, groups[k][-1], groups[k + 1][0]):
                struck += groups[k + 1]
                k += 1
            return struck
        if territorial:
            after = [g for g in groups if g[0].first >= trigger]
            if after:
                return after[0]
        return min(groups, key=lambda g: min(abs(m.first - trigger) for m in g))

    def _container(self, outer: Place, inner: Place) -> bool:
        """True when *outer* contains *inner* (an admin unit or the city a neighbourhood is in)."""
        if outer.place_id == inner.place_id:
            return False
        key = (outer.place_id, inner.place_id)
        cached = self._contains.get(key)
        if cached is None:
            lineage = {inner.admin1, inner.admin2, inner.admin3, inner.parent_id}
            cached = outer.place_id in lineage or any(
                a.place_id == outer.place_id for a in self.gazetteer.ancestors(inner)
            )
            if len(self._contains) > 100_000:
                self._contains.clear()
            self._contains[key] = cached
        return cached

    def _date(self, doc: DocumentView, index: int, trigger: int) -> tuple[DateMention | None, str]:
        own = [d for d in doc.dates(index) if not doc.is_since(d)]
        report = [d for d in own if doc.is_report(index, d)]
        event = [d for d in own if d not in report]
        if event:
            anchor = doc.tokens.starts[trigger]
            return min(event, key=lambda d: (d.precision == 3 and d.kind == "year", abs(d.start - anchor))), "own"
        if report:
            return report[0], "report"
        paragraph = doc.sentences[index].paragraph
        section = doc.section_of(index)
        seen = 0
        for back in range(index - 1, -1, -1):
            previous = doc.sentences[back]
            if doc.section_of(back) != section or seen >= _INHERIT_WINDOW:
                break
            if previous.furniture or doc.is_furniture(back):
                continue
            seen += 1
            dates = [d for d in doc.dates(back) if not doc.is_since(d) and d.kind != "year"]
            if dates:
                source = "paragraph" if previous.paragraph == paragraph else "earlier"
                return dates[-1], source
        return None, "none"

    # -- merging ------------------------------------------------------------------

    def _merge(self, candidates: list[Candidate]) -> list[Candidate]:
        kept: list[Candidate] = []
        for candidate in candidates:
            previous = kept[-1] if kept else None
            if previous is not None and self._continues(previous, candidate):
                absorb(previous, candidate)
                continue
            twin = next((k for k in kept if self._same_event(k, candidate)), None)
            if twin is not None:
                if rank(candidate) > rank(twin):
                    absorb(candidate, twin)
                    kept[kept.index(twin)] = candidate
                else:
                    absorb(twin, candidate)
                continue
            kept.append(candidate)
        return kept

    def _continues(self, previous: Candidate, candidate: Candidate) -> bool:
        """True when *candidate*'s sentence only adds to the incident before it."""
        if candidate.sentence == previous.sentence:
            return False
        if candidate.paragraph - previous.paragraph > 1 or candidate.sentence - previous.sentence > 2:
            return False
        if (
            candidate.date_source in ("own", "report")
            and previous.date is not None
            and candidate.date is not None
            and candidate.date.date != previous.date.date
        ):
            return False
        if candidate.site is None:
            return candidate.date_source not in ("own",) or candidate.date == previous.date
        if previous.site is None:
            return False
        if not candidate.event.strong and candidate.date_source != "own" and candidate.paragraph == previous.paragraph:
            return True  # "وأحصى ناشطون سقوط خمسة قتلى … وسط دعوات في مدينة السويداء": the toll of the fight before
        same = candidate.site.place.place_id == previous.site.place.place_id
        return (same or self._container(candidate.site.place, previous.site.place)) and candidate.date_source != "own"

    def _same_event(self, a: Candidate, b: Candidate) -> bool:
        if a.site is None or b.site is None or a.site.place.place_id != b.site.place.place_id:
            return False
        if a.event.event_type != b.event.event_type:
            return False
        if a.date is None or b.date is None:
            return True
        if a.date_source in ("own", "report") and b.date_source in ("own", "report"):
            return a.date.date <= b.date.last + dt.timedelta(days=1) and b.date.date <= a.date.last + dt.timedelta(
                days=1
            )
        return True

    # -- output ---------------------------------------------------------------------

    def _incident(
        self, c: Candidate, event_id: str, document: Document, published: dt.date | None, language: str
    ) -> ExtractedIncident | None:
        notes = list(c.notes)
        if c.date is not None:
            event_date, date_end, precision = c.date.date, c.date.date_end, c.date.precision
            if c.date_source == "report":
                notes.append("date: the day of the statement (the text gives no other)")
            elif c.date_source in ("paragraph", "earlier"):
                notes.append(f"date: from an earlier sentence ({c.date.text!r})")
        elif published is not None:
            event_date, date_end, precision = published, None, 3
            notes.append("date: not given in the text; on or before the publication date")
        else:
            return None
        notes.extend(c.casualties.notes())
        values: dict[str, Any] = {}
        site = c.site
        if site is not None:
            place = site.place
            values.update(
                location=site.text,
                place_id=place.place_id,
                latitude=place.latitude,
                longitude=place.longitude,
                geo_precision=site.geo_precision,
                **self._admin_names(place),
            )
            if site.ambiguous:
                notes.append("place: ambiguous, also " + ", ".join(site.alternatives[:3]))
        else:
            values.update(location="سوريا" if language == "ar" else "Syria", geo_precision=3)
            notes.append("place: no place more precise than the country")
        incident = Incident(
            event_id=event_id,
            event_date=event_date,
            date_end=date_end,
            time_precision=precision,
            event_type=c.event.event_type,
            sub_event_type=c.event.sub_event_type,
            actor1=c.actors[0],
            actor2=c.actors[1],
            fatalities=c.casualties.killed,
            injuries=c.casualties.injured,
            source=_source_name(document),
            source_url=document.url,
            source_date=published,
            notes="; ".join(notes),
            language=language,
            **values,
        )
        return ExtractedIncident(incident, c.evidence, round(c.confidence, 3))

    def _admin_names(self, place: Place) -> dict[str, str]:
        names: dict[str, str] = {}
        for level in ("admin1", "admin2", "admin3"):
            code = getattr(place, level)
            names[level] = self.gazetteer.get(code).name_en if code and code in self.gazetteer else ""
        return names


_VICTIM_TRIGGERS = frozenset({"abduction", "taken_away", "assassination", "sexual"})
_STRIKES = frozenset({"air", "shelling"})
_BOMBS = frozenset({"ied", "suicide", "grenade"})
_BUILDINGS = frozenset({"منزل", "منزلا", "المنزل", "منازل", "محل", "محلا", "مقر", "house", "home", "farmhouse", "shop"})
_FLIGHT = frozenset(
    {"فروا", "فر", "لاذوا", "بالفرار", "هربوا", "انسحب", "انسحبت", "انسحبوا", "تنسحب", "ينسحب"}
    | {"fled", "withdrew", "retreated", "escaped", "pulled"}
)
_TOWARDS_OR_TO = frozenset({"نحو", "باتجاه", "اتجاه", "الي", "towards", "toward", "to"})
_GENERAL_TRIGGERS = frozenset({None, "attack", "kill", "fight", "clash", "intercept"})


_Unit = tuple[list[Hit], list[PlaceMention], set[str]]


def _clause_units(
    doc: DocumentView, index: int, hits: list[Hit], mentions: list[PlaceMention], sentence_flags: set[str]
) -> list[_Unit]:
    """The sentence's events, one per clause that has a place and a trigger, with what the other clauses add.

    A clause without a place adds to the event before it (the toll of a shelling, what a force did after
    pushing in, "and took him away") or, before the first such clause, to the one after it.
    """
    units: list[_Unit] = []
    leading: list[Hit] = []  # "Security forces detained 17 people, …, in a sweep of X": the place comes later
    for c_first, c_last in doc.clauses(index):
        c_hits = [h for h in hits if c_first <= h.first < c_last]
        c_mentions = [m for m in mentions if c_first <= m.first < c_last]
        consequence = units and all(h.value("trigger") in (None, "kill") for h in c_hits)
        if c_mentions and any(h.has("trigger") for h in c_hits) and not consequence:
            flags = {f.category for h in c_hits for f in h.features if f.category in CLAUSE_FLAGS}
            units.append((leading + c_hits, c_mentions, flags | (sentence_flags - CLAUSE_FLAGS)))
            leading = []
        elif consequence:  # "قصفت … بلدتي سرمين وآفس، ما أسفر عن مقتل طفلين في سرمين": the toll of that shelling
            units[-1] = (units[-1][0] + c_hits, units[-1][1], units[-1][2])
        elif units and not c_mentions and {h.value("trigger") for h in units[-1][0]} <= {None, "incursion"}:
            # "توغلت قوة في بلدة X، وأطلقت النار على راعيين": what the force did there is the event
            units[-1] = (units[-1][0] + c_hits, units[-1][1], units[-1][2])
        elif units and not c_mentions and {h.value("trigger") for h in units[-1][0]} <= _GENERAL_TRIGGERS:
            # "اعترض مسلحون سيارة طبيب في بلدة X، واقتادوه إلى جهة مجهولة": what was done to the victim
            follow = [h for h in c_hits if h.value("trigger") in _VICTIM_TRIGGERS]
            units[-1] = (units[-1][0] + follow, units[-1][1], units[-1][2])
        elif not units and not c_mentions:
            leading += c_hits
    return units


def _tally_span(doc: DocumentView, index: int, date: DateMention) -> bool:
    """True for a span of a month or more that runs up to the article's date ("since the start of the year")."""
    published = doc.published_of(index)
    up_to_now = doc.is_since(date) or (published is not None and date.last >= published)
    return (date.last - date.date).days >= 28 and up_to_now


def _trigger_counts(doc: DocumentView, hit: Hit, name: str, mentions: Sequence[PlaceMention]) -> bool:
    """False for trigger words that do not report an event here.

    A count ("700 هجوم", "153 air strikes") is a statistic; مواجهة after ل or تحالف is a purpose
    (لمواجهة داعش); a territorial word needs a place near it (استعاد قوته is not a town retaken).
    """
    tokens = doc.tokens
    words = tokens.words
    j = hit.first - 1
    if j >= 0 and words[j].norm.isdigit() and 1 < int(words[j].norm) < 1900:
        return False
    word = words[hit.first]
    if name == "fight":
        if word.norm.startswith("ل") and not word.norm.startswith("ال"):
            return False
        if j >= 0 and any(f.text in ("تحالف", "coalition") for f in words[j].forms):
            return False
    if name in TERRITORIAL:
        if hit.last < len(words) and words[hit.last].norm in _BUILDINGS:
            return False  # "اقتحموا منزل العائلة": gunmen storming a house, not a town taken
        return any(-3 <= m.first - hit.last <= 14 for m in mentions)
    return True


_HOSPITAL = frozenset({"مستشفي", "المستشفي", "مشفي", "المشفي", "hospital", "hospitals"})
_TRANSFERRED = frozenset(
    {"نقل", "نقلوا", "نقلت", "نقله", "نقلهم", "اسعف", "اسعاف", "اسعافه", "اسعافهم", "taken", "transferred", "rushed"}
)
_LAUNCHED = frozenset({"launched", "fired", "انطلقت"})


def _elsewhere(tokens: Tokens, mention: PlaceMention) -> bool:
    """True when the words just before a place say the event was not there: where the wounded were taken, where
    a drone or a rocket was launched from.

    Examples
    --------
    >>> from gazetteer import Gazetteer
    >>> from geo.extract.toponyms import Tagger
    >>> tokens = tokenize("نقل الجريح إلى مستشفى في الدانا")
    >>> _elsewhere(tokens, Tagger(Gazetteer.default()).tag(tokens)[0])
    True
    """
    words = tokens.words
    first = mention.first
    if any(
        words[j].norm in _HOSPITAL and any(words[k].norm in _TRANSFERRED for k in range(max(0, j - 4), j))
        for j in range(max(0, first - 4), first)
    ):
        return True
    launched = any(
        words[j].norm in _LAUNCHED or words[j].norm.startswith("اطلق") for j in range(max(0, first - 6), first)
    )
    if launched and any(words[j].norm in ("from", "من") for j in range(max(0, first - 4), first)):
        return True
    # "لاذ المهاجمون بالفرار باتجاه البادية", "تنسحب باتجاه مواقعها في الجولان": where they went afterwards
    for j in range(max(0, first - 6), first):
        if words[j].norm in _FLIGHT:
            return any(words[k].norm in _TOWARDS_OR_TO for k in range(j + 1, first))
    return False


def _and_between(tokens: Tokens, a: PlaceMention, b: PlaceMention) -> bool:
    """True when "and" (و، and) joins two places a few words apart: "مطار خلخلة … ومواقع قرب الكسوة"."""
    words = tokens.words
    if b.first - a.last > 10:
        return False
    return any(words[j].norm == "and" or (words[j].arabic and words[j].norm[:1] == "و") for j in range(a.last, b.first))


def _coordinated(tokens: Tokens, a: PlaceMention, b: PlaceMention) -> bool:
    """True when two place mentions are joined by و / and / a comma (بلدتي X وY، سراقب وبلدة بنش)."""
    if b.first - a.last > 3:
        return False
    gap = tokens.text[a.end : b.start]
    joined = "و" in gap or " and " in f" {gap} " or "," in gap or "،" in gap or b.text.startswith("و")
    for j in range(a.last, b.first):
        word = tokens.words[j]
        if word.norm in ("و", "and", "or", "او", "the") or (word.norm.startswith("و") and len(word.forms) > 1):
            joined = joined or word.norm.startswith("و")
            continue
        return False
    return joined


def _between(tokens: Tokens, mention: PlaceMention) -> bool:
    """True when a place follows بين / between ("the road between X and Y"): the others are only its ends."""
    return any(tokens.words[j].norm in ("بين", "between") for j in range(max(0, mention.first - 3), mention.first))


def _dedupe_places(mentions: list[PlaceMention]) -> list[PlaceMention]:
    seen: set[str] = set()
    out: list[PlaceMention] = []
    for mention in mentions:
        if mention.place.place_id not in seen:
            seen.add(mention.place.place_id)
            out.append(mention)
    return out


def _source_name(document: Document) -> str:
    source = document.source
    if "://" in source:
        return source.split("/")[2]
    return source.replace("\\", "/").rsplit("/", 1)[-1]
