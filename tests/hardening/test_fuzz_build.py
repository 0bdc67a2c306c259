"""Generated and mutated outlines and themes, built with every output.

Each either builds every file (pptx, handout in article and slides mode,
poster, slides-pdf) or fails with located DeckgenErrors, leaving earlier
outputs untouched (see harness.build_and_check). Any other exception, or a
hang, fails the test.
"""

from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.hardening import strategies as S
from tests.hardening.conftest import CONTENT, budget
from tests.hardening.harness import build_and_check


def _dump(tree: object) -> str:
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=80)


def _write(folder: Path, text: str, name: str = "talk.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _build_both_modes(path: Path, out: Path):
    """Every output, then the handout again in the other mode."""
    report = build_and_check(path, out / "all")
    build_and_check(
        path, out / "slides", formats=("handout",), sets=("outputs.handout.mode=slides",)
    )
    build_and_check(
        path, out / "article", formats=("handout",), sets=("outputs.handout.mode=article",)
    )
    return report


def _generated(talk_folder: Path, tree: dict) -> None:
    path = _write(talk_folder, _dump(tree))
    shutil.rmtree(talk_folder / "out", ignore_errors=True)
    _build_both_modes(path, talk_folder / "out")


@budget(12)
@given(tree=S.outlines())
def test_generated_outlines(talk_folder: Path, tree: dict):
    _generated(talk_folder, tree)


@pytest.mark.slow
@budget(0, slow=True)
@given(tree=S.outlines(valid=False))
def test_generated_outlines_long(talk_folder: Path, tree: dict):
    _generated(talk_folder, tree)


# --- mutations of the real outline -------------------------------------------------


def _space_race(small: bool) -> dict:
    tree = yaml.safe_load((CONTENT / "space_race.yaml").read_text(encoding="utf-8"))
    if small:  # make test: two sections and a few events keep a build short
        tree["sections"] = tree["sections"][:2]
        keep = {s["id"] for s in tree["sections"]}
        events = [e for e in tree["timeline"]["events"] if e.get("section") in (None, *keep)]
        tree["timeline"]["events"] = events[:8]
    return tree


def _paths(node, prefix=()):
    """Every (path, value) in the tree, the root excluded."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield (*prefix, key), value
        yield from _paths(value, (*prefix, key))


_RETYPED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=True),
    st.just([]),
    st.just({}),
    st.just(["a", {"b": 1}]),
    st.just({"text": 1}),
    st.dates().map(lambda d: d),
    S.text(80),
)


@st.composite
def mutations(draw, tree: dict) -> dict:
    tree = copy.deepcopy(tree)
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(tree))
        path, value = draw(st.sampled_from(paths))
        parent = tree
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        op = draw(st.sampled_from(["delete", "duplicate", "retype", "text", "rename"]))
        if op == "delete":
            del parent[key]
        elif op == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(value))
            else:
                parent[f"{key}"] = copy.deepcopy(value)
                if isinstance(value, list) and value:
                    value.append(copy.deepcopy(value[-1]))
        elif op == "retype":
            parent[key] = draw(_RETYPED)
        elif op == "text":
            parent[key] = draw(S.text(200))
        elif isinstance(parent, dict):  # rename: a misspelt or unknown key
            parent[draw(st.sampled_from([f"{key}s", f"{key}"[:-1] or "x", "colour", "notes"]))] = (
                parent.pop(key)
            )
    return tree


def _text_mutation(text: str, edits) -> str:
    for at, cut, piece in edits:
        at = min(at, len(text))
        text = text[:at] + piece + text[at + cut :]
    return text


_PIECES = st.sampled_from(
    [
        "",
        "\n",
        "- ",
        ": ",
        "[",
        "{",
        "*",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "'",
        '"',
        "\t",
        "~",
        "2023-02-30",
        "\x07",
        "\ufffe",
        "\ud800",
        "---\n",
        "\\",
        "Ю",
        "  ",
        "title: x\n",
    ]
)


def _mutated(folder: Path, space_race: dict, tree: dict, edits, data):
    folder.joinpath("images").mkdir(exist_ok=True)
    for image in (CONTENT / "images").iterdir():
        target = folder / "images" / image.name
        if not target.exists():
            shutil.copy(image, target)  # a symlink would lead out of the folder: refused
    text = _text_mutation(_dump(tree), edits)
    path = _write(folder, text, "space_race.yaml")
    shutil.rmtree(folder / "out", ignore_errors=True)
    return _build_both_modes(path, folder / "out")


_SMALL = _space_race(small=True)
_FULL = _space_race(small=False)


@budget(4)
@given(data=st.data())
def test_mutated_space_race(tmp_path_factory, data):
    tree = data.draw(mutations(_SMALL))
    edits = data.draw(
        st.lists(st.tuples(st.integers(0, 20000), st.integers(0, 3), _PIECES), max_size=2)
    )
    _mutated(tmp_path_factory.mktemp("m"), _SMALL, tree, edits, data)


@pytest.mark.slow
@budget(0, slow=True)
@given(data=st.data())
def test_mutated_space_race_long(tmp_path_factory, data):
    tree = data.draw(mutations(_FULL))
    edits = data.draw(
        st.lists(st.tuples(st.integers(0, 40000), st.integers(0, 3), _PIECES), max_size=3)
    )
    _mutated(tmp_path_factory.mktemp("m"), _FULL, tree, edits, data)


def test_unmutated_space_race_builds(tmp_path: Path):
    """The harness itself: the real outline builds everything."""
    report = _mutated(tmp_path, _SMALL, _SMALL, [], None)
    assert report.ok, [str(d) for d in report.errors]
    assert (tmp_path / "out" / "all" / "space_race.pptx").stat().st_size > 10_000


_ = datetime  # YAML dates in the real outline load as datetime.date


# --- theme files --------------------------------------------------------------------


def _themed(folder: Path, outline: dict, theme: dict) -> None:
    # beside the outline: a theme's logo is relative to the theme file
    (folder / "mine.yaml").write_text(_dump(theme), encoding="utf-8")
    (folder / "itself.yaml").write_text("extends: mine.yaml\n", encoding="utf-8")
    path = _write(folder, _dump({**outline, "theme": "mine.yaml"}))
    shutil.rmtree(folder / "out", ignore_errors=True)
    _build_both_modes(path, folder / "out")


@budget(5)
@given(outline=S.outlines(hostile=0), theme=S.theme_files())
def test_generated_theme_files(talk_folder: Path, outline: dict, theme: dict):
    _themed(talk_folder, outline, theme)


@pytest.mark.slow
@budget(0, slow=True)
@given(outline=S.outlines(valid=False), theme=S.theme_files(valid=False))
def test_generated_theme_files_long(talk_folder: Path, outline: dict, theme: dict):
    _themed(talk_folder, outline, theme)
