"""Readers and writers of incidents and zones, chosen by file name ending (and, for CSV, header).

Readers: the incident CSV, ACLED exports, UCDP GED (all ``.csv``, told apart
by their header), JSON and JSON Lines, GeoJSON, and GeoPackage, Shapefile,
KML and FlatGeobuf through GDAL. Writers: see `FORMATS`.
"""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError
from geo.io.acled import AcledReader, AcledWriter
from geo.io.base import IncidentReader, IncidentWriter, ReadResult, UnplacedRow, ZoneWriter
from geo.io.csv_format import CsvReader, CsvWriter
from geo.io.geojson import GeoJsonReader, GeoJsonWriter
from geo.io.gpkg import GpkgWriter
from geo.io.jsonl import JsonLinesReader, JsonLinesWriter, JsonReader
from geo.io.kml import KmlWriter
from geo.io.ogr import OgrReader
from geo.io.records import Problem, Rejection, incident_from_record, parse_date, parse_number
from geo.io.table import MissingColumnsError, TableReader, header_of
from geo.io.ucdp import UcdpReader

__all__ = [
    "FORMATS",
    "IncidentReader",
    "IncidentWriter",
    "MissingColumnsError",
    "Problem",
    "ReadResult",
    "Rejection",
    "UnplacedRow",
    "ZoneWriter",
    "incident_from_record",
    "parse_date",
    "parse_number",
    "read_incidents",
    "reader_for",
    "writer_for",
]

#: Table formats, most specific first: the first whose `detect` accepts the header reads the file.
_TABLES: tuple[TableReader, ...] = (AcledReader(), UcdpReader(), CsvReader())
_READERS: tuple[IncidentReader, ...] = (
    CsvReader(),
    JsonReader(),
    JsonLinesReader(),
    GeoJsonReader(),
    OgrReader(),
)
#: Export formats by name (``geo export --format``).
FORMATS: dict[str, IncidentWriter] = {
    "geojson": GeoJsonWriter(),
    "gpkg": GpkgWriter(),
    "kml": KmlWriter(),
    "csv": CsvWriter(),
    "acled": AcledWriter(),
    "jsonl": JsonLinesWriter(),
}


def reader_for(path: Path) -> IncidentReader:
    """The reader for a file: by its name ending, and for a table by its header (ACLED, UCDP GED, ours).

    Examples
    --------
    >>> from seeds import seed_path
    >>> type(reader_for(seed_path("incidents.csv"))).__name__
    'CsvReader'
    """
    suffix = Path(path).suffix.lower()
    if suffix in TableReader.suffixes:
        header = header_of(Path(path))
        return next(t for t in _TABLES if t.detect(header))
    for reader in _READERS:
        if suffix in reader.suffixes:
            return reader
    known = sorted({s for r in _READERS for s in r.suffixes})
    raise InputError(f"{path}: unknown file type {suffix!r} (known: {', '.join(known)})")


def writer_for(format_name: str) -> IncidentWriter:
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
