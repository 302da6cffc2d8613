"""The workbook's own rules, beyond each column's type and constraints, in the order they run.

Importing the modules registers their rules; within a module they run in the order written (the
documents are read before their quotes are looked for).
"""

from . import dating, documents, grading, links  # noqa: F401  (registration order: see RULES)
from .registry import RULES, Context, Rule, run_rules

__all__ = ["RULES", "Context", "Rule", "run_rules"]
