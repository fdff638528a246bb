from __future__ import annotations

import pytest
from django.core.management import call_command

from duijie.accounts.models import User
from duijie.demo import DEMO_LOGINS, DEMO_PASSWORD
from duijie.reference.models import Edition

pytestmark = pytest.mark.django_db


def test_demo_command_creates_one_login_per_role_and_the_current_edition(capsys):
    call_command("demo", "--seed", "7")
    out = capsys.readouterr().out
    assert f"password: {DEMO_PASSWORD}" in out
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert user.role == login.role
        assert user.check_password(DEMO_PASSWORD)
        assert login.email in out
    edition = Edition.objects.get(is_current=True)
    assert (str(edition.starts_on), str(edition.ends_on)) == ("2025-05-13", "2025-05-16")
    assert edition.display_name("en") == "2025 Hunan–GBA Economic and Trade Cooperation Week (demo)"


def test_demo_rejects_zero_scale():
    with pytest.raises(SystemExit):
        call_command("demo", "--scale", "0")
