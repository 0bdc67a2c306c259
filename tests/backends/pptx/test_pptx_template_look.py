"""A template's own look (`outputs.pptx.look: template`, the default): its
slide size, theme fonts and colours kept in the .pptx and in slides-pdf; its
footer, slide-number and picture placeholders filled in. `look: theme`
keeps deckgen's. Templates here are Pandoc's reference.pptx with its theme
part edited."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx_support import audit, png_file
from pypdf import PdfReader

from deckgen.build import build
from deckgen.fonts.system import system_package

ROOT = Path(__file__).resolve().parents[3]
PANDOC = ROOT / "tests" / "fixtures" / "templates" / "pandoc-reference.pptx"
ACCENT = "8B1A4A"  # a colour no built-in theme uses, readable on white as it is
DEFAULT_ACCENT = "C2410C"  # the default theme's
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}

needs_twins = pytest.mark.skipif(
    system_package("Carlito") is None or system_package("Caladea") is None,
    reason="Carlito/Caladea are not installed (Debian: fonts-crosextra-carlito, -caladea)",
)

TALK = """\
title: A talk on a brand template
subtitle: Its fonts and colours win
author: Dr. A. Lecturer
theme_overrides: {{footer: "Brand footer line"}}
cover: {{src: cover.png, alt: A red cover picture, focus: [0.8, 0.2]}}
outputs:
  pptx: {{template: brand.pptx{extra}}}
sections:
  - title: The first section
    points: [A point on the brand, Another point, A third one]
  - title: The second section
    points: [One more point, And the last]
