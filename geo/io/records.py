"""Turning flat records (CSV rows, GeoJSON properties) into Incidents."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.errors import InputError
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["REQUIRED_COLUMNS", "Rejection", "incident_from_record", "parse_date"]

#: Columns without which a row cannot become an incident.
REQUIRED_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type")

_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


@dataclass(frozen=True)
class Rejection:
    """A row that could not be read: where it was, and a message that names file, row and value."""

    file: str
    row: int | str
    message: str

    def __str__(self) -> str:
        return self.message


def parse_date(text: str) -> dt.date:
    """Parse an ISO date (``2025-05-19``) or a day-first one (``19/05/2025``).

    Examples
    --------
    >>> parse_date("19/05/2025")
    datetime.date(2025, 5, 19)
    """
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text[:10])


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _convert(column: str, raw: str) -> Any:
    if column in ("event_date", "date_end", "source_date"):
        return parse_date(raw) if raw else None
    if column in ("latitude", "longitude"):
        if not raw:
            return None
        number = float(raw)
        if math.isnan(number) or math.isinf(number):
            raise ValueError("not a finite number")
        return number
    if column in ("time_precision", "geo_precision"):
        return int(float(raw)) if raw else 1
    if column in ("fatalities", "injuries"):
        if not raw:
            return None
        number = float(raw)
        if not number.is_integer():
            raise ValueError("not a whole number")
        return int(number)
    return raw


def incident_from_record(record: Mapping[str, Any], *, file: str, row: int | str) -> Incident:
    """Build an Incident from a flat record, or raise `InputError` naming file, row, column and value."""
    where = f"{file}, row {row}"
    for column in REQUIRED_COLUMNS:
        if not _text(record.get(column)):
            raise InputError(f"{where}, column {column!r}: required value is empty")
    values: dict[str, Any] = {}
    for column in INCIDENT_COLUMNS:
        raw = _text(record.get(column))
        try:
            values[column] = _convert(column, raw)
        except ValueError as err:
            raise InputError(f"{where}, column {column!r}: cannot read {raw!r} ({err})") from err
    try:
        return Incident(**values)
    except InputError as err:
        raise InputError(f"{where}: {err}") from err
