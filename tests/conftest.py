"""Shared fixtures: a tiny gazetteer, sample incidents, a CLI runner."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest
from typer.testing import CliRunner

from gazetteer import Gazetteer
from gazetteer.sources import PlaceTable
from gazetteer.userdata import USER_DIR_ENV
from geo.models import Incident

# Tests never read or write a real user gazetteer: each session gets an empty one.
os.environ[USER_DIR_ENV] = tempfile.mkdtemp(prefix="geo-test-user-")

FIXTURE_PLACES = """\
place_id,kind,name_en,name_ar,aliases,latitude,longitude,country,admin1,admin2,admin3,parent_id,population,source
SY02,governorate,Aleppo,حلب,Halab|محافظة حلب,36.2,37.6,SY,SY02,,,,4868000,fixture
SY04,governorate,Homs,حمص,,34.6,37.9,SY,SY04,,,,1800000,fixture
SY09,governorate,Deir ez-Zor,دير الزور,Deir Ezzor,35.0,40.0,SY,SY09,,,,1200000,fixture
aleppo,city,Aleppo,حلب,Halab,36.20124,37.16117,SY,SY02,,,SY02,1602264,fixture
homs,city,Homs,حمص,Hims,34.72682,36.72339,SY,SY04,,,SY04,775404,fixture
haydariya-aleppo,neighbourhood,Al-Haydariya,الحيدرية,Haydariya|Haidariya,36.235,37.175,SY,SY02,,,aleppo,,fixture
haydariya-homs,village,Al-Haydariya,الحيدرية,Haydariya|Haidariya,34.55,36.55,SY,SY04,,,SY04,,fixture
deir-ez-zor,city,Deir ez-Zor,دير الزور,Dayr az Zawr|Deir al-Zour,35.33588,40.14084,SY,SY09,,,SY09,242565,fixture
hol-camp,camp,Al-Hol camp,مخيم الهول,al-Hol|الهول,36.3775,41.1467,SY,SY08,,,,,fixture
"""


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    """Nine places, with a homonym (al-Haydariya in Aleppo and in Homs)."""
    return Gazetteer([PlaceTable.from_text(FIXTURE_PLACES, name="fixture")])


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The embedded gazetteer."""
    return Gazetteer.default()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def make_incident(**changes: object) -> Incident:
    """A valid incident with *changes* applied."""
    values: dict[str, object] = {
        "event_id": "T-1",
        "event_date": dt.date(2025, 5, 19),
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "actor2": "SDF: Syrian Democratic Forces",
        "location": "البحرة",
        "latitude": 34.727,
        "longitude": 40.79,
        "fatalities": 1,
        "injuries": 1,
        "source": "Enab Baladi",
        "source_date": dt.date(2025, 5, 27),
        "language": "ar",
    }
    values.update(changes)
    return Incident(**values)  # type: ignore[arg-type]
