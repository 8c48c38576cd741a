"""UCDP Georeferenced Event Dataset (GED) CSVs.

GED events are lethal events of organised violence; their fields map onto
the incident contract as follows (documented in the README, "Formats"):

- ``event_id`` is ``UCDP-`` and the GED ``id``; ``actor1``/``actor2`` are
  ``side_a``/``side_b``; ``fatalities`` is the ``best`` estimate (``low``
  and ``high`` go to ``notes``; ``low ≤ best ≤ high`` is checked).
- ``type_of_violence`` 1 (state-based) and 2 (non-state) become
  *Battles / Armed clash*, 3 (one-sided) *Violence against civilians /
  Attack*. GED does not say how a death was caused (shelling, air strike,
  clash), so these are the closest ACLED types, not a recoding of the event.
- ``where_prec`` 1 (exact place) → ``geo_precision`` 1; 2 (within 25 km)
  and 3 (a district) → 2; 4 (a governorate) and 5 (a region or a line such
  as a road or river) → 3. 6 (only the country) and 7 (international
  waters or air space) keep no coordinates: GED's point is then a country
  centroid, not a place, so the event is reported as unplaced rather than
  pinned where it did not happen.
- ``date_start``/``date_end`` become ``event_date``/``date_end``;
  ``time_precision`` is 1 for one day, 2 for a range of at most 7 days
  (GED ``date_prec`` 2–3), 3 beyond (``date_prec`` 4–5), whichever of the
  range and ``date_prec`` is vaguer.
- ``location`` is ``where_coordinates`` (the name of the place the
  coordinates stand for); ``admin1``/``admin2`` are ``adm_1``/``adm_2``
  without GED's "governorate"/"district" suffix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from geo.io.records import Problem, parse_date, parse_number, problem
from geo.io.table import TableReader

__all__ = ["GED_COLUMNS", "UcdpReader"]

#: The columns of UCDP GED's CSV release.
GED_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
_VIOLENCE = {
    1: ("Battles", "Armed clash", "state-based conflict"),
    2: ("Battles", "Armed clash", "non-state conflict"),
    3: ("Violence against civilians", "Attack", "one-sided violence"),
}
_GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_NO_PLACE = {6: "only the country is known", 7: "international waters or air space"}
_DATE_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_SUFFIX = re.compile(r"\s+(governorate|province|district|muhafazah|nahiyah|mintaqah)$", re.I)


def _code(row: Mapping[str, str], column: str, allowed: Sequence[int]) -> int | None:
    text = row.get(column, "").strip()
    if not text:
        return None
    try:
        number = parse_number(text)
    except ValueError:
        return -1
    return int(number) if number.is_integer() and int(number) in allowed else -1


class UcdpReader(TableReader):
    """Reads a UCDP GED CSV (recognised by ``where_prec``, ``date_start`` and ``type_of_violence``)."""

    kind = "a UCDP GED file"
    required: ClassVar[tuple[str, ...]] = ("id", "date_start", "type_of_violence", "where_prec")
    known: ClassVar[frozenset[str]] = frozenset(GED_COLUMNS)

    @classmethod
    def detect(cls, header: Sequence[str]) -> bool:
        return {"where_prec", "date_start", "type_of_violence"} <= set(header)

    def convert(self, row: Mapping[str, str], *, file: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
        problems: list[Problem] = []

        def bad(column: str, text: str) -> None:
            problems.append(problem(file, line, column, row.get(column, ""), text))

        record: dict[str, Any] = {
            "event_id": f"UCDP-{row['id'].strip()}" if row.get("id", "").strip() else "",
            "event_date": row.get("date_start", ""),
            "actor1": row.get("side_a", ""),
            "actor2": row.get("side_b", ""),
            "location": row.get("where_coordinates", "").strip() or row.get("where_description", ""),
            "admin1": _SUFFIX.sub("", row.get("adm_1", "").strip()),
            "admin2": _SUFFIX.sub("", row.get("adm_2", "").strip()),
            "latitude": row.get("latitude", ""),
            "longitude": row.get("longitude", ""),
            "fatalities": row.get("best", ""),
            "source": "; ".join(x for x in ("UCDP GED", row.get("source_office", "").strip()) if x),
        }
        violence = _code(row, "type_of_violence", tuple(_VIOLENCE))
        if violence is None or violence < 0:
            bad("type_of_violence", f"{row.get('type_of_violence', '')!r} is not 1, 2 or 3")
        else:
            record["event_type"], record["sub_event_type"], violence_name = _VIOLENCE[violence]
        where = _code(row, "where_prec", range(1, 8))
        if where is None or where < 0:
            bad("where_prec", f"{row.get('where_prec', '')!r} is not 1 to 7")
        elif where in _NO_PLACE:
            record["latitude"] = record["longitude"] = ""
            record["geo_precision"] = 3
        else:
            record["geo_precision"] = _GEO_PRECISION[where]
        start_text, end_text = row.get("date_start", "").strip(), row.get("date_end", "").strip()
        precision = _DATE_PRECISION.get(_code(row, "date_prec", range(1, 6)) or 1, 1)
        start: dt.date | None = None
        end: dt.date | None = None
        try:
            start = parse_date(start_text)
            end = parse_date(end_text) if end_text else None
        except ValueError:
            pass  # the contract conversion reports the bad date
        if start and end and end != start:
            record["date_end"] = end_text
            span = (end - start).days
            precision = max(precision, 1 if span <= 0 else 2 if span <= 6 else 3)
        record["time_precision"] = precision
        source_date = row.get("source_date", "").split(";")[0].strip()
        try:
            record["source_date"] = parse_date(source_date).isoformat() if source_date else ""
        except ValueError:
            record["source_date"] = ""
        estimates = {}
        for column in ("low", "best", "high"):
            text = row.get(column, "").strip()
            if text:
                try:
                    estimates[column] = parse_number(text)
                except ValueError:
                    if column != "best":  # best is read (and reported) as fatalities
                        bad(column, f"cannot read {text!r} (not a number)")
        if {"low", "best", "high"} <= set(estimates) and not estimates["low"] <= estimates["best"] <= estimates["high"]:
            low, best, high = (row[k].strip() for k in ("low", "best", "high"))
            bad("best", f"best {best!r} is not between low {low!r} and high {high!r}")
        notes = []
        if violence and violence > 0:
            conflict = row.get("conflict_name", "").strip()
            notes.append(f"UCDP GED {violence_name}" + (f" ({conflict})" if conflict else ""))
        if estimates:
            figures = [f"{k} {row[k].strip()}" for k in ("best", "low", "high") if k in estimates]
            notes.append("deaths: " + ", ".join(figures))
        if where in _NO_PLACE:
            notes.append(f"where_prec {where}: {_NO_PLACE[where]}")
        for column in ("where_description", "source_headline"):
            if row.get(column, "").strip():
                notes.append(row[column].strip())
        record["notes"] = "; ".join(notes)
        return record, problems
