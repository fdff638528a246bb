"""The demo catalogue: size, industries and cities, texts, states, labels, determinism."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from duijie.catalogue import demo
from duijie.catalogue.models import Project, ProjectToken, Status
from duijie.directory.models import Organisation
from duijie_core.text import simplified_only

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


def test_every_demo_project_has_english_text_and_whole_place_names(edition):
    demo.populate(rng=random.Random(7), scale=1, edition=edition)
    projects = list(Project.objects.select_related("city"))
    for stem in ("name", "technology", "market", "financing_needs", "cooperation"):
        assert all(getattr(p, f"{stem}_en") for p in projects), stem
    assert not [p.name_en for p in projects if "万" in p.name_en or "(" in p.name_en[:1]]
    zhangjiajie = [p for p in projects if p.city.code == "4308"]
    assert zhangjiajie
    assert all(p.name_hant.startswith("張家界") for p in zhangjiajie)
    assert all(p.name_hans.startswith("张家界") for p in zhangjiajie)
    assert all(p.name_en.startswith("Zhangjiajie ") for p in zhangjiajie)
    xiangxi = [p for p in projects if p.city.code == "4331"]
    assert all(p.name_hant.startswith("湘西") and p.name_en.startswith("Xiangxi") for p in xiangxi)


def test_demo_traditional_texts_have_no_simplified_characters(edition):
    demo.populate(rng=random.Random(7), scale=1, edition=edition)
    fields = ("name_hant", "technology_hant", "market_hant", "financing_needs_hant", "park")
    bad = {
        (p.code, field): simplified_only(getattr(p, field))
        for p in Project.objects.all()
        for field in fields
        if simplified_only(getattr(p, field))
    }
    assert bad == {}
    tags = {tag for p in Project.objects.all() for tag in p.policy_tags}
    assert "高新技術企業" in tags and "湘商回歸" in tags
    assert not [tag for tag in tags if simplified_only(tag)]
    owners = Organisation.objects.filter(is_demo=True)
    assert not [o.name for o in owners if simplified_only(o.name)]
    assert all(o.name_en.endswith("(demo)") for o in owners)
