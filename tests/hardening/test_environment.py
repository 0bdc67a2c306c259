"""The environment and the command line: SOURCE_DATE_EPOCH checked once for
every output, over-long names and deep --set keys, signals, a closed or
full standard output."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from tests.hardening.hostile import run, snapshot, talk

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
