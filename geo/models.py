"""The incident domain's records: Incident, Zone and Aggregate.

Column names follow ACLED's export format so that other tools can read
what this package writes (see ``design.md``, "Data contracts").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.errors import InputError
from geo.taxonomy import is_known_pair

__all__ = [
    "INCIDENT_COLUMNS",
    "ZONE_KINDS",
    "Aggregate",
    "Incident",
    "Zone",
]

ZONE_KINDS = ("control", "influence", "activity")
_PRECISIONS = (1, 2, 3)


@dataclass(frozen=True)
class Incident:
    """One event, as ACLED would record it.

    ``time_precision``: 1 the day is known, 2 a range of at most a week,
    3 a month or vaguer. ``geo_precision``: 1 the place itself, 2 near it
    or part of a district, 3 a governorate or larger. An incident with no
    coordinates is *unplaced*; it is kept and reported, never dropped.

    Examples
    --------
    >>> i = Incident("X1", dt.date(2025, 5, 19), event_type="Battles", sub_event_type="Armed clash")
    >>> i.is_placed
    False
    """

    event_id: str
    event_date: dt.date
    date_end: dt.date | None = None
    time_precision: int = 1
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    actor2: str = ""
    location: str = ""
    place_id: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    fatalities: int | None = None
    injuries: int | None = None
    source: str = ""
    source_url: str = ""
    source_date: dt.date | None = None
    notes: str = ""
    language: str = ""

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise InputError(f"incident {self.event_id!r}: " + "; ".join(problems))

    def problems(self) -> list[str]:
        """Every rule of the contract this record breaks (empty if valid)."""
        out: list[str] = []
        if not self.event_id:
            out.append("event_id is empty")
        if self.time_precision not in _PRECISIONS:
            out.append(f"time_precision {self.time_precision!r} is not 1, 2 or 3")
        if self.geo_precision not in _PRECISIONS:
            out.append(f"geo_precision {self.geo_precision!r} is not 1, 2 or 3")
        if not is_known_pair(self.event_type, self.sub_event_type):
            out.append(f"event_type {self.event_type!r} / sub_event_type {self.sub_event_type!r} is not an ACLED pair")
        if self.date_end is not None and self.date_end < self.event_date:
            out.append(f"date_end {self.date_end.isoformat()!r} is before event_date {self.event_date.isoformat()!r}")
        if (self.latitude is None) != (self.longitude is None):
            out.append("latitude and longitude must both be given or both be empty")
        if self.latitude is not None and not (-90 <= self.latitude <= 90):
            out.append(f"latitude {self.latitude!r} is out of range")
        if self.longitude is not None and not (-180 <= self.longitude <= 180):
            out.append(f"longitude {self.longitude!r} is out of range")
        for name in ("fatalities", "injuries"):
            value = getattr(self, name)
            if value is not None and value < 0:
                out.append(f"{name} {value!r} is negative")
        return out

    @property
    def is_placed(self) -> bool:
        """True when the incident has coordinates."""
        return self.latitude is not None and self.longitude is not None

    @property
    def last_date(self) -> dt.date:
        """The last day the incident may have happened on."""
        return self.date_end or self.event_date

    def to_record(self) -> dict[str, Any]:
        """The incident as a flat mapping in contract column order (dates as ISO text)."""
        record = asdict(self)
        for key in ("event_date", "date_end", "source_date"):
            value = record[key]
            record[key] = value.isoformat() if value is not None else None
        return record

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """A GeoJSON Feature (geometry null when unplaced)."""
        geometry = {"type": "Point", "coordinates": [self.longitude, self.latitude]} if self.is_placed else None
        return {"type": "Feature", "id": self.event_id, "geometry": geometry, "properties": self.to_record()}


#: Incident columns in contract order.
INCIDENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Incident))


@dataclass(frozen=True)
class Zone:
    """An area held by, or seeing the activity of, a faction over a date range.

    ``valid_to`` is None for a snapshot still in force. Zones are always
    shown "as of" a date; derived zones are approximate and say so.
    """

    geometry: BaseGeometry
    faction: str
    label_en: str
    label_ar: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    kind: str = "control"
    method: str = "derived"
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ZONE_KINDS:
            raise InputError(f"zone of {self.faction!r}: kind {self.kind!r} is not one of {ZONE_KINDS}")
        if self.method not in ("drawn", "derived"):
            raise InputError(f"zone of {self.faction!r}: method {self.method!r} is not 'drawn' or 'derived'")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise InputError(f"zone of {self.faction!r}: valid_to {self.valid_to} is before valid_from")

    def is_valid_on(self, day: dt.date) -> bool:
        """True when the zone is in force on *day*."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def properties(self) -> dict[str, Any]:
        """The zone's attributes in contract order (dates as ISO text)."""
        return {
            "faction": self.faction,
            "label_en": self.label_en,
            "label_ar": self.label_ar,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "kind": self.kind,
            "method": self.method,
            "source": self.source,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {"type": "Feature", "geometry": mapping(self.geometry), "properties": self.properties()}


@dataclass(frozen=True)
class Aggregate:
    """A figure that is not a point event: a count over a period and an area.

    Examples: 79 coalition operations in September–October 2023; about 700
    Islamic State attacks in 2024; detainees held in al-Hol and Roj camps.
    ``place_ids`` names the facilities or areas where the article gives
    them; ``geo_precision`` is 3 (an area) or None when no place is given.
    """

    aggregate_id: str
    measure: str
    value: float
    period_start: dt.date | None
    period_end: dt.date | None
    area: str = ""
    place_ids: tuple[str, ...] = field(default=())
    geo_precision: int | None = None
    actor: str = ""
    source: str = ""
    source_date: dt.date | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if math.isnan(self.value):
            raise InputError(f"aggregate {self.aggregate_id!r}: value is not a number")
        if self.geo_precision not in (None, *_PRECISIONS):
            raise InputError(f"aggregate {self.aggregate_id!r}: geo_precision {self.geo_precision!r} is invalid")
