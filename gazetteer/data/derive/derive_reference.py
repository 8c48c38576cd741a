"""Derive the project's own admin, city and boundary files from the reference folder.

Run by hand, from the repository root::

    python gazetteer/data/derive/derive_reference.py ../shared/reference

It reads the read-only reference folder (Open-Syria admin units, the GeoNames
``cities15000`` extract for Syria and the OCHA ``syr_admin1`` governorate
polygons) and writes, next to ``SCHEMA.md``:

* ``admin.csv``              governorates, districts and subdistricts (OCHA P-codes)
* ``cities.csv``             the GeoNames cities15000 towns and cities
* ``governorates.geojson``   simplified governorate polygons
* ``syria_outline.geojson``  the national outline (union of those polygons)

Nothing in the project imports this module or reads the reference folder at
run time or in tests: the four output files are committed instead, and this
script only documents (and can repeat) how they were made. The output is
deterministic: rows are sorted by ``place_id``, coordinates are written with
five decimals, and every file ends lines with ``\\n``.

Requires geopandas (with pyogrio) and shapely >= 2.1 (for ``coverage_simplify``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.polygon import orient

DATA_DIR = Path(__file__).resolve().parent.parent

COLUMNS = (
    "place_id",
    "kind",
    "name_en",
    "name_ar",
    "aliases",
    "latitude",
    "longitude",
    "uncertainty_m",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "parent_id",
    "population",
    "source",
    "note",
)

#: Rough bounding box of Syria; every derived point must fall inside it.
LON_RANGE = (35.5, 42.5)
LAT_RANGE = (32.2, 37.4)

#: Tolerance (degrees) for ``shapely.coverage_simplify`` of the governorates.
SIMPLIFY_TOLERANCE = 0.008
#: Caps the simplified polygons are checked against.
MAX_VERTICES_PER_GOVERNORATE = 300
MAX_GEOJSON_BYTES = 250_000

# --------------------------------------------------------------------------
# Hand-made corrections. Each entry says why; keep this list short.
# --------------------------------------------------------------------------

#: Arabic names in the admin source that do not name the same place as the
#: English name; the Arabic form of the English name is already among the
#: record's aliases. The source value is kept as an alias.
ADMIN_NAME_AR_FIXES = {
    "SY040101": (
        "تلدو",
        (
            "source Arabic name is Kafr Laha (كفرلاها), a neighbouring town; name_ar set"
            " to Taldou (تلدو) to match name_en and the GeoNames ADM3 name"
        ),
    ),
    "SY050201": (
        "تل سلحب",
        (
            "source Arabic name is Salhab (سلحب), a different town; name_ar set to"
            " Tell Salhab (تل سلحب) to match name_en and the GeoNames ADM3 name"
        ),
    ),
}

#: Aliases in the admin source that name something else (a larger region,
#: the parent governorate, a village) or are not names at all.
ADMIN_ALIAS_DROPS = {
    "SY0301": {"ريف دمشق", "Rural Damascus"},  # names of the governorate SY03
    "SY1400": {"Quneitra Governorate"},  # the governorate, not the district
    "SY0502": {"مركزها السقيلبية", "حيالين"},  # "its centre is ..." and a village
    "SY030102": {  # Western Ghouta is a region, not Babbila
        "Nāḩiyat al Ghūţah al Gharbīyah",
        "al Ghutah al Gharbiyah",
        "Nahiyat al Ghutah al Gharbiyah",
        "ناحية الغوطة الغربية",
        "الغوطة الغربية",
    },
    "SY030103": {  # Eastern Ghouta is a region, not Jaramana
        "Nāḩiyat al Ghūţah ash Sharqīyah",
        "al Ghutah ash Sharqiyah",
        "Nahiyat al Ghutah ash Sharqiyah",
        "ناحية الغوطة الشرقية",
        "الغوطة الشرقية",
    },
}

#: Short notes, in our own words, for admin units whose history trips people up.
ADMIN_NOTES = {
    "SY1006": (
        "Qadmous is its own district in the current OCHA COD-AB; older lists put"
        " its subdistricts under Baniyas (SY1002)"
    ),
    "SY1002": "excludes Qadmous, which the current OCHA COD-AB treats as district SY1006",
    "SY0502": "also known as the Al-Ghab district",
}

#: English names for GeoNames cities where the GeoNames ASCII name is a typo
#: or clearly not the usual English form. Each value must be one of the
#: record's alternate names or the English name of an OCHA admin unit.
CITY_NAME_EN = {
    "163345": "Tartus",  # GeoNames: Tartouss
    "165060": "Safita",  # GeoNames: Satita (typo)
    "169897": "Harasta",  # GeoNames: Hirista
    "170017": "Hama",  # GeoNames: Hamah
    "170794": "Deir ez-Zor",  # GeoNames: Dayr az Zawr
    "172955": "Raqqa",  # GeoNames: Ar Raqqah
    "173811": "Al-Hasakah",  # GeoNames: Al Hasakah
    "173334": "Quneitra",  # GeoNames: Al Qunaytirah
    "172408": "As-Suwayda",  # GeoNames: As Suwayda'
    "174448": "Abu Kamal",  # GeoNames: Albu Kamal
    "172082": "Azaz",  # GeoNames: I`zaz
    "174186": "Afrin",  # GeoNames: `Afrin
    "169372": "Arbin",  # GeoNames: `Irbin
    "163476": "Tell Rifaat",  # GeoNames: Tall Rif`at
    "163779": "Talbiseh",  # GeoNames: Tallbisah
    "163808": "Palmyra",  # GeoNames: Tadmur (kept as an alias)
    "163915": "Suran",  # GeoNames: Souran
    "169023": "Jisr al-Shughur",  # GeoNames: Jisr ash Shughur
    "172503": "Al-Safira",  # GeoNames: Safirah
    "172374": "Tabqa",  # GeoNames: Thawrah (official name al-Thawrah)
}

#: Arabic names for GeoNames cities where GeoNames has no usual plain form;
#: the value is the Arabic name of the OCHA unit given with it.
CITY_NAME_AR = {
    "173480": ("الميادين", "SY0903"),  # GeoNames only has ميادين
    "174448": ("البوكمال", "SY0902"),  # GeoNames: أبو كمال, البو كمال
    "168620": ("كفر زيتا", "SY050501"),  # GeoNames: كفر زيتة, الزيتية
}

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Letters of standard Arabic (hamza..yeh), harakat, superscript alef.
_ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u0652\u0670 '\-]+$")
_HARAKAT = re.compile(r"[\u0640\u064B-\u0652\u0670]")
_AR_PREFIXES = ("ناحية ", "منطقة ", "محافظة ", "مركز ")


def is_machine_transliteration(value: str) -> bool:
    """True for de-vowelled machine transliterations such as ``nahyt mrkz alhskt``.

    These come from stripping an Arabic name letter by letter, so they are
    all lower case (human spellings always capitalise at least one word).
    The same test catches the lower-case romanisations of Chinese, Japanese
    and Korean names in GeoNames (``ba er mi la``, ``damasukasu``).
    """
    return bool(_LATIN.search(value)) and not any(c.isupper() for c in value)


def script_of(value: str) -> str:
    """``latin``, ``arabic`` or ``other`` (mixed, Persian/Kurdish letters, other scripts)."""
    letters = [c for c in value if c.isalpha()]
    if not letters:
        return "other"
    if _ARABIC.search(value):
        return "arabic" if _ARABIC_ONLY.match(value) else "other"
    if all(unicodedata.name(c, "").startswith("LATIN") for c in letters):
        return "latin"
    return "other"


def arabic_key(value: str) -> str:
    """A loose matching key for Arabic names: no harakat, unified alef/teh marbuta/yeh, no spaces."""
    value = _HARAKAT.sub("", value.strip())
    for prefix in _AR_PREFIXES:
        value = value.removeprefix(prefix)
    value = re.sub("[أإآ]", "ا", value).replace("ة", "ه").replace("ى", "ي")
    return value.replace(" ", "")


def clean_aliases(values, names, drop=()) -> list[str]:
    """Deduplicate aliases, dropping main names, garbage and listed bad ones (order kept)."""
    seen = {n.casefold() for n in names if n}
    dropped = {d.casefold() for d in drop}
    out = []
    for value in values:
        value = " ".join(value.split())
        key = value.casefold()
        if not value or key in seen or key in dropped:
            continue
        if (
            "|" in value
            or is_machine_transliteration(value)
            or script_of(value) == "other"
        ):
            continue
        seen.add(key)
        out.append(value)
    return out


def fmt_coord(value: float) -> str:
    text = f"{value:.5f}"
    return "0.00000" if text == "-0.00000" else text


def in_bounds(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------
# admin.csv
# --------------------------------------------------------------------------


def derive_admin(ref: Path, ocha_names: dict[str, tuple[str, str]]) -> list[dict]:
    """Admin rows; ``ocha_names`` maps governorate P-codes to the OCHA polygon names,
    which are added as aliases (e.g. "Rural Damascus", "Idleb", "Lattakia")."""
    levels = (
        (
            "governorate",
            json.loads((ref / "opensyria_governorates.json").read_text("utf-8")),
        ),
        ("district", json.loads((ref / "opensyria_districts.json").read_text("utf-8"))),
        (
            "subdistrict",
            json.loads((ref / "opensyria_subdistricts.json").read_text("utf-8")),
        ),
    )
    pcode_of = {
        rec["id"]: rec["externalIds"]["ochaPcode"] for _, recs in levels for rec in recs
    }
    # Main Arabic names of subdistricts, per district, for the "مركز ..." rule below.
    seat_names: dict[str, set[str]] = {}
    for rec in levels[2][1]:
        seat_names.setdefault(pcode_of[rec["districtId"]], set()).add(
            rec["name"]["ar"].strip()
        )

    rows = []
    for kind, records in levels:
        for rec in records:
            pcode = rec["externalIds"]["ochaPcode"]
            name_en, name_ar = rec["name"]["en"].strip(), rec["name"]["ar"].strip()
            notes = []
            alias_values = [a["value"] for a in rec.get("aliases", [])]
            if kind == "governorate":
                alias_values.extend(ocha_names.get(pcode, ()))
            if pcode in ADMIN_NAME_AR_FIXES:
                fixed, why = ADMIN_NAME_AR_FIXES[pcode]
                alias_values.insert(0, name_ar)
                name_ar = fixed
                notes.append(why)
            drop = set(ADMIN_ALIAS_DROPS.get(pcode, ()))
            if kind == "district":
                # "مركز X" is the name of the district's central subdistrict, not of the district.
                drop |= {
                    a for a in alias_values if a.strip() in seat_names.get(pcode, ())
                }
            aliases = clean_aliases(alias_values, (name_en, name_ar), drop)

            if kind == "governorate":
                admin = (pcode, "", "")
                parent = ""
            elif kind == "district":
                admin = (pcode_of[rec["governorateId"]], pcode, "")
                parent = admin[0]
            else:
                district = pcode_of[rec["districtId"]]
                admin = (pcode_of[rec["governorateId"]], district, pcode)
                parent = district
            ext = rec.get("externalIds", {})
            source = [f"ocha:{pcode}"]
            if ext.get("geonames"):
                source.append(f"geonames:{ext['geonames']}")
            if ext.get("wikidata"):
                source.append(f"wikidata:{ext['wikidata']}")
            population = (rec.get("population") or {}).get("value")
            if pcode in ADMIN_NOTES:
                notes.append(ADMIN_NOTES[pcode])
            rows.append(
                {
                    "place_id": pcode,
                    "kind": kind,
                    "name_en": name_en,
                    "name_ar": name_ar,
                    "aliases": "|".join(aliases),
                    "latitude": float(rec["centroid"]["latitude"]),
                    "longitude": float(rec["centroid"]["longitude"]),
                    "country": "SY",
                    "admin1": admin[0],
                    "admin2": admin[1],
                    "admin3": admin[2],
                    "parent_id": parent,
                    "population": int(population) if population is not None else "",
                    "source": ";".join(source),
                    "note": "; ".join(notes),
                }
            )
    rows.sort(key=lambda r: r["place_id"])
    return rows


def check_admin(rows: list[dict]) -> None:
    by_id = {r["place_id"]: r for r in rows}
    counts = Counter(r["kind"] for r in rows)
    expected = {"governorate": 14, "district": 62, "subdistrict": 272}
    if dict(counts) != expected:
        raise SystemExit(f"admin counts {dict(counts)} != {expected}")
    for r in rows:
        if r["kind"] == "governorate":
            continue
        parent = by_id.get(r["parent_id"])
        wanted = "district" if r["kind"] == "subdistrict" else "governorate"
        if parent is None or parent["kind"] != wanted:
            raise SystemExit(
                f"{r['place_id']}: parent {r['parent_id']!r} is not a {wanted}"
            )
        if not r["place_id"].startswith(r["admin1"]) or parent["admin1"] != r["admin1"]:
            raise SystemExit(f"{r['place_id']}: admin chain is inconsistent")
    print(
        f"admin.csv: {counts['governorate']} governorates, {counts['district']} districts, "
        f"{counts['subdistrict']} subdistricts; every parent exists"
    )


# --------------------------------------------------------------------------
# cities.csv
# --------------------------------------------------------------------------

GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)


def read_geonames(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            dict(zip(GEONAMES_COLUMNS, line))
            for line in csv.reader(handle, delimiter="\t")
            if line and line[0].strip()
        ]
    return rows


def city_names(rec: dict, admin_names_en: set[str]) -> tuple[str, str, list[str], str]:
    """(name_en, name_ar, aliases, extra source) for one GeoNames row."""
    gid = rec["geonameid"]
    alternates = [a.strip() for a in rec["alternatenames"].split(",") if a.strip()]
    name_en = CITY_NAME_EN.get(gid)
    if name_en is None:
        name_en = rec["asciiname"].lstrip("`").replace("`", "'")
    elif name_en not in alternates and name_en not in admin_names_en:
        raise SystemExit(
            f"geonames:{gid}: preferred English name {name_en!r} is not a known spelling"
        )

    arabic = [
        a
        for a in alternates
        if script_of(a) == "arabic" and not a.startswith(("محافظة", "مملكة"))
    ]
    extra_source = ""
    if gid in CITY_NAME_AR:
        name_ar, pcode = CITY_NAME_AR[gid]
        extra_source = f"ocha:{pcode}"
    elif arabic:
        name_ar = arabic[0]
    else:
        raise SystemExit(f"geonames:{gid}: no Arabic name")
    latin = [a for a in alternates if script_of(a) == "latin"]
    keep = [rec["name"], rec["asciiname"], *latin, *arabic]
    aliases = clean_aliases(
        keep,
        (name_en, name_ar),
        drop={a for a in alternates if a.startswith(("محافظة", "مملكة"))},
    )
    aliases = [a for a in aliases if not is_unsafe_city_alias(a)]
    return name_en, name_ar, aliases, extra_source


#: Generic words that GeoNames lists as names of one town ("the mound").
GENERIC_WORDS = {"tall", "tell"}


def is_unsafe_city_alias(value: str) -> bool:
    """GeoNames alternate names that would match far too much text, or are not names.

    Upper-case codes (ALP, DAM, QHS, LTK), Latin names under four letters
    (Sam, Tal, Bab), the bare word "Tell", and entries that are not a single
    name ("Alepo - حلب", a stray quote).
    """
    if re.fullmatch(r"[A-Z]{2,4}", value) or value.casefold() in GENERIC_WORDS:
        return True
    if script_of(value) == "latin" and sum(c.isalpha() for c in value) < 4:
        return True
    return " - " in value or '"' in value


def prefer_ocha_spelling(
    name_ar: str, arabic: list[str], ocha_names: dict[str, str]
) -> str:
    """Among GeoNames' Arabic spellings, prefer the one OCHA uses for the matching unit."""
    for candidate in [name_ar, *arabic]:
        key = arabic_key(candidate)
        if key in ocha_names:
            return ocha_names[key]
    return name_ar


