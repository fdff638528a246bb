"""The demo catalogue: size, industries and cities, texts, states, labels, determinism."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from duijie.catalogue import demo
from duijie.catalogue.models import Project, ProjectToken, Status
from duijie.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_populate_creates_labelled_varied_projects(edition):
    counts = demo.populate(rng=random.Random(7), scale=1, edition=edition)
    projects = list(Project.objects.select_related("city", "key_industry"))
    assert counts == {"projects": 220, "project_owner_organisations": 60}
    assert len(projects) == 220 and all(p.is_demo for p in projects)
    assert len({p.key_industry.code for p in projects}) == 10
    assert {p.city.code for p in projects} <= {*demo.HUNAN_CITY_CODES} and len(
        {p.city.code for p in projects}
    ) == 14
    for stem in ("technology", "market", "financing_needs"):
        assert all(getattr(p, f"{stem}_hant") and getattr(p, f"{stem}_hans") for p in projects)
    assert len({p.technology_hans for p in projects}) > 150
    states = Counter(p.status for p in projects)
    assert states[Status.PUBLISHED] > 150 and len(states) == 5
    assert Organisation.objects.filter(is_demo=True, name__endswith="（示範）").count() == 60
    assert ProjectToken.objects.count() > 220 * 100


def test_populate_is_deterministic_and_replaces_earlier_demo_projects(edition):
    demo.populate(rng=random.Random(7), scale=1, edition=edition)
    first = list(Project.objects.order_by("code").values_list("code", "name_hans", "financing_low"))
    demo.populate(rng=random.Random(7), scale=1, edition=edition)
    assert (
        list(Project.objects.order_by("code").values_list("code", "name_hans", "financing_low"))
        == first
    )
