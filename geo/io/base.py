"""Base classes of incident readers and writers (one module per format)."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.io.records import Problem, RecordResult, Rejection
from geo.models import Incident, Zone

__all__ = ["IncidentReader", "IncidentWriter", "LayeredWriter", "ReadResult", "UnplacedRow", "ZoneWriter"]


@dataclass
class ReadResult:
    """What a reader got from its files: the good incidents, every rejected row, and warnings.

    ``origins`` gives, for each incident, the file and row it came from (for
    messages about duplicates and the like). Every data row of the input is
    either in ``incidents`` or in ``rejected``: the counts add up.
    """

    incidents: list[Incident] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    origins: list[tuple[str, int | str]] = field(default_factory=list)

    def add(self, incident: Incident, file: str, row: int | str) -> None:
        """Add one incident read from *file* at *row*."""
        self.incidents.append(incident)
        self.origins.append((file, row))

    def take(self, outcome: RecordResult, file: str, row: int | str, record: Mapping[str, Any]) -> None:
        """Keep what one record became (its incident, or its rejection) and its warnings."""
        self.warnings.extend(outcome.warnings)
        if outcome.incident is None:
            self.rejected.append(outcome.rejection(file, row, record))
        else:
            self.add(outcome.incident, file, row)

    def extend(self, other: ReadResult) -> None:
        """Add another file's result to this one."""
        self.origins.extend([("", "")] * (len(self.incidents) - len(self.origins)))
        theirs = [*other.origins, *[("", "")] * (len(other.incidents) - len(other.origins))]
        self.incidents.extend(other.incidents)
        self.origins.extend(theirs[: len(other.incidents)])
        self.rejected.extend(other.rejected)
        self.warnings.extend(other.warnings)

    @property
    def rows(self) -> int:
        """How many data rows were read, good or rejected."""
        return len(self.incidents) + len(self.rejected)


@dataclass(frozen=True)
class UnplacedRow:
    """A row for the "unplaced" report: the record (contract columns, as read) and why it is there."""

    record: Mapping[str, Any]
    reason: str


class IncidentReader(abc.ABC):
    """Reads incidents from one file format."""

    #: File name endings this reader handles (lower case, with the dot).
    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def read(self, path: Path) -> ReadResult:
        """Read every row; bad rows go to ``rejected``, never raise for one row.

        Raises `geo.errors.InputError` when the file as a whole cannot be read.
        """


class IncidentWriter(abc.ABC):
    """Writes incidents to one file format, atomically."""

    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        """Write *incidents* to *path*."""

    def write_all(
        self,
        incidents: Sequence[Incident],
        path: Path,
        *,
        zones: Iterable[Zone] = (),
        unplaced: Iterable[UnplacedRow] = (),
    ) -> None:
        """Write *incidents*, and the zones and unplaced rows where the format has room for them.

        The default writes the incidents only; formats with layers or
        folders (GeoPackage, KML) override it.
        """
        self.write(incidents, path)


class ZoneWriter(abc.ABC):
    """Writes zones to one file format, atomically."""

    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def write_zones(self, zones: Iterable[Zone], path: Path) -> None:
        """Write *zones* to *path*."""


class LayeredWriter(IncidentWriter, ZoneWriter):
    """A format with room for incidents, zones and unplaced rows in one file (GeoPackage, KML)."""

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        self.write_all(incidents, path)

    def write_zones(self, zones: Iterable[Zone], path: Path) -> None:
        self.write_all([], path, zones=zones)

    @abc.abstractmethod
    def write_all(
        self,
        incidents: Sequence[Incident],
        path: Path,
        *,
        zones: Iterable[Zone] = (),
        unplaced: Iterable[UnplacedRow] = (),
    ) -> None:
        """Write incidents, zones and unplaced rows into one file."""
