"""The environment and the command line: SOURCE_DATE_EPOCH checked once for
every output, over-long names and deep --set keys, signals, a closed or
full standard output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.hardening.hostile import TALK, run, snapshot, talk

BAD_EPOCHS = {
    "garbage": "yesterday",
    "float": "1700000000.5",
    "negative": "-1",
    "huge": "9" * 30,
    "past-2099": "4102444800",
    "arabic-digits": "١٧٠٠٠٠٠٠٠٠",
    "superscript": "¹⁷",
    "underscores": "1_700_000_000",
}


@pytest.mark.parametrize("how", sorted(BAD_EPOCHS))
@pytest.mark.parametrize("formats", ["pptx", "handout", "poster", "slides-pdf"])
def test_an_unusable_source_date_epoch_is_a_usage_error(
    tmp_path, capsys, monkeypatch, how, formats
):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BAD_EPOCHS[how])
    status, err = run(capsys, "build", outline, "-o", out, "-f", formats)
    assert status == 2, err
    assert "SOURCE_DATE_EPOCH" in err
    assert snapshot(out) == {"keep.txt": b"earlier"}


def test_every_output_carries_the_source_date_epoch(tmp_path, capsys, monkeypatch):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1700000000 ")  # 2023-11-14T22:13:20Z
    status, err = run(capsys, "build", outline, "-o", out, "-f", "pptx,handout")
    assert status == 0, err
    with zipfile.ZipFile(out / "talk.pptx") as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2023, 11, 14)}
        assert b"2023-11-14T22:13:20Z" in z.read("docProps/core.xml")
    info = PdfReader(out / "talk-handout.pdf").metadata
    assert info["/CreationDate"].startswith("D:20231114221320")


def test_epoch_zero_is_accepted(tmp_path, capsys, monkeypatch):
    outline = talk(tmp_path / "talk")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx,poster")
    assert status == 0, err


# --- names over the file system's limit, keys too deep ------------------------------

LONG = "x" * 300


def test_an_outline_name_over_the_limit_is_a_usage_error(tmp_path, capsys):
    status, err = run(capsys, "build", tmp_path / f"{LONG}.yaml", "-o", tmp_path / "out")
    assert status == 2, err
    assert "over the limit" in err


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("theme: {long}.yaml\n", 6),
        ("outputs:\n  pptx: {{template: {long}.pptx}}\n", 7),
        ("theme: mine.yaml\n", None),  # mine.yaml extends the long name
    ],
)
def test_theme_template_and_extends_names_over_the_limit_are_located(tmp_path, capsys, where, line):
    folder = tmp_path / "talk"
    outline = talk(folder, TALK + where.format(long=LONG))
    (folder / "mine.yaml").write_text(f"extends: {LONG}.yaml\n")
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx")
    assert status == 1, err
    assert "over the limit" in err
    assert (f"talk.yaml:{line}:" if line else "mine.yaml:1:10:") in err, err


def test_a_theme_option_over_the_limit_is_an_error(tmp_path, capsys):
    outline = talk(tmp_path / "talk")
    status, err = run(capsys, "build", outline, "-t", f"{LONG}.yaml", "-o", tmp_path / "o")
    assert status in (1, 2), err
    assert "over the limit" in err


def test_a_set_key_too_deep_is_a_located_error(tmp_path, capsys):
    outline = talk(tmp_path / "talk")
    key = ".".join(["a"] * 5000)
    status, err = run(capsys, "build", outline, "--set", f"{key}=1", "-o", tmp_path / "o")
    assert status == 1, err
    assert "--set:1:1: error:" in err and "5000 dotted parts" in err


# --- signals and standard output, in a real process -------------------------------

NOTES = "".join("      " + "lorem ipsum dolor sit amet " * 4 + "\n" for _ in range(6000))
SLOW = TALK.replace("    points: [a point]\n", "    points: [a point]\n    notes: |\n" + NOTES)
SLOW += "outputs:\n  handout: {speaker_notes: true}\n"


def _start(outline: Path, out: Path, **kw) -> subprocess.Popen:
    command = [sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out)]
    return subprocess.Popen(command + ["-f", "pptx,handout,poster"], **kw)


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_signal_at_any_moment_gives_its_status_and_keeps_the_outputs_whole(
    tmp_path, signum, status
):
    outline = talk(tmp_path / "talk", SLOW)
    out = tmp_path / "out"
    out.mkdir()
    earlier = {n: b"earlier" for n in ("talk.pptx", "talk-handout.pdf", "talk-poster.pdf")}
    seen = set()
    for delay in (0.4, 1.0, 1.8, 2.6):
        for name, data in earlier.items():
            (out / name).write_bytes(data)
        process = _start(outline, out, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=120)
        text = err.decode("utf-8", "replace")
        assert "Traceback" not in text, text
        assert process.returncode in (status, -signum, 0), text
        seen.add(process.returncode)
        files = snapshot(out)
        assert set(files) == set(earlier), "temporary files left behind"
        new = [files[n] != earlier[n] for n in earlier]
        assert all(new) or not any(new), "some outputs replaced, others not"
    assert status in seen or -signum in seen


@pytest.mark.parametrize("how", ["full", "closed-pipe", "closed"])
def test_a_full_or_closed_stdout_keeps_the_status_of_a_build_that_wrote(tmp_path, how):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out)]
    if how == "full":
        with open("/dev/full", "wb") as full:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, timeout=120)
    elif how == "closed-pipe":
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, timeout=120)
        finally:
            os.close(write)
    else:
        shell = " ".join(f"'{c}'" for c in command) + " >&-"
        done = subprocess.run(["sh", "-c", shell], stderr=subprocess.PIPE, timeout=120)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert {p.name for p in out.iterdir()} == {"talk.pptx", "talk-handout.pdf", "talk-poster.pdf"}


@pytest.mark.parametrize("value", [LONG, "/dev/null/cache", "/proc/cache"])
def test_an_unusable_font_cache_folder_still_builds(tmp_path, capsys, monkeypatch, value):
    outline = talk(tmp_path / "talk")
    monkeypatch.setenv("DECKGEN_CACHE", value)
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx,handout")
    assert status == 0, err
