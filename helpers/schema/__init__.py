"""The workbook's contract with its data, declared once: tables, columns, vocabularies, version.

Stands on the ground floor with ``paths`` and ``words``: every floor reads it, it reads none.
"""

from .shapes import Column, Default, Reference, Table
from .tables import BY_NAME, SCHEMA_KEY, SCHEMA_VERSION, TABLE_NAMES, TABLES

__all__ = [
    "BY_NAME",
    "SCHEMA_KEY",
    "SCHEMA_VERSION",
    "TABLES",
    "TABLE_NAMES",
    "Column",
    "Default",
    "Reference",
    "Table",
]
