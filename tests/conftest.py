"""Shared fixtures: reference data once per test database, one user per role."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from duijie.accounts.roles import Role

# Property tests judge the code, not the machine: on a loaded shared runner the time it
# takes to draw inputs says nothing about the parser under test.
settings.register_profile("duijie", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("duijie")

PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their live server shares the test's database connection and
    their event loop needs DJANGO_ALLOW_ASYNC_UNSAFE, neither of which may reach the
    tests after them (a heartbeat thread, a ``check --deploy`` subprocess)."""
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the shipped reference data (places, industries, key industries, methods) once."""
    from duijie.reference.loaders import load_all

    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def reference_data(transactional_db):  # type: ignore[no-untyped-def]
    """The shipped reference data in a test that commits: an earlier such test's flush
    (TransactionTestCase empties every table afterwards) may have removed it."""
    from duijie.reference.loaders import load_all
    from duijie.reference.models import AdminDivision

    if not AdminDivision.objects.exists():
        load_all()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Hash test passwords with MD5: the production hasher was most of many tests' set-up time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):  # type: ignore[no-untyped-def]
    """Tests run background tasks at once, in the process that enqueues them."""
    settings.TASKS = IMMEDIATE_TASKS


def _make_user(role: str, email: str):  # type: ignore[no-untyped-def]
    from duijie.accounts.models import User

    return User.objects.create_user(email, PASSWORD, role=role, name=email.split("@")[0])


@pytest.fixture
def organiser(db):  # type: ignore[no-untyped-def]
    return _make_user(Role.ORGANISER, "staff@example.test")


@pytest.fixture
def agency_admin(db):  # type: ignore[no-untyped-def]
    return _make_user(Role.ADMIN, "admin@example.test")


@pytest.fixture
def project_owner(db):  # type: ignore[no-untyped-def]
    return _make_user(Role.PROJECT_OWNER, "owner@example.test")


@pytest.fixture
def investor(db):  # type: ignore[no-untyped-def]
    return _make_user(Role.INVESTOR, "investor@example.test")


@pytest.fixture
def leadership(db):  # type: ignore[no-untyped-def]
    return _make_user(Role.LEADERSHIP, "leader@example.test")


@pytest.fixture
def edition(db):  # type: ignore[no-untyped-def]
    from duijie.demo import ensure_demo_edition

    return ensure_demo_edition()


@pytest.fixture
def client_for(client):  # type: ignore[no-untyped-def]
    """``client_for(user)``: the test client logged in as ``user``."""

    def login(user):  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client

    return login
