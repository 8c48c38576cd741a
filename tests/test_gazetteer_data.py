"""The embedded gazetteer as data: every name leads back to its place; coordinates are distinct and sourced."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, Place, normalize_name

GAZETTEER = Gazetteer.default()
PLACES = sorted(GAZETTEER, key=lambda p: p.place_id)


def _resolves_to_itself(place: Place, name: str) -> bool:
    """*name* gives *place*, or an ambiguity that lists it, once its kind and position are known.

    The kind matters because a governorate, its district, its subdistrict and its seat
    share a name on purpose ("Daraa"): the name alone rightly gives the city.
    """
    match = GAZETTEER.resolve(name, near=place.lonlat, kinds=[place.kind])
    if match is None:
        return False
    return match.place.place_id == place.place_id or (
        match.ambiguous and place.place_id in {a.place.place_id for a in match.alternatives}
    )


def test_every_name_and_alias_resolves_to_its_own_place() -> None:
    failures = [(p.place_id, n) for p in PLACES for n in p.all_names if not _resolves_to_itself(p, n)]
    assert not failures, f"{len(failures)} names lead elsewhere, e.g. {failures[:10]}"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLACES), st.data())
def test_names_survive_press_decorations(place: Place, data: st.DataObject) -> None:
    """A name with a clitic (Arabic) or different case and hyphens (Latin) still finds its place."""
    # A clitic on a two-letter name (طي → وطي) cannot be told from a three-letter word.
    names = [n for n in place.all_names if len(normalize_name(n).replace(" ", "")) >= 3]
    assume(names)
    name = data.draw(st.sampled_from(names))
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        decorated = data.draw(st.sampled_from(["و", "ب", "ف"])) + name
    else:
        decorated = name.upper().replace(" ", "-")
    match = GAZETTEER.resolve(decorated, near=place.lonlat, kinds=[place.kind])
    assert match is not None, decorated
    assert match.place.place_id == place.place_id or match.ambiguous or match.place.all_names != place.all_names


def test_no_two_places_share_coordinates_unless_documented() -> None:
    by_position: dict[tuple[float, float], list[str]] = defaultdict(list)
    for place in PLACES:
        by_position[(round(place.latitude, 5), round(place.longitude, 5))].append(place.place_id)
    shared = {pos: ids for pos, ids in by_position.items() if len(ids) > 1}
    # Documented in gazetteer/data/README.md: Damascus district SY0100 and its only subdistrict SY010000.
    assert shared == {(33.51563, 36.28032): ["SY0100", "SY010000"]}


def test_every_place_has_a_source_and_both_names() -> None:
    for place in PLACES:
        assert place.source, place.place_id
        assert place.name_en and place.name_ar, place.place_id


def test_estimated_points_carry_their_uncertainty() -> None:
    """A row whose note says APPROXIMATE (±N km) has ``uncertainty_m`` N × 1000, and only those rows have one."""
    folder = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
    rows = [row for table in folder.glob("*.csv") if table.name != "aliases.csv" for row in _rows(table)]
    estimated = 0
    for row in rows:
        stated = re.match(r"(?:VERY )?APPROXIMATE \((?:±|about )([\d.]+) km\)", row["note"])
        expected = str(round(float(stated.group(1)) * 1000)) if stated else ""
        assert row["uncertainty_m"] == expected, row["place_id"]
        estimated += bool(stated)
    assert estimated == sum(p.is_approximate for p in PLACES) > 0


def _rows(table: Path) -> list[dict[str, str]]:
    with open(table, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("kind", ["camp", "prison", "airbase", "station", "oilfield", "crossing", "dam"])
def test_facility_kinds_are_present(kind: str) -> None:
    assert any(p.kind == kind for p in PLACES)


def test_rows_sourced_from_geonames_sections_have_their_coordinates() -> None:
    """A neighbourhood or camp whose `source` is a GeoNames PPLX id sits exactly at that record's point."""
    excerpt = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "derive" / "geonames_sy_pplx.jsonl"
    lines = excerpt.read_text(encoding="utf-8").splitlines()
    records = {f"geonames:{r['geonameid']}": r for r in map(json.loads, lines)}
    checked = 0
    for place in Gazetteer.default():
        record = records.get(place.source)
        if record is None:
            continue
        checked += 1
        assert (round(place.latitude, 5), round(place.longitude, 5)) == (record["latitude"], record["longitude"]), place
    assert checked >= 120  # the neighbourhoods checked against GeoNames (see gazetteer/data/README.md)
