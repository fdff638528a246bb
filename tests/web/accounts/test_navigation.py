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
