"""Floor 3: what a person sees: the style, charts, tables, sentences, findings and the explorer's widgets.

Imports from ``analysis`` and below, never from ``publish``.
"""
