"""Measuring the extractor: an annotated corpus and the seed articles.

The corpus is JSON Lines, one document per line::

    {"id", "split", "language", "published", "text",
     "places": [{"start", "end", "text", "place_id"}],
     "incidents": [{"place_id", "event_date", "date_end", "time_precision",
                    "event_type", "sub_event_type", "fatalities", "injuries"}]}

Toponyms: a predicted mention matches a gold one when their spans overlap
(one-to-one); precision, recall and F1 are given for detection and for
detection *with* the right place (same ``place_id`` or within 10 km).
Incidents: a predicted placed incident matches a gold one with the same
``place_id`` and ``event_type`` and overlapping dates; date accuracy is
exact agreement of ``event_date`` and ``date_end`` on incidents matched by
place and type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer import Gazetteer, distance_km
from geo.errors import InputError
from geo.extract.documents import Document, iter_documents
from geo.extract.incidents import ExtractionResult, Extractor
from geo.models import Incident

__all__ = ["CorpusReport", "SeedReport", "evaluate_corpus", "evaluate_seed_articles", "load_corpus"]

_NEAR_KM = 10.0


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The documents of an annotated corpus file; `InputError` names the line of a bad one."""
    docs: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}, line {number}: not valid JSON ({err.msg})") from err
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                raise InputError(f"{path}, line {number}: expected an object with 'text', got {line[:60]!r}")
            docs.append(doc)
    return docs


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class CorpusReport:
    """The figures of one evaluation run."""

    documents: int = 0
    gold_places: int = 0
    predicted_places: int = 0
    matched_places: int = 0
    resolved_exact: int = 0
    resolved_near: int = 0
    gold_incidents: int = 0
    predicted_incidents: int = 0
    matched_incidents: int = 0
    place_type_matches: int = 0
    dates_exact: int = 0
    sub_types_exact: int = 0
    casualties_checked: int = 0
    casualties_exact: int = 0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The headline figures, named."""
        p = _ratio(self.matched_places, self.predicted_places)
        r = _ratio(self.matched_places, self.gold_places)
        pn = _ratio(self.resolved_near, self.predicted_places)
        rn = _ratio(self.resolved_near, self.gold_places)
        return {
            "toponym_precision": p,
            "toponym_recall": r,
            "toponym_f1": _f1(p, r),
            "toponym_f1_resolved_10km": _f1(pn, rn),
            "resolution_accuracy": _ratio(self.resolved_exact, self.matched_places),
            "accuracy_10km": _ratio(self.resolved_near, self.matched_places),
            "incident_precision": _ratio(self.matched_incidents, self.predicted_incidents),
            "incident_recall": _ratio(self.matched_incidents, self.gold_incidents),
            "date_accuracy": _ratio(self.dates_exact, self.place_type_matches),
            "sub_event_type_accuracy": _ratio(self.sub_types_exact, self.matched_incidents),
            "casualty_accuracy": _ratio(self.casualties_exact, self.casualties_checked),
        }

    def format(self) -> str:
        """The report as the ``geo eval`` command prints it."""
        f = self.figures()
        lines = [
            f"documents: {self.documents}",
            f"toponyms: {self.gold_places} gold, {self.predicted_places} found, {self.matched_places} matched",
            f"  precision {f['toponym_precision']:.3f}  recall {f['toponym_recall']:.3f}  F1 {f['toponym_f1']:.3f}",
            f"  resolved: exact place {f['resolution_accuracy']:.3f}, within 10 km {f['accuracy_10km']:.3f}"
            f" (F1 counting only well-resolved mentions {f['toponym_f1_resolved_10km']:.3f})",
            f"incidents: {self.gold_incidents} gold, {self.predicted_incidents} found (placed),"
            f" {self.matched_incidents} with the right place, type and date",
            f"  precision {f['incident_precision']:.3f}  recall {f['incident_recall']:.3f}",
            f"  date accuracy {f['date_accuracy']:.3f} (exact, on {self.place_type_matches} matched by place and type)",
            f"  sub-event type accuracy {f['sub_event_type_accuracy']:.3f}, casualty accuracy"
            f" {f['casualty_accuracy']:.3f} (on {self.casualties_checked} figures)",
        ]
        return "\n".join(lines)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _interval(incident: dict[str, Any] | Incident) -> tuple[dt.date, dt.date]:
    if isinstance(incident, Incident):
        return incident.event_date, incident.date_end or incident.event_date
    first = dt.date.fromisoformat(incident["event_date"])
    last = dt.date.fromisoformat(incident["date_end"]) if incident.get("date_end") else first
    return first, last


def _score_document(doc: dict[str, Any], result: ExtractionResult, gazetteer: Gazetteer, report: CorpusReport) -> None:
    gold = list(doc.get("places") or [])
    report.gold_places += len(gold)
    report.predicted_places += len(result.places)
    used: set[int] = set()
    for mention in result.places:
        for index, g in enumerate(gold):
            if index in used or not _overlap((mention.start, mention.end), (g["start"], g["end"])):
                continue
            used.add(index)
            report.matched_places += 1
            if mention.place.place_id == g["place_id"]:
                report.resolved_exact += 1
                report.resolved_near += 1
            elif g["place_id"] in gazetteer:
                km = distance_km(mention.place.lonlat, gazetteer.get(g["place_id"]).lonlat)
                if km <= _NEAR_KM:
                    report.resolved_near += 1
                else:
                    report.errors.append(
                        f"{doc.get('id')}: {g['text']!r} resolved to {mention.place.place_id}, not {g['place_id']}"
                    )
            break
        else:
            report.errors.append(f"{doc.get('id')}: extra place {mention.text!r} ({mention.place.place_id})")
    for index, g in enumerate(gold):
        if index not in used:
            report.errors.append(f"{doc.get('id')}: missed place {g['text']!r} ({g['place_id']})")
    gold_incidents = list(doc.get("incidents") or [])
    predicted = [i.incident for i in result.incidents if i.incident.place_id]
    report.gold_incidents += len(gold_incidents)
    report.predicted_incidents += len(predicted)
    taken: set[int] = set()
    for g in gold_incidents:
        g_first, g_last = _interval(g)
        best: int | None = None
        for index, p in enumerate(predicted):
            if index in taken or p.place_id != g["place_id"] or p.event_type != g["event_type"]:
                continue
            best = index if best is None else best
            p_first, p_last = _interval(p)
            if p_first <= g_last and g_first <= p_last:
                best = index
                break
        if best is None:
            report.errors.append(
                f"{doc.get('id')}: missed incident {g['place_id']} {g['event_date']} {g['event_type']}"
            )
            continue
        p = predicted[best]
        report.place_type_matches += 1
        exact_date = p.event_date == g_first and (p.date_end or p.event_date) == g_last
        report.dates_exact += exact_date
        p_first, p_last = _interval(p)
        if not (p_first <= g_last and g_first <= p_last):
            report.errors.append(
                f"{doc.get('id')}: wrong date for {g['place_id']}: {p.event_date} not {g['event_date']}"
            )
            continue
        taken.add(best)
        report.matched_incidents += 1
        report.sub_types_exact += p.sub_event_type == g["sub_event_type"]
        if p.sub_event_type != g["sub_event_type"]:
            report.errors.append(f"{doc.get('id')}: sub-event type {p.sub_event_type!r}, not {g['sub_event_type']!r}")
        for key, value in (("fatalities", p.fatalities), ("injuries", p.injuries)):
            if g.get(key) is not None:
                report.casualties_checked += 1
                report.casualties_exact += value == g[key]
                if value != g[key]:
                    report.errors.append(f"{doc.get('id')}: {key} {value}, not {g[key]}")
    for index, p in enumerate(predicted):
        if index not in taken:
            report.errors.append(f"{doc.get('id')}: extra incident {p.place_id} {p.event_date} {p.event_type}")


def evaluate_corpus(
    docs: Iterable[dict[str, Any]], *, extractor: Extractor | None = None, split: str | None = None
) -> CorpusReport:
    """Run the extractor over annotated documents and score it.

    Examples
    --------
    >>> doc = {"text": "قتل عنصر من قسد في بلدة هجين يوم 3 آذار 2025.", "published": "2025-03-04",
    ...        "places": [{"start": 24, "end": 28, "text": "هجين", "place_id": "geonames:174506"}],
    ...        "incidents": [{"place_id": "geonames:174506", "event_date": "2025-03-03",
    ...                       "event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 1}]}
    >>> evaluate_corpus([doc]).figures()["incident_recall"]
    1.0
    """
    extractor = extractor or Extractor()
    report = CorpusReport()
    for doc in docs:
        if split and doc.get("split") != split:
            continue
        report.documents += 1
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        document = Document(
            doc["text"], source=str(doc.get("id", "doc")), published=published, language=doc.get("language", "")
        )
        _score_document(doc, extractor.extract(document), extractor.gazetteer, report)
    return report


@dataclass
class SeedReport:
    """Which seed-dataset incidents the extractor found in the seed articles."""

    found: dict[str, Incident] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    extra: list[Incident] = field(default_factory=list)
    extracted: int = 0

    def format(self, required: Sequence[str] = ()) -> str:
        """One line per seed incident, then the incidents that match none."""
        lines = []
        for event_id, incident in sorted(self.found.items()):
            mark = " (required)" if event_id in required else ""
            lines.append(
                f"found   {event_id}{mark}: {incident.place_id} {incident.event_date}"
                f"{'/' + incident.date_end.isoformat() if incident.date_end else ''} {incident.event_type}"
            )
        for event_id in self.missed:
            mark = " (required)" if event_id in required else ""
            lines.append(f"missed  {event_id}{mark}")
        for incident in self.extra:
            lines.append(
                f"extra   {incident.place_id or '(unplaced)'} {incident.event_date} {incident.event_type}"
                f"/{incident.sub_event_type} {incident.location!r}"
            )
        return "\n".join(lines)


def evaluate_seed_articles(folder: Path, seed: Sequence[Incident], *, extractor: Extractor | None = None) -> SeedReport:
    """Run the seed articles in *folder* through the extractor and match the seed incidents.

    A seed incident is found when an extracted incident has its ``place_id``
    and ``event_type`` and a date inside the seed's date range (unplaced seed
    incidents are matched on type and date among unplaced extractions).
    """
    extractor = extractor or Extractor()
    extracted: list[Incident] = []
    for item in iter_documents([folder]):
        if isinstance(item, Document):
            extracted.extend(i.incident for i in extractor.extract(item).incidents)
    report = SeedReport(extracted=len(extracted))
    used: set[int] = set()
    for incident in seed:
        s_first, s_last = _interval(incident)
        for index, candidate in enumerate(extracted):
            if index in used or candidate.place_id != incident.place_id:
                continue
            if candidate.event_type != incident.event_type:
                continue
            c_first, c_last = _interval(candidate)
            if c_first <= s_last and s_first <= c_last:
                used.add(index)
                report.found[incident.event_id] = candidate
                break
        else:
            report.missed.append(incident.event_id)
    report.extra = [c for index, c in enumerate(extracted) if index not in used]
    return report
