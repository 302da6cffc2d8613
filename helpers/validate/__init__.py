"""Floor 1: read the data folder and check it against the workbook's contract and its own rules.

Imports nothing from the floors above (analysis, present, publish).
"""

from .load import Validated, validate_folder
from .problems import DataError, Kind, Problem

__all__ = ["DataError", "Kind", "Problem", "Validated", "validate_folder"]