def derive_cities(
    ref: Path, admin_rows: list[dict], governorates: gpd.GeoDataFrame
) -> list[dict]:
    by_id = {r["place_id"]: r for r in admin_rows}
    subdistricts = [r for r in admin_rows if r["kind"] == "subdistrict"]
    districts = [r for r in admin_rows if r["kind"] == "district"]
    admin_names_en = {
        n for r in admin_rows for n in [r["name_en"], *r["aliases"].split("|")] if n
    }
    # Loose Arabic key -> OCHA spelling (without "مركز"), for subdistricts and districts.
    ocha_spelling: dict[str, str] = {}
    for r in admin_rows:
        if r["kind"] != "governorate":
            plain = r["name_ar"].removeprefix("مركز ").strip()
            ocha_spelling.setdefault(arabic_key(plain), plain)
    # Loose Arabic keys naming each subdistrict (main name and Arabic aliases).
    sub_keys = {
        r["place_id"]: {
            arabic_key(n)
            for n in [r["name_ar"], *r["aliases"].split("|")]
            if n and script_of(n) == "arabic"
        }
        for r in subdistricts
    }

    rows = []
    for rec in read_geonames(ref / "SY_cities15000_2012.tsv"):
        gid = rec["geonameid"]
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        name_en, name_ar, aliases, extra_source = city_names(rec, admin_names_en)
        if gid not in CITY_NAME_AR:
            arabic = [a for a in aliases if script_of(a) == "arabic"]
            spelled = prefer_ocha_spelling(name_ar, arabic, ocha_spelling)
            if spelled != name_ar:
                aliases = clean_aliases([name_ar, *aliases], (name_en, spelled))
                name_ar = spelled
        notes = []

        # admin1: the governorate polygon containing the point (else the nearest one).
        point = Point(lon, lat)
        inside = governorates[governorates.contains(point)]
        if len(inside) == 1:
            admin1 = inside.iloc[0]["PCODE"]
        else:
            # Planar distance in degrees is enough to pick the nearest polygon.
            distances = shapely.distance(governorates.geometry.values, point)
            admin1 = governorates["PCODE"].iloc[int(distances.argmin())]
            notes.append(
                "point lies just outside the OCHA governorate boundary; "
                "admin1 is the nearest governorate"
            )

        # admin3: a subdistrict of that governorate named like the town (the town is
        # its seat), else the nearest subdistrict centroid. admin2 is its district.
        here = (lat, lon)
        candidates = sorted(
            (s for s in subdistricts if s["admin1"] == admin1),
            key=lambda s: km(here, (s["latitude"], s["longitude"])),
        )
        town_keys = {
            arabic_key(a) for a in [name_ar, *aliases] if script_of(a) == "arabic"
        }
        named = [s for s in candidates if sub_keys[s["place_id"]] & town_keys]
        if named:
            admin3 = named[0]["place_id"]
            if km(here, (named[0]["latitude"], named[0]["longitude"])) > 60:
                notes.append(
                    "admin3 matched by name; subdistrict centroid is far from the town"
                )
        else:
            admin3 = candidates[0]["place_id"]
            d1 = km(here, (candidates[0]["latitude"], candidates[0]["longitude"]))
            d2 = km(here, (candidates[1]["latitude"], candidates[1]["longitude"]))
            nearest_district = min(
                (d for d in districts if d["admin1"] == admin1),
                key=lambda d: km(here, (d["latitude"], d["longitude"])),
            )
            if d2 < 1.5 * d1 or nearest_district["place_id"] != by_id[admin3]["admin2"]:
                notes.append(
                    f"admin2/admin3 approximate: nearest subdistrict centroid "
                    f"({by_id[admin3]['name_en']}, {d1:.0f} km; next {candidates[1]['name_en']}, {d2:.0f} km)"
                )
        admin2 = by_id[admin3]["admin2"]

        if gid == "165060":
            notes.append("GeoNames main name 'Satita' is a typo for Safita")
        if gid == "169897":
            notes.append("GeoNames main name 'Hirista' is Harasta (Harasta al-Basal)")
        if gid == "173334":
            notes.append(
                "the point is the old town, largely destroyed in 1974; the governorate "
                "is run from nearby Madinat al-Baath"
            )
        population = int(rec["population"]) if rec["population"].strip() else ""
        code = rec["feature_code"]
        kind = (
            "city"
            if (population != "" and population >= 100_000) or code in ("PPLA", "PPLC")
            else "town"
        )
        source = [f"geonames:{gid}"] + ([extra_source] if extra_source else [])
        rows.append(
            {
                "place_id": f"geonames:{gid}",
                "kind": kind,
                "name_en": name_en,
                "name_ar": name_ar,
                "aliases": "|".join(aliases),
                "latitude": lat,
                "longitude": lon,
                "country": "SY",
                "admin1": admin1,
                "admin2": admin2,
                "admin3": admin3,
                "parent_id": admin3 or admin2 or admin1,
                "population": population,
                "source": ";".join(source),
                "note": "; ".join(notes),
            }
        )
    rows.sort(key=lambda r: int(r["place_id"].split(":")[1]))
    return rows


