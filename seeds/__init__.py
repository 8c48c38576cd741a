"""The embedded seed dataset: facts reported in five Arabic news articles (see README.md here).

This package holds data only; `geo.seeds` reads it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["seed_path"]


def seed_path(name: str) -> Path:
    """Path of a file in the installed seed dataset."""
    return Path(str(resources.files(__name__) / name))
