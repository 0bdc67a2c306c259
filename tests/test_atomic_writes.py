"""Atomic writes: a reader never sees a partial file, a failure changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from deckgen.backends.base import Output
from deckgen.errors import BackendError, DeckgenError
from deckgen.writer import TEMP_SUFFIX, check_names, sweep_stale, write_outputs


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_writes_creates_the_folder_and_replaces(tmp_path):
    out = tmp_path / "a" / "b"
    assert write_outputs(out, [Output("t.pptx", b"one")]) == [out / "t.pptx"]
    write_outputs(out, [Output("t.pptx", b"two"), Output("t-poster.pdf", b"3")])
    assert listing(out) == {"t-poster.pdf": b"3", "t.pptx": b"two"}


def test_files_get_ordinary_permissions(tmp_path):
    write_outputs(tmp_path, [Output("t.pptx", b"x")])
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "t.pptx").stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failure_while_staging_changes_no_file(tmp_path, monkeypatch):
    write_outputs(tmp_path, [Output("t.pptx", b"old deck"), Output("t.pdf", b"old pdf")])
    real = os.fsync
    calls = []

    def failing(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file: the disk is full
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(DeckgenError) as info:
        write_outputs(tmp_path, [Output("t.pptx", b"new deck"), Output("t.pdf", b"new pdf")])
    [problem] = info.value.diagnostics
    assert problem.location.file == str(tmp_path / "t.pdf")
    assert problem.message == "cannot write the file: No space left on device"
    assert listing(tmp_path) == {"t.pdf": b"old pdf", "t.pptx": b"old deck"}


def test_an_interrupt_while_staging_leaves_no_temporary_file(tmp_path, monkeypatch):
    write_outputs(tmp_path, [Output("t.pptx", b"old")])

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(tmp_path, [Output("t.pptx", b"new" * 100_000)])
    monkeypatch.undo()
    assert listing(tmp_path) == {"t.pptx": b"old"}


def test_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    with pytest.raises(DeckgenError, match="cannot create the output folder"):
        write_outputs(blocker / "sub", [Output("t.pptx", b"x")])
    with pytest.raises(DeckgenError, match="the output folder is an existing file"):
        write_outputs(blocker, [Output("t.pptx", b"x")])
    assert blocker.read_text() == "a file, not a folder"


BAD_NAMES = ["", ".", "..", "a/b.pdf", "../x.pdf", "a\\b", "x\0", "t" + TEMP_SUFFIX, "a\nb.pdf"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_output_names_must_be_plain_file_names(name):
    with pytest.raises(BackendError, match="invalid output"):
        check_names([Output(name, b"")], "evil")


def test_output_data_must_be_bytes():
    with pytest.raises(BackendError, match="invalid output 't.txt'"):
        check_names([Output("t.txt", "text, not bytes")], "sloppy")


def test_stale_temporaries_of_dead_processes_are_swept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".t.pptx.{pid}.abc123{TEMP_SUFFIX}"
    live = tmp_path / f".t.pptx.{os.getpid()}.def456{TEMP_SUFFIX}"
    foreign = tmp_path / ".notes.txt"
    for path in (stale, live, foreign):
        path.write_bytes(b"x")
    assert sweep_stale(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, foreign.name])


KILLED_WRITER = """
import os, sys
from pathlib import Path
from deckgen import writer
from deckgen.backends.base import Output

real_fsync = os.fsync
def stalled_fsync(fd):
    # The temporary file is written but not yet renamed: tell the test, and
    # stop here until it kills this process.
    print("writing", flush=True)
    os.kill(os.getpid(), 19)  # SIGSTOP
    return real_fsync(fd)
os.fsync = stalled_fsync
writer.write_outputs(Path(sys.argv[1]), [Output("talk.pptx", b"new" * 1000)])
"""


def test_a_build_killed_mid_write_leaves_the_old_file(tmp_path):
    write_outputs(tmp_path, [Output("talk.pptx", b"old deck")])
    script = tmp_path / "kill_me.py"
    script.write_text(textwrap.dedent(KILLED_WRITER))
    child = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline() == "writing\n"
    deadline = time.monotonic() + 10
    while not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    child.kill()  # SIGKILL: no chance to clean up
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert (tmp_path / "talk.pptx").read_bytes() == b"old deck"

    # The next write into the folder removes what the killed process left.
    write_outputs(tmp_path, [Output("talk-poster.pdf", b"poster")])
    assert listing(tmp_path) == {
        "kill_me.py": script.read_bytes(),
        "talk-poster.pdf": b"poster",
        "talk.pptx": b"old deck",
    }


TERMINATED_BUILD = """
import os, sys, time
from deckgen.cli import main

real_fsync = os.fsync
def stalled_fsync(fd):
    print("writing", flush=True)
    time.sleep(60)  # SIGTERM arrives here, while the temporary file exists
    return real_fsync(fd)
os.fsync = stalled_fsync
sys.exit(main(["build", "talk.yaml", "-f", "fake", "-o", "out"]))
"""


def test_sigterm_mid_build_removes_the_temporary_file(site, tmp_path):
    """`kill PID` (SIGTERM) is the usual way to stop a build: it must clean up."""
    site.add_backend("fake")
    (tmp_path / "talk.yaml").write_text("title: T\nsections:\n  - title: S\n    points: [p]\n")
    out = tmp_path / "out"
    write_outputs(out, [Output("talk-fake.txt", b"earlier build")])
    script = tmp_path / "terminate_me.py"
    script.write_text(TERMINATED_BUILD)
    env = {**os.environ, "PYTHONPATH": str(site.root)}
    child = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "writing\n", child.stderr.read()
    assert [p for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    child.terminate()
    assert child.wait(timeout=30) == 128 + signal.SIGTERM
    assert listing(out) == {"talk-fake.txt": b"earlier build"}


def test_only_control_characters_make_a_name_unusable():
    from deckgen.writer import has_control_characters

    assert not has_control_characters("Vorlesung\u00a01")  # a no-break space is harmless
    assert not has_control_characters("Лекция 1")
    assert has_control_characters("new\nline")
    assert has_control_characters("tab\tname")
