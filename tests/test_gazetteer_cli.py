"""`geo gazetteer` and the user gazetteer: search, stats, GeoNames import, own places, online fallback."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderUnavailable
from typer.testing import CliRunner

from gazetteer import Gazetteer
from gazetteer.errors import GazetteerDataError
from gazetteer.sources.geonames import GeoNamesDump
from gazetteer.sources.online import OnlineGeocoder, OnlineGeocoderError
from gazetteer.userdata import USER_DIR_ENV
from geo.cli import app

# Three GeoNames rows in the dump format: a town the embedded gazetteer lacks, a known city, a stream.
GEONAMES_ROWS = [
    ["9999901", "Tall Fiktif", "Tall Fiktif", "Tell Fiktif,تل فكتيف,Телль", "36.10000", "38.20000", "P", "PPL",
     "SY", "", "09", "", "", "", "2500", "", "300", "Asia/Damascus", "2024-01-01"],
    ["170794", "Dayr az Zawr", "Dayr az Zawr", "Deir Ezzour Town", "35.33588", "40.14084", "P", "PPLA", "SY", "",
     "07", "", "", "", "242565", "", "210", "Asia/Damascus", "2020-06-10"],
    ["9999902", "Wadi Fiktif", "Wadi Fiktif", "", "35.00000", "38.00000", "H", "STM", "SY", "", "", "", "", "",
     "0", "", "400", "Asia/Damascus", "2024-01-01"],
    ["9999903", "Some Hotel", "Some Hotel", "", "33.50000", "36.30000", "S", "HTL", "SY", "", "", "", "", "",
     "0", "", "700", "Asia/Damascus", "2024-01-01"],
]  # fmt: skip


@pytest.fixture
def user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "user"
    monkeypatch.setenv(USER_DIR_ENV, str(folder))
    yield folder


def _write_dump(folder: Path, *, zipped: bool) -> Path:
    text = "".join("\t".join(row) + "\n" for row in GEONAMES_ROWS)
    if not zipped:
        path = folder / "SY.txt"
        path.write_text(text, encoding="utf-8")
        return path
    path = folder / "SY.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("SY.txt", text)
        archive.writestr("readme.txt", "GeoNames export")
    return path


def test_search_and_stats(runner: CliRunner) -> None:
    result = runner.invoke(app, ["gazetteer", "search", "الحيدرية", "--context", "حلب", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0]["place_id"] == "al-haydariya-aleppo" and "context" in rows[0]["reason"]
    assert "al-haydariya-homs" in {r["place_id"] for r in rows}
    assert runner.invoke(app, ["gazetteer", "search", "Atlantis"]).exit_code == 1
    stats = json.loads(runner.invoke(app, ["gazetteer", "stats", "--json"]).stdout)
    assert stats["by_kind"]["governorate"] == 14 and stats["by_kind"]["subdistrict"] == 272
    assert stats["places"] == len(Gazetteer.default())
    assert stats["approximate"] == sum(p.is_approximate for p in Gazetteer.default()) > 0
    text = runner.invoke(app, ["gazetteer", "stats"]).stdout
    assert "by kind:" in text and "by governorate:" in text and "Aleppo" in text
    assert f"{stats['approximate']} of them at an estimated point" in text


def test_estimated_points_say_so(runner: CliRunner) -> None:
    """An estimated point is labelled in every answer; a published one is not."""
    (t1,) = json.loads(runner.invoke(app, ["resolve", "--json", "محطة T1"]).stdout)
    assert (t1["place_id"], t1["uncertainty_m"]) == ("t1-pumping-station", 40_000)
    (hasakah,) = json.loads(runner.invoke(app, ["resolve", "--json", "الحسكة"]).stdout)
    assert hasakah["uncertainty_m"] is None
    assert runner.invoke(app, ["resolve", "T1"]).stdout.rstrip("\n").endswith("\tapproximate ±40 km")
    assert "approximate" not in runner.invoke(app, ["resolve", "Hasakah"]).stdout
    search = runner.invoke(app, ["gazetteer", "search", "مخيم العريشة", "-n", "1"]).stdout
    assert search.startswith(" 1.") and search.rstrip().endswith("(approximate ±10 km)")


@pytest.mark.parametrize("zipped", [False, True])
def test_import_geonames_extends_the_embedded_gazetteer(
    runner: CliRunner, user_folder: Path, tmp_path: Path, zipped: bool
) -> None:
    dump = _write_dump(tmp_path, zipped=zipped)
    alternates = tmp_path / "alternateNames.txt"
    alternates.write_text(
        "1\t9999901\tar\tتل الفكتيف\t\t\t\t\t\t\n2\t9999901\tru\tТелль\t\t\t\t\t\t\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["gazetteer", "import-geonames", str(dump), "--alternate-names", str(alternates)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"imported 2 new places and 1 new names for known places into {user_folder}\n"
    gazetteer = Gazetteer.default()
    town = gazetteer.resolve("تل الفكتيف")
    assert town is not None and town.place.place_id == "geonames:9999901"
    assert town.place.kind == "village" and town.place.admin1 == "SY11"  # Raqqa, by point in polygon
    assert "Телль" not in town.place.names  # only Arabic and Latin spellings are kept
    assert gazetteer.get("geonames:9999902").kind == "river"
    assert "geonames:9999903" not in gazetteer  # hotels are not conflict geography
    deir = gazetteer.resolve("Deir Ezzour Town")
    assert deir is not None and deir.place.place_id == "geonames:170794"
    assert deir.place.name_en == "Deir ez-Zor"  # the embedded record wins; the dump only adds names


def test_bad_geonames_dump_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("170794\tDayr az Zawr\tonly three columns\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"SY\.txt, line 1: expected 19 columns, got 3"):
        list(GeoNamesDump(path).places())


def test_own_places_by_option_and_by_import(runner: CliRunner, user_folder: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.geojson"
    mine.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [37.2, 36.2]},
                        "properties": {
                            "place_id": "my-checkpoint",
                            "kind": "site",
                            "name_en": "Checkpoint 7",
                            "name_ar": "الحاجز السابع",
                            "names": ["CP7"],
                            "uncertainty_m": 300,
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["resolve", "--json", "--places", str(mine), "CP7"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["place_id"] == "my-checkpoint"
    assert runner.invoke(app, ["resolve", "CP7"]).exit_code == 1  # only for that run
    assert runner.invoke(app, ["gazetteer", "import-places", str(mine)]).exit_code == 0
    imported = runner.invoke(app, ["resolve", "--json", "الحاجز السابع"])  # now for good
    assert imported.exit_code == 0
    assert json.loads(imported.stdout)[0]["uncertainty_m"] == 300  # kept through the user gazetteer's CSV


class _FakeGeocoder:
    def __init__(self, answer: object = None, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, dict[str, object]]] = []
        self.answer, self.error = answer, error

    def geocode(self, query: str, **options: object) -> object:
        self.calls.append((query, options))
        if self.error:
            raise self.error
        return self.answer


def test_online_fallback_is_cached_and_marked(tmp_path: Path) -> None:
    answer = SimpleNamespace(
        address="Khirbet Example, Idlib, Syria", latitude=35.9, longitude=36.6,
        raw={"type": "village", "osm_id": 42},
    )  # fmt: skip
    fake = _FakeGeocoder(answer)
    cache = tmp_path / "cache.json"
    online = OnlineGeocoder(geocoder=fake, cache_path=cache, min_delay=0)
    place = online.geocode("Khirbet Example")
    assert place is not None
    assert (place.place_id, place.kind, place.source) == ("online:nominatim:42", "village", "online:nominatim")
    assert fake.calls == [("Khirbet Example", {"exactly_one": True, "country_codes": ["sy"], "language": "en"})]
    again = OnlineGeocoder(geocoder=fake, cache_path=cache, min_delay=0).geocode("khirbet  EXAMPLE")
    assert again == place and len(fake.calls) == 1  # answered from the on-disk cache


def test_online_fallback_says_clearly_when_offline(tmp_path: Path) -> None:
    fake = _FakeGeocoder(error=GeocoderUnavailable("Name or service not known"))
    online = OnlineGeocoder(geocoder=fake, cache_path=tmp_path / "c.json", min_delay=0)
    with pytest.raises(OnlineGeocoderError, match=r"could not answer for 'Nowhere'.*without --online"):
        online.geocode("Nowhere")


def test_online_rate_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr("gazetteer.sources.online.time.sleep", sleeps.append)
    online = OnlineGeocoder(geocoder=_FakeGeocoder(), cache_path=tmp_path / "c.json", min_delay=1.0)
    online.geocode("a")
    online.geocode("b")
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 1.0


def test_resolve_online_through_the_cli(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _FakeGeocoder(SimpleNamespace(address="Zzyzx Farm, Syria", latitude=35.1, longitude=37.1, raw={"osm_id": 7}))
    monkeypatch.setattr("gazetteer.sources.online.get_geocoder_for_service", lambda service: lambda **kw: fake)
    result = runner.invoke(app, ["resolve", "--json", "--online", "Zzyzx Farm"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["source"] == "online:nominatim" and entry["score"] == 0.6
    offline = _FakeGeocoder(error=GeocoderUnavailable("no network"))
    monkeypatch.setattr("gazetteer.sources.online.get_geocoder_for_service", lambda service: lambda **kw: offline)
    failed = runner.invoke(app, ["resolve", "--online", "Zzyzx Ranch"])
    assert failed.exit_code == 2 and failed.output.startswith("error: the online geocoder 'nominatim' could not answer")
