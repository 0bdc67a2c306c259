"""Security: no YAML objects, no path out of the outline's folder (symlinks
included), plain output names, only http/https/mailto links in every output,
and nothing fetched from a network."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import deckgen.build
from deckgen.errors import BackendError
from tests.hardening.conftest import FIXTURES
from tests.hardening.harness import ALL_FORMATS, build_and_check

GOOD = """\
title: Safe talk
sections:
  - title: One
    points:
      - "[a site](https://example.org/a b?q=ü) and [mail](mailto:someone@example.org)"
      - "[plain](http://example.org/)"
    image:
      src: images/leaf.png
      alt: a leaf
references:
  - {text: Further reading, url: "https://example.org/read"}
source: {title: Article, url: "https://example.org/article"}
"""


def _talk(folder: Path, text: str = GOOD, name: str = "talk.yaml") -> Path:
    if not (folder / "images").exists():
        shutil.copytree(FIXTURES / "images", folder / "images")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors_at(report, line: int) -> list[str]:
    assert not report.ok
    messages = [str(d) for d in report.errors]
    assert any(d.location.line == line for d in report.errors), messages
    return messages


# --- YAML objects ----------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system [touch PWNED]",
        "!!python/name:os.system",
        "!!python/object:pathlib.Path {}",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!<tag:yaml.org,2002:python/object/apply:os.system> [touch PWNED]",
    ],
)
def test_object_tags_are_refused_in_outlines_sets_and_themes(tmp_path, monkeypatch, tag):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "talk"
    folder.mkdir()
    path = _talk(folder, f"title: {tag}\nsections: [{{title: S, points: [p]}}]\n")
    _errors_at(build_and_check(path, tmp_path / "a"), 1)

    path = _talk(folder, GOOD)
    # a --set value is a scalar: the tag is refused, or kept as the title's text
    report = build_and_check(path, tmp_path / "b", sets=(f"title={tag}",))
    if not report.ok:
        assert report.errors[0].location.file.startswith("--set"), str(report.errors[0])

    (folder / "evil.yaml").write_text(f"extends: default\nfooter: {tag}\n")
    path = _talk(folder, GOOD + "theme: evil.yaml\n")
    report = build_and_check(path, tmp_path / "c")
    assert not report.ok and report.errors[0].location.file.endswith("evil.yaml")
    assert not list(tmp_path.rglob("PWNED"))


# --- paths ------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A picture, a theme and a folder outside the outline's folder."""
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(FIXTURES / "images" / "leaf.png", tmp_path / "elsewhere" / "secret.png")
    (tmp_path / "elsewhere" / "theme.yaml").write_text("extends: default\n")
    return tmp_path / "elsewhere"


ESCAPES = {
    "parent": "../elsewhere/secret.png",
    "parent-deep": "images/../../elsewhere/secret.png",
    "backslashes": "..\\elsewhere\\secret.png",
    "absolute": "{outside}/secret.png",
    "home": "~/secret.png",
    "file-url": "file://{outside}/secret.png",
    "https-url": "https://example.org/secret.png",
    "protocol-relative": "//example.org/secret.png",
    "symlinked-file": "images/link.png",
    "symlinked-folder": "linked/secret.png",
    "dotdot-through-symlink": "linked/../elsewhere/secret.png",
    "nul": "images/leaf.png\0.txt",
}


@pytest.mark.parametrize("how", sorted(ESCAPES))
def test_no_picture_path_leaves_the_outline_folder(tmp_path, outside, how):
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "images").mkdir()
    (folder / "images" / "link.png").symlink_to(outside / "secret.png")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    src = ESCAPES[how].format(outside=outside)
    src = src.replace("'", "''")
    text = f"title: T\nsections:\n  - title: S\n    image:\n      src: '{src}'\n      alt: a\n"
    path = _talk(folder, text)
    _errors_at(build_and_check(path, tmp_path / "out"), 5)


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("theme", "../elsewhere/theme.yaml", 4),
        ("theme", "{outside}/theme.yaml", 4),
        ("outputs", "{pptx: {template: ../elsewhere/t.pptx}}", 4),
    ],
)
def test_theme_and_template_paths_stay_inside(tmp_path, outside, key, value, line):
    folder = tmp_path / "talk"
    folder.mkdir()
    (outside / "t.pptx").write_bytes(b"PK")
    text = "title: T\nsections:\n  - {title: S, points: [p]}\n" + f"{key}: {value}\n"
    path = _talk(folder, text.replace("{outside}", str(outside)))
    _errors_at(build_and_check(path, tmp_path / "out"), line)


