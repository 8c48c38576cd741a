"""Match the gazetteer's neighbourhoods and camps to GeoNames sections of cities (PPLX), and print the distances.

Run by hand from the repository root (not by the tests, not at run time)::

    python gazetteer/data/derive/match_neighbourhoods.py            # every row with a PPLX match
    python gazetteer/data/derive/match_neighbourhoods.py --approximate  # only the rows still marked APPROXIMATE

`geonames_sy_pplx.jsonl` (beside this script) holds the 784 GeoNames records of feature code PPLX
("section of populated place") for Syria: id, names, alternate names, coordinates and admin1 code,
copied from a public JSON copy of the GeoNames Syria extract (repository
``TarekAlsabbagh/prayer-times``, file ``db/places/candidates/sy-geonames-raw.json``, commit
``f30c4071``). GeoNames data is CC BY 4.0 (attribution in ``gazetteer/data/README.md``).

A row matches a record when one of the row's names (English, Arabic, aliases; with ``حي``/``Hayy``
in front removed) and one of the record's names have the same Latin or Arabic skeleton
(`gazetteer.normalize`), and the record lies within 6 km of the row's point. The matches were
reviewed by hand before any coordinate was taken (see the data README, ``neighbourhoods.csv``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
sys.path.insert(0, str(DATA.parent.parent))

from gazetteer.normalize import arabic_skeleton, is_arabic, latin_skeleton, normalize_name  # noqa: E402

_LATIN_KIND = re.compile(r"^(?:hayy|hay|harat|hara|haret|mukhayyam)\s+")
_ARABIC_KIND = ("حي ", "حارة ", "مخيم ")
_TABLES = ("neighbourhoods", "curated", "facilities")
_RADIUS_KM = 6.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def name_keys(name: str) -> set[tuple[str, str]]:
    """The script and skeleton of *name*, with and without a leading "quarter" word."""
    out: set[tuple[str, str]] = set()
    text = normalize_name(name)
    if not text:
        return out
    if is_arabic(text):
        out.update(k for prefix in _ARABIC_KIND if name.startswith(prefix) for k in name_keys(name[len(prefix) :]))
        out.add(("ar", arabic_skeleton(text)))
    else:
        bare = _LATIN_KIND.sub("", text)
        if bare != text:
            out.update(name_keys(bare))
        out.add(("la", latin_skeleton(text)))
    return {k for k in out if len(k[1]) >= 3}


def load_pplx(path: Path = HERE / "geonames_sy_pplx.jsonl") -> list[dict[str, object]]:
    """The GeoNames PPLX records of the excerpt."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--approximate", action="store_true", help="only rows whose note says APPROXIMATE")
    args = parser.parse_args(argv)
    index: dict[tuple[str, str], list[dict[str, object]]] = {}
    for record in load_pplx():
        names = {record["name"], record["asciiname"], *str(record["alternatenames"]).split(",")}
        for name in filter(None, names):
            for key in name_keys(str(name)):
                index.setdefault(key, []).append(record)
    for table in _TABLES:
        for row in csv.DictReader((DATA / f"{table}.csv").open(encoding="utf-8")):
            if args.approximate and "APPROXIMATE" not in row["note"]:
                continue
            names = {row["name_en"], row["name_ar"], *filter(None, row["aliases"].split("|"))}
            names |= {re.sub(r"\s*\(.*\)$", "", n) for n in names}
            found = {id(r): r for n in names for k in name_keys(n) for r in index.get(k, [])}
            lat, lon = float(row["latitude"]), float(row["longitude"])
            near = sorted(
                (_km(lat, lon, float(r["latitude"]), float(r["longitude"])), r)  # type: ignore[arg-type]
                for r in found.values()
            )
            near = [(d, r) for d, r in near if d <= _RADIUS_KM]
            if near:
                d, r = near[0]
                print(f"{row['place_id']:34s} {d:5.2f} km  geonames:{r['geonameid']}  {r['name']}  {row['source']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
