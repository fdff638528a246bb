"""Named predicates and the personal-data access log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from duijie.accounts.models import PersonalDataAccess
from duijie.accounts.services import log_personal_data_access

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "personal", "dashboard", "manage"),
    [
        ("organiser", True, True, False),
        ("agency_admin", True, True, True),
        ("project_owner", False, False, False),
        ("investor", False, False, False),
        ("leadership", False, True, False),
    ],
)
def test_permissions_by_role(request, role, personal, dashboard, manage):
    user = request.getfixturevalue(role)
    assert user.has_perm("accounts.see_personal_data") is personal
    assert user.has_perm("accounts.read_dashboard") is dashboard
    assert user.has_perm("accounts.manage_users") is manage


def test_anonymous_has_no_permissions():
    anonymous = AnonymousUser()
    assert not anonymous.has_perm("accounts.see_personal_data")
    assert not anonymous.has_perm("accounts.read_dashboard")


def test_personal_data_access_is_logged(organiser, caplog):
    with caplog.at_level("INFO", logger="duijie.personal_data"):
        entry = log_personal_data_access(
            user=organiser,
            action="view",
            subject="person 7",
            fields=["phone", "email"],
            purpose="invite",
        )
    stored = PersonalDataAccess.objects.get()
    assert stored == entry
    assert (stored.user, stored.action, stored.subject, stored.fields, stored.purpose) == (
        organiser,
        "view",
        "person 7",
        "phone,email",
        "invite",
    )
    assert "personal data view by" in caplog.text


def test_staff_flag(organiser, investor):
    assert organiser.is_agency_staff is True
    assert investor.is_agency_staff is False
    assert str(investor) == "investor"


@pytest.mark.parametrize(
    ("language", "one", "several"),
    [
        ("zh-hant", "· 匯出 · 人員 12", "· 合併 · 多名人員"),
        ("zh-hans", "· 导出 · 人员 12", "· 合并 · 多名人员"),
        ("en", "· exported · person 12", "· merged · several people"),
    ],
)
def test_an_access_record_is_named_in_the_readers_words(organiser, language, one, several):
    """The admin names a record by what was done and to whom, not by stored codes."""
    from django.utils import translation

    single = log_personal_data_access(
        user=organiser, action="export", subject="directory.person:12", purpose="/x"
    )
    many = log_personal_data_access(
        user=organiser, action="merge", subject="directory.people", purpose="/y"
    )
    with translation.override(language):
        assert str(single) == f"{organiser} {one}"
        assert str(many) == f"{organiser} {several}"
