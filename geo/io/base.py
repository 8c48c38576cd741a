"""Base classes of incident readers and writers (one module per format)."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.io.records import Rejection
from geo.models import Incident, Zone

__all__ = ["IncidentReader", "IncidentWriter", "ReadResult", "ZoneWriter"]


@dataclass
class ReadResult:
    """What a reader got from a file: the good incidents and every rejected row."""

    incidents: list[Incident] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        """Add another file's result to this one."""
        self.incidents.extend(other.incidents)
        self.rejected.extend(other.rejected)


class IncidentReader(abc.ABC):
    """Reads incidents from one file format."""

    #: File name endings this reader handles (lower case, with the dot).
    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def read(self, path: Path) -> ReadResult:
        """Read every row; bad rows go to ``rejected``, never raise for one row."""


class IncidentWriter(abc.ABC):
    """Writes incidents to one file format, atomically."""

    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        """Write *incidents* to *path*."""


class ZoneWriter(abc.ABC):
    """Writes zones to one file format, atomically."""

    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def write_zones(self, zones: Iterable[Zone], path: Path) -> None:
        """Write *zones* to *path*."""
