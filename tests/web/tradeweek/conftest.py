"""Trade-week tests: a fast password hasher (the role fixtures set real passwords;
hashing them with the production hasher was most of these tests' set-up time)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
