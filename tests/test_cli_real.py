"""`python -m deckgen` end to end: the real loader, real YAML line numbers, and a
third-party backend (tests/plugin/deckgen-wordcount) installed with pip."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parent / "plugin" / "deckgen-wordcount"

TALK = """\
title: Школа и космос
sections:
  - id: start
    title: Where it began
    points:
      - Sputnik 1, 4 October 1957
      - Юрий Гагарин, 12 April 1961
    notes: Ask who has seen the ISS pass over at night.
  - title: Together
    summary: Rivals docked in orbit in 1975.
outputs:
  wordcount:
    unit: words
"""


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory) -> Path:
    """The wordcount plugin, installed by pip into a folder of its own."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(PLUGIN, source)  # pip builds in place; keep the repository clean
    site = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    assert (site / "deckgen_wordcount" / "__init__.py").is_file()
    return site


def deckgen(cwd: Path, *args: str, site: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-m", "deckgen", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(TALK, encoding="utf-8")
    return path


def test_a_pip_installed_plugin_builds_through_the_cli(plugin_site, talk):
    listed = deckgen(talk.parent, "backends", site=plugin_site)
    assert listed.returncode == 0, listed.stderr
    [row] = [line for line in listed.stdout.splitlines() if line.startswith("wordcount ")]
    assert row.endswith(
        "plain-text word count and speaking time per section "
        "[deckgen-wordcount 0.1.0] (opt-in: -f wordcount)"
    )
    done = deckgen(
        talk.parent, "build", "talk.yaml", "-f", "wordcount", "-o", "out", site=plugin_site
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == "out/talk-wordcount.txt\n"
    text = (talk.parent / "out" / "talk-wordcount.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Школа и космос"
    assert text.splitlines()[2:] == [
        "start: 23 words, about 0.2 min",
        "together: 7 words, about 0.1 min",
        "",
        "total: about 0.2 min",
    ]


def test_the_plugin_is_unknown_without_its_package(talk):
    done = deckgen(talk.parent, "build", "talk.yaml", "-f", "wordcount")
    assert done.returncode == 2
    assert "-f: unknown backend 'wordcount'" in done.stderr
    assert "(installed: handout, " in done.stderr


def test_unknown_option_is_reported_at_its_yaml_line(plugin_site, talk):
    talk.write_text(TALK.replace("unit: words", "unti: chars"), encoding="utf-8")
    done = deckgen(talk.parent, "check", "talk.yaml", "-f", "wordcount", site=plugin_site)
    assert done.returncode == 1
    assert done.stderr == (
        "talk.yaml:13:11: error: outputs.wordcount.unti: unknown option 'unti' for backend "
        "'wordcount'; did you mean 'unit'? (its options: unit, notes, notes_limit)\n"
    )
    assert "Traceback" not in done.stderr


def test_bad_option_value_lists_the_choices(plugin_site, talk):
    talk.write_text(TALK.replace("unit: words", "unit: lines"), encoding="utf-8")
    done = deckgen(talk.parent, "build", "talk.yaml", "-f", "wordcount", site=plugin_site)
    assert done.returncode == 1
    assert done.stderr == (
        "talk.yaml:13:11: error: outputs.wordcount.unit: 'lines' is not one of "
        "words, characters, chars\n"
    )
    assert not (talk.parent / "build").exists()


def test_set_overrides_an_option_from_the_command_line(plugin_site, talk):
    done = deckgen(
        talk.parent,
        "build",
        "talk.yaml",
        "-f",
        "wordcount",
        "--set",
        "outputs.wordcount.unit=chars",
        site=plugin_site,
    )
    assert done.returncode == 0, done.stderr
    assert "characters" in (talk.parent / "build" / "talk-wordcount.txt").read_text()


def test_strict_fails_on_a_plugin_warning_and_writes_nothing(plugin_site, talk):
    args = ("build", "talk.yaml", "-f", "wordcount", "--set", "outputs.wordcount.notes_limit=3")
    relaxed = deckgen(talk.parent, *args, "-o", "relaxed", site=plugin_site)
    assert relaxed.returncode == 0
    assert relaxed.stderr.startswith("talk.yaml:3:5: warning: sections[start].notes: 10 words")
    strict = deckgen(talk.parent, *args, "--strict", site=plugin_site)
    assert strict.returncode == 1
    assert "error: sections[start].notes: 10 words" in strict.stderr
    assert "[warning; --strict]" in strict.stderr
    assert not (talk.parent / "build").exists()


def test_two_packages_claiming_one_backend_name(plugin_site, talk, tmp_path):
    # A second distribution (a fork, say) registers the same name.
    fork = tmp_path / "fork"
    info = fork / "deckgen_wordcount_fork-2.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: deckgen-wordcount-fork\nVersion: 2.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[deckgen.backends]\nwordcount = deckgen_wordcount_fork:WordcountBackend\n"
    )
    site = f"{plugin_site}{os.pathsep}{fork}"
    done = deckgen(talk.parent, "build", "talk.yaml", "-f", "wordcount", site=site)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "deckgen: error: backend 'wordcount' is claimed by 2 installed packages: "
    )
    assert "deckgen-wordcount 0.1.0" in done.stderr
    assert "deckgen-wordcount-fork 2.0" in done.stderr
    assert "Traceback" not in done.stderr


def test_outputs_for_a_missing_backend_warn_at_their_line(talk):
    talk.write_text(TALK + "  handuot:\n    paper: A4\n", encoding="utf-8")
    done = deckgen(talk.parent, "check", "talk.yaml", "-f", "handout")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("talk.yaml:12:3: warning: outputs.wordcount: no backend")
    assert lines[1].startswith("talk.yaml:14:3: warning: outputs.handuot: no backend 'handuot'")
    assert "did you mean 'handout'?" in lines[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed\n", "bad.yaml:2:1: error: malformed YAML"),
        ("title: A talk\nsections: []\n", "bad.yaml:2:11: error: sections: "),
        (
            "title: A talk\nsections:\n  - title: x\n    pionts: [a]\n",
            "\nbad.yaml:4:5: error: sections[0]: unknown key 'pionts', did you mean 'points'?",
        ),
    ],
)
def test_bad_outline_is_exit_1_with_its_line_and_no_traceback(tmp_path, text, expected):
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    done = deckgen(tmp_path, "build", "bad.yaml", "-f", "handout")
    assert done.returncode == 1
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "build").exists()


