"""The `deckgen` command line: output, diagnostics and exit status.

Most tests call `main()` in-process with scripted outlines and fake backends
(see conftest.py); tests/test_cli_real.py runs the real thing end to end.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import deckgen
from deckgen.cli import EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_build_prints_one_line_per_written_file(site, outlines, capsys):
    site.add_backend("one")
    site.add_backend("two")
    outlines.add()
    status, out, err = run(capsys, "build", "talks/talk.yaml", "-f", "one,two", "-o", "out")
    assert (status, err) == (EXIT_OK, "")
    assert out == "out/talk-one.txt\nout/talk-two.txt\n"
    assert Path("out/talk-two.txt").read_text().startswith("two of A talk")


def test_quiet_prints_nothing_on_success(site, outlines, capsys):
    site.add_backend("one", warnings=("text shrunk",))
    outlines.add()
    assert run(capsys, "build", "-q", "talks/talk.yaml", "-f", "one") == (EXIT_OK, "", "")
    assert Path("build/talk-one.txt").exists()  # the default output folder


def test_outline_error_is_file_line_column_and_exit_1(site, outlines, capsys):
    site.add_backend("one")
    outlines.add(error=(3, 7, "sections[0]: expected a mapping, got a list"))
    status, out, err = run(capsys, "build", "talks/talk.yaml", "-f", "one")
    assert status == EXIT_ERRORS
    assert out == ""
    assert err == "talks/talk.yaml:3:7: error: sections[0]: expected a mapping, got a list\n"
    assert not Path("build").exists()


def test_paths_outside_the_working_folder_stay_absolute(
    site, outlines, capsys, tmp_path, monkeypatch
):
    site.add_backend("one")
    talk = outlines.add(error=(1, 1, "title: missing"))
    sub = tmp_path / "elsewhere"
    sub.mkdir()
    monkeypatch.chdir(sub)
    status, _, err = run(capsys, "check", str(talk), "-f", "one")
    assert status == EXIT_ERRORS
    assert err == f"{talk}:1:1: error: title: missing\n"


def test_warnings_are_shown_and_allowed(site, outlines, capsys):
    site.add_backend("one", warnings=("sections[2].points[4]: shrunk to 18 pt to fit",))
    outlines.add()
    status, out, err = run(capsys, "build", "talks/talk.yaml", "-f", "one")
    assert status == EXIT_OK
    assert err == "talks/talk.yaml:5:9: warning: sections[2].points[4]: shrunk to 18 pt to fit\n"
    assert out == "build/talk-one.txt\n"


def test_strict_fails_on_warnings_and_writes_nothing(site, outlines, capsys):
    site.add_backend("one", warnings=("point split over two slides",))
    outlines.add()
    status, out, err = run(capsys, "build", "--strict", "-q", "talks/talk.yaml", "-f", "one")
    assert status == EXIT_ERRORS
    assert out == ""
    assert err == ("talks/talk.yaml:5:9: error: point split over two slides [warning; --strict]\n")
    assert not Path("build").exists()


def test_check_reports_and_writes_nothing(site, outlines, capsys):
    site.add_backend("one", warnings=("point split over two slides",))
    outlines.add()
    outlines.add("other.yaml")
    status, out, err = run(capsys, "check", "talks/talk.yaml", "talks/other.yaml", "-f", "one")
    assert status == EXIT_OK
    assert out == "talks/talk.yaml: ok (1 warning)\ntalks/other.yaml: ok (1 warning)\n"
    assert err.count("warning: point split over two slides") == 2
    assert sorted(p.name for p in Path.cwd().iterdir()) == ["site", "talks"]


def test_check_fails_on_errors(site, outlines, capsys):
    site.add_backend("one", layout_error="point too long even at 14 pt")
    outlines.add()
    status, out, err = run(capsys, "check", "talks/talk.yaml", "-f", "one")
    assert (status, out) == (EXIT_ERRORS, "")
    assert err == "talks/talk.yaml:7:3: error: point too long even at 14 pt\n"


def test_option_error_names_the_options_line(site, outlines, capsys):
    site.add_backend("one")
    outlines.add(outputs={"one": {"size": ("A5", 14)}})
    status, _, err = run(capsys, "build", "talks/talk.yaml", "-f", "one")
    assert status == EXIT_ERRORS
    assert err.startswith("talks/talk.yaml:14:5: error: outputs.one.size: 'A5' is not one of")


def test_a_failed_build_leaves_earlier_outputs_byte_identical(site, outlines, capsys):
    site.add_backend("one")
    site.add_backend("two", render_error="no room for the timeline")
    outlines.add()
    assert run(capsys, "build", "talks/talk.yaml", "-f", "one")[0] == EXIT_OK
    before = Path("build/talk-one.txt").read_bytes()
    outlines.add(outputs={"one": {"copies": (5, 3)}})  # would change talk-one.txt
    status, out, err = run(capsys, "build", "talks/talk.yaml", "-f", "one,two")
    assert (status, out) == (EXIT_ERRORS, "")
    assert "error: no room for the timeline" in err
    assert Path("build/talk-one.txt").read_bytes() == before
    assert [p.name for p in Path("build").iterdir()] == ["talk-one.txt"]


def test_error_not_from_a_file_is_labelled_deckgen(site, outlines, capsys):
    site.add_backend("one")
    outlines.add()
    status, _, err = run(capsys, "build", "talks/talk.yaml", "-f", "one", "-t", "nosuch")
    assert status == EXIT_ERRORS
    assert err == "deckgen: error: unknown theme 'nosuch'\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "usage: deckgen"),
        (["build"], "the following arguments are required: OUTLINE"),
        (["build", "talks/talk.yaml", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["build", "talks/talk.yaml", "--set", "no-equals-sign"], "expected KEY=VALUE"),
        (["build", "talks/talk.yaml", "-q", "-v"], "not allowed with argument"),
        (["build", "talks/missing.yaml", "-f", "one"], "talks/missing.yaml: no such file"),
        (["check", "talks", "-f", "one"], "talks: not a file (give the outline's .yaml file)"),
        (["build", "talks/talk.yaml", "-f", ","], "-f: no output format given"),
        (
            ["check", "talks/talk.yaml", "-f", "one,onne2"],
            "-f: unknown backend 'onne2'; did you mean 'one'? (installed: ",
        ),
    ],
)
def test_wrong_usage_is_exit_2(site, outlines, capsys, argv, message):
    site.add_backend("one")
    outlines.add()
    status, out, err = run(capsys, *argv)
    assert status == EXIT_USAGE
    assert message in err
    assert "Traceback" not in err
    assert not Path("build").exists()


def test_version_and_help(capsys):
    assert run(capsys, "--version") == (EXIT_OK, f"deckgen {deckgen.__version__}\n", "")
    status, out, _ = run(capsys, "build", "--help")
    assert status == EXIT_OK
    for option in ("--formats", "--theme", "--out", "--set", "--strict", "exit status"):
        assert option in out


def test_a_bug_is_an_internal_error_with_traceback_only_when_verbose(site, outlines, capsys):
    site.add_backend("buggy", crash=True)
    outlines.add()
    status, out, err = run(capsys, "build", "talks/talk.yaml", "-f", "buggy")
    assert status == EXIT_INTERNAL
    assert err == (
        "deckgen: internal error: ZeroDivisionError: a bug in the backend\n"
        "deckgen: this is a bug; rerun with -v for the traceback\n"
    )
    status, out, err = run(capsys, "build", "-v", "talks/talk.yaml", "-f", "buggy")
    assert status == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError" in err
    assert not Path("build").exists()


def test_clashing_backends_are_exit_1_without_traceback(site, outlines, capsys):
    site.add_backend("dup", dist="pkg-a")
    site.add_backend("dup", dist="pkg-b")
    outlines.add()
    status, _, err = run(capsys, "build", "talks/talk.yaml", "-f", "dup")
    assert status == EXIT_ERRORS
    assert err.startswith("deckgen: error: backend 'dup' is claimed by 2 installed packages")
    assert "Traceback" not in err


def test_verbose_prints_timings(site, outlines, capsys):
    site.add_backend("one")
    outlines.add()
    status, _, err = run(capsys, "build", "-v", "talks/talk.yaml", "-f", "one")
    assert status == EXIT_OK
    assert err.startswith("talks/talk.yaml: ")
    assert "load " in err and "layout one " in err and "render one " in err


def test_backends_lists_builtins_and_plugins(site, capsys):
    site.add_backend("wordcount", description="word count per section", dist="deckgen-wordcount")
    status, out, err = run(capsys, "backends")
    assert status == EXIT_OK
    lines = out.splitlines()
    names = [line.split()[0] for line in lines]
    assert names == sorted(names)
    assert {"pptx", "handout", "poster", "wordcount"} <= set(names)
    [row] = [line for line in lines if line.startswith("wordcount ")]
    assert row.split(None, 1)[1] == (
        "word count per section [deckgen-wordcount 1.0] (opt-in: -f wordcount)"
    )


def test_themes_lists_one_per_line(capsys, monkeypatch):
    import deckgen.theme

    fake = [("default", "light, for any room"), ("midnight", "dark, for projectors")]
    monkeypatch.setattr(deckgen.theme, "available", lambda: fake)
    status, out, _ = run(capsys, "themes")
    assert status == EXIT_OK
    assert out == "default   light, for any room\nmidnight  dark, for projectors\n"


def test_schema_is_json(capsys, monkeypatch):
    import deckgen.outline.schema

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Тема"}
    monkeypatch.setattr(deckgen.outline.schema, "json_schema", lambda: schema)
    status, out, _ = run(capsys, "schema")
    assert status == EXIT_OK
    assert json.loads(out) == schema
    assert "Тема" in out  # readable, not \\u-escaped


def test_backends_verbose_lists_each_option(site, capsys):
    site.add_backend("fake")
    status, out, _ = run(capsys, "backends", "-v")
    assert status == EXIT_OK
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("fake "))
    assert [line.strip() for line in lines[start + 1 : start + 4]] == [
        "outputs.fake.size: A4 (default) | A3 | big (= A3)",
        "outputs.fake.copies: int, default 1",
        "outputs.fake.color: bool, default True",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


SLOW_BACKEND = """
import time
from deckgen.backends.base import Output, Plan

