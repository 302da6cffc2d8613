"""One look across the workbook: a colour-blind-safe palette with one meaning per colour.

Colours are Okabe and Ito's eight, split between the two things charts colour by: a statement's
stance and a source's alignment. Shapes repeat the stance, so no chart relies on colour alone.
"""

from __future__ import annotations

import functools
import logging
import textwrap
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import matplotlib as mpl
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

STANCE_COLORS = {
    "affirms": "#0072B2",  # blue
    "denies": "#D55E00",  # vermillion
    "uncertain": "#999999",  # grey
    "no evidence": "#8C510A",  # brown: weak evidence against
    "conditional": "#CC79A7",  # reddish purple
}
STANCE_MARKERS = {"affirms": "o", "denies": "X", "uncertain": "D", "no evidence": "v", "conditional": "s"}
# Camps (alignments) are the dataset's own words: each gets a colour in the order the data names
# them (orange, sky blue, black, yellow with a dark edge, bluish green); past five they share grey.
CAMP_COLORS = ("#E69F00", "#56B4E9", "#000000", "#F0E442", "#009E73")
FALLBACK_COLOR = "#666666"
HIGHLIGHT = "#0072B2"
MUTED = "#BBBBBB"
TEXT = "#222222"

# Names in the data may be Korean: glyphs DejaVu Sans lacks come from NanumGothic, where installed
# (`make browser` installs it; without it Hangul shows as empty boxes, with a warning).
FONTS = [
    "DejaVu Sans",
    *(f for f in ("NanumGothic",) if f in {x.name for x in font_manager.fontManager.ttflist}),
]
# Bold titles look up every family in the list, and NanumGothic has no bold face: matplotlib then
# takes its regular weight, and logs that each time. The fallback is intended; the log line is noise.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

RC: dict[Any, Any] = {
    "font.family": FONTS,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "svg.hashsalt": "claims-workbook",
    "path.simplify": True,
    "text.parse_math": False,  # labels come from the data: "$" is a dollar sign, never maths
}


def new_figure(width: float = 9.0, height: float = 4.5) -> Figure:
    """A figure in the workbook's style, not registered with pyplot (so it never shows twice)."""
    with mpl.rc_context(RC):
        return Figure(figsize=(width, height), layout="constrained")


P = ParamSpec("P")
R = TypeVar("R")


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: draw inside the workbook's rc settings."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with mpl.rc_context(RC):
            return func(*args, **kwargs)

    return wrapper


def headline(fig: Figure, text: str, width: int = 78) -> None:
    """The chart's title, stating its finding, wrapped and set flush left above the axes."""
    wrapped = "\n".join(textwrap.wrap(text, width))
    fig.suptitle(wrapped, x=0.01, ha="left", fontsize=12, fontweight="bold", color=TEXT)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width))


def source_line(fig: Figure, text: str) -> None:
    """Put the chart's source under it, in small grey type."""
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(h_pad=0.12)
    fig.supxlabel(f"Source: {text}", fontsize=8, color="#555555", x=0.01, ha="left")


def alignment_colors(alignments: pd.Series) -> dict[str, str]:
    """A colour per camp, in the order the data first names them (sorted, so pages are stable)."""
    camps = sorted({str(a) for a in alignments.dropna()})
    return {c: CAMP_COLORS[i] if i < len(CAMP_COLORS) else FALLBACK_COLOR for i, c in enumerate(camps)}


def color_of(mapping: dict[str, str], key: object) -> str:
    """The colour for ``key``, or a neutral grey for a value the palette does not know."""
    return mapping.get(str(key), FALLBACK_COLOR)
