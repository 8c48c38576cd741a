"""The resolver: spellings, clitics, kind words, homonyms and context."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, LonLat, PlaceNotFoundError
from gazetteer.errors import GazetteerDataError
from gazetteer.sources import PlaceTable


def test_exact_and_variant_names(tiny_gazetteer: Gazetteer) -> None:
    for name in ("دير الزور", "بدير الزور", "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Der Ezzor"):
        match = tiny_gazetteer.resolve(name, kinds=["city"])
        assert match is not None, name
        assert match.place.place_id == "deir-ez-zor", name


def test_homonym_without_context_is_flagged_ambiguous(tiny_gazetteer: Gazetteer) -> None:
    match = tiny_gazetteer.resolve("الحيدرية")
    assert match is not None
    assert match.ambiguous
    assert {match.place.place_id, *(a.place.place_id for a in match.alternatives)} == {
        "haydariya-aleppo",
        "haydariya-homs",
    }


@pytest.mark.parametrize(
    ("context", "expected"),
    [("حلب", "haydariya-aleppo"), ("Aleppo", "haydariya-aleppo"), ("ريف حمص", "haydariya-homs")],
)
def test_context_picks_the_homonym(tiny_gazetteer: Gazetteer, context: str, expected: str) -> None:
    match = tiny_gazetteer.resolve("الحيدرية", context=context)
    assert match is not None
    assert match.place.place_id == expected
    assert not match.ambiguous
    assert "context" in match.reason


def test_near_picks_the_homonym(tiny_gazetteer: Gazetteer) -> None:
    match = tiny_gazetteer.resolve("Haidariya", near=LonLat(36.6, 34.6))
    assert match is not None and match.place.place_id == "haydariya-homs"


def test_kind_word_is_a_hint(tiny_gazetteer: Gazetteer) -> None:
    match = tiny_gazetteer.resolve("محافظة حلب")
    assert match is not None and match.place.place_id == "SY02"
    match = tiny_gazetteer.resolve("مخيم الهول")
    assert match is not None and match.place.kind == "camp"


def test_city_preferred_over_admin_unit_of_the_same_name(tiny_gazetteer: Gazetteer) -> None:
    match = tiny_gazetteer.resolve("حمص")
    assert match is not None
    assert match.place.place_id == "homs"
    assert not match.ambiguous  # the governorate contains the city: not a rival


def test_typos_match_fuzzily_but_common_words_do_not(tiny_gazetteer: Gazetteer) -> None:
    match = tiny_gazetteer.resolve("Deir ez-Zorr")
    assert match is not None and match.place.place_id in {"deir-ez-zor", "SY09"}
    assert match.score < 1
    for word in ("the", "city", "في", "Syria", "camp"):
        assert tiny_gazetteer.resolve(word) is None, word


def test_scores_are_in_unit_interval(tiny_gazetteer: Gazetteer) -> None:
    for name in ("حلب", "Haidariya", "Deir Ezor", "مخيم الهول", "الحيدرية"):
        for match in tiny_gazetteer.candidates(name, context="حلب"):
            assert 0.0 <= match.score <= 1.0


def test_get_unknown_id_raises(tiny_gazetteer: Gazetteer) -> None:
    with pytest.raises(PlaceNotFoundError, match="'nope'"):
        tiny_gazetteer.get("nope")


def test_bad_place_table_names_the_row_and_value() -> None:
    table = PlaceTable.from_text("place_id,kind,name_en,latitude,longitude\nx,town,X,95,38\n", name="places.csv")
    with pytest.raises(GazetteerDataError, match=r"places\.csv, row 2: latitude '95' is out of range"):
        list(table.places())


@pytest.mark.parametrize(
    ("value", "message"),
    [("about 3 km", r"uncertainty_m 'about 3 km' is not a number"), ("-500", r"uncertainty_m '-500' is negative")],
)
def test_bad_uncertainty_names_the_row_and_value(value: str, message: str) -> None:
    text = f"place_id,kind,name_en,latitude,longitude,uncertainty_m\nx,camp,X,35,38,{value}\n"
    with pytest.raises(GazetteerDataError, match=rf"places\.csv, row 2: {message}"):
        list(PlaceTable.from_text(text, name="places.csv").places())


def test_uncertainty_is_read_and_optional() -> None:
    text = "place_id,kind,name_en,latitude,longitude,uncertainty_m\nx,camp,X,35,38,5000\ny,town,Y,35.1,38.1,\n"
    x, y = PlaceTable.from_text(text).places()
    assert (x.uncertainty_m, x.is_approximate, y.uncertainty_m, y.is_approximate) == (5000, True, None, False)


# -- the embedded gazetteer ------------------------------------------------

NAMED_PLACES = [
    ("درعا", "daraa"),
    ("Daraa", "daraa"),
    ("دير الزور", "geonames:170794"),
    ("بدير الزور", "geonames:170794"),
    ("Deir ez-Zor", "geonames:170794"),
    ("هجين", "geonames:174506"),
    ("Hajin", "geonames:174506"),
    ("Hajeen", "geonames:174506"),
    ("البحرة", "al-bahra"),
    ("بلدة البحرة", "al-bahra"),
    ("al-Bahra", "al-bahra"),
    ("تدمر", "geonames:163808"),
    ("Palmyra", "geonames:163808"),
    ("الباغوز", "al-baghouz"),
    ("Baghouz", "al-baghouz"),
    ("البوكمال", "geonames:174448"),
    ("Albukamal", "geonames:174448"),
    ("Abu Kamal", "geonames:174448"),
    ("محطة T1", "t1-pumping-station"),
    ("T2", "t2-pumping-station"),
    ("محطة t3", "t3-pumping-station"),
    ("T4", "t4-tiyas-airbase"),
    ("مطار التيفور", "t4-tiyas-airbase"),
    ("Tiyas airbase", "t4-tiyas-airbase"),
    ("الميادين", "geonames:173480"),
    ("السيدة زينب", "sayyida-zaynab"),
    ("الدويلعة", "dweilaa"),
    ("المالكية", "al-malikiyah"),
    ("ريف دمشق", "SY03"),
    ("Rif Dimashq", "SY03"),
    ("مخيم الهول", "al-hol-camp"),
    ("مخيم روج", "roj-camp"),
]


@pytest.mark.parametrize(("name", "place_id"), NAMED_PLACES)
def test_every_place_the_user_named_resolves(gazetteer: Gazetteer, name: str, place_id: str) -> None:
    match = gazetteer.resolve(name)
    assert match is not None, name
    assert match.place.place_id == place_id


@pytest.mark.parametrize(("name", "context"), [("الحيدرية", "حلب"), ("حي الحيدرية", "حلب"), ("Haydariya", "Aleppo")])
def test_aleppos_haydariya_with_context(gazetteer: Gazetteer, name: str, context: str) -> None:
    match = gazetteer.resolve(name, context=context)
    assert match is not None and match.place.place_id == "al-haydariya-aleppo"


def test_embedded_gazetteer_is_consistent(gazetteer: Gazetteer) -> None:
    kinds = [p.kind for p in gazetteer]
    assert kinds.count("governorate") == 14
    assert kinds.count("district") == 62
    assert kinds.count("subdistrict") == 272
    for place in gazetteer:
        assert place.name_en and place.name_ar, place.place_id
        assert place.source, place.place_id
        if place.parent_id:
            assert place.parent_id in gazetteer, place.place_id
        if place.country == "SY":
            assert 32.0 < place.latitude < 37.5 and 35.5 < place.longitude < 42.5, place.place_id
