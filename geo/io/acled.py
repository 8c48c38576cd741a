"""ACLED export CSVs: read them as downloaded, write them with ACLED's exact columns.

ACLED's column list and order (since the March 2023 change that added
``disorder_type``, ``civilian_targeting`` and ``tags``) are those of its
export tool and API, as also listed by ACLED's own R client (acledR's API
tests): see `ACLED_COLUMNS`. Files are recognised by their ``event_id_cnty``
column. Older exports (``data_id``, ``iso3``, ``event_id_no_cnty``, upper
case names) are read too.

The incident contract has a few fields ACLED has no column for
(``date_end``, ``place_id``, ``injuries``, ``source_url``, ``source_date``,
``language``). The writer keeps them in ACLED's free-form ``tags`` column
as ``geo:name=value`` tags, and the reader takes them back, so that an
export read again gives the same records.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

from gazetteer import LonLat
from gazetteer.boundaries import admin1_at
from geo.io.atomic import atomic_write
from geo.io.base import IncidentWriter
from geo.io.csv_format import format_cell
from geo.io.records import Problem
from geo.io.table import TableReader
from geo.models import Incident

__all__ = ["ACLED_COLUMNS", "AcledReader", "AcledWriter", "disorder_type"]

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
_LEGACY_COLUMNS = ("data_id", "iso3", "event_id_no_cnty")
# ACLED columns that are the contract's under the same name.
_SAME = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
# Contract fields with no ACLED column: carried in `tags` as geo:name=value.
_TAGGED = ("date_end", "place_id", "injuries", "source_url", "source_date", "language")
_TAG = re.compile(r"^geo:([a-z_]+)=(.*)$", re.S)
_SYRIA_ISO = "760"


def _quote(value: str) -> str:
    return value.replace("%", "%25").replace(";", "%3B").replace("\n", "%0A").replace("\r", "%0D")


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's ``disorder_type`` for an event type and sub-event type (ACLED's 2023 rules).

    Examples
    --------
    >>> disorder_type("Battles", "Armed clash"), disorder_type("Riots", "Mob violence")
    ('Political violence', 'Political violence; Demonstrations')
    """
    if sub_event_type in ("Excessive force against protesters", "Mob violence"):
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


class AcledReader(TableReader):
    """Reads an ACLED export CSV as downloaded (dates ``19 May 2025`` or ISO, any case of column name).

    ACLED's ``geo_precision`` and ``time_precision`` (1–3) mean what the
    contract's do and are kept; ``event_id_cnty`` becomes ``event_id``.
    ACLED columns the contract has no place for (``inter1``, ``tags`` other
    than ``geo:`` ones, ``timestamp`` …) are not read.
    """

    kind = "an ACLED export"
    required: ClassVar[tuple[str, ...]] = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
    known: ClassVar[frozenset[str]] = frozenset({*ACLED_COLUMNS, *_LEGACY_COLUMNS})

    @classmethod
    def detect(cls, header: Sequence[str]) -> bool:
        return "event_id_cnty" in header

    def convert(self, row: Mapping[str, str], *, file: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
        record: dict[str, Any] = {name: row.get(name, "") for name in _SAME}
        record["event_id"] = row.get("event_id_cnty", "")
        for tag in (row.get("tags") or "").split(";"):
            match = _TAG.match(tag.strip())
            if match and match.group(1) in _TAGGED:
                record[match.group(1)] = unquote(match.group(2))
        return record, []


class AcledWriter(IncidentWriter):
    """Writes an ACLED-format CSV: ACLED's 31 columns in ACLED's order, ISO dates.

    Columns the contract does not know (``inter1``, ``source_scale``,
    ``timestamp`` …) are left empty; ``iso``/``region``/``country`` are
    filled for points inside Syria; contract-only fields go to ``tags``.
    """

    suffixes = (".csv",)

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        with atomic_write(path) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(ACLED_COLUMNS)
            for incident in incidents:
                row = self.row(incident)
                writer.writerow(row[c] for c in ACLED_COLUMNS)

    @staticmethod
    def row(incident: Incident) -> dict[str, str]:
        """One incident as an ACLED row (every value as text)."""
        record = incident.to_record()
        row = dict.fromkeys(ACLED_COLUMNS, "")
        for name in _SAME:
            row[name] = format_cell(record[name])
        row["event_id_cnty"] = incident.event_id
        row["year"] = str(incident.event_date.year)
        row["disorder_type"] = disorder_type(incident.event_type, incident.sub_event_type)
        if incident.event_type == "Violence against civilians":
            row["civilian_targeting"] = "Civilian targeting"
        if incident.is_placed and admin1_at(LonLat(incident.longitude, incident.latitude)):  # type: ignore[arg-type]
            row.update(iso=_SYRIA_ISO, region="Middle East", country="Syria")
        row["tags"] = "; ".join(
            f"geo:{name}={_quote(format_cell(record[name]))}" for name in _TAGGED if record[name] not in (None, "")
        )
        return row
