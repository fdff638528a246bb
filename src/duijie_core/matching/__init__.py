"""Matching: investors to projects, projects to investors, suppliers to buyers.

Pure core (no Django): frozen dataclasses in :mod:`.model`, the engine in
:mod:`.engine`, the batch command in :mod:`.cli`. See docs/matching.md.
"""

from duijie_core.matching.engine import Matcher
from duijie_core.matching.model import (
    Deal,
    Exclusion,
    InvestorProfile,
    Mandate,
    ProjectQuery,
    Reason,
    Recommendation,
    Recommendations,
    Signal,
    Ties,
)
from duijie_core.problems import Problem

__all__ = [
    "Deal",
    "Exclusion",
    "InvestorProfile",
    "Mandate",
    "Matcher",
    "Problem",
    "ProjectQuery",
    "Reason",
    "Recommendation",
    "Recommendations",
    "Signal",
    "Ties",
]
