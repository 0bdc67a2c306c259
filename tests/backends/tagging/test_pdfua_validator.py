"""The PDFs of the sample through an offline PDF/UA-1 checker (`pdfua`, from
PyPI: the machine-checkable subset of PDF/UA-1 on pikepdf, no JVM; veraPDF,
the reference validator, is Java and on neither PyPI nor Debian)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import deckgen

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content" / "space_race.yaml"
PDFUA = shutil.which("pdfua", path=str(Path(sys.executable).parent)) or shutil.which("pdfua")

pytestmark = pytest.mark.skipif(PDFUA is None, reason="the pdfua checker is not installed")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("pdfua")
    sets = ("outputs.poster.tile=A4",)
    a = deckgen.build([SAMPLE], formats="handout,poster,slides-pdf", out_dir=out / "a", sets=sets)
    b = deckgen.build(
        [SAMPLE], formats="handout", out_dir=out / "b", sets=("outputs.handout.mode=slides",)
    )
    assert a.ok and b.ok
    return sorted((out / "a").glob("*.pdf")) + sorted((out / "b").glob("*.pdf"))


def _check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PDFUA, "check", str(path)], capture_output=True, text=True)


def test_every_pdf_of_the_sample_passes(pdfs):
    assert len(pdfs) == 5
    for pdf in pdfs:
        done = _check(pdf)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "PASS" in done.stdout


def test_the_checker_does_find_an_untagged_pdf(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "untagged.pdf"
    c = Canvas(str(path), invariant=1)
    c.drawString(10, 10, "hello")
    c.save()
    done = _check(path)
    assert done.returncode != 0 and "StructTreeRoot" in done.stdout
