"""What the extractor returns for a document: its places and incidents, and their JSON form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from geo.extract.toponyms import PlaceMention
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["ExtractedIncident", "ExtractionResult", "place_json"]


def _record(incident: Incident) -> dict[str, Any]:
    """`Incident.to_record`, without `dataclasses.asdict`'s deep copy (the same mapping, faster)."""
    record = {name: getattr(incident, name) for name in INCIDENT_COLUMNS}
    for key in ("event_date", "date_end", "source_date"):
        value = record[key]
        record[key] = value.isoformat() if value is not None else None
    return record


@dataclass(frozen=True)
class ExtractedIncident:
    """An incident found in a text, with its evidence sentence's offsets and a confidence in ``[0, 1]``."""

    incident: Incident
    evidence: tuple[int, int]
    confidence: float

    def to_json(self) -> dict[str, Any]:
        """The incident contract's fields plus ``evidence`` and ``confidence``."""
        return {
            **_record(self.incident),
            "evidence": {"start": self.evidence[0], "end": self.evidence[1]},
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class ExtractionResult:
    """Everything found in one document."""

    source: str
    language: str
    published: dt.date | None
    places: tuple[PlaceMention, ...]
    incidents: tuple[ExtractedIncident, ...]
    below_threshold: int = 0
    url: str = ""

    def to_json(self) -> dict[str, Any]:
        """``{"source", "language", "published", "places", "incidents"}`` as the ``--json`` output prints it."""
        return {
            "source": self.source,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "places": [place_json(m) for m in self.places],
            "incidents": [i.to_json() for i in self.incidents],
        }


def place_json(mention: PlaceMention) -> dict[str, Any]:
    """A place mention as ``geo extract --json`` prints it: offsets into the text, the place, the score."""
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        **mention.place.summary(),
        "score": mention.score,
    }
