"""Floor 2: the analyses, pure functions over a workbook's frozen tables.

Admiralty grades, corroboration, troop-number claims, stances and replies, Analysis of Competing
Hypotheses, key judgements and what-if recomputation. Imports only from ``validate`` and the
workbook below it.
"""
