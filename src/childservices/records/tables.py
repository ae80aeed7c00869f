"""The tables of the seed format: their columns, keys, references and record types.

They are defined with the rest of the record's schema, in
:mod:`childservices.data.schema`; this module gives them their place among the
seed-format modules. The data dictionary in the docs is generated from them
and the record types.
"""

from __future__ import annotations

from childservices.data.schema import CITATION_COLUMNS, TABLES, Reference, Table

__all__ = ["CITATION_COLUMNS", "TABLES", "Reference", "Table"]
