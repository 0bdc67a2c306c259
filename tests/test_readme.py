"""The README's examples work as printed (an outline, a theme, a backend)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import deckgen
from deckgen.backends.base import Job
from deckgen.backends.registry import _protocol_problems

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(language: str, after: str) -> str:
    """The first ```language block after the text `after`."""
    start = README.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(README, start)
    assert match, (language, after)
    return match.group(1)


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    shutil.copy(ROOT / "content" / "images" / "sputnik.png", tmp_path / "images")
    path = tmp_path / "talk.yaml"
    path.write_text(block("yaml", "## The outline in brief"), encoding="utf-8")
    return path


def test_outline_example_checks_clean_with_the_theme_example(talk):
    theme = talk.parent / "ocean.yaml"
    theme.write_text(block("yaml", "**Add a theme**"), encoding="utf-8")
    for override in (None, str(theme)):
        report = deckgen.check([talk], theme=override)
        assert report.ok and report.diagnostics == [], [str(d) for d in report.diagnostics]


def test_backend_example_satisfies_the_protocol(talk):
    namespace: dict = {}
    exec(block("python", "## Add an output"), namespace)
    backend = namespace["WordcountBackend"]()
    assert _protocol_problems(backend, "wordcount") == []
    outline = deckgen.load(talk)
    job = Job(outline, deckgen.resolve_theme(outline), {"unit": "words"})
    [output] = backend.render(backend.layout(job), job)
    assert output.name == "talk-wordcount.txt"
    assert output.data.startswith(b"origins: ")
