from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from duijie.accounts.navigation import _ITEMS, NavItem, items_for, register
from duijie.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry():
    saved = list(_ITEMS)
    _ITEMS.clear()
    yield
    _ITEMS[:] = saved


def test_items_are_filtered_by_role_and_sorted(clean_registry, organiser, investor):
    register(NavItem("accounts:home", "Home", frozenset({Role.INVESTOR}), order=20))
    register(NavItem("accounts:password_reset", "Reset", frozenset({Role.ORGANISER}), order=10))
    register(NavItem("accounts:login", "Login", frozenset(), order=5, public=True))
    assert [i["label"] for i in items_for(organiser)] == ["Login", "Reset"]
    assert [i["label"] for i in items_for(investor)] == ["Login", "Home"]
    assert [i["label"] for i in items_for(AnonymousUser())] == ["Login"]


def test_register_is_idempotent_and_skips_unknown_urls(clean_registry, investor):
    register(NavItem("accounts:home", "Home", frozenset({Role.INVESTOR})))
    register(NavItem("accounts:home", "Home again", frozenset({Role.INVESTOR})))
    register(NavItem("nope:missing", "Missing", frozenset({Role.INVESTOR})))
    assert items_for(investor) == [
        {"url": "/", "label": "Home", "description": "", "name": "accounts:home"}
    ]


def test_a_long_menu_is_grouped_by_app_and_a_short_one_stays_flat():
    from duijie.accounts.navigation import grouped

    def entry(name):
        return {"name": name, "label": name.split(":")[1], "url": "/", "description": ""}

    short = [entry("catalogue:list"), entry("directory:people")]
    assert [g["label"] for g in grouped(short)] == ["list", "people"]
    long = [
        entry(n)
        for n in (
            "directory:a",
            "catalogue:b",
            "directory:c",
            "tradeweek:d",
            "pipeline:e",
            "catalogue:f",
            "accounts:home",
            "pipeline:g",
        )
    ]
    groups = grouped(long)
    assert [str(g["label"]) for g in groups] == ["名錄", "項目", "活動週", "簽約項目", "home"]
    assert [[i["label"] for i in g["items"]] for g in groups] == [
        ["a", "c"],
        ["b", "f"],
        ["d"],
        ["e", "g"],
        ["home"],
    ]
