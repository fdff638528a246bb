"""Two-stage recommender: candidate generation, then a learned re-ranker (LightGBM lambdarank).

- ``candidates``: stage 1 (:func:`generate_candidates`) keeps at most
  ``n_candidates`` per query, the union of the best of several sources over the
  matcher's score table: follow-on, co-investment neighbours, text neighbours,
  industry affinity, recency-weighted popularity and the matcher's own score.
- ``features``: the pair features (:data:`FEATURES`) of those candidates: every
  signal of the matcher, its two interests and score, graph features of the
  co-investment network (``graph.py``), activity by period, the owner's side
  (``reciprocity.py``), and the matcher's and the analyst heuristic's ranks
  within the candidates.
- ``training``: every past deal before ``train_before`` is a query answered with
  the deals dated strictly before it, its investors the positives; LightGBM
  ``lambdarank`` boosts from the matcher's score; its rounds are chosen by
  rolling time splits inside the training period, and no model is kept when
  none validates better than the matcher. Same data and ``random_state`` → the
  same model.
- ``learned``: :class:`LearnedRanker`: the final score is the harmonic mean of
  the investor's interest (the model's score mapped to [0, 1]) and the project
  owner's (:func:`reciprocity.owner_interest`), so a one-sided fit ranks low.
  Cold start: a query with few comparable deals is ranked by the matcher's
  score (mandate fit) and says so; an investor without deals takes the place
  of its mandate fit.
- ``explaining``: reasons are the top contributing features (LightGBM
  ``pred_contrib``) as sentences in three languages.
"""

from duijie_core.matching.ranker.candidates import SOURCES, generate_candidates
from duijie_core.matching.ranker.features import (
    FEATURES,
    GRAPH_FEATURES,
    MATCHER_SCORE,
    RANK_FEATURES,
    QueryFeatures,
)
from duijie_core.matching.ranker.learned import LearnedRanker, Staged
from duijie_core.matching.ranker.training import Boosting, Validation

__all__ = [
    "FEATURES",
    "GRAPH_FEATURES",
    "MATCHER_SCORE",
    "RANK_FEATURES",
    "SOURCES",
    "Boosting",
    "LearnedRanker",
    "QueryFeatures",
    "Staged",
    "Validation",
    "generate_candidates",
]
