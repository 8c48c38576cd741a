"""Write the malformed-input corpus (``python tests/malformed/generate.py``).

Each file holds one thing that goes wrong with inputs from the wild; what
``geo validate`` must say about it, and its exit status, is in
``expected.csv`` beside this script (``{path}`` stands for the file's path).
The 50 MB field is not here: ``tests/test_validate.py`` makes it at test time.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

HERE = Path(__file__).parent
H = "event_id,event_date,event_type,sub_event_type,location,latitude,longitude,fatalities"
OK = "A1,2025-05-19,Battles,Armed clash,Deir ez-Zor,35.33588,40.14084,1"
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)
UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_name,side_a,side_b,source_office,"
    "source_date,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,country,"
    "date_prec,date_start,date_end,deaths_civilians,best,high,low"
)


def csv_text(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def feature_collection(*features: dict, **extra: object) -> bytes:  # type: ignore[type-arg]
    return json.dumps({"type": "FeatureCollection", **extra, "features": list(features)}, ensure_ascii=False).encode()


def incident_feature(lon: object, lat: object) -> dict:  # type: ignore[type-arg]
    props = {"event_id": "G1", "event_date": "2025-05-19", "event_type": "Battles", "sub_event_type": "Armed clash"}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def zone(ring: list[list[float]], **props: object) -> dict:  # type: ignore[type-arg]
    base = {"faction": "sdf", "valid_from": "2025-06-01", "kind": "control", "method": "drawn"}
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}, "properties": {**base, **props}}


SQUARE = [[40.0, 35.0], [40.5, 35.0], [40.5, 35.5], [40.0, 35.5], [40.0, 35.0]]
BOW_TIE = [[40.0, 35.0], [40.5, 35.5], [40.5, 35.0], [40.0, 35.5], [40.0, 35.0]]
ARABIC = "A1,2025-05-19,Battles,Armed clash,دير الزور,35.33588,40.14084,1"

CORPUS: dict[str, bytes] = {
    "empty.csv": b"",
    "blank_lines_only.csv": b"\n\n   \n",
    "header_only.csv": csv_text(H),
    "missing_required_columns.csv": csv_text("event_id,date,type", "A1,2025-05-19,Battles"),
    "unknown_column.csv": csv_text(H + ",colour", OK + ",red"),
    "bad_date.csv": csv_text(H, OK.replace("2025-05-19", "2025-13-45")),
    "bad_date_words.csv": csv_text(H, OK.replace("2025-05-19", "yesterday")),
    "month_first_date.csv": csv_text(H, OK.replace("2025-05-19", "05/19/2025")),
    "unknown_month.csv": csv_text(H, OK.replace("2025-05-19", "19 Maj 2025")),
    "future_date.csv": csv_text(H, OK.replace("2025-05-19", "2099-01-01")),
    "swapped_latitude_longitude.csv": csv_text(H, OK.replace("35.33588,40.14084", "40.14084,35.33588")),
    "latitude_out_of_range.csv": csv_text(H, OK.replace("35.33588", "95")),
    "longitude_out_of_range.csv": csv_text(H, OK.replace("40.14084", "200")),
    "outside_syria.csv": csv_text(H, OK.replace("35.33588,40.14084", "33.3152,44.3661")),
    "nan_latitude.csv": csv_text(H, OK.replace("35.33588", "NaN")),
    "infinite_fatalities.csv": csv_text(H, OK[:-1] + "inf"),
    "negative_fatalities.csv": csv_text(H, OK[:-1] + "-3"),
    "fractional_fatalities.csv": csv_text(H, OK[:-1] + "2.5"),
    "duplicate_ids.csv": csv_text(H, OK, OK.replace("Deir ez-Zor", "Hajin")),
    "unknown_event_type.csv": csv_text(H, OK.replace("Battles", "Skirmish")),
    "latitude_without_longitude.csv": csv_text(H, OK.replace("40.14084", "")),
    "bad_geo_precision.csv": csv_text(H + ",geo_precision", OK + ",4"),
    "date_end_before_event_date.csv": csv_text(H + ",date_end", OK + ",2025-05-01"),
    "empty_event_id.csv": csv_text(H, OK.replace("A1", "")),
    "mixed_digits.csv": csv_text(H, OK.replace("35.33588", "3٥.33588")),
    "arabic_indic_digits.csv": csv_text(
        H,
        "A1,١٩ أيار ٢٠٢٥,Battles,Armed clash,دير الزور,٣٥٫٣٣٥٨٨,٤٠٫١٤٠٨٤,١",
        "A2,۱۹ مايو ۲۰۲۵,Battles,Armed clash,دير الزور,۳۵٫۳۳۵۸۸,۴۰٫۱۴۰۸۴,۲",
        "A3,19 كانون الثاني 2025,Battles,Armed clash,دير الزور,35.33588,40.14084,3",
    ),
    "windows_1256.csv": (H + "\n" + ARABIC + "\n").encode("cp1256"),
    "utf16_bom.csv": (H + "\n" + ARABIC + "\n").encode("utf-16"),
    "utf16_without_bom.csv": (H + "\n" + ARABIC + "\n").encode("utf-16-le"),
    "utf8_bom.csv": codecs.BOM_UTF8 + csv_text(H, ARABIC),
    "binary_png.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "semicolons.csv": csv_text(H.replace(",", ";"), OK.replace(",", ";")),
    "extra_fields.csv": csv_text(H, OK + ",surplus,values"),
    "unterminated_quote.csv": csv_text(H, OK, 'A2,2025-05-19,Battles,Armed clash,"Hajin,34.69,40.83,1'),
    "acled_ok.csv": csv_text(
        ACLED_HEADER.upper(),
        "SYR1,19 May 2025,2025,1,Political violence,Battles,Armed clash,Islamic State,,2,SDF,,2,22,,760,"
        "Middle East,Syria,Deir ez Zor,Abu Kamal,Hajin,Al Bahra,34.727,40.790,1,Enab Baladi,National,"
        '"An attack on an SDF position.",1,,1748000000',
        "SYR2,2025-05-17,2025,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group,,3,"
        "Civilians,,7,37,Civilian targeting,760,Middle East,Syria,Aleppo,Jebel Saman,Jebel Saman,Aleppo,36.2012,"
        "37.1612,1,SOHR,National,,0,,1748000000",
    ),
    "acled_bad_date.csv": csv_text(
        ACLED_HEADER,
        "SYR1,31 Febuary 2025,2025,1,Political violence,Battles,Armed clash,Islamic State,,2,SDF,,2,22,,760,"
        "Middle East,Syria,Deir ez Zor,Abu Kamal,Hajin,Al Bahra,34.727,40.790,1,Enab Baladi,National,,1,,",
    ),
    "acled_missing_event_date.csv": csv_text(
        "event_id_cnty,event_type,sub_event_type,latitude,longitude", "SYR1,Battles,Armed clash,34.727,40.79"
    ),
    "ucdp_ok.csv": csv_text(
        UCDP_HEADER,
        "401,SYR-2019-1-1-1,2019,1,Clear,1,Syria:Government,Government of Syria,IS,Reuters,2019-03-02,1,"
        "Baghuz town,Baghuz,Dayr az Zawr governorate,Abu Kamal district,34.4539,40.9434,Syria,1,"
        "2019-03-01,2019-03-01,0,12,15,10",
        "402,SYR-2019-1-1-2,2019,1,Clear,3,IS - civilians,IS,Civilians,AFP,2019-03-05,6,Syria,Syria,,,"
        "35.0,38.5,Syria,4,2019-03-01,2019-03-20,3,3,3,3",
    ),
    "ucdp_bad_where_prec.csv": csv_text(
        UCDP_HEADER,
        "401,SYR-2019-1-1-1,2019,1,Clear,1,Syria:Government,Government of Syria,IS,Reuters,2019-03-02,9,"
        "Baghuz town,Baghuz,,,34.4539,40.9434,Syria,1,2019-03-01,2019-03-01,0,12,15,10",
    ),
    "ucdp_best_outside_low_high.csv": csv_text(
        UCDP_HEADER,
        "401,SYR-2019-1-1-1,2019,1,Clear,1,Syria:Government,Government of Syria,IS,Reuters,2019-03-02,1,"
        "Baghuz town,Baghuz,,,34.4539,40.9434,Syria,1,2019-03-01,2019-03-01,0,20,15,10",
    ),
    "truncated.geojson": feature_collection(incident_feature(40.14084, 35.33588))[:-30],
    "crs.geojson": feature_collection(
        incident_feature(40.14084, 35.33588),
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    ),
    "bare_feature.geojson": json.dumps(incident_feature(40.14084, 35.33588)).encode(),
    "one_coordinate.geojson": feature_collection(
        {**incident_feature(0, 0), "geometry": {"type": "Point", "coordinates": [40.1]}}
    ),
    "nan_coordinates.geojson": feature_collection(incident_feature(float("nan"), 35.33588)),
    "string_coordinates.geojson": feature_collection(incident_feature("40.1", "35.3")),
    "zones_self_intersecting.geojson": feature_collection(zone(BOW_TIE)),
    "zones_ring_too_short.geojson": feature_collection(zone([[40.0, 35.0], [40.5, 35.0], [40.0, 35.0]])),
    "zones_missing_faction.geojson": feature_collection(zone(SQUARE, faction=None)),
    "zones_bad_kind.geojson": feature_collection(zone(SQUARE, kind="ownership")),
    "zones_valid_to_before_valid_from.geojson": feature_collection(zone(SQUARE, valid_to="2025-01-01")),
    "zones_outside_syria.geojson": feature_collection(
        zone([[10.0, 50.0], [10.5, 50.0], [10.5, 50.5], [10.0, 50.5], [10.0, 50.0]])
    ),
    "bad_line.jsonl": (
        json.dumps(
            {
                "event_id": "J1",
                "event_date": "2025-05-19",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "location": "Hajin",
            }
        )
        + "\n{not json\n"
    ).encode(),
    "unknown_key.json": json.dumps(
        [
            {
                "event_id": "J1",
                "event_date": "2025-05-19",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "location": "Hajin",
                "colour": "red",
            }
        ]
    ).encode(),
    "not_records.json": b'"hello"',
    "deeply_nested.json": b"[" * 100_000 + b"]" * 100_000,
    "not_a_geopackage.gpkg": b"this is a text file, not a GeoPackage\n",
    "spreadsheet.xlsx": b"PK\x03\x04 not really a spreadsheet",
}


def main() -> None:
    for name, data in CORPUS.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(CORPUS)} files to {HERE}")


if __name__ == "__main__":
    main()
