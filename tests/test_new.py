"""`deckgen new`: a starter talk showing every feature, which builds cleanly."""

from __future__ import annotations

import json
import re

from deckgen import cli
from deckgen.build import build
from deckgen.outline.schema import json_schema
from deckgen.starter import OUTLINE_NAME, starter_files

ALL_OUTPUTS = ["pptx", "handout", "poster", "slides-pdf", "html"]


def test_new_then_build_gives_every_output_with_no_warning(tmp_path, capsys):
    assert cli.main(["new", str(tmp_path / "talk")]) == 0
    folder = tmp_path / "talk"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "README.md",
        "images/picture.png",
        "talk.yaml",
    ]
    report = build([folder / OUTLINE_NAME], formats=ALL_OUTPUTS, out_dir=folder / "build")
    assert report.ok
    assert report.diagnostics == []
    assert {p.name for p in report.written} == {
        "talk.pptx",
        "talk-handout.pdf",
        "talk-poster.pdf",
        "talk-slides.pdf",
        "talk.html",
    }


def test_refuses_to_overwrite_and_names_every_file(tmp_path, capsys):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "picture.png").write_bytes(b"mine")
    (tmp_path / "talk.yaml").write_text("mine\n")
    assert cli.main(["new", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "talk.yaml: error: exists already" in err
    assert "picture.png: error: exists already" in err
    assert "README.md" not in err
    assert not (tmp_path / "README.md").exists()  # nothing written at all
    assert (tmp_path / "talk.yaml").read_text() == "mine\n"


def _schema_keys() -> set[str]:
    schema = json_schema()
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition.get("properties", {}))
    return keys


def test_the_starter_shows_every_key_and_layout_each_commented():
    text = starter_files()[OUTLINE_NAME].decode()
    written = set(re.findall(r"(?:^|[{\s,-])([a-z_]+):", text, re.M))
    assert _schema_keys() <= written, _schema_keys() - written
    layouts = json.dumps(json_schema()["$defs"]["slide"]["properties"]["layout"])
    for layout in re.findall(r'"([a-z-]+)"', layouts.split("enum", 1)[1]):
        assert f"layout: {layout}  #" in text
    # a comment on every line that introduces a top-level key or a section
    for line in text.splitlines():
        if re.match(r"^[a-z_]+:", line) or re.match(r"^  - (id|title):", line):
            assert "#" in line, line


def test_the_picture_is_the_same_every_time():
    assert starter_files() == starter_files()