def test_a_theme_logo_stays_inside_the_theme_folder(tmp_path, outside):
    folder = tmp_path / "talk"
    (folder / "themes").mkdir(parents=True)
    (folder / "themes" / "mine.yaml").write_text(
        "extends: default\nlogo: ../../elsewhere/secret.png\n"
    )
    path = _talk(folder, GOOD + "theme: themes/mine.yaml\n")
    report = build_and_check(path, tmp_path / "out")
    assert not report.ok
    assert report.errors[0].location.file.endswith("mine.yaml")
    assert report.errors[0].location.line == 2


def test_a_symlink_that_stays_inside_is_fine(tmp_path):
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD.replace("images/leaf.png", "pictures/leaf.png"))
    (folder / "pictures").symlink_to(folder / "images", target_is_directory=True)
    report = build_and_check(path, tmp_path / "out")
    assert report.ok, [str(d) for d in report.errors]


# --- output names -----------------------------------------------------------------

ODD_NAMES = [
    "-rf talk.yaml",
    "talk; rm -rf ~.yaml",
    "$(touch PWNED).yaml",
    "Лекция 1.yaml",
    "..yaml",
    " spaced .yaml",
    "tab\tname.yaml",
    "new\nline.yaml",
    ".hidden.yaml",
    "a\\b.yaml",
    "x" * 200 + ".yaml",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_outline_names_write_only_inside_the_output_folder(tmp_path, name):
    folder = tmp_path / "talk"
    folder.mkdir()
    path = _talk(folder, GOOD, name=name)
    out = tmp_path / "deep" / "out"
    if not name.isprintable():  # refused by its name (file-level location), nothing written
        report = deckgen.build.build([path], formats=ALL_FORMATS, out_dir=out)
        assert [d.location.file for d in report.errors] == [str(path)]
        assert "file name" in report.errors[0].message
        assert not out.exists() or not list(out.iterdir())
        return
    report = build_and_check(path, out, formats=ALL_FORMATS)
    assert report.ok, [str(d) for d in report.errors]
    for written in report.written:
        assert written.parent == out
    everything = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    outside_out = {p for p in everything if not str(p).startswith(("deep", "talk"))}
    assert outside_out == set()
    assert not list(tmp_path.rglob("PWNED"))


def test_cli_output_folder_is_the_only_place_written(tmp_path):
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD)
    before = {p for p in tmp_path.rglob("*")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "deckgen",
            "build",
            path.name,
            "-o",
            "../x/./y/../out",
            "-f",
            ",".join(ALL_FORMATS),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    new = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")} - {
        p.relative_to(tmp_path) for p in before
    }
    assert {str(p.parent) for p in new if (tmp_path / p).is_file()} == {"x/out"}, new


@pytest.mark.parametrize(
    "bad_name", ["../escaped.txt", "/tmp/abs.txt", "sub/dir.txt", "..", "a\\..\\b.txt", "nul\0.txt"]
)
def test_a_plugin_cannot_name_a_file_outside_the_output_folder(site, tmp_path, bad_name):
    source = f"""
from deckgen.backends.base import Output, Plan

class Backend:
    name = "evil"
    description = "writes where it should not"
    options = ()

    def layout(self, job):
        return Plan(diagnostics=[], content=None)

    def render(self, plan, job):
        return [Output({bad_name!r}, b"gotcha")]
"""
    site.add_backend("evil", source=source)
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD)
    out = tmp_path / "out"
    report = deckgen.build.build([path], formats=["evil"], out_dir=out)
    assert not report.ok
    assert "invalid output" in report.errors[0].message
    assert not out.exists() or not list(out.iterdir())
    assert not list(tmp_path.rglob("*escaped*")) and not Path("/tmp/abs.txt").exists()


