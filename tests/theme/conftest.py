"""Helpers: outlines that exist only as models, and theme files in tmp_path."""

from pathlib import Path

import pytest

from deckgen._yaml import read_yaml
from deckgen.errors import Location
from deckgen.outline.model import Outline, Text


def _make_outline(folder: Path, theme=None, overrides=None, theme_line=0, name="talk.yaml"):
    path = (folder / name).resolve()
    return Outline(
        path=path,
        title=Text.of("A talk"),
        sections=(),
        theme=theme,
        theme_location=Location(name, theme_line, 8) if theme_line else Location(name, 1, 1),
        theme_overrides=overrides if overrides is not None else {},
        theme_overrides_location=Location(name, 5, 1),
        location=Location(name, 1, 1),
    )


def _overrides_from_yaml(text: str, name="talk.yaml"):
    """The `theme_overrides` node of an outline text, locations kept."""
    return read_yaml(text, name).get("theme_overrides")


@pytest.fixture
def write(tmp_path):
    def _write(rel: str, text: str) -> Path:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def make_outline():
    """make_outline(folder, theme=None, overrides=None, theme_line=0) -> Outline."""
    return _make_outline


@pytest.fixture
def overrides_from_yaml():
    return _overrides_from_yaml
