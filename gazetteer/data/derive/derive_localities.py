"""Derive ``localities.csv``: Syrian towns and villages beyond ``cities.csv`` and ``curated.csv``.

Run by hand, from the repository root, after ``derive_reference.py``::

    python gazetteer/data/derive/derive_localities.py ../shared/reference \\
        --geonames /tmp/gaz/geonames_sy_excerpt.tsv

Inputs (none of them is read by the project at run time or in tests):

* ``<reference>/cities-sy_prayer-times.json``: 1,822 Syrian localities derived
  from Wikidata (CC0): ``nameAr``, ``nameEn``, ``lat``, ``lng``, sometimes ``pop``.
  Some rows are wrong; the checks below find and drop or correct them.
* ``<reference>/SY_cities15000_2012.tsv``: GeoNames ``cities15000`` rows for
  Syria, used here only to cross-check coordinates and names.
* ``--geonames``: optional tab-separated excerpt of the GeoNames Syria dump
  (CC BY 4.0), one populated place per line: ``geonameid, name, asciiname,
  latitude, longitude, feature_code, admin1_code, population, arabic_names``
  (Arabic names comma-separated, the one matching the main name first). Lines
  starting with ``#`` are comments. It is kept outside the repository; the data
  README says where it was taken from.
* The project's own ``admin.csv``, ``cities.csv``, ``curated.csv``,
  ``governorates.geojson`` and ``syria_outline.geojson``.

Output: ``localities.csv`` next to ``SCHEMA.md``, sorted by ``place_id``,
coordinates with five decimals, ``\\n`` line endings. Fix a data problem by
editing the correction tables below and re-running, not by editing the output.

Checks, in order (each dropped or corrected row is counted in the report):

1. The point must lie inside Syria's outline, or within ``OUTLINE_SLACK_KM`` of
   it (the simplified outline is up to ~3 km off the OCHA border); further out
   the row is dropped.
2. ``REFERENCE_DROPS``: rows checked by hand and found wrong.
3. A reference row whose English *and* Arabic names are those of a town in
   ``cities.csv``/``curated.csv`` but that lies more than ``WRONG_TOWN_KM`` away
   from it is taken to carry the wrong coordinates for that town and dropped.
4. Arabic/English consistency: a rough consonant skeleton of the Arabic name is
   compared with the English one; rows that disagree are reported, and the ones
   checked by hand are listed in ``REFERENCE_DROPS`` or ``NAME_OK``.
5. Rows that share one coordinate with a differently named row: the coordinate
   can belong to at most one of them. The one confirmed by GeoNames (same name
   within ``MATCH_KM``) keeps it; the others are dropped.
6. Same place twice (same Arabic key or same English name within ``MERGE_KM``):
   merged into one row, the other spellings kept as aliases.
7. Places already in ``cities.csv``/``curated.csv`` (same GeoNames id, or same
   name within ``EXISTING_KM``) are left out.
8. GeoNames rows: the point must fall in the governorate that GeoNames' own
   admin1 code names (or within ``ADMIN1_SLACK_KM`` of it); this also catches
   copying mistakes in the excerpt.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_reference import (
    DATA_DIR,
    arabic_key,
    clean_aliases,
    fmt_coord,
    km,
    read_geonames,
    script_of,
    write_csv,
)

OUTLINE_SLACK_KM = 3.0
WRONG_TOWN_KM = 20.0
MATCH_KM = 3.0
MERGE_KM = 2.0
EXISTING_KM = 5.0
ADMIN1_SLACK_KM = 5.0
SEAT_MAX_KM = 40.0
KM_PER_DEGREE = 111.0

#: GeoNames admin1 codes for Syria -> OCHA governorate P-codes.
GEONAMES_ADMIN1 = {
    "01": "SY08",  # Al-Hasakah
    "02": "SY06",  # Latakia
    "03": "SY14",  # Quneitra
    "04": "SY11",  # Raqqa
    "05": "SY13",  # As-Suwayda
    "06": "SY12",  # Daraa
    "07": "SY09",  # Deir ez-Zor
    "08": "SY03",  # Rif Dimashq
    "09": "SY02",  # Aleppo
    "10": "SY05",  # Hama
    "11": "SY04",  # Homs
    "12": "SY07",  # Idlib
    "13": "SY01",  # Damascus
    "14": "SY10",  # Tartus
}

#: Short, stable governorate slugs for ``loc-<governorate>-<name>`` ids.
GOVERNORATE_SLUG = {
    "SY01": "damascus",
    "SY02": "aleppo",
    "SY03": "rif-dimashq",
    "SY04": "homs",
    "SY05": "hama",
    "SY06": "latakia",
    "SY07": "idlib",
    "SY08": "hasakah",
    "SY09": "deir-ez-zor",
    "SY10": "tartus",
    "SY11": "raqqa",
    "SY12": "daraa",
    "SY13": "suwayda",
    "SY14": "quneitra",
}

# --------------------------------------------------------------------------
# Hand-made corrections. Key: (nameAr, nameEn) of the reference row.
# --------------------------------------------------------------------------

#: Reference rows checked by hand and dropped, with the reason.
REFERENCE_DROPS: dict[tuple[str, str], str] = {
    ("شهبا", "Shahba"): (
        "the point (35.19, 37.09) lies in Hama near Salamiyah; Shahba is the Suwayda town"
        " (GeoNames 164626, 32.855, 36.629), already in cities.csv"
    ),
    ("القورية", "Al-Quriyah"): (
        "the row repeats the coordinate of Diban (ذيبان); al-Quriyah lies further"
        " down the Euphrates, and no independent coordinate was available"
    ),
    ("جديدة", "Daraa"): (
        "Arabic 'Jdeideh' labelled 'Daraa' with Daraa's population: the names do not"
        " refer to the same place; Daraa itself is in curated.csv"
    ),
    ("الغارية", "Al Ghariyah"): (
        "the point is about 15 km south of the Syrian border, in Jordan"
    ),
}

#: Reference rows whose English name and Arabic name refer to different places
#: (or whose Arabic is not a place name at all): dropped, since the coordinate
#: cannot be attributed to either name.
NAME_MISMATCH_DROPS: dict[tuple[str, str], str] = {
    ("الثورة لن تكون متلفزة", "Thawra, Salamiyah"): "the Arabic label is a slogan, not a place name",
    ("أبو الفشافيش", "Abul Gor"): "Arabic Abu al-Fashafish vs English Abu al-Ghor",
    ("أبو دالي", "Abu Khanadeq"): "Arabic Abu Dali vs English Abu Khanadeq",
    ("أبو دريخة", "Abul Hul"): "Arabic Abu Durikha vs English Abu al-Hul",
    ("الإسماعيلية", "Al-Mukhtariyah"): "Arabic al-Isma'iliyah vs English al-Mukhtariyah",
    ("الدويلية", "Dweira"): "Arabic al-Duwayliyah vs English Dweira",
    ("الدير", "Diyabiyeh"): "Arabic al-Deir vs English Diyabiyeh",
    ("الضحى", "Matina"): "Arabic al-Duha vs English Matina",
    ("دامس", "Khneizir"): "Arabic Dames vs English Khneizir",
}

#: Reference rows whose Arabic and English names look different but were
#: checked by hand and do name the same place (official Arabic renaming, usual
#: English form, or Kurdish/Turkish form). The English name is kept.
NAME_OK: set[tuple[str, str]] = {
    ("تدمر", "Palmyra"),
    ("الثورة", "Tabqa"),
    ("العرين", "Qasrok"),
    ("بخعة", "Al-Sarkha"),
    ("تل العمارة", "Amarnah"),
    ("إسرية", "Ithriya"),
    ("الطيبة", "Tiba Safira"),
}

#: Reference rows whose English name is a word-for-word translation of the
#: Arabic ("Eastern thirsty"), or a Turkish/Kurdish form: the English name is
#: replaced by a romanisation of the Arabic and the source's form kept as alias.
NAME_EN_FIXES: dict[tuple[str, str], str] = {
    ("عطشانة شرقية", "Eastern thirsty"): "Atshana Sharqiyah",
    ("قلعة حديد", "Hadid Castle"): "Qalaat Hadid",
    ("قلعة عليان", "Elayan Castle"): "Qalaat Elayan",
    ("قلعة نجم", "Nejem Castle"): "Qalaat Najm",
    ("الهرط الشرقي", "Eastern Hart"): "Al-Hart al-Sharqi",
    ("جنوب جديعة", "Southern Jdeiah"): "Janoub Jdeiah",
    ("مفكر الشرقي", "Eastern Mafkar"): "Mafkar al-Sharqi",
    ("مفكر الغربي", "Western Mafkar"): "Mafkar al-Gharbi",
    ("مكيمن شمالي", "Northern Mkeimin"): "Mkeimin Shamali",
    ("الزيزفون", "İğde"): "Al-Zayzafun",
    ("قباسين", "Başköy"): "Qabasin",
    ("القحطانية", "Tirbespî"): "Al-Qahtaniyah",
}

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_AR_TO_SKELETON = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "", "خ": "k", "د": "d",
    "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "", "ة": "", "ع": "", "ء": "", "أ": "", "إ": "",
    "آ": "", "ا": "", "ى": "", "ي": "", "و": "", "ئ": "", "ؤ": "", "پ": "b",
    "گ": "g", "چ": "j", "ڤ": "f",
}
_EN_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"),
                ("gh", "g"), ("dj", "j"), ("ph", "f"), ("ou", ""), ("ck", "k"))
_EN_MAP = {"q": "k", "c": "k", "x": "k", "g": "g", "v": "f", "p": "b", "e": "",
           "a": "", "i": "", "o": "", "u": "", "y": "", "w": "", "h": ""}
_ARTICLE = re.compile(r"\b(al|el|ad|ed|as|es|ash|esh|at|et|ar|er|az|ez|an|en|adh|ath|ul)[- ]", re.I)


def ascii_fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if not unicodedata.combining(c))


def arabic_skeleton(value: str) -> str:
    words = [w.removeprefix("ال") if len(w) > 3 else w for w in arabic_key_words(value)]
    out = "".join(_AR_TO_SKELETON.get(c, "") for c in "".join(words))
    return re.sub(r"(.)\1+", r"\1", out)


def arabic_key_words(value: str) -> list[str]:
    value = re.sub(r"[\u0640\u064B-\u0652\u0670]", "", value)
    value = re.sub("[أإآ]", "ا", value)
    return value.split()


def english_skeleton(value: str) -> str:
    value = ascii_fold(value).lower()
    value = re.sub(r"['`‘’ʿʾ]", "", value)
    value = _ARTICLE.sub(" ", " " + value)
    value = re.sub(r"[^a-z]", "", value)
    for a, b in _EN_DIGRAPHS:
        value = value.replace(a, b)
    value = "".join(_EN_MAP.get(c, c) for c in value)
    return re.sub(r"(.)\1+", r"\1", value)


def names_agree(name_ar: str, name_en: str) -> bool:
    a, e = arabic_skeleton(name_ar), english_skeleton(name_en)
    if not a or not e:
        return True
    if a in e or e in a:
        return True
    return difflib.SequenceMatcher(None, a, e).ratio() >= 0.6


def english_key(value: str) -> str:
    """Loose key for English names: accents, articles, hyphens and spaces removed."""
    value = ascii_fold(value).lower()
    value = re.sub(r"['`‘’ʿʾ]", "", value)
    value = _ARTICLE.sub(" ", " " + value)
    return re.sub(r"[^a-z]", "", value)


_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a",
    "ة": "a", "ء": "'", "ئ": "'", "ؤ": "'",
}


def transliterate(name_ar: str) -> str:
    """A plain, deterministic romanisation used only where no English name exists.

    Consonants map one to one, ``ال`` becomes ``al-``, long vowels are written as
    their letters (w, y read as u, i between consonants). It is readable, not a
    scholarly transcription; rows that use it say so in ``note``.
    """
    words = []
    for word in arabic_key_words(name_ar):
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        out = []
        for i, c in enumerate(word):
            t = _TRANSLIT.get(c, "")
            if c in "وي" and 0 < i < len(word) - 1:
                t = "u" if c == "و" else "i"
            elif c == "ي" and i == len(word) - 1 and i > 0:
                t = "i"
            out.append(t)
        text = "".join(out).strip("'")
        words.append(prefix + text)
    name = " ".join(w for w in words if w)
    return name[:1].upper() + name[1:]


_PAREN = re.compile(r"\s*[(（][^)）]*[)）]")


def clean_reference_names(name_ar: str, name_en: str) -> tuple[str, str, list[str], list[str]]:
    """Strip disambiguators and combined labels from a reference row's names.

    ``الطيبة (تدمر)`` -> ``الطيبة``; ``Al-Taybah (Deraa Governorate)`` ->
    ``Al-Taybah``; ``الطيبة، حلب`` -> ``الطيبة``; an English label that joins two
    names with `` - `` keeps the part that matches the Arabic, the other part
    becomes an alias. Hand fixes from ``NAME_EN_FIXES`` apply last.
    """
    aliases, notes = [], []
    ar = _PAREN.sub("", name_ar.replace("\u0640", "")).split("،")[0].strip()
    en = _PAREN.sub("", name_en).strip()
    en = re.sub(r",\s*[^,]*(Governorate|Province|District)$", "", en).strip()
    if " - " in en:
        parts = [p.strip() for p in en.split(" - ") if p.strip()]
        best = max(parts, key=lambda p: difflib.SequenceMatcher(
            None, arabic_skeleton(ar), english_skeleton(p)).ratio())
        aliases += [p for p in parts if p != best]
        notes.append(f"source English label '{name_en}' split; '{best}' matches the Arabic")
        en = best
    fixed = NAME_EN_FIXES.get((name_ar, name_en))
    if fixed:
        aliases.append(en)
        notes.append(f"source English '{name_en}' is a translation or non-Arabic form; name_en romanised from the Arabic")
        en = fixed
    if ar != name_ar and ar:
        notes.append(f"disambiguator removed from the Arabic label '{name_ar}'")
    return ar or name_ar, en, aliases, notes


def slugify(value: str) -> str:
    value = ascii_fold(value).lower()
    value = re.sub(r"['`‘’ʿʾ]", "", value)
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


def clean_english(value: str) -> str:
    """GeoNames ASCII names use backticks for ayn: ``Tall `Afar`` -> ``Tall 'Afar``."""
    return value.replace("`", "'").strip()


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def read_table(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_excerpt(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) != 9:
                raise SystemExit(f"{path}: bad line {line!r}")
            arabic = [a.strip() for a in f[8].split(",") if a.strip()]
            rows.append(
                {
                    "geonameid": f[0],
                    "name": f[1],
                    "asciiname": f[2],
                    "lat": float(f[3]),
                    "lon": float(f[4]),
                    "feature_code": f[5],
                    "admin1_code": f[6],
                    "population": int(f[7] or 0),
                    "arabic": [a for a in arabic if script_of(a) == "arabic"],
                }
            )
    return rows


def cities15000_as_excerpt(path: Path) -> list[dict]:
    rows = []
    for rec in read_geonames(path):
        alts = [a.strip() for a in rec["alternatenames"].split(",") if a.strip()]
        rows.append(
            {
                "geonameid": rec["geonameid"],
                "name": rec["name"],
                "asciiname": rec["asciiname"],
                "lat": float(rec["latitude"]),
                "lon": float(rec["longitude"]),
                "feature_code": rec["feature_code"],
                "admin1_code": rec["admin1_code"],
                "population": int(rec["population"] or 0),
                "arabic": [a for a in alts if script_of(a) == "arabic"],
                "latin": [a for a in alts if script_of(a) == "latin"],
            }
        )
    return rows


class Geo:
    """Governorate polygons, the national outline and the admin units."""

    def __init__(self, data_dir: Path) -> None:
        gj = json.loads((data_dir / "governorates.geojson").read_text("utf-8"))
        self.govs = [(f["properties"]["place_id"], shape(f["geometry"])) for f in gj["features"]]
        for _, g in self.govs:
            shapely.prepare(g)
        ol = json.loads((data_dir / "syria_outline.geojson").read_text("utf-8"))
        self.outline = shape(ol["features"][0]["geometry"])
        shapely.prepare(self.outline)
        admin = read_table(data_dir / "admin.csv")
        self.by_id = {r["place_id"]: r for r in admin}
        self.subdistricts = [r for r in admin if r["kind"] == "subdistrict"]
        self.sub_keys = {
            r["place_id"]: {
                arabic_key(n) for n in [r["name_ar"], *r["aliases"].split("|")]
                if n and script_of(n) == "arabic"
            }
            for r in self.subdistricts
        }

    def outside_km(self, lat: float, lon: float) -> float:
        p = Point(lon, lat)
        return 0.0 if self.outline.contains(p) else self.outline.distance(p) * KM_PER_DEGREE

    def governorate(self, lat: float, lon: float) -> tuple[str, float]:
        """(P-code, km outside its polygon) — 0 when the point is inside one."""
        p = Point(lon, lat)
        for pcode, g in self.govs:
            if g.contains(p):
                return pcode, 0.0
        pcode, g = min(self.govs, key=lambda t: t[1].distance(p))
        return pcode, g.distance(p) * KM_PER_DEGREE

    def distance_to_governorate_km(self, pcode: str, lat: float, lon: float) -> float:
        g = dict(self.govs)[pcode]
        p = Point(lon, lat)
        return 0.0 if g.contains(p) else g.distance(p) * KM_PER_DEGREE

    def subdistrict(self, admin1: str, lat: float, lon: float, arabic_names: list[str]):
        """(P-code, how) for the subdistrict: seat-name match or nearest centroid."""
        here = (lat, lon)
        cands = sorted(
            (s for s in self.subdistricts if s["admin1"] == admin1),
            key=lambda s: km(here, (float(s["latitude"]), float(s["longitude"]))),
        )
        keys = {arabic_key(a) for a in arabic_names if a}
        for s in cands:
            d = km(here, (float(s["latitude"]), float(s["longitude"])))
            if d <= SEAT_MAX_KM and self.sub_keys[s["place_id"]] & keys:
                return s["place_id"], "seat", d
        s = cands[0]
        return s["place_id"], "nearest", km(here, (float(s["latitude"]), float(s["longitude"])))


# --------------------------------------------------------------------------
# Derivation
# --------------------------------------------------------------------------


def near(items, lat, lon, limit_km):
    return [(km((lat, lon), (i["lat"], i["lon"])), i) for i in items
            if abs(i["lat"] - lat) < limit_km / 100 + 0.01
            and km((lat, lon), (i["lat"], i["lon"])) <= limit_km]


def same_name(a_ar: set[str], a_en: set[str], b_ar: set[str], b_en: set[str]) -> bool:
    return bool((a_ar & b_ar) or (a_en & b_en))


def derive(reference: Path, excerpt_path: Path | None, data_dir: Path):
    geo = Geo(data_dir)
    report: dict[str, list[str]] = defaultdict(list)

    # Existing populated places (cities.csv, curated.csv) for exclusion.
    existing = []
    for table in ("cities.csv", "curated.csv"):
        for r in read_table(data_dir / table):
            names = [r["name_en"], r["name_ar"], *r["aliases"].split("|")]
            existing.append({
                "place_id": r["place_id"],
                "table": table,
                "kind": r["kind"],
                "lat": float(r["latitude"]),
                "lon": float(r["longitude"]),
                "ar": {arabic_key(n) for n in names if n and script_of(n) == "arabic"},
                "en": {english_key(n) for n in names if n and script_of(n) == "latin"},
                "main_ar": arabic_key(r["name_ar"]),
                "main_en": english_key(r["name_en"]),
            })
    existing_gids = {e["place_id"].split(":")[1] for e in existing if e["place_id"].startswith("geonames:")}
    for r in read_table(data_dir / "curated.csv"):
        for s in r["source"].split(";"):
            if s.startswith("geonames:"):
                existing_gids.add(s.split(":")[1])

    # GeoNames: the excerpt (new places + checks) and cities15000 (checks only).
    c15 = cities15000_as_excerpt(reference / "SY_cities15000_2012.tsv")
    excerpt = read_excerpt(excerpt_path) if excerpt_path else []
    for g in c15 + excerpt:
        g["ar_keys"] = {arabic_key(a) for a in g["arabic"]}
        g["en_keys"] = {english_key(g["asciiname"]), english_key(g["name"])} | {
            english_key(a) for a in g.get("latin", [])}
    gn_all = c15 + excerpt

    # ---- reference rows -------------------------------------------------
    raw = json.loads((reference / "cities-sy_prayer-times.json").read_text("utf-8"))
    report["reference rows read"].append(str(len(raw)))
    ref = []
    for i, r in enumerate(raw):
        source_ar = " ".join(r["nameAr"].split())
        source_en = " ".join((r.get("nameEn") or "").split())
        name_ar, name_en, extra, notes = clean_reference_names(source_ar, source_en)
        if script_of(name_ar) != "arabic":
            report["dropped: no Arabic name in the source"].append(f"{source_ar} / {source_en}")
            continue
        pop = r.get("pop")
        ref.append({
            "source_key": (source_ar, source_en),
            "idx": i, "name_ar": name_ar, "name_en": name_en,
            "lat": float(r["lat"]), "lon": float(r["lng"]),
            "pop": int(pop) if pop else None,
            "ar_keys": {arabic_key(name_ar)},
            "en_keys": {english_key(name_en)} if name_en else set(),
            "aliases": extra, "notes": notes, "gid": None,
        })
    kept = []
    for r in ref:
        label = f"{r['name_ar']} / {r['name_en'] or '-'} ({r['lat']:.4f}, {r['lon']:.4f})"
        key = r["source_key"]
        if key in NAME_MISMATCH_DROPS:
            report["dropped: Arabic and English names refer to different places"].append(
                f"{label}: {NAME_MISMATCH_DROPS[key]}")
            continue
        if key in REFERENCE_DROPS:
            report["dropped: checked by hand"].append(f"{label}: {REFERENCE_DROPS[key]}")
            continue
        out = geo.outside_km(r["lat"], r["lon"])
        if out > OUTLINE_SLACK_KM:
            report["dropped: outside Syria"].append(f"{label}: {out:.1f} km outside the outline")
            continue
        if out > 0:
            r["notes"].append(f"point {out:.1f} km outside the simplified national outline (border or coast)")
        # Wrong coordinates for a known town (both names match, far away).
        wrong = [e for e in existing
                 if r["name_en"] and e["main_en"] in r["en_keys"] and e["main_ar"] in r["ar_keys"]
                 and km((r["lat"], r["lon"]), (e["lat"], e["lon"])) > WRONG_TOWN_KM]
        if wrong:
            e = wrong[0]
            d = km((r["lat"], r["lon"]), (e["lat"], e["lon"]))
            report["dropped: wrong coordinates for a known town"].append(
                f"{label}: same names as {e['place_id']} but {d:.0f} km away")
            continue
        # Arabic/English consistency (reported; hand decisions in the tables above).
        if (r["name_en"] and (r["name_ar"], r["name_en"]) not in NAME_OK
                and not names_agree(r["name_ar"], r["name_en"])):
            r["name_mismatch"] = True
            report["check: Arabic and English names look different"].append(label)
        kept.append(r)
    ref = kept

    # GeoNames confirmation for each reference row.
    for r in ref:
        cands = [(d, g) for d, g in near(gn_all, r["lat"], r["lon"], MATCH_KM)
                 if same_name(r["ar_keys"], r["en_keys"], g["ar_keys"], g["en_keys"])]
        if cands:
            d, g = min(cands, key=lambda t: t[0])
            r["gid"] = g["geonameid"]
            r["gn"] = g
            r["gn_km"] = d

    # Shared coordinates between differently named rows.
    by_point = defaultdict(list)
    for r in ref:
        by_point[(round(r["lat"], 4), round(r["lon"], 4))].append(r)
    drop_ids = set()
    for pt, rows in sorted(by_point.items()):
        if len(rows) < 2:
            continue
        ar = {r["name_ar"] for r in rows}
        if len(ar) == 1:
            continue  # the same place twice; merged below
        confirmed = [r for r in rows if r["gid"]]
        keep = confirmed[0] if len(confirmed) == 1 else None
        for r in rows:
            if r is keep:
                r["notes"].append("another reference row had the same coordinate; GeoNames confirms this one")
                continue
            drop_ids.add(r["idx"])
            others = ", ".join(x["name_ar"] for x in rows if x is not r)
            report["dropped: coordinate shared with another place"].append(
                f"{r['name_ar']} / {r['name_en'] or '-'} {pt}: same point as {others}"
                + ("" if keep else "; none confirmed by GeoNames"))
    ref = [r for r in ref if r["idx"] not in drop_ids]

    # Merge duplicates (same Arabic key or same English name within MERGE_KM).
    ref.sort(key=lambda r: (-(r["pop"] or 0), r["idx"]))
    merged: list[dict] = []
    for r in ref:
        twin = None
        for _, m in near(merged, r["lat"], r["lon"], MERGE_KM):
            if same_name(r["ar_keys"], r["en_keys"], m["ar_keys"], m["en_keys"]):
                twin = m
                break
        if twin is None:
            merged.append(r)
            continue
        twin["aliases"] += [r["name_ar"], r["name_en"]]
        twin["ar_keys"] |= r["ar_keys"]
        twin["en_keys"] |= r["en_keys"]
        if not twin["name_en"] and r["name_en"]:
            twin["name_en"] = r["name_en"]
        twin["pop"] = twin["pop"] or r["pop"]
        twin["gid"] = twin["gid"] or r["gid"]
        if "gn" in r and "gn" not in twin:
            twin["gn"], twin["gn_km"] = r["gn"], r["gn_km"]
        report["merged: same place twice in the reference file"].append(
            f"{r['name_ar']} / {r['name_en'] or '-'} into {twin['name_ar']} / {twin['name_en']}")
    ref = merged

    # Same name far apart: homonyms are common in Syria; reported only.
    by_name = defaultdict(list)
    for r in ref:
        by_name[arabic_key(r["name_ar"])].append(r)
    for _, rows in sorted(by_name.items()):
        if len(rows) > 1:
            dmax = max(km((a["lat"], a["lon"]), (b["lat"], b["lon"])) for a in rows for b in rows)
            if dmax > 50:
                report["info: same Arabic name more than 50 km apart (kept as homonyms)"].append(
                    f"{rows[0]['name_ar']}: {len(rows)} rows, up to {dmax:.0f} km apart")

    # ---- GeoNames excerpt rows ----------------------------------------------
    matched_gids = {r["gid"] for r in ref if r["gid"]}
    used_points = {(round(r["gn"]["lat"] if "gn" in r else r["lat"], 5),
                    round(r["gn"]["lon"] if "gn" in r else r["lon"], 5)) for r in ref}
    gn_new = []
    for g in sorted(excerpt, key=lambda g: int(g["geonameid"])):
        label = f"geonames:{g['geonameid']} {g['asciiname']}"
        if g["geonameid"] in matched_gids:
            continue
        if not g["arabic"]:
            continue
        out = geo.outside_km(g["lat"], g["lon"])
        if out > OUTLINE_SLACK_KM:
            report["dropped: outside Syria"].append(f"{label}: {out:.1f} km outside the outline")
            continue
        want = GEONAMES_ADMIN1.get(g["admin1_code"])
        if want:
            d = geo.distance_to_governorate_km(want, g["lat"], g["lon"])
            if d > ADMIN1_SLACK_KM:
                report["dropped: GeoNames point outside its own governorate"].append(
                    f"{label}: {d:.0f} km outside {want}")
                continue
        # Same place as a reference row (name within MATCH_KM, or any name within 0.5 km)?
        twin = None
        for _, r in near(ref, g["lat"], g["lon"], MATCH_KM):
            if same_name(r["ar_keys"], r["en_keys"], g["ar_keys"], g["en_keys"]):
                twin = r
                break
        if twin is not None:
            continue
        point = (round(g["lat"], 5), round(g["lon"], 5))
        if point in used_points:
            report["dropped: coordinate shared with another place"].append(
                f"{label}: GeoNames gives the same point as another feature already kept")
            continue
        used_points.add(point)
        gn_new.append(g)

    # ---- Build rows ---------------------------------------------------------
    rows = []
    for r in ref:
        rows.append(build_reference_row(r, geo, report))
    for g in gn_new:
        rows.append(build_geonames_row(g, geo, report))

    # Exclude places already in cities.csv / curated.csv.
    out_rows = []
    for row in rows:
        gid = row["_gid"]
        hit = None
        if gid and gid in existing_gids:
            hit = f"geonames:{gid}"
        else:
            for e in existing:
                d = km((row["latitude"], row["longitude"]), (e["lat"], e["lon"]))
                if d <= EXISTING_KM and (row["_ar"] & e["ar"] or row["_en"] & e["en"]):
                    hit = e["place_id"]
                    break
        if hit:
            report["left out: already in cities.csv or curated.csv"].append(
                f"{row['name_ar']} / {row['name_en']} = {hit}")
            continue
        out_rows.append(row)
    rows = out_rows

    # Unique place_ids (slug collisions get -2, -3 ... in coordinate order).
    rows.sort(key=lambda r: (r["place_id"], r["latitude"], r["longitude"]))
    seen = Counter()
    for row in rows:
        seen[row["place_id"]] += 1
        if seen[row["place_id"]] > 1:
            row["place_id"] = f"{row['place_id']}-{seen[row['place_id']]}"
    rows.sort(key=lambda r: r["place_id"])
    return rows, report


def kind_for(pop: int | None, seat: bool) -> str:
    if pop is not None and pop >= 100_000:
        return "city"
    if (pop is not None and pop >= 10_000) or seat:
        return "town"
    return "village"


def place_admin(geo: Geo, lat: float, lon: float, arabic_names: list[str], notes: list[str]):
    admin1, out = geo.governorate(lat, lon)
    if out:
        notes.append(f"point {out:.1f} km outside the OCHA governorate polygons; admin1 is the nearest")
    admin3, how, d = geo.subdistrict(admin1, lat, lon, arabic_names)
    sub = geo.by_id[admin3]
    if how == "seat":
        notes.append(f"admin3 by name: seat of subdistrict {sub['name_en']}")
    else:
        notes.append(f"admin3 approximate: nearest subdistrict centroid ({sub['name_en']}, {d:.0f} km)")
    return admin1, sub["admin2"], admin3, how == "seat"


def build_reference_row(r: dict, geo: Geo, report) -> dict:
    notes = list(r["notes"])
    name_ar, name_en = r["name_ar"], r["name_en"]
    g = r.get("gn")
    lat, lon = r["lat"], r["lon"]
    source = ["wikidata"]
    aliases = list(r["aliases"])
    if g is not None:
        source.append(f"geonames:{g['geonameid']}")
        notes.insert(0, f"Wikidata point agrees with GeoNames {g['geonameid']} ({r['gn_km']:.1f} km); GeoNames coordinate used")
        lat, lon = g["lat"], g["lon"]
        aliases += [g["name"], clean_english(g["asciiname"]), *g["arabic"]]
        if not name_en:
            name_en = clean_english(g["asciiname"])
            notes.append("English name from GeoNames (none in the reference row)")
    else:
        notes.insert(0, "Wikidata point, inside Syria; no GeoNames feature of that name within 3 km in the excerpt used")
    if not name_en:
        name_en = transliterate(name_ar)
        notes.append("no English name in the sources: name_en is a plain romanisation of the Arabic made by the script")
    if r.get("name_mismatch"):
        notes.append("Arabic and English spellings differ markedly; kept as given by the source")
    admin1, admin2, admin3, seat = place_admin(geo, lat, lon, [name_ar, *[a for a in aliases if script_of(a) == "arabic"]], notes)
    pop = r["pop"]
    gid = r["gid"]
    place_id = f"geonames:{gid}" if gid else f"loc-{GOVERNORATE_SLUG[admin1]}-{slugify(name_en) or 'x'}"
    return finish_row(place_id, kind_for(pop, seat), name_en, name_ar, aliases, lat, lon,
                      admin1, admin2, admin3, pop, source, notes, gid, r["ar_keys"], r["en_keys"])


def build_geonames_row(g: dict, geo: Geo, report) -> dict:
    notes = [f"GeoNames {g['feature_code']} feature; point inside its GeoNames governorate"]
    name_en = clean_english(g["asciiname"])
    name_ar = g["arabic"][0]
    aliases = [g["name"], *g["arabic"][1:]]
    pop = g["population"] if g["population"] >= 100 else None
    admin1, admin2, admin3, seat = place_admin(geo, g["lat"], g["lon"], g["arabic"], notes)
    return finish_row(f"geonames:{g['geonameid']}", kind_for(pop, seat or g["feature_code"].startswith("PPLA")),
                      name_en, name_ar, aliases, g["lat"], g["lon"], admin1, admin2, admin3, pop,
                      [f"geonames:{g['geonameid']}"], notes, g["geonameid"], g["ar_keys"], g["en_keys"])


def finish_row(place_id, kind, name_en, name_ar, aliases, lat, lon, admin1, admin2, admin3,
               pop, source, notes, gid, ar_keys, en_keys) -> dict:
    aliases = clean_aliases([a for a in aliases if a], (name_en, name_ar))
    aliases = [a for a in aliases if not re.fullmatch(r"[A-Z]{2,4}", a)
               and not (script_of(a) == "latin" and sum(c.isalpha() for c in a) < 4)]
    return {
        "place_id": place_id,
        "kind": kind,
        "name_en": name_en,
        "name_ar": name_ar,
        "aliases": "|".join(aliases),
        "latitude": round(lat, 5),
        "longitude": round(lon, 5),
        "country": "SY",
        "admin1": admin1,
        "admin2": admin2,
        "admin3": admin3,
        "parent_id": admin3 or admin2 or admin1,
        "population": pop if pop else "",
        "source": ";".join(source),
        "note": "; ".join(notes),
        "_gid": gid,
        "_ar": set(ar_keys) | {arabic_key(name_ar)},
        "_en": set(en_keys) | {english_key(name_en)},
    }


# --------------------------------------------------------------------------
# Checks and main
# --------------------------------------------------------------------------


def check(rows: list[dict], data_dir: Path) -> list[str]:
    problems = []
    other_ids = set()
    for table in ("admin.csv", "cities.csv", "curated.csv"):
        other_ids |= {r["place_id"] for r in read_table(data_dir / table)}
    ids = [r["place_id"] for r in rows]
    if len(ids) != len(set(ids)):
        problems.append("duplicate place_id in localities.csv")
    clash = sorted(set(ids) & other_ids)
    if clash:
        problems.append(f"place_id also used in another table: {clash[:10]}")
    points = Counter((fmt_coord(r["latitude"]), fmt_coord(r["longitude"])) for r in rows)
    dup = [p for p, n in points.items() if n > 1]
    if dup:
        problems.append(f"{len(dup)} coordinates used by more than one row: {dup[:5]}")
    for r in rows:
        if not r["name_ar"] or script_of(r["name_ar"]) != "arabic" or not r["name_en"]:
            problems.append(f"{r['place_id']}: names incomplete")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="the shared reference folder")
    parser.add_argument("--geonames", type=Path, help="GeoNames excerpt (TSV, see above)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    parser.add_argument("--report", type=Path, help="write the full check report here")
    args = parser.parse_args(argv)

    rows, report = derive(args.reference, args.geonames, DATA_DIR)
    problems = check(rows, DATA_DIR)
    write_csv(args.out / "localities.csv", rows)

    kinds = Counter(r["kind"] for r in rows)
    govs = Counter(r["admin1"] for r in rows)
    sources = Counter("geonames+wikidata" if r["source"].startswith("wikidata;") else
                      r["source"].split(":")[0] for r in rows)
    lines = [f"localities.csv: {len(rows)} rows; kinds {dict(sorted(kinds.items()))}",
             f"by source: {dict(sorted(sources.items()))}",
             f"by governorate: {dict(sorted(govs.items()))}"]
    for key in sorted(report):
        lines.append(f"{key}: {len(report[key]) if key != 'reference rows read' else report[key][0]}")
    text = "\n".join(lines)
    print(text)
    if args.report:
        full = [text, ""]
        for key in sorted(report):
            full.append(f"## {key}")
            full += [f"  {x}" for x in report[key]]
        args.report.write_text("\n".join(full) + "\n", encoding="utf-8")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
