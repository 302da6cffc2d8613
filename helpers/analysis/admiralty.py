"""The Admiralty code (NATO STANAG 2511 / AJP-2.1): the two scales' labels and default weights."""

from __future__ import annotations

from ..schema.vocabulary import CREDIBILITY as CREDIBILITY_SCALE
from ..schema.vocabulary import RELIABILITY as RELIABILITY_SCALE

RELIABILITY: dict[str, str] = {str(k): v for k, v in RELIABILITY_SCALE.labels().items()}
CREDIBILITY: dict[int, str] = {int(k): v for k, v in CREDIBILITY_SCALE.labels().items()}

# Default weights of the grades as evidence. F and 6 mean "cannot be judged": they carry no weight,
# so that nothing rests on evidence whose worth nobody could judge (a blank credibility, for a
# statement that is not about a fact, carries none either).
RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.0}
CREDIBILITY_WEIGHTS = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.0}
