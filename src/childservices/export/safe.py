"""Writing files safely: the one safe writer, :mod:`childservices.records.safe`.

It lives with the records so that every writer, the drop-in tables below
the exporter included, uses it; this module keeps its names where the
exporter's users find them.
"""

from childservices.records.safe import (
    inert_cell,
    write_atomically,
    write_files,
    write_text_atomically,
)

__all__ = ["inert_cell", "write_atomically", "write_files", "write_text_atomically"]