def test_a_plugin_name_with_odd_characters_is_refused_or_harmless(site, tmp_path):
    """An entry point named like a path: it can only be loaded by its exact name,
    and its outputs still go through the name check."""
    site.add_backend("../../x")
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD)
    out = tmp_path / "out"
    try:
        report = deckgen.build.build([path], formats=["../../x"], out_dir=out)
    except BackendError as exc:  # refused outright: fine
        assert exc.diagnostics
    else:  # it names its file talk-../../x.txt: refused by the name check
        assert not report.ok
        assert "invalid output" in report.errors[0].message
    assert not out.exists() or not list(out.iterdir())
    assert {p.name for p in tmp_path.iterdir()} <= {"talk", "out", "site"}  # site: the fake plugin
    assert not list(tmp_path.parent.glob("x.txt")) and not list(tmp_path.glob("*.txt"))


# --- links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "url"),
    [
        ("point", "javascript:alert(1)"),
        ("point", "JavaScript:alert(1)"),
        ("point", "file:///etc/passwd"),
        ("point", "data:text/html,hi"),
        ("point", "vbscript:x"),
        ("point", " javascript:alert(1)"),
        ("point", "java\tscript:alert(1)"),
        ("point", "ftp://example.org/"),
        ("point", "relative/page.html"),
        ("reference", "javascript:alert(1)"),
        ("reference", "file:///etc/passwd"),
        ("source", "javascript:alert(1)"),
    ],
)
def test_only_http_https_mailto_links(tmp_path, where, url):
    folder = tmp_path / "talk"
    if where == "point":
        text = f'title: T\nsections:\n  - title: S\n    points: ["[x]({url})"]\n'
        line = 4
    elif where == "reference":
        head = "title: T\nsections: [{title: S, points: [p]}]\n"
        text = head + f'references:\n  - {{text: R, url: "{url}"}}\n'
        line = 4
    else:
        text = (
            f'title: T\nsections: [{{title: S, points: [p]}}]\nsource: {{title: A, url: "{url}"}}\n'
        )
        line = 3
    path = _talk(folder, text)
    report = build_and_check(path, tmp_path / "out")
    if report.ok:  # not read as a link at all (e.g. a space before the scheme): no link made
        for output in report.written:
            assert all(_SAFE.match(link) for link in _links(output)), output.name
    else:
        _errors_at(report, line)


_SAFE = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def _links(path: Path) -> list[str]:
    if path.suffix == ".pptx":
        found = []
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".rels"):
                    rels = z.read(name).decode()
                    found += re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels)
                    found += re.findall(r'TargetMode="External"[^>]*Target="([^"]*)"', rels)
        return found
    found = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                assert action.get("/S") == "/URI", f"{path.name}: a {action.get('/S')} action"
                found.append(str(action["/URI"]))
    return found


def test_every_link_in_every_output_is_http_https_or_mailto(tmp_path):
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD)
    outs = []
    for mode in ("article", "slides"):
        report = build_and_check(path, tmp_path / mode, sets=(f"outputs.handout.mode={mode}",))
        assert report.ok, [str(d) for d in report.errors]
        outs += report.written
    seen = 0
    for output in outs:
        for link in _links(output):
            assert _SAFE.match(link), f"{output.name}: {link!r}"
            seen += 1
    assert seen >= 4  # the deck and the article handout carry the links at least


# --- network ----------------------------------------------------------------------


def test_nothing_is_fetched_from_a_network(tmp_path, monkeypatch):
    """A full build of every backend, every mode, with sockets that refuse to connect."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("deckgen tried to use the network")

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    folder = tmp_path / "talk"
    path = _talk(folder, GOOD + "timeline:\n  events:\n    - {date: 1957, title: Sputnik}\n")
    for mode, tile in (("article", "A4"), ("slides", "Letter")):
        report = build_and_check(
            path,
            tmp_path / mode,
            sets=(f"outputs.handout.mode={mode}", f"outputs.poster.tile={tile}"),
        )
        assert report.ok, [str(d) for d in report.errors]
    assert attempts == []


def test_urls_in_text_are_not_followed(tmp_path, monkeypatch):
    """A picture or theme named by URL is refused before anything could fetch it."""
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("DNS lookup"))
    folder = tmp_path / "talk"
    text = (
        "title: T\ntheme: https://example.org/theme.yaml\nsections:\n  - title: S\n"
        "    image: {src: 'http://example.org/a.png', alt: a}\n"
    )
    path = _talk(folder, text)
    report = build_and_check(path, tmp_path / "out")
    assert {d.location.line for d in report.errors} >= {5}
