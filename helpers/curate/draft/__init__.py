"""Draft the rows of a new article, for an analyst to review: the workbook's fifth floor beside ``publish``.

The drafter reads an article's text and proposes rows in the data tables' own columns (schema
version 5), each with a confidence and the reason for it; it grades nothing. Its parts, one job each:

- ``text``: sentences, paragraphs and quotations, with character offsets;
- ``numbers``, ``dates``: troop numbers with their bounds; said-on dates resolved against publication;
- ``sources``, ``cues``, ``places``, ``propositions``: who speaks (matched to ``sources.csv``), where
  a statement is attributed, places of the gazetteer, a proposed proposition and stance;
- ``statements``, ``claims``, ``same_as``: the draft statements, their troop claims, earlier reports;
- ``drafting``, ``report``, ``command``: the whole draft, its ``draft.md``, the command line;
- ``columns``, ``ids``, ``write``, ``stage``: table columns, next free ids, the one atomic writer,
  validated adding to a data folder;
- ``review``, ``sample``: notebook 08's widgets and its bundled sample; ``score``: the benchmark's
  comparison with curated rows.
"""

from .drafting import Article, Draft, draft_article

__all__ = ["Article", "Draft", "draft_article"]
