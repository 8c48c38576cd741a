"""Giving incidents coordinates and admin areas, or saying why they have none."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gazetteer import Gazetteer, LonLat, Place, PlaceNotFoundError
from geo.models import Incident

__all__ = ["Placement", "Unplaced", "place_incident", "place_incidents", "precision_of"]

# Kinds that stand for an area larger than a town: an incident there is not a point.
_AREA_KINDS = frozenset({"governorate", "region", "river"})
_VICINITY_KINDS = frozenset({"district", "subdistrict", "mountain"})
#: A point estimated by hand to within this many metres or worse is only "near" the place (2); from the
#: second figure on it stands for an area (3). Precision 1 already covers a town-sized area (a city-level
#: report sits at the city's point), so an estimate good to a few kilometres stays 1.
_NEAR_UNCERTAINTY_M = 5_000
_AREA_UNCERTAINTY_M = 25_000
_LEVEL_KIND = {"admin1": "governorate", "admin2": "district", "admin3": "subdistrict"}


@dataclass(frozen=True)
class Unplaced:
    """An incident that could not be given coordinates, and why."""

    incident: Incident
    reason: str


@dataclass
class Placement:
    """The result of placing incidents: every input is in exactly one list."""

    placed: list[Incident] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def precision_of(place: Place) -> int:
    """The geo_precision an incident gets when all that is known is *place*.

    The kind sets a floor (a governorate is an area, a district a vicinity),
    and so does the uncertainty of a point that was estimated by hand: a camp
    placed to within 10 km is drawn with the ring of "near it", not as exact.

    Examples
    --------
    >>> precision_of(Place("SY12", "Daraa", "درعا", "governorate", 32.6, 36.1))
    3
    >>> precision_of(Place("x", "Areesha camp", "مخيم العريشة", "camp", 36.25, 40.68, uncertainty_m=10_000))
    2
    >>> precision_of(Place("x", "Al-Hader", "الحاضر", "neighbourhood", 35.14, 36.75, uncertainty_m=1_500))
    1
    """
    if place.kind in _AREA_KINDS or (place.uncertainty_m or 0) >= _AREA_UNCERTAINTY_M:
        return 3
    if place.kind in _VICINITY_KINDS or (place.uncertainty_m or 0) >= _NEAR_UNCERTAINTY_M:
        return 2
    return 1


def _admin_names(place: Place, gazetteer: Gazetteer) -> dict[str, str]:
    names = {}
    for level in ("admin1", "admin2", "admin3"):
        code = getattr(place, level) or (place.place_id if place.kind == _LEVEL_KIND[level] else "")
        if code in gazetteer:
            names[level] = gazetteer.get(code).name_en
    return names


def _with_place(incident: Incident, place: Place, gazetteer: Gazetteer) -> Incident:
    updates: dict[str, Any] = {"place_id": place.place_id, "latitude": place.latitude, "longitude": place.longitude}
    for level, name in _admin_names(place, gazetteer).items():
        if not getattr(incident, level):
            updates[level] = name
    if incident.geo_precision < precision_of(place):
        updates["geo_precision"] = precision_of(place)
    return dataclasses.replace(incident, **updates)


def place_incident(incident: Incident, gazetteer: Gazetteer) -> Incident | Unplaced:
    """Give one incident coordinates: its own, its place_id's, or its location's."""
    if incident.is_placed:
        codes = gazetteer.admin_at(LonLat(incident.longitude, incident.latitude))  # type: ignore[arg-type]
        names: dict[str, Any] = {
            level: gazetteer.get(code).name_en
            for level, code in zip(("admin1", "admin2", "admin3"), codes, strict=True)
            if code in gazetteer and not getattr(incident, level)
        }
        return dataclasses.replace(incident, **names) if names else incident
    if incident.place_id:
        try:
            return _with_place(incident, gazetteer.get(incident.place_id), gazetteer)
        except PlaceNotFoundError:
            return Unplaced(incident, f"place_id {incident.place_id!r} is not in the gazetteer")
    if not incident.location:
        return Unplaced(incident, "no coordinates, place_id or location")
    match = gazetteer.resolve(incident.location, context=" ".join((incident.admin1, incident.admin2, incident.notes)))
    if match is None:
        return Unplaced(incident, f"no place in the gazetteer matches location {incident.location!r}")
    if match.ambiguous:
        rivals = ", ".join(m.place.place_id for m in (match, *match.alternatives))
        return Unplaced(incident, f"location {incident.location!r} is ambiguous between {rivals}")
    return _with_place(incident, match.place, gazetteer)


def place_incidents(incidents: Iterable[Incident], gazetteer: Gazetteer) -> Placement:
    """Place every incident; those that cannot be placed are kept with their reason."""
    result = Placement()
    for incident in incidents:
        outcome = place_incident(incident, gazetteer)
        if isinstance(outcome, Unplaced):
            result.unplaced.append(outcome)
        else:
            result.placed.append(outcome)
    return result
