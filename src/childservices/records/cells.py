"""Text cells of CSV files: made inert for spreadsheets when written, restored when read.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return) as a formula, so a CSV file with such a cell can run
code when opened ("CSV injection"). Every CSV file the library writes (the
seed-format export, ``--format csv`` output) passes its cells through
:func:`inert`, which puts an apostrophe before such a cell; the seed reader
passes every cell through :func:`restore`, which takes one away again, so an
export reads back as the same records. A number (``-5``, ``+1.5``) is left as
it is: a spreadsheet reads it as a number, not a formula.

>>> from childservices.records.cells import inert, restore
>>> inert("=HYPERLINK(\\"http://example.org\\")")
'\\'=HYPERLINK("http://example.org")'
>>> restore(inert("=1+1")), inert("-5"), inert("'Inadequate' council")
('=1+1', '-5', "'Inadequate' council")
"""

from __future__ import annotations

import re

__all__ = ["inert", "restore"]

_STARTS_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def inert(text: str) -> str:
    """``text`` as a cell a spreadsheet will not run as a formula (see the module)."""
    if text and _STARTS_FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text a cell written by :func:`inert` stood for (one leading apostrophe removed)."""
    if text.startswith("'") and _ESCAPED.match(text):
        return text[1:]
    return text
