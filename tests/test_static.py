"""Static images for reports: PNG and SVG with every layer, deterministic, Arabic laid out correctly."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image

from gazetteer import Gazetteer
from geo.mapping import build_static
from geo.placing import place_incidents
from geo.seeds import load_incidents, load_zones
from maps import MapInputError
from maps.static import render_static, shape_arabic
from tests.conftest import make_incident


@pytest.fixture(scope="module")
def seed_svg() -> bytes:
    placed = place_incidents(load_incidents().incidents, Gazetteer.default()).placed
    return build_static(placed, load_zones(), gazetteer=Gazetteer.default(), image_format="svg")


def test_png_at_the_asked_resolution_and_not_blank() -> None:
    png = build_static([make_incident()], load_zones(), gazetteer=Gazetteer.default(), dpi=50)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (550, 375)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 200  # a drawn map, not an empty canvas


def test_same_input_same_bytes(seed_svg: bytes) -> None:
    placed = place_incidents(load_incidents().incidents, Gazetteer.default()).placed
    again = build_static(placed, load_zones(), gazetteer=Gazetteer.default(), image_format="svg")
    assert again == seed_svg
    png = [build_static(placed, [], gazetteer=Gazetteer.default(), dpi=40) for _ in range(2)]
    assert png[0] == png[1]


def test_svg_has_title_date_legend_scale_north_and_credits(seed_svg: bytes) -> None:
    # Text is drawn as paths (no font needed to view the file); matplotlib keeps each string as a comment.
    text = seed_svg.decode("utf-8")
    for expected in (
        "Conflict incidents in Syria",
        "As of 2025-11-27",
        "Incidents by type",
        "Size: people killed",
        "Location precision",
        "near it (ring ≈ 10 km)",
        "somewhere in a wider area (ring ≈ 40 km)",  # the seed's T1 station, an estimate to ±40 km
        "Zones of control (approximate)",
        "Syrian Democratic Forces (SDF)",
        "<!-- N -->",
        "OCHA COD-AB",
        'id="scale-bar"',
        'id="north-arrow"',
        'id="river-euphrates"',
        'id="city-Aleppo"',
        'id="city-ar-Aleppo"',
    ):
        assert expected in text, expected


def test_arabic_labels_reach_the_image_as_the_renderer_needs_them(seed_svg: bytes) -> None:
    """matplotlib with libraqm (3.11+ wheels) shapes and orders Arabic itself: the text goes in as written;
    an older one gets it shaped and in visual order."""
    from maps.static import _renderer_shapes_text

    text = seed_svg.decode("utf-8")
    for label in ("حوادث النزاع في سوريا", "قوات سوريا الديمقراطية (قسد)"):
        assert shape_arabic(label) in text
        assert (shape_arabic(label) == label) == _renderer_shapes_text()


def test_shape_arabic_for_renderers_without_shaping() -> None:
    shaped = shape_arabic("حلب", renderer_shapes=False)
    assert shaped == "\ufe90\ufee0\ufea3"  # visual order: final beh, medial lam, initial hah
    assert shape_arabic("Aleppo 2025", renderer_shapes=False) == "Aleppo 2025"
    assert not re.search("[\u0600-\u06ff]", shape_arabic("دير الزور (قسد)", renderer_shapes=False))


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(MapInputError, match="image format 'jpg'"):
        render_static([], title="t", image_format="jpg")
    with pytest.raises(MapInputError, match="dpi 5"):
        render_static([], title="t", dpi=5)
    polygon = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {"event_id": "Q"}}
    with pytest.raises(MapInputError, match="'Q' has no point geometry"):
        render_static([polygon], title="t")


def test_only_incidents_up_to_as_of_and_zones_in_force() -> None:
    early = make_incident(event_id="early", event_type="Protests", sub_event_type="Peaceful protest")
    late = make_incident(event_id="late", event_date=dt.date(2025, 7, 1))
    svg = build_static([early, late], load_zones(), gazetteer=Gazetteer.default(), as_of=dt.date(2025, 6, 1),
                       image_format="svg").decode("utf-8")  # fmt: skip
    assert "Protests" in svg and "Battles" not in svg
    assert "Syrian transitional government" in svg and "Assad" not in svg
