"""The project's own CSV: one incident per row, columns as in the incident contract."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from geo.io.atomic import atomic_write
from geo.io.base import IncidentWriter
from geo.io.records import REQUIRED_COLUMNS
from geo.io.table import TableReader
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["CsvReader", "CsvWriter", "format_cell"]


def format_cell(value: object) -> str:
    """A record value as CSV text: empty for None, floats to 6 decimals.

    Examples
    --------
    >>> format_cell(None), format_cell(35.3358812), format_cell(40.0)
    ('', '35.335881', '40')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


class CsvReader(TableReader):
    """Reads the incident-schema CSV (UTF-8 with or without BOM, UTF-16, Windows-1256).

    Column names are matched without regard to case; ``reason`` (the column
    the unplaced report adds) is accepted and ignored.

    Examples
    --------
    >>> from seeds import seed_path
    >>> len(CsvReader().read(seed_path("incidents.csv")).incidents)
    23
    """

    kind = "the incident CSV"
    required: ClassVar[tuple[str, ...]] = REQUIRED_COLUMNS
    known: ClassVar[frozenset[str]] = frozenset({*INCIDENT_COLUMNS, "reason"})

    @classmethod
    def detect(cls, header: Sequence[str]) -> bool:
        return True


class CsvWriter(IncidentWriter):
    """Writes incidents in the incident-schema CSV (UTF-8, no BOM), contract column order."""

    suffixes = (".csv",)

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        with atomic_write(path) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(INCIDENT_COLUMNS)
            for incident in incidents:
                record = incident.to_record()
                writer.writerow(format_cell(record[c]) for c in INCIDENT_COLUMNS)
