"""Readers and writers of incidents and zones, chosen by file name ending."""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError
from geo.io.base import IncidentReader, IncidentWriter, ReadResult, ZoneWriter
from geo.io.csv_format import CsvReader, CsvWriter
from geo.io.geojson import GeoJsonReader, GeoJsonWriter
from geo.io.records import Rejection, incident_from_record, parse_date

__all__ = [
    "FORMATS",
    "IncidentReader",
    "IncidentWriter",
    "ReadResult",
    "Rejection",
    "ZoneWriter",
    "incident_from_record",
    "parse_date",
    "read_incidents",
    "reader_for",
    "writer_for",
]

_READERS: tuple[IncidentReader, ...] = (CsvReader(), GeoJsonReader())
#: Export formats by name.
FORMATS: dict[str, GeoJsonWriter | CsvWriter] = {"geojson": GeoJsonWriter(), "csv": CsvWriter()}


def reader_for(path: Path) -> IncidentReader:
    """The reader for a file, by its name ending."""
    suffix = Path(path).suffix.lower()
    for reader in _READERS:
        if suffix in reader.suffixes:
            return reader
    known = sorted({s for r in _READERS for s in r.suffixes})
    raise InputError(f"{path}: unknown file type {suffix!r} (known: {', '.join(known)})")


def writer_for(format_name: str) -> GeoJsonWriter | CsvWriter:
    """The writer for an export format name."""
    try:
        return FORMATS[format_name]
    except KeyError:
        raise InputError(f"unknown format {format_name!r} (known: {', '.join(FORMATS)})") from None


def read_incidents(paths: list[Path]) -> ReadResult:
    """Read every file; a missing or unreadable file raises `InputError`."""
    result = ReadResult()
    for path in paths:
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        result.extend(reader_for(path).read(Path(path)))
    return result
