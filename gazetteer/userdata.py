"""Where a user's own gazetteer lives (imported GeoNames dumps, own places, the online cache)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["USER_DIR_ENV", "user_dir"]

#: Environment variable that overrides the user gazetteer folder.
USER_DIR_ENV = "GEO_GAZETTEER_DIR"


def user_dir() -> Path:
    """The user gazetteer folder: ``$GEO_GAZETTEER_DIR``, else ``$XDG_DATA_HOME/geo-syria``.

    Examples
    --------
    >>> os.environ[USER_DIR_ENV] = "/tmp/gaz"
    >>> str(user_dir())
    '/tmp/gaz'
    >>> del os.environ[USER_DIR_ENV]
    """
    override = os.environ.get(USER_DIR_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "geo-syria"
