import pytest


@pytest.fixture(autouse=True)
def synchronous_jobs(settings):  # type: ignore[no-untyped-def]
    """Tests run jobs with ``run_job``; no inline threads."""
    settings.DUIJIE_JOBS_INLINE = False
