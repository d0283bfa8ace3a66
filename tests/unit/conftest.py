"""Tests of the pure modules (articles/text/*, articles/photos/* but uploads.py and renditions.py): no Django here.

They run alone with ``python -m pytest -p no:django tests/unit`` and inside the full run. Nothing in this folder may
import Django or ask for a Django fixture (``db``, ``settings``, ``client`` …); test_pure_modules.py checks it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures"
DATA = TESTS / "data"
# ../shared is the team's extra corpus (a real story, exiftool/exiv2/Pillow sample photos under GPL/Artistic licences),
# never part of the repository. Tests that read it are defined only when their files are on this machine (a module-level
# ``if SHARED_...exists():`` around them), so a fresh clone does not collect them at all instead of skipping them:
# every case they check has a twin on generated or fictional files that always runs.
SHARED = TESTS.parents[1] / "shared"
SHARED_STORY = SHARED / "stories" / "jakpus-cirebon.txt"  # read in place, never copied
SHARED_PHOTOS = SHARED / "photo-metadata"  # read in place, never copied


# tests/conftest.py has autouse fixtures that need Django's settings; here they are overridden by name with no-ops,
# so that these tests run the same with and without pytest-django.
@pytest.fixture(autouse=True)
def _media_in_tmp() -> None:
    """No-op: pure code writes no media files."""


@pytest.fixture(autouse=True)
def _addresses_follow_the_default_language() -> None:
    """No-op: pure code builds no addresses."""


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    """No-op: pure code translates nothing."""


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    """No-op: pure code hashes no passwords."""


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """No-op: pure code uses no cache."""


@pytest.fixture(autouse=True)
def _tasks_run_immediately() -> None:
    """No-op: pure code starts no background task."""
