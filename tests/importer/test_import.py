"""`deckgen import`: Pandoc's slide-show example and a Marp deck to outlines
that build, with titles, sections, notes and pictures carried over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

import deckgen
from deckgen import cli
from deckgen.build import build
from deckgen.importer import import_markdown

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("habits.md", "marp.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "images").mkdir()
    Image.new("RGB", (320, 200), (200, 120, 40)).save(tmp_path / "images" / "spaghetti.jpg")
    Image.new("RGB", (320, 200), (20, 60, 160)).save(tmp_path / "images" / "earth.png")
    return tmp_path


def _import(folder: Path, name: str, capsys) -> tuple[Path, str]:
    status = cli.main(["import", str(folder / f"{name}.md")])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return folder / f"{name}.yaml", captured.err


def test_pandoc_manual_example(folder, capsys):
    path, err = _import(folder, "habits", capsys)
    assert err == ""  # everything in it has a place in an outline
    outline = deckgen.load(path)
    assert outline.title.plain == "Habits"
    assert outline.author.plain == "John Doe"
    assert outline.date == "March 22, 2005"
    assert [s.title.plain for s in outline.sections] == ["In the morning", "In the evening"]
    slides = [sl for s in outline.sections for sl in s.slides]
    titles = [sl.title.plain for sl in slides if sl.title]
    assert titles == [
        "Getting up",
        "Breakfast",
        "Dinner",
        "picture of spaghetti",
        "Going to sleep",
    ]
    assert [p.text.plain for p in slides[0].points] == ["Turn off alarm", "Get out of bed"]
    picture = slides[3].image
    assert picture.alt == "picture of spaghetti" and picture.src.name == "spaghetti.jpg"
    text = path.read_text()
    assert "# guessed: no title: the picture's caption or alt text" in text
    report = build([path], formats=["pptx", "handout", "html"], out_dir=folder / "build")
    assert report.ok, report.diagnostics


def test_marp_deck(folder, capsys):
    path, err = _import(folder, "marp", capsys)
    outline = deckgen.load(path)
    assert (outline.title.plain, outline.author.plain, outline.date) == (
        "Orbits in Practice",
        "Ada Example",
        "2026-03-02",
    )
    assert [s.title.plain for s in outline.sections] == [
        "Part one: low orbits",
        "Part two: high orbits",
    ]
    slides = [sl for s in outline.sections for sl in s.slides]
    assert [sl.layout for sl in slides] == ["bullets", "image", "quote", "statement"]
    assert slides[0].points[1].points[0].plain == "but air drag pulls satellites down"
    assert [n.plain for n in slides[0].notes] == ["Mention the ISS at about 400 km."]
    assert len(slides[1].notes) == 2 and slides[1].image.alt == "Earth seen from orbit"
    assert slides[2].quote.by.plain == "Arthur C. Clarke, roughly"
    # what has no place in an outline is a warning at its Markdown line
    lines = err.splitlines()
    assert any(":6:1: warning: front matter key 'paginate' is not mapped" in line for line in lines)
    assert any(":40:1: warning: Marp directive '_class: lead'" in line for line in lines)
    assert any(":56:1: warning: a code block is not imported" in line for line in lines)
    assert any(":60:1: warning: a table is not imported" in line for line in lines)
    report = build([path], formats=["pptx", "html"], out_dir=folder / "build")
    assert report.ok, report.diagnostics


def test_yaml_is_block_style_and_keeps_the_order_and_text(folder):
    imported = import_markdown(folder / "marp.md", folder / "marp.yaml")
    text = imported.text
    assert "{" not in text and "[" not in text  # no flow style
    data = yaml.safe_load(text)
    assert [s["title"] for s in data["sections"]] == [
        "Part one: low orbits",
        "Part two: high orbits",
    ]
    source = (folder / "marp.md").read_text()
    for line in ("Short delay for signals", "It is thinner than the skin of an apple."):
        assert line in source and line in text


def test_never_overwrites(folder, capsys):
    (folder / "habits.yaml").write_text("mine\n")
    assert cli.main(["import", str(folder / "habits.md")]) == 1
    assert "habits.yaml: error: exists already" in capsys.readouterr().err
    assert (folder / "habits.yaml").read_text() == "mine\n"
    assert cli.main(["import", str(folder / "habits.md"), "-o", str(folder / "x.txt")]) == 2


def test_a_missing_picture_is_a_warning_and_left_out(folder, capsys):
    (folder / "images" / "spaghetti.jpg").unlink()
    path, err = _import(folder, "habits", capsys)
    assert ":26:1: warning: picture 'images/spaghetti.jpg' not found: left out" in err
    assert deckgen.load(path)