"""


def brand_template(
    path: Path,
    major: str = "Caladea",
    minor: str = "Calibri",
    accent: str = ACCENT,
    theme_edit=None,
    picture_placeholder: bool = False,
) -> Path:
    """Pandoc's reference.pptx, its theme's fonts and accent1 changed; with
    `picture_placeholder` its Title Slide layout gets a picture placeholder."""
    out = io.BytesIO()
    with zipfile.ZipFile(PANDOC) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "ppt/theme/theme1.xml":
                text = blob.decode("utf-8")
                text = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*"', rf'\g<1>{major}"', text)
                text = re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*"', rf'\g<1>{minor}"', text)
                text = text.replace('<a:accent1><a:srgbClr val="4F81BD"/>', "")
                text = text.replace(
                    "</a:lt2>", f'</a:lt2><a:accent1><a:srgbClr val="{accent}"/>', 1
                )
                if theme_edit is not None:
                    text = theme_edit(text)
                blob = text.encode("utf-8")
            if picture_placeholder and info.filename == "ppt/slideLayouts/slideLayout1.xml":
                blob = blob.replace(b"</p:spTree>", _PIC_PLACEHOLDER + b"</p:spTree>", 1)
            zout.writestr(info, blob)
    path.write_bytes(out.getvalue())
    return path


_PIC_PLACEHOLDER = (
    b'<p:sp><p:nvSpPr><p:cNvPr id="40" name="Picture Placeholder 39"/><p:cNvSpPr>'
    b'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="pic" idx="13"/></p:nvPr>'
    b'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144000" cy="1371600"/>'
    b"</a:xfrm></p:spPr></p:sp>"
)


def build_talk(folder: Path, template: Path, formats="pptx,slides-pdf", extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / "brand.pptx")
    png_file(folder / "cover.png", color=(200, 30, 40), size=(40, 30))
    (folder / "talk.yaml").write_text(TALK.format(extra=extra), encoding="utf-8")
    report = build([folder / "talk.yaml"], formats=formats, out_dir=folder / "out")
    assert report.ok, [d.message for d in report.diagnostics]
    return report, folder / "out"


def slide_xml(pptx: Path, n: int) -> str:
    with zipfile.ZipFile(pptx) as z:
        return z.read(f"ppt/slides/slide{n}.xml").decode("utf-8")


def every_slide(pptx: Path) -> str:
    with zipfile.ZipFile(pptx) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        return "".join(z.read(n).decode("utf-8") for n in names)


def pdf_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0])
    return names


@pytest.fixture(scope="module")
def branded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brand")
    template = brand_template(folder / "template.pptx")
    report, out = build_talk(folder / "talk", template)
    return report, out


@needs_twins
def test_the_templates_size_fonts_and_accent_are_kept(branded):
    report, out = branded
    pptx = out / "talk.pptx"
    deck = Presentation(str(pptx))
    assert (deck.slide_width / 12700, deck.slide_height / 12700) == (720, 405)
    xml = every_slide(pptx)
    faces = set(re.findall(r'<a:latin typeface="([^"]*)"', xml))
    # text refers to the template's theme fonts, so it follows them if the owner
    # changes them; nothing names deckgen's Arial
    assert faces == {"+mj-lt", "+mn-lt"}
    title = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title._r.find("a:rPr/a:latin", NS).get("typeface") == "+mj-lt"
    # the template's colours, referred to by their slot: they follow the theme
    assert '<a:schemeClr val="accent1"/>' in xml and '<a:schemeClr val="tx1"/>' in xml
    assert DEFAULT_ACCENT not in xml and "1B2330" not in xml  # the default theme's
    # the deck still carries the template's theme, fonts as its owner set them
    with zipfile.ZipFile(pptx) as z:
        theme = z.read("ppt/theme/theme1.xml").decode("utf-8")
    assert '<a:majorFont><a:latin typeface="Caladea"/>' in theme
    assert '<a:minorFont><a:latin typeface="Calibri"/>' in theme
    assert f'<a:accent1><a:srgbClr val="{ACCENT}"/>' in theme
    # Calibri is measured with its metric twin: no warning that fit is uncertain
    assert not [d for d in report.diagnostics if "cannot be guaranteed" in d.message]


@needs_twins
def test_slides_pdf_embeds_the_fonts_it_measured_with(branded):
    _, out = branded
    pdf = out / "talk-slides.pdf"
    assert pdf_fonts(pdf) == {"Caladea", "Carlito"}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "+" in str(font["/BaseFont"])  # a subset
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    first = PdfReader(pdf).pages[0]
    assert first.mediabox.width == 720 and first.mediabox.height == 405
    # drawn in the template's accent and text colour (#8B1A4A, #000000)
    drawn = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    assert b".545098 .101961 .290196 rg" in drawn and b"0 0 0 rg" in drawn


@needs_twins
def test_the_templates_footer_and_slide_number_placeholders_are_filled(branded):
    _, out = branded
    pptx = out / "talk.pptx"
    deck = Presentation(str(pptx))
    slide = deck.slides[2]  # a content slide (the title slide has no chrome)
    footer = next(s for s in slide.placeholders if str(s.placeholder_format.type)[:6] == "FOOTER")
    assert footer.text_frame.text == "Brand footer line"
    xml = slide_xml(pptx, 3)
    assert 'type="slidenum"' in xml  # a field: PowerPoint numbers it itself
    # deckgen draws no footer or number of its own beside them, on any slide
    for slide in list(deck.slides)[1:]:
        placeholders = {str(s.placeholder_format.type).split()[0] for s in slide.placeholders}
        assert {"FOOTER", "SLIDE_NUMBER"} <= placeholders
        ours = [s.name for s in slide.shapes if not s.is_placeholder]
        assert "Footer" not in ours and "Slide number" not in ours, ours
    assert audit(pptx.read_bytes(), out) == ""


def test_the_cover_goes_into_the_title_layouts_picture_placeholder(tmp_path):
    template = brand_template(tmp_path / "t.pptx", picture_placeholder=True)
    report, out = build_talk(tmp_path / "talk", template, formats="pptx")
    assert not [d for d in report.diagnostics if "cover is not shown" in d.message]
    xml = slide_xml(out / "talk.pptx", 1)
    assert '<p:ph type="pic" idx="13"/>' in xml and 'descr="A red cover picture"' in xml
    # cropped to fill the placeholder (a 4:3 picture in a wide band)
    assert "<a:srcRect" in xml
    assert audit((out / "talk.pptx").read_bytes(), out) == ""


def test_without_a_picture_placeholder_the_cover_is_left_out_with_a_warning(branded):
    report, _ = branded
    assert [d for d in report.diagnostics if "cover is not shown" in d.message]


def test_look_theme_keeps_deckgens_fonts_and_colours(tmp_path):
    template = brand_template(tmp_path / "t.pptx")
    _, out = build_talk(tmp_path / "talk", template, extra=", look: theme")
    xml = every_slide(out / "talk.pptx")
    assert set(re.findall(r'<a:latin typeface="([^"]*)"', xml)) == {"Arial"}
    assert DEFAULT_ACCENT in xml and ACCENT not in xml and "schemeClr" not in xml
    assert pdf_fonts(out / "talk-slides.pdf") == {"Arimo"}


@needs_twins
def test_a_font_nothing_here_measures_is_a_warning_at_the_template_line(tmp_path):
    template = brand_template(tmp_path / "t.pptx", major="Imaginary Brand Sans")
    report, out = build_talk(tmp_path / "talk", template)
    [warning] = [d for d in report.diagnostics if "cannot be guaranteed" in d.message]
    assert warning.severity == "warning"
    assert "'Imaginary Brand Sans'" in warning.message and "heading font" in warning.message
    assert (warning.location.file.endswith("talk.yaml"), warning.location.line) == (True, 7)
    # measured with the theme's font, drawn in the template's
    xml = every_slide(out / "talk.pptx")
    assert "+mj-lt" in xml
    assert "Arimo" in pdf_fonts(out / "talk-slides.pdf")


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda t: re.sub(r"<a:clrScheme .*?</a:clrScheme>", "", t, flags=re.S), "colour scheme"),
        (lambda t: t.replace(f'<a:srgbClr val="{ACCENT}"/>', '<a:srgbClr val="oops"/>'), "accent1"),
        (lambda t: re.sub(r"<a:fontScheme .*?</a:fontScheme>", "", t, flags=re.S), "majorFont"),
    ],
)
def test_a_malformed_theme_part_is_a_warning_and_the_theme_fills_in(tmp_path, edit, said):
    template = brand_template(tmp_path / "t.pptx", theme_edit=edit)
    report, out = build_talk(tmp_path / "talk", template, formats="pptx")
    found = [d for d in report.diagnostics if said in d.message]
    assert found and all(d.location.line == 7 for d in found), [
        d.message for d in report.diagnostics
    ]
    assert (out / "talk.pptx").is_file()


def test_a_theme_part_that_is_not_xml_is_an_error_at_the_template_line(tmp_path):
    template = brand_template(tmp_path / "t.pptx", theme_edit=lambda t: t[: len(t) // 2])
    folder = tmp_path / "talk"
    folder.mkdir()
    shutil.copy(template, folder / "brand.pptx")
    png_file(folder / "cover.png")
    (folder / "talk.yaml").write_text(TALK.format(extra=""), encoding="utf-8")
    report = build([folder / "talk.yaml"], formats="pptx", out_dir=folder / "out")
    assert not report.ok
    [error] = [d for d in report.diagnostics if d.severity == "error"]
    assert "theme1.xml" in error.message and "not well-formed" in error.message
    assert error.location.line == 7
