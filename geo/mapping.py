"""Turning incidents and zones into a map page: choose the date, the zones and the popup labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gazetteer import Gazetteer
from geo.models import Aggregate, Incident, Zone
from geo.taxonomy import EVENT_TYPES
from geo.zones import zones_as_of
from maps import render_html

__all__ = ["IncidentMap", "aggregate_lines", "build_map"]


@dataclass
class IncidentMap:
    """A rendered map and what went into it."""

    html: str
    as_of: dt.date
    shown: list[Incident]
    later: list[Incident]
    zones: list[Zone] = field(default_factory=list)


def _sub_type_ar(incident: Incident) -> str:
    event = EVENT_TYPES.get(incident.event_type)
    sub = event.sub_type(incident.sub_event_type) if event else None
    return sub.label_ar if sub else ""


def _feature(incident: Incident, gazetteer: Gazetteer) -> dict[str, Any]:
    feature = incident.__geo_interface__
    props = feature["properties"]
    event = EVENT_TYPES.get(incident.event_type)
    props["event_type_ar"] = event.label_ar if event else ""
    props["sub_event_type_ar"] = _sub_type_ar(incident)
    place = gazetteer.get(incident.place_id) if incident.place_id in gazetteer else None
    props["place_en"] = place.name_en if place else incident.location
    props["place_ar"] = place.name_ar if place else ""
    return feature


def aggregate_lines(aggregates: Sequence[Aggregate]) -> list[tuple[str, str]]:
    """One ``(title, text)`` line per aggregate, for the map's context panel."""
    lines = []
    for a in aggregates:
        period = " to ".join(d.isoformat() for d in (a.period_start, a.period_end) if d) or "undated"
        value = f"{a.value:,.0f}"
        lines.append((f"{value} {a.measure}", f"{a.area or 'no area given'}, {period}. {a.notes} ({a.source})"))
    return lines


def build_map(
    incidents: Sequence[Incident],
    zones: Sequence[Zone],
    *,
    gazetteer: Gazetteer,
    as_of: dt.date | None = None,
    title: str = "Conflict incidents in Syria",
    title_ar: str = "حوادث النزاع في سوريا",
    tiles: str | None = None,
    context: Sequence[tuple[str, str]] = (),
) -> IncidentMap:
    """Render placed incidents up to *as_of* over the zone snapshot in force that day.

    *as_of* defaults to the last date of the latest incident (or today when
    there are none). Incidents that start after *as_of* are left off and
    returned in ``later``; the map says which zone snapshot it shows, or
    that none covers the date.
    """
    day = as_of or max((i.last_date for i in incidents), default=dt.date.today())
    shown = [i for i in incidents if i.event_date <= day]
    later = [i for i in incidents if i.event_date > day]
    current = zones_as_of(zones, day)
    subtitle = f"As of {day.isoformat()}: {len(shown)} incidents"
    if current:
        subtitle += f"; zones of control valid from {min(z.valid_from for z in current).isoformat()} (approximate)"
    html = render_html(
        [_feature(i, gazetteer) for i in shown],
        zones,
        title=title,
        title_ar=title_ar,
        subtitle=subtitle,
        as_of=day.isoformat(),
        tiles=tiles,
        context=context,
        event_type_labels_ar={name: e.label_ar for name, e in EVENT_TYPES.items()},
    )
    return IncidentMap(html, day, shown, later, current)
