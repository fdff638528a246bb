"""One comparison from request data: the form, the what-if cells, the study and its rows.

Used by the comparison page, the report page and the report job, so that the three
show the same numbers for the same choices (the query string is the whole state).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from duijie.environment import pages
from duijie.environment.forms import CompareForm, what_if_from
from duijie.environment.matrix import matrix_chart
from duijie.environment.services import CostStudy, study_costs
from duijie.interchange.problems import accepted
from duijie_core import costs


@dataclass
class StudyPage:
    """Everything a page or the report shows for one set of choices."""

    form: CompareForm
    problems: list[str] = field(default_factory=list)
    study: CostStudy | None = None
    context: dict[str, Any] = field(default_factory=dict)


def bound_form(data: QueryDict) -> tuple[CompareForm, QueryDict]:
    """The form bound to `data`, or to the defaults when `data` chose no profile."""
    if "profile" not in data:
        data = QueryDict(mutable=True)
        for key, value in CompareForm.defaults().items():
            if isinstance(value, list):
                data.setlist(key, value)
            else:
                data[key] = str(value)
    return CompareForm(data), data


def study_page(data: QueryDict, *, today: dt.date) -> StudyPage:
    """Compute the comparison that `data` asks for (one price book), or say what is wrong."""
    form, data = bound_form(data)
    page = StudyPage(form)
    if not form.is_valid():
        return page
    profile = form.cleaned_data["profile"]
    places = list(form.cleaned_data["places"])
    items = list(profile.items.values_list("indicator__code", flat=True))
    what_if, page.problems = what_if_from(data, items, places)
    try:
        page.study = study_costs(
            profile=profile, places=places, peers=list(form.cleaned_data["peers"]) or None,
            today=today, what_if=what_if, escalation=form.escalation_rate(),
            weights=form.weights(),
        )  # fmt: skip
    except costs.CostError as error:
        page.problems.append(pages.error_text(error))
        return page
    page.context = _rows(page.study, data)
    return page


def _rows(study: CostStudy, data: QueryDict) -> dict[str, Any]:
    used = {item.value.place for cost in study.comparison.places for item in cost.items}
    codes = [*(c.place for c in study.comparison.places), *study.comparison.peers, *used]
    names = pages.place_names(list(dict.fromkeys(codes)))
    labels = pages.indicator_names([item.indicator for item in study.profile.items])
    columns = pages.columns(study, names, data)
    rows = [
        {
            "item": item,
            "label": labels.get(item.indicator, item.indicator),
            "asked": data.get(f"q-{item.indicator}", ""),
            "cells": [column.cells[position] for column in columns],
        }
        for position, item in enumerate(study.profile.items)
    ]
    comparison = study.comparison
    sources = pages.sources(study, names, labels)
    order = [labels.get(item.indicator, item.indicator) for item in study.profile.items]
    return {
        "columns": columns, "rows": rows, "labels": labels,
        "ranking": pages.ranking(columns), "matrix": matrix_chart(columns),
        "sources": sources, "source_groups": pages.source_groups(sources, order),
        "peers": accepted([names.get(code, code) for code in comparison.peers]),
        "excluded": accepted([names.get(code, code) for code in comparison.excluded_peers]),
        "peer_average": pages.yuan(comparison.peer_average),
        "escalation": study.escalation * 100,
        "query": data.urlencode(),
    }  # fmt: skip