class Backend:
    name = "slow"
    description = "takes its time"
    options = ()

    def layout(self, job):
        time.sleep(0.6)
        return Plan()

    def render(self, plan, job):
        return [Output(job.outline.stem + "-slow.txt", b"done")]
"""


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_shows_on_a_terminal_only_for_slow_builds(site, outlines, monkeypatch, terminal):
    import deckgen.cli

    site.add_backend("slow", source=SLOW_BACKEND)
    outlines.add()
    monkeypatch.setattr(deckgen.cli, "PROGRESS_AFTER", 0.2)
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["build", "talks/talk.yaml", "-f", "slow"]) == EXIT_OK
    shown = stderr.getvalue()
    if terminal:
        assert re.search(r"\r\x1b\[K[|/\\-] talk\.yaml: layout slow \(\d s\)", shown), shown
        assert shown.endswith("\r\x1b[K")  # the status line is cleared at the end
    else:
        assert shown == ""
    assert sys.stdout.getvalue() == "build/talk-slow.txt\n"


def test_control_characters_never_reach_the_terminal(site, outlines, capsys):
    site.add_backend("one")
    outlines.add("talk\x1b]0;pwned\x07.yaml", error=(2, 1, "title: bad \x1b[2J text"))
    status, _, err = run(capsys, "check", "talks/talk\x1b]0;pwned\x07.yaml", "-f", "one")
    assert status == EXIT_ERRORS
    assert err == "talks/talk\\x1b]0;pwned\\x07.yaml:2:1: error: title: bad \\x1b[2J text\n"


@pytest.mark.parametrize(
    "argv",
    [
        ("build", "{long}.yaml"),
        ("watch", "{long}.yaml"),
        ("preview", "{long}.yaml"),
        ("import", "{long}.md"),
        ("new", "{long}"),
    ],
    ids=lambda a: a[0],
)
def test_a_name_too_long_for_the_file_system_is_a_usage_error(tmp_path, monkeypatch, capsys, argv):
    # looked up, such a name raises OSError (ENAMETOOLONG): refused before that, never exit 70
    monkeypatch.chdir(tmp_path)
    long = "x" * 300
    code, _, err = run(capsys, *(a.format(long=long) for a in argv))
    assert code == EXIT_USAGE, err
    assert "cannot be a" in err and "Traceback" not in err


def test_an_imported_picture_whose_name_is_too_long_is_left_out_at_its_line(tmp_path, capsys):
    md = tmp_path / "talk.md"
    md.write_text(f"# Talk\n\n## Part\n\n![a picture]({'p' * 300}.png)\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(md))
    assert code == EXIT_OK, err
    assert "talk.md:5:1: warning: picture" in err and "not found: left out" in err
