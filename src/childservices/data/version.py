"""The bundled record's data version: written by ``tools/build_bundle.py``, checked in CI.

Do not edit: rebuild the bundle from the seeds.
"""

DATA_VERSION = "2026-08-20.5858eeadb8ae5a59"
"""The bundled record's version: the newest publication date among its sources and a
digest of the seed files it was built from. Cite it beside an answer; it changes
whenever any fact does, apart from the library's own ``__version__``."""
