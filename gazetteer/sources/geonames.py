"""GeoNames country dumps (``SY.txt`` or ``SY.zip``, optionally with ``alternateNames``).

GeoNames columns (tab-separated, no header): geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country
code, cc2, admin1 code, admin2 code, admin3 code, admin4 code, population,
elevation, dem, timezone, modification date. Data: CC BY 4.0, GeoNames.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from gazetteer.boundaries import admin1_at
from gazetteer.errors import GazetteerDataError
from gazetteer.normalize import is_arabic
from gazetteer.place import LonLat, Place
from gazetteer.sources.base import PlaceSource

__all__ = ["FEATURE_KINDS", "GeoNamesDump"]

_COLUMNS = 19
#: GeoNames feature codes kept, and the kind each becomes.
FEATURE_KINDS: dict[str, str] = {
    "PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPLA4": "village", "PPL": "village",
    "PPLL": "village", "PPLF": "village", "PPLS": "village", "PPLQ": "village", "PPLW": "village",
    "PPLX": "neighbourhood", "PPLR": "village",
    "AIRB": "airbase", "AIRF": "airbase", "AIRP": "airbase", "AIRH": "airbase",
    "CMPRF": "camp", "CMP": "camp", "PRN": "prison", "OILF": "oilfield", "GASF": "gasfield", "OILR": "site",
    "DAM": "dam", "MT": "mountain", "MTS": "mountain", "HLL": "mountain", "HLLS": "mountain", "PK": "mountain",
    "STM": "river", "RGN": "region", "AREA": "region", "PLN": "region", "VAL": "region", "PSTB": "crossing",
    "INSM": "base", "MILB": "base", "PS": "station", "PMPO": "station",
}  # fmt: skip
_CITY_POPULATION, _TOWN_POPULATION = 100_000, 10_000


def _read_text(path: Path, member_suffix: str) -> str:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(member_suffix)]
            if not names:
                raise GazetteerDataError(f"{path}: no {member_suffix!r} file inside the archive")
            return archive.read(names[0]).decode("utf-8")
    return path.read_text(encoding="utf-8")


def _alternate_names(path: Path) -> dict[str, list[str]]:
    """Arabic and Latin alternate names by geonameid, from an ``alternateNames`` file."""
    names: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(io.StringIO(_read_text(path, ".txt")), start=1):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4:
            raise GazetteerDataError(f"{path}, line {number}: expected at least 4 columns, got {len(fields)}")
        language, name = fields[2], fields[3]
        if language in ("", "ar", "en", "fr", "de", "arz", "apc", "ajp") and not language.startswith(("link", "post")):
            names[fields[1]].append(name)
    return names


def _arabic_or_latin(name: str) -> bool:
    """True when every letter of *name* is Arabic or Latin (drops Cyrillic, Hebrew, CJK … spellings)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith(("LATIN", "ARABIC")) for ch in name)


class GeoNamesDump(PlaceSource):
    """Places from a GeoNames country dump, kinds from feature codes, admin1 by point in polygon.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> row = "\\t".join(["170794", "Dayr az Zawr", "Dayr az Zawr", "Deir ez-Zor,دير الزور", "35.33588",
    ...     "40.14084", "P", "PPLA", "SY", "", "07", "", "", "", "242565", "", "210", "Asia/Damascus", "2020-06-10"])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "SY.txt"
    >>> _ = path.write_text(row + "\\n", encoding="utf-8")
    >>> [(p.place_id, p.kind, p.name_ar, p.admin1) for p in GeoNamesDump(path).places()]
    [('geonames:170794', 'city', 'دير الزور', 'SY09')]
    """

    name = "geonames"

    def __init__(self, dump: Path, *, alternate_names: Path | None = None) -> None:
        self.dump = Path(dump)
        self.alternate_names = Path(alternate_names) if alternate_names else None

    def places(self) -> Iterator[Place]:
        extra = _alternate_names(self.alternate_names) if self.alternate_names else {}
        for number, line in enumerate(io.StringIO(_read_text(self.dump, ".txt")), start=1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != _COLUMNS:
                raise GazetteerDataError(f"{self.dump}, line {number}: expected {_COLUMNS} columns, got {len(fields)}")
            kind = FEATURE_KINDS.get(fields[7])
            if kind is None:
                continue
            yield self._place(fields, kind, extra.get(fields[0], []), f"{self.dump}, line {number}")

    def _place(self, fields: list[str], kind: str, extra: list[str], where: str) -> Place:
        geonameid, name, ascii_name, alternates = fields[0], fields[1], fields[2], fields[3]
        try:
            lat, lon = float(fields[4]), float(fields[5])
            population = int(fields[14] or 0) or None
        except ValueError as err:
            raise GazetteerDataError(f"{where}: bad number in {[*fields[4:6], fields[14]]!r}") from err
        if kind in ("village", "town") and population:
            kind = "city" if population >= _CITY_POPULATION else ("town" if population >= _TOWN_POPULATION else kind)
        names = [n for n in (*alternates.split(","), *extra) if n and _arabic_or_latin(n)]
        arabic = [n for n in names if is_arabic(n)]
        country = fields[8] or "SY"
        admin1 = (admin1_at(LonLat(lon, lat)) or "") if country == "SY" else ""
        return Place(
            place_id=f"geonames:{geonameid}",
            name_en=ascii_name or name,
            name_ar=arabic[0] if arabic else "",
            kind=kind,
            latitude=lat,
            longitude=lon,
            names=tuple(dict.fromkeys(n for n in (name, *names) if n != ascii_name)),
            admin1=admin1,
            parent_id=admin1,
            population=population,
            country=country,
            source=f"geonames:{geonameid}",
        )
