"""Conflict incidents in Syria: models, taxonomy, readers and writers, zones of control, the CLI.

Examples
--------
>>> from geo import load_incidents
>>> len(load_incidents().incidents) > 0
True
"""

from __future__ import annotations

import logging

from geo.errors import GeoError, InputError, ZoneError
from geo.factions import FACTIONS, Faction
from geo.models import INCIDENT_COLUMNS, Aggregate, Incident, Zone
from geo.placing import Placement, Unplaced, place_incidents
from geo.seeds import load_aggregates, load_incidents, load_sources, load_zones
from geo.taxonomy import EVENT_TYPES, EventType, SubEventType
from geo.zones import ControlPoint, derive_zones, zones_as_of

__all__ = [
    "EVENT_TYPES",
    "FACTIONS",
    "INCIDENT_COLUMNS",
    "Aggregate",
    "ControlPoint",
    "EventType",
    "Faction",
    "GeoError",
    "Incident",
    "InputError",
    "Placement",
    "SubEventType",
    "Unplaced",
    "Zone",
    "ZoneError",
    "derive_zones",
    "load_aggregates",
    "load_incidents",
    "load_sources",
    "load_zones",
    "place_incidents",
    "zones_as_of",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
