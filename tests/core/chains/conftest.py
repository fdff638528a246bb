"""Shared paths: the hand-made chain_kg fixture and the real data beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "kg"
REPOSITORY = Path(__file__).resolve().parents[3]


def shared_data() -> Path:
    """The shared data folder: $DUIJIE_SHARED_DATA_DIR, else ../shared/data beside the repo."""
    configured = os.environ.get("DUIJIE_SHARED_DATA_DIR")
    return Path(configured) if configured else REPOSITORY.parent / "shared" / "data"


@pytest.fixture
def real_chain_kg() -> Path:
    """The real chain_kg folder; the test is skipped when the shared data is absent."""
    folder = shared_data() / "chain_kg"
    if not (folder / "company.json").is_file():
        pytest.skip(f"shared data not found at {folder}")
    return folder
