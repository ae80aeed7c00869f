"""Writing a drop-in table as an OpenDocument spreadsheet (``.ods``), the format of Ofsted's
official statistics.

Written with odfpy (the ``ods`` extra: ``pip install 'childservices[ods]'``),
imported only here and only when a file is written. The sheet is laid out as
:class:`~childservices.layouts.writing.Sheet` says: the title and notes above
the header, the header in bold, then the rows. What each cell becomes:

- text: a text cell (``office:value-type="string"``), never a formula,
  whatever it starts with; characters XML cannot hold are written as
  ``\\xNN`` escapes;
- a whole number: a number cell;
- a day: a date cell, shown in the column's format (``31/03/2025``);
- a :class:`~childservices.layouts.Link`: a text cell showing the link's
  text, the text linked to the address (a readers' pandas sees the text, as
  it sees the text of Ofsted's ``HYPERLINK`` formulas);
- nothing known: an empty cell.

The file is written through :func:`~childservices.records.safe.write_atomically`:
whole or not at all, never through a link.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

from childservices.extras import require
from childservices.layouts.cells import Cell, Link
from childservices.layouts.writing import Sheet, storable
from childservices.records.safe import write_atomically

__all__ = ["write_ods"]

_FEATURE = "writing an ODS spreadsheet"
_BOLD = "bold"
_TITLE = "title"


def write_ods(path: str | os.PathLike[str], sheet: Sheet) -> None:
    """Write an ODS spreadsheet with one sheet, ``sheet``, at ``path`` (replacing a file there).

    Raises :class:`~childservices.MissingExtraError` without odfpy, and
    :class:`~childservices.ExportError` when the file cannot be written.
    """
    opendocument = require("odf.opendocument", feature=_FEATURE)
    table_module = require("odf.table", feature=_FEATURE)
    document = opendocument.OpenDocumentSpreadsheet()
    date_styles = _add_styles(document, set(sheet.date_formats.values()))
    table = table_module.Table(name=sheet.name)
    table.addElement(table_module.TableColumn(numbercolumnsrepeated=len(sheet.columns)))
    for n, line in enumerate(sheet.above):
        table.addElement(_text_row([line], _TITLE if n == 0 else None))
    table.addElement(_text_row(list(sheet.columns), _BOLD))
    styles = [date_styles.get(sheet.date_formats.get(c, "")) for c in sheet.columns]
    formats = [sheet.date_formats.get(c, "%Y-%m-%d") for c in sheet.columns]
    for row in sheet.rows:
        line = table_module.TableRow()
        for value, style, pattern in zip(row, styles, formats, strict=True):
            line.addElement(_cell(value, style, pattern))
        table.addElement(line)
    document.spreadsheet.addElement(table)
    write_atomically(path, lambda target: document.save(os.fspath(target)), overwrite=True)


def _add_styles(document: Any, patterns: set[str]) -> Mapping[str, str]:
    """Add the bold and title cell styles, and a date style for each ``strftime`` pattern;
    return each pattern's cell style name."""
    style = require("odf.style", feature=_FEATURE)
    number = require("odf.number", feature=_FEATURE)
    for name, size in ((_BOLD, None), (_TITLE, "14pt")):
        cell_style = style.Style(name=name, family="table-cell")
        properties = {"fontweight": "bold"} | ({"fontsize": size} if size else {})
        cell_style.addElement(style.TextProperties(**properties))
        document.automaticstyles.addElement(cell_style)
    names = {}
    for n, pattern in enumerate(sorted(patterns)):
        data_style = number.DateStyle(name=f"date-format-{n}")
        parts = pattern.split("%")[1:]
        for k, part in enumerate(parts):
            code, separator = part[:1], part[1:]
            if code == "d":
                data_style.addElement(number.Day(style="long"))
            elif code == "m":
                data_style.addElement(number.Month(style="long"))
            else:  # Y (four digits) or y (two)
                data_style.addElement(number.Year(style="long" if code == "Y" else "short"))
            if separator and k < len(parts) - 1:
                data_style.addElement(number.Text(text=separator))
        document.automaticstyles.addElement(data_style)
        cell_style = style.Style(
            name=f"date-{n}", family="table-cell", datastylename=f"date-format-{n}"
        )
        document.automaticstyles.addElement(cell_style)
        names[pattern] = f"date-{n}"
    return names


def _paragraph(text: str) -> Any:
    """A paragraph holding ``text`` as it is (spaces kept, unstorable characters escaped)."""
    odf_text = require("odf.text", feature=_FEATURE)
    teletype = require("odf.teletype", feature=_FEATURE)
    paragraph = odf_text.P()
    teletype.addTextToElement(paragraph, storable(text))
    return paragraph


def _text_row(texts: list[str], style: str | None) -> Any:
    """A row of text cells (the title, a note, the header)."""
    table_module = require("odf.table", feature=_FEATURE)
    row = table_module.TableRow()
    for text in texts:
        cell = table_module.TableCell(valuetype="string", **({"stylename": style} if style else {}))
        cell.addElement(_paragraph(text))
        row.addElement(cell)
    return row


def _cell(value: Cell, date_style: str | None, pattern: str) -> Any:
    """One cell of a row: see the module's list."""
    table_module = require("odf.table", feature=_FEATURE)
    if value is None:
        return table_module.TableCell()
    if isinstance(value, Link):
        odf_text = require("odf.text", feature=_FEATURE)
        cell = table_module.TableCell(valuetype="string")
        paragraph = odf_text.P()
        paragraph.addElement(odf_text.A(type="simple", href=value.url, text=storable(value.text)))
        cell.addElement(paragraph)
        return cell
    if isinstance(value, bool) or not isinstance(value, int | datetime.date):
        cell = table_module.TableCell(valuetype="string")
        cell.addElement(_paragraph(str(value)))
        return cell
    if isinstance(value, int):
        cell = table_module.TableCell(valuetype="float", value=str(value))
        cell.addElement(_paragraph(str(value)))
        return cell
    day = value.date() if isinstance(value, datetime.datetime) else value
    attributes = {"stylename": date_style} if date_style else {}
    cell = table_module.TableCell(valuetype="date", datevalue=day.isoformat(), **attributes)
    cell.addElement(_paragraph(day.strftime(pattern)))
    return cell
