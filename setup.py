"""Optional compiled build of the extractor's hot path (everything else is in pyproject.toml).

A plain ``pip install .`` installs pure Python. With ``GEO_COMPILE=1`` the modules below are compiled
to C extensions with mypyc (the same code, type-checked; about a quarter faster end to end, see
bench/README.md, "Extraction"). mypyc and a C compiler must then be in the environment that builds::

    pip install "mypy>=1.8" "setuptools>=69" wheel
    GEO_COMPILE=1 pip install --no-build-isolation .
"""

from __future__ import annotations

import os

from setuptools import setup

#: The per-token and per-sentence work of `geo extract`; compiled together, in this order.
COMPILED = [
    "geo/extract/tokens.py",
    "geo/extract/lexicon.py",
    "geo/extract/toponyms.py",
    "geo/extract/dates.py",
    "geo/extract/casualties.py",
    "geo/extract/sentences.py",
    "geo/extract/events.py",
    "geo/extract/actors.py",
    "geo/extract/document_view.py",
    "geo/extract/candidates.py",
    "geo/extract/incidents.py",
]

compiled = os.environ.get("GEO_COMPILE") == "1"
ext_modules = []
if compiled:
    from mypyc.build import mypycify

    ext_modules = mypycify(COMPILED, opt_level="3")

# Separate build folders, so that a plain build never picks up extension modules left by a compiled one.
setup(ext_modules=ext_modules, options={"build": {"build_base": "build/mypyc" if compiled else "build/pure"}})