def test_usage_errors_are_exit_2(tmp_path):
    done = deckgen(tmp_path, "build", "--no-such-option", "talk.yaml")
    assert done.returncode == 2
    assert "unrecognized arguments: --no-such-option" in done.stderr


def test_themes_lists_the_builtin_themes(tmp_path):
    done = deckgen(tmp_path, "themes")
    assert done.returncode == 0
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert {"default", "midnight", "print"} <= set(names)


def test_schema_prints_the_outline_json_schema(tmp_path):
    done = deckgen(tmp_path, "schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"title", "sections"} <= set(schema["required"])


def test_unknown_theme_is_exit_1(talk):
    done = deckgen(talk.parent, "check", "talk.yaml", "-f", "handout", "-t", "midnite")
    assert done.returncode == 1
    assert "midnite" in done.stderr and "midnight" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_and_the_console_script_agree(tmp_path):
    script = Path(sys.executable).parent / "deckgen"
    if not script.exists():
        pytest.skip("the deckgen console script is not installed (run `make build`)")
    a = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    b = deckgen(tmp_path, "--version")
    assert a.stdout == b.stdout and a.returncode == b.returncode == 0


def test_sample_talk_checks_clean(tmp_path):
    """`deckgen check` on the sample talk exits 0 (the core issue's "done when")."""
    content = Path(__file__).resolve().parent.parent / "content"
    shutil.copytree(content, tmp_path / "content")
    done = deckgen(tmp_path, "check", "content/space_race.yaml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("content/space_race.yaml: ok")
    assert " error:" not in done.stderr


def test_a_closed_pipe_is_not_an_error(tmp_path):
    """`deckgen schema | head -1` must not report an internal error."""
    import fcntl

    read_end, write_end = os.pipe()
    # A one-page pipe, smaller than the schema: the child must block mid-output
    # and then find its reader gone (EPIPE), as with `| head -1`.
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    child = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "schema"],
        cwd=tmp_path,
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert reader.read(1) == b"{"
    assert child.wait(timeout=30) == 0
    assert child.stderr.read() == b""


def test_building_twice_gives_byte_identical_files(tmp_path):
    """The contract: the same outline built twice gives byte-identical files."""
    shutil.copytree(Path(__file__).resolve().parent.parent / "content", tmp_path / "content")
    for out in ("first", "second"):
        done = deckgen(tmp_path, "build", "-q", "content/space_race.yaml", "-o", out)
        assert done.returncode == 0, done.stderr
    first = {p.name: p.read_bytes() for p in (tmp_path / "first").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "second").iterdir()}
    assert set(first) == {"space_race.pptx", "space_race-handout.pdf", "space_race-poster.pdf"}
    assert first == second
