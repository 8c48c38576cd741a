"""The data contracts: Incident, Zone, the ACLED taxonomy."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from shapely.geometry import box

from geo.errors import InputError
from geo.models import INCIDENT_COLUMNS, Zone
from geo.taxonomy import EVENT_TYPES, event_type_of, is_known_pair
from tests.conftest import make_incident

CONTRACT = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "place_id", "admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision", "fatalities",
    "injuries", "source", "source_url", "source_date", "notes", "language",
)  # fmt: skip


def test_incident_columns_follow_the_contract() -> None:
    assert INCIDENT_COLUMNS == CONTRACT


def test_taxonomy_has_acleds_six_types_with_arabic_labels() -> None:
    assert list(EVENT_TYPES) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    subs = [s for e in EVENT_TYPES.values() for s in e.sub_types]
    assert len(subs) == 25
    assert all(e.label_ar and all(s.label_ar for s in e.sub_types) for e in EVENT_TYPES.values())
    assert event_type_of("Suicide bomb") is EVENT_TYPES["Explosions/Remote violence"]
    assert is_known_pair("Battles", "Armed clash") and not is_known_pair("Battles", "Suicide bomb")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"time_precision": 4}, "time_precision 4 is not 1, 2 or 3"),
        ({"geo_precision": 0}, "geo_precision 0 is not 1, 2 or 3"),
        ({"sub_event_type": "Suicide bomb"}, "'Battles' / sub_event_type 'Suicide bomb' is not an ACLED pair"),
        ({"date_end": dt.date(2025, 5, 1)}, "date_end '2025-05-01' is before event_date '2025-05-19'"),
        ({"latitude": None}, "latitude and longitude must both be given"),
        ({"latitude": 91.0}, "latitude 91.0 is out of range"),
        ({"fatalities": -1}, "fatalities -1 is negative"),
        ({"event_id": ""}, "event_id is empty"),
    ],
)
def test_invalid_incidents_are_refused_with_the_value(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_incident(**changes)


def test_incident_as_geojson_feature() -> None:
    feature = make_incident().__geo_interface__
    assert feature["geometry"] == {"type": "Point", "coordinates": [40.79, 34.727]}
    assert feature["id"] == "T-1"
    assert list(feature["properties"]) == list(CONTRACT)
    json.dumps(feature)  # serialisable as is


def test_unplaced_incident_has_null_geometry() -> None:
    incident = make_incident(latitude=None, longitude=None)
    assert not incident.is_placed
    assert incident.__geo_interface__["geometry"] is None


def test_zone_validity_and_kinds() -> None:
    zone = Zone(box(36, 33, 37, 34), "sdf", "SDF", "قسد", dt.date(2025, 6, 1))
    assert zone.is_valid_on(dt.date(2026, 1, 1)) and not zone.is_valid_on(dt.date(2025, 5, 31))
    with pytest.raises(InputError, match="kind 'territory'"):
        Zone(box(36, 33, 37, 34), "sdf", "SDF", "قسد", dt.date(2025, 6, 1), kind="territory")
    with pytest.raises(InputError, match="valid_to"):
        Zone(box(36, 33, 37, 34), "sdf", "SDF", "قسد", dt.date(2025, 6, 1), dt.date(2025, 1, 1))
