"""The theme's keys for one medium are typed fields, read by every layout from
there: a theme file's `handout:`/`poster:` fonts reach the files built."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from deckgen.build import build
from deckgen.theme.model import Fonts, MediumStyle, SlideStyle, Theme

ROOT = Path(__file__).resolve().parents[2]
TALK = (
    "title: A talk in a brand\ntheme: brand.yaml\nsections:\n  - title: One\n"
    "    points: [A point]\n    notes: Say it.\n"
)


def pdf_fonts(path: Path) -> set[str]:
    """Family names of the fonts a PDF uses ('/AAAAAA+PTSerif-Bold' -> 'PTSerif')."""
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            base = str(font.get_object()["/BaseFont"])
            names.add(base.split("+")[-1].split("-")[0])
    return names


def test_a_theme_files_medium_fonts_reach_the_handout_and_the_poster(tmp_path):
    (tmp_path / "brand.yaml").write_text(
        "extends: default\nhandout:\n  body_font: PT Serif\n  heading_font: PT Serif\n"
        "poster:\n  heading_font: PT Sans\n  body_font: PT Sans\n",
        encoding="utf-8",
    )
    (tmp_path / "talk.yaml").write_text(TALK, encoding="utf-8")
    report = build([tmp_path / "talk.yaml"], formats="handout,poster", out_dir=tmp_path / "out")
    assert report.ok, [str(d) for d in report.diagnostics]
    assert pdf_fonts(tmp_path / "out" / "talk-handout.pdf") == {"PTSerif"}
    assert pdf_fonts(tmp_path / "out" / "talk-poster.pdf") == {"PTSans"}


def test_a_theme_made_in_code_sets_its_media_in_its_slide_fonts():
    theme = Theme(
        "code",
        colors=None,  # type: ignore[arg-type]  # not read here
        fonts=Fonts("PT Sans", "PT Serif"),
        slide=SlideStyle(40, 28, 18),
    )
    assert theme.handout == theme.poster == MediumStyle("PT Sans", "PT Serif")
    assert theme.handout.fonts == theme.fonts and not theme.ink_saving


# Theme values read past the typed model: a raw mapping, or probing the theme.
_UNTYPED = re.compile(r"\.raw\b|(?:hasattr|getattr)\(\s*(?:\w+\.)*theme\b")


def test_nothing_outside_the_theme_package_reads_theme_values_untyped():
    package = ROOT / "deckgen"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if package / "theme" not in path.parents
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _UNTYPED.search(line)
    ]
    assert found == []
    assert _UNTYPED.search("size = theme.raw.get('handout')")
    assert _UNTYPED.search("getattr(st.theme.slide, 'numbers', True)")
