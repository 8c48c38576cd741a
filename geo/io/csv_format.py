"""The project's own CSV: one incident per row, columns as in the incident contract."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from geo.errors import InputError
from geo.io.atomic import atomic_write
from geo.io.base import IncidentReader, IncidentWriter, ReadResult
from geo.io.records import REQUIRED_COLUMNS, Rejection, incident_from_record
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["CsvReader", "CsvWriter", "format_cell"]


def format_cell(value: object) -> str:
    """A record value as CSV text: empty for None, floats to 6 decimals."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


class CsvReader(IncidentReader):
    """Reads the incident-schema CSV (UTF-8, with or without BOM)."""

    suffixes = (".csv",)

    def read(self, path: Path) -> ReadResult:
        result = ReadResult()
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                header = reader.fieldnames or []
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise InputError(f"{path}: missing required column(s) {', '.join(map(repr, missing))}")
                for row_number, row in enumerate(reader, start=2):
                    try:
                        result.incidents.append(incident_from_record(row, file=str(path), row=row_number))
                    except InputError as err:
                        result.rejected.append(Rejection(str(path), row_number, str(err)))
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
        return result


class CsvWriter(IncidentWriter):
    """Writes incidents in the incident-schema CSV, contract column order."""

    suffixes = (".csv",)

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        with atomic_write(path) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(INCIDENT_COLUMNS)
            for incident in incidents:
                record = incident.to_record()
                writer.writerow(format_cell(record[c]) for c in INCIDENT_COLUMNS)
