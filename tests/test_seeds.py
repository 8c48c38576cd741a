"""The seed dataset: every fact placed or explicitly unplaceable, every source cited."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.placing import place_incidents
from geo.seeds import load_aggregates, load_incidents, load_sources, load_zones, seed_path
from geo.zones import zones_as_of

SEED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def placement(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    read = load_incidents()
    assert read.rejected == []
    return place_incidents(read.incidents, gazetteer)


def _by_id(placement) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {i.event_id: i for i in placement.placed}


def test_every_incident_is_placed_or_explicitly_unplaceable(placement) -> None:  # type: ignore[no-untyped-def]
    assert len(placement.placed) + len(placement.unplaced) == len(load_incidents().incidents)
    for incident in placement.placed:
        assert incident.place_id, incident.event_id  # placed through a gazetteer place, never ad hoc
    for u in placement.unplaced:
        assert not u.incident.place_id and u.incident.location, u.incident.event_id
        assert "no place in the gazetteer matches" in u.reason


def test_every_source_is_cited(placement) -> None:  # type: ignore[no-untyped-def]
    sources = load_sources()
    publishers = {s.publisher for s in sources}
    for incident in [*placement.placed, *(u.incident for u in placement.unplaced)]:
        for name in incident.source.split("; "):
            assert name in publishers, (incident.event_id, name)
        assert incident.notes
    for aggregate in load_aggregates():
        assert aggregate.source in publishers, aggregate.aggregate_id
    for source in sources:
        assert source.title and source.publisher
        if source.seed_file:
            assert (SEED_ARTICLES / source.seed_file).name == source.seed_file


def test_seed_file_citations_exist() -> None:
    if not SEED_ARTICLES.is_dir():
        pytest.fail(f"the shared seed articles are expected beside the checkout at {SEED_ARTICLES}")
    cited = {s.seed_file for s in load_sources() if s.seed_file}
    assert cited == {p.name for p in SEED_ARTICLES.glob("*.txt")}


def test_named_incidents_are_recorded_as_reported(placement) -> None:  # type: ignore[no-untyped-def]
    by_id = _by_id(placement)
    bahra = by_id["SEED-001"]
    assert (bahra.event_date, bahra.place_id, bahra.fatalities, bahra.injuries) == (
        dt.date(2025, 5, 19),
        "al-bahra",
        1,
        1,
    )
    assert bahra.admin3 == "Hajin" and bahra.admin1 == "Deir ez-Zor"
    haydariya = by_id["SEED-002"]
    assert (haydariya.event_date, haydariya.place_id, haydariya.admin1) == (
        dt.date(2025, 5, 17),
        "al-haydariya-aleppo",
        "Aleppo",
    )
    assert "four" in haydariya.notes and "blew himself up" in haydariya.notes
    daraa = by_id["SEED-004"]
    assert (daraa.event_date, daraa.date_end, daraa.time_precision, daraa.geo_precision, daraa.fatalities) == (
        dt.date(2024, 12, 6), dt.date(2024, 12, 7), 2, 3, 11,
    )  # fmt: skip
    assert by_id["SEED-005"].event_date == dt.date(2024, 12, 8) and by_id["SEED-005"].place_id == "geonames:170654"
    rif = by_id["SEED-009"]
    assert (rif.event_date, rif.date_end, rif.place_id, rif.geo_precision) == (
        dt.date(2025, 11, 24), dt.date(2025, 11, 27), "SY03", 3,
    )  # fmt: skip
    baghouz = by_id["SEED-010"]
    assert (baghouz.event_date, baghouz.date_end, baghouz.time_precision) == (
        dt.date(2019, 3, 1),
        dt.date(2019, 3, 31),
        3,
    )
    stations = {i.place_id for i in placement.placed if i.notes.startswith("After the fall of the Assad government")}
    assert {"geonames:174448", "t1-pumping-station", "t2-pumping-station", "t3-pumping-station",
            "t4-tiyas-airbase", "geonames:163808"} <= stations  # fmt: skip
    t1 = next(i for i in placement.placed if i.place_id == "t1-pumping-station")
    assert t1.geo_precision == 3  # the station's point is an estimate to ±40 km: drawn as an area, not a pin
    malikiyah = by_id["SEED-018"]
    assert (malikiyah.event_date.year, malikiyah.event_date.month, malikiyah.time_precision) == (2023, 9, 3)


def test_undated_incidents_say_how_they_were_dated(placement) -> None:  # type: ignore[no-untyped-def]
    by_id = _by_id(placement)
    for event_id in ("SEED-006", "SEED-007", "SEED-008"):  # al-Mayadin, Sayyida Zaynab, Dweila'a
        incident = by_id[event_id]
        assert "gives no date" in incident.notes or "without a date" in incident.notes
        assert ";" in incident.source  # the seed article and the outside source that dates it


def test_aggregates_are_not_pins() -> None:
    aggregates = {a.aggregate_id: a for a in load_aggregates()}
    assert aggregates["AGG-001"].value == 79
    assert aggregates["AGG-002"].value == 700
    assert aggregates["AGG-011"].place_ids == ("al-hol-camp", "roj-camp")
    assert aggregates["AGG-012"].value == 26
    incident_ids = {i.event_id for i in load_incidents().incidents}
    assert not incident_ids & set(aggregates)


def test_control_points_cover_every_subdistrict_in_each_snapshot(gazetteer: Gazetteer) -> None:
    with open(seed_path("control_points.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    subdistricts = {p.place_id for p in gazetteer if p.kind == "subdistrict"}
    for snapshot in {(r["valid_from"], r["valid_to"]) for r in rows}:
        ids = Counter(r["place_id"] for r in rows if (r["valid_from"], r["valid_to"]) == snapshot)
        assert subdistricts <= set(ids), snapshot
        assert max(ids.values()) == 1, snapshot
        assert all(r["source"] for r in rows)


def test_two_zone_snapshots_with_the_required_factions() -> None:
    zones = load_zones()
    before = {z.faction for z in zones_as_of(zones, dt.date(2024, 11, 26))}
    after = {z.faction for z in zones_as_of(zones, dt.date(2025, 6, 1))}
    assert {"assad-government", "sdf", "sna", "hts", "us-tanf", "israel", "islamic-state"} <= before
    assert {"transitional-government", "sdf", "sna", "us-tanf", "israel", "islamic-state"} <= after
    assert "hts" not in after
    for zone in zones:
        assert zone.method == "derived" and zone.geometry.is_valid and not zone.geometry.is_empty
        if zone.faction == "islamic-state":
            assert zone.kind == "activity"  # never territorial control after 2019
    assert zones_as_of(zones, dt.date(2025, 1, 15)) == []  # no snapshot between the two: nothing invented
