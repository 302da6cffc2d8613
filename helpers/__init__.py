"""Helpers for the claims workbook: load, validate and analyse the curated claims data."""

from .loader import TABLES, Workbook, load_workbook
from .problems import DataError, Problem

__all__ = ["TABLES", "DataError", "Problem", "Workbook", "load_workbook"]
