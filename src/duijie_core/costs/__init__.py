"""The investment-environment cost model: what an operation costs per place, and how good it is.

Pure and exact (`Decimal`): indicator values with sources (`model`), the unit grammar
(`units`), the latest value on a day with currency conversion (`book`), yearly and
ten-year cost, peer index and what-if (`compare`), the quality axis and the cost ×
quality matrix (`quality`), file formats (`files`) and the ``duijie costs`` command
(`cli`). See docs/costs.md.
"""

from duijie_core.costs.book import PriceBook, latest_values, price_book
from duijie_core.costs.compare import (
    Comparison,
    ItemCost,
    PlaceCost,
    WhatIf,
    compare,
    place_cost,
    ten_year_cost,
)
from duijie_core.costs.errors import CostError
from duijie_core.costs.model import IndicatorValue, Profile, ProfileItem, Source, Status
from duijie_core.costs.quality import (
    QUALITY_FACTORS,
    MatrixPoint,
    QualityScore,
    cost_quality_matrix,
    quality_scores,
)
from duijie_core.costs.units import annual_pairing, parse_quantity_unit, parse_unit

__all__ = [
    "QUALITY_FACTORS",
    "Comparison",
    "CostError",
    "IndicatorValue",
    "ItemCost",
    "MatrixPoint",
    "PlaceCost",
    "PriceBook",
    "Profile",
    "ProfileItem",
    "QualityScore",
    "Source",
    "Status",
    "WhatIf",
    "annual_pairing",
    "compare",
    "cost_quality_matrix",
    "latest_values",
    "parse_quantity_unit",
    "parse_unit",
    "place_cost",
    "price_book",
    "quality_scores",
    "ten_year_cost",
]
