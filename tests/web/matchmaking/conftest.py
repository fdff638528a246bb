import pytest

from duijie.matchmaking.adapters import clear_cache


@pytest.fixture(autouse=True)
def fresh_matcher_cache():  # type: ignore[no-untyped-def]
    """Each test fits its own matcher (the cache key cannot see rolled-back data)."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def world(db, edition):  # type: ignore[no-untyped-def]
    from tests.web.matchmaking.factories import small_world

    return small_world(edition)