# --------------------------------------------------------------------------
# GeoJSON
# --------------------------------------------------------------------------


def polygonal(geom) -> MultiPolygon | Polygon:
    """Keep only the polygonal part of a geometry (``make_valid`` may add lines)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [
        g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))
    ]
    return shapely.union_all(parts)


def finish(geom):
    """Snap to a 1e-5 degree grid, make valid, orient rings the RFC 7946 way."""
    geom = polygonal(shapely.make_valid(shapely.set_precision(geom, 1e-5)))
    if isinstance(geom, Polygon):
        geom = orient(geom, 1.0)
    else:
        geom = MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if not geom.is_valid or geom.is_empty:
        raise SystemExit("derived geometry is not valid")
    return geom


def _ring_text(coords) -> str:
    return "[" + ",".join(f"[{fmt_coord(x)},{fmt_coord(y)}]" for x, y in coords) + "]"


def geometry_text(geom) -> str:
    """GeoJSON geometry with fixed five-decimal coordinates."""

    def polygon(p):
        return "[" + ",".join(_ring_text(r) for r in mapping(p)["coordinates"]) + "]"

    if isinstance(geom, Polygon):
        return '{"type":"Polygon","coordinates":' + polygon(geom) + "}"
    return (
        '{"type":"MultiPolygon","coordinates":['
        + ",".join(polygon(p) for p in geom.geoms)
        + "]}"
    )


def feature_collection_text(features: list[tuple[dict, object]]) -> str:
    lines = ['{"type":"FeatureCollection","features":[']
    for i, (props, geom) in enumerate(features):
        comma = "," if i < len(features) - 1 else ""
        lines.append(
            '{"type":"Feature","properties":'
            + json.dumps(props, ensure_ascii=False)
            + ',"geometry":'
            + geometry_text(geom)
            + "}"
            + comma
        )
    lines.append("]}")
    return "\n".join(lines) + "\n"


def count_holes(geom) -> int:
    parts = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    return sum(len(p.interiors) for p in parts)


def derive_geometry(
    governorates: gpd.GeoDataFrame, admin_rows: list[dict]
) -> tuple[str, str, dict]:
    names = {
        r["place_id"]: (r["name_en"], r["name_ar"])
        for r in admin_rows
        if r["kind"] == "governorate"
    }
    governorates = governorates.sort_values("PCODE").reset_index(drop=True)
    originals = list(governorates.geometry)
    # Simplify the governorates as one coverage, so that neighbours keep an identical
    # shared border (simplifying each polygon on its own leaves slivers and overlaps).
    simplified = [
        finish(g) for g in shapely.coverage_simplify(originals, SIMPLIFY_TOLERANCE)
    ]
    stats = {
        "vertices": {},
        "holes_in_outline": 0,
        "outline_method": "union of simplified governorates",
    }
    features = []
    for pcode, geom in zip(governorates["PCODE"], simplified):
        n = shapely.get_num_coordinates(geom)
        if n > MAX_VERTICES_PER_GOVERNORATE:
            raise SystemExit(f"{pcode}: {n} vertices after simplification")
        stats["vertices"][pcode] = int(n)
        name_en, name_ar = names[pcode]
        features.append(
            ({"place_id": pcode, "name_en": name_en, "name_ar": name_ar}, geom)
        )
    overlap = sum(
        a.intersection(b).area
        for i, a in enumerate(simplified)
        for b in simplified[i + 1 :]
    )
    stats["overlap_area"] = overlap

    outline = finish(shapely.union_all(simplified))
    if count_holes(outline):
        stats["holes_in_outline"] = count_holes(outline)
        stats["outline_method"] = "simplified union of the original polygons"
        outline = finish(
            shapely.union_all(originals).simplify(
                SIMPLIFY_TOLERANCE, preserve_topology=True
            )
        )
    stats["outline_vertices"] = int(shapely.get_num_coordinates(outline))
    gov_text = feature_collection_text(features)
    outline_text = feature_collection_text(
        [({"name_en": "Syria", "name_ar": "سوريا"}, outline)]
    )
    return gov_text, outline_text, stats


# --------------------------------------------------------------------------
# Writing and checks
# --------------------------------------------------------------------------


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow(
                [
                    fmt_coord(r[c]) if c in ("latitude", "longitude") else r.get(c, "")
                    for c in COLUMNS
                ]
            )


def check_places(label: str, rows: list[dict]) -> list[str]:
    """Names and bounds for every row; returns a report of shared coordinates."""
    for r in rows:
        if not r["name_en"] or not r["name_ar"]:
            raise SystemExit(f"{label} {r['place_id']}: missing a name")
        if not in_bounds(r["latitude"], r["longitude"]):
            raise SystemExit(
                f"{label} {r['place_id']}: coordinates outside Syria's bounds"
            )
    by_point: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        by_point.setdefault(
            (fmt_coord(r["latitude"]), fmt_coord(r["longitude"])), []
        ).append(r["place_id"])
    return [
        f"{label}: {', '.join(ids)} share ({lat}, {lon})"
        for (lat, lon), ids in sorted(by_point.items())
        if len(ids) > 1
    ]


def check_admin_centroids(
    rows: list[dict], governorates: gpd.GeoDataFrame
) -> list[str]:
    """Admin centroids that fall outside their own governorate polygon."""
    polygon = dict(zip(governorates["PCODE"], governorates.geometry))
    problems = []
    for r in rows:
        if (
            not polygon[r["admin1"]]
            .buffer(0.01)
            .contains(Point(r["longitude"], r["latitude"]))
        ):
            problems.append(
                f"{r['place_id']} ({r['name_en']}) centroid lies outside governorate {r['admin1']}"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="the shared reference folder")
    parser.add_argument(
        "--out",
        type=Path,
        default=DATA_DIR,
        help="output folder (default: gazetteer/data)",
    )
    args = parser.parse_args(argv)
    ref, out = args.reference, args.out

    # The DBF is UTF-8 although it looks like latin-1 to sniffers.
    governorates = gpd.read_file(ref / "syr_admin1.shp", encoding="utf-8")
    if governorates.crs is None or governorates.crs.to_epsg() != 4326:
        raise SystemExit("syr_admin1 is expected in WGS84")

    ocha_names = {
        p: (en, ar)
        for p, en, ar in zip(
            governorates["PCODE"], governorates["NAME_EN"], governorates["NAME_AR"]
        )
    }
    admin = derive_admin(ref, ocha_names)
    check_admin(admin)
    cities = derive_cities(ref, admin, governorates)
    ids = [r["place_id"] for r in admin + cities]
    if len(ids) != len(set(ids)):
        raise SystemExit("place_ids are not unique across admin.csv and cities.csv")
    shared = check_places("admin.csv", admin) + check_places("cities.csv", cities)
    misplaced = check_admin_centroids(admin, governorates)

    write_csv(out / "admin.csv", admin)
    write_csv(out / "cities.csv", cities)
    kinds = Counter(r["kind"] for r in cities)
    print(
        f"cities.csv: {len(cities)} rows ({kinds['city']} city, {kinds['town']} town)"
    )

    gov_text, outline_text, stats = derive_geometry(governorates, admin)
    for name, text in (
        ("governorates.geojson", gov_text),
        ("syria_outline.geojson", outline_text),
    ):
        data = text.encode("utf-8")
        if len(data) > MAX_GEOJSON_BYTES:
            raise SystemExit(f"{name} is {len(data)} bytes")
        (out / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    print(
        f"governorate vertices: {stats['vertices']} (total {sum(stats['vertices'].values())}); "
        f"overlap area between governorates {stats['overlap_area']:.2e} deg²"
    )
    print(f"outline: {stats['outline_method']}, {stats['outline_vertices']} vertices")

    for line in shared:
        print("shared coordinates:", line)
    for line in misplaced:
        print("check:", line)
    for r in cities:
        if r["note"]:
            print(f"note {r['place_id']} {r['name_en']}: {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
