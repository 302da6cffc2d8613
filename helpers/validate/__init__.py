"""Floor 1: read the data folder and check it against its descriptor and the workbook's rules.

Imports nothing from the floors above (analysis, present, publish).
"""

from .catalog import CATALOG, TABLES
from .load import Validated, validate_folder
from .problems import DataError, Kind, Problem

__all__ = ["CATALOG", "TABLES", "DataError", "Kind", "Problem", "Validated", "validate_folder"]
