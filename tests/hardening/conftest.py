"""Fuzz budgets: small in `make test`, large in `make fuzz`.

`make fuzz` sets HYPOTHESIS_PROFILE=fuzz and selects the `slow` tests; their
example count can be raised further with FUZZ_EXAMPLES.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "outlines"
CONTENT = Path(__file__).resolve().parents[2] / "content"

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
    settings.load_profile("fuzz")

SLOW_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))


def budget(fast: int, slow: bool = False) -> settings:
    """Settings for one fuzz test: `fast` examples, or the long run's count."""
    return settings(
        max_examples=SLOW_EXAMPLES if slow else fast,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
        derandomize=not slow,  # make test: the same examples every run
        database=None,
    )


@pytest.fixture
def talk_folder(tmp_path: Path) -> Path:
    """A folder with the fixture pictures and some hostile files beside them."""
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "images", folder / "images")
    (folder / "images" / "bad.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    secret = tmp_path / "secret.png"
    shutil.copy(FIXTURES / "images" / "leaf.png", secret)
    (folder / "images" / "link-out.png").symlink_to(secret)
    return folder
