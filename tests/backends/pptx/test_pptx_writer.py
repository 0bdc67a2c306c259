"""The .pptx writer on hand-built decks: structure, accessibility, validity, determinism."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx_support import (
    NS,
    TITLES,
    assert_clean_package,
    audit,
    build,
    make_theme,
    open_pptx,
    sample_deck,
    slide_xmls,
)

from deckgen.backends.pptx.template import base_presentation
from deckgen.backends.pptx.writer import DocumentInfo, explicit_breaks, write_deck
from deckgen.layout.common.primitives import Paragraph, TextLine
from deckgen.layout.deck.model import Picture, TextBox
from deckgen.outline.model import Run


def test_reopened_deck_gives_back_titles_alt_text_and_notes(image):
    deck = sample_deck(image)
    prs = open_pptx(build(deck))
    assert len(prs.slides) == len(deck.slides)
    for slide, want in zip(prs.slides, deck.slides, strict=True):
        title = slide.shapes.title
        assert title is not None and title.text == want.title
        pictures = [e for e in want.elements if isinstance(e, Picture)]
        descr = [s._element.nvPicPr.cNvPr.get("descr") for s in slide.shapes if s.shape_type == 13]
        assert descr == [p.alt for p in pictures]
        notes = "\n".join(t.plain for t in want.notes)
        if notes:
            assert slide.notes_slide.notes_text_frame.text == notes
        else:
            assert not slide.has_notes_slide


def test_every_slide_has_a_title_placeholder_with_text(image):
    for slide in open_pptx(build(sample_deck(image))).slides:
        titles = [
            s for s in slide.placeholders if s.placeholder_format.type in TITLES and s.text.strip()
        ]
        assert len(titles) == 1


def test_body_text_goes_into_body_placeholders_with_real_levels(image):
    prs = open_pptx(build(sample_deck(image)))
    body = prs.slides[1].placeholders[1]
    assert body.placeholder_format.type == PP_PLACEHOLDER.OBJECT
    levels = [p.level for p in body.text_frame.paragraphs]
    assert levels == [0, 0, 1, 0]
    # the two-column slide uses both content placeholders of "Two Content"
    assert prs.slides[2].slide_layout.name == "Two Content"
    assert [s.text for s in prs.slides[2].placeholders][1:] == ["USA", "СССР"]


def test_no_duplicate_shape_ids(image):
    for sld in slide_xmls(build(sample_deck(image, n_slides=12))):
        ids = [e.get("id") for e in sld.iter(f"{{{NS['p']}}}cNvPr")]
        assert len(ids) == len(set(ids))


def test_runs_carry_fonts_for_all_scripts_language_and_autofit_on_body_placeholders(image):
    bodies = 0
    for sld in slide_xmls(build(sample_deck(image))):
        for rpr in sld.iterfind(".//a:rPr", NS):
            assert rpr.get("lang") == "ru-RU"
            faces = [rpr.find(f"a:{s}", NS).get("typeface") for s in ("latin", "ea", "cs")]
            assert faces[0] in ("Arial", "PT Sans") and len(set(faces)) == 1
        for sp in sld.iterfind(".//p:sp", NS):
            body = sp.find(".//a:bodyPr", NS)
            if body is None:
                continue
            assert body.get("wrap") == "square"
            ph = sp.find(".//p:ph", NS)
            is_body = ph is not None and ph.get("type", "body") == "body"
            # shrink on overflow for what a lecturer adds, but nothing shrunk now
            norm = body.find("a:normAutofit", NS)
            if is_body:
                bodies += 1
                assert norm is not None and norm.get("fontScale") is None
                assert body.find("a:noAutofit", NS) is None
            else:
                assert norm is None and body.find("a:noAutofit", NS) is not None
    assert bodies


def test_paragraph_spacing_bullets_links_and_crop_are_written(image):
    data = build(sample_deck(image))
    sld = slide_xmls(data)[1]
    ppr = sld.findall(".//p:sp", NS)[1].findall(".//a:pPr", NS)
    assert ppr[0].find("a:lnSpc/a:spcPts", NS).get("val") == "2880"  # 24 pt * 1.2
    assert ppr[1].find("a:spcBef/a:spcPts", NS).get("val") == "800"
    assert ppr[0].find("a:buChar", NS).get("char") == "•"
    assert (ppr[0].get("marL"), ppr[0].get("indent")) == (str(24 * 12700), str(-18 * 12700))
    assert ppr[3].find("a:buNone", NS) is not None
    link = sld.find(".//a:hlinkClick", NS)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/_rels/slide2.xml.rels").decode()
    rid = link.get(f"{{{NS['r']}}}id")
    assert re.search(
        rf'Id="{rid}"[^>]*Target="https://history.nasa.gov/" TargetMode="External"', rels
    )
    crop = sld.find(".//a:srcRect", NS)
    assert (crop.get("l"), crop.get("r")) == ("10000", "10000")


def test_cyrillic_round_trips(image):
    prs = open_pptx(build(sample_deck(image)))
    texts = [s.text for sl in prs.slides for s in sl.shapes if s.has_text_frame]
    assert "From rivalry to the ISS «Союз»" in texts
    assert any("Юрий Гагарин" in t for t in texts)


def test_openxml_audit_finds_no_errors(image, tmp_path):
    assert audit(build(sample_deck(image)), tmp_path) == ""
    assert audit(build(sample_deck(image, width=720.0), aspect="4:3"), tmp_path) == ""


def test_rebuild_is_byte_identical_and_dated_by_source_date_epoch(image, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = build(sample_deck(image)), build(sample_deck(image))
    assert first == second
    z = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert z.namelist()[0] == "[Content_Types].xml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = open_pptx(build(sample_deck(image)))
    assert later.core_properties.modified.year == 2023
    assert later.core_properties.created == later.core_properties.modified


def test_core_properties(image):
    core = open_pptx(build(sample_deck(image))).core_properties
    assert (core.title, core.author, core.subject, core.language) == (
        "The Space Race",
        "A. Lecturer",
        "From rivalry to the ISS",
        "ru-RU",
    )
    assert "python-pptx" not in (core.comments + core.last_modified_by)


def test_aspect_sets_slide_size_and_stretches_layouts(image):
    wide = open_pptx(build(sample_deck(image)))
    assert (wide.slide_width, wide.slide_height) == (12192000, 6858000)
    title = wide.slide_layouts.get_by_name("Title and Content").placeholders[0]
    assert title.left + title.width <= wide.slide_width
    assert title.width > 9144000 * 0.8  # stretched, not left at the 4:3 width
    narrow = open_pptx(build(sample_deck(image, width=720.0), aspect="4:3"))
    assert (narrow.slide_width, narrow.slide_height) == (9144000, 6858000)


def test_theme_colours_and_fonts_reach_the_base_template(image):
    theme = make_theme(background="#101828", text="#F2F4F7", accent="#F5A524")
    data = build(sample_deck(image), theme=theme)
    z = zipfile.ZipFile(io.BytesIO(data))
    xml = z.read("ppt/theme/theme1.xml").decode()
    assert '<a:dk1><a:srgbClr val="F2F4F7"/></a:dk1>' in xml
    assert '<a:accent1><a:srgbClr val="F5A524"/></a:accent1>' in xml
    assert re.search(r'<a:majorFont><a:latin typeface="Arial"', xml)
    assert re.search(r'<a:minorFont><a:latin typeface="PT Sans"', xml)
    assert 'val="101828"' in z.read("ppt/slideMasters/slideMaster1.xml").decode()
    # the sample thumbnail and Mac printer settings of python-pptx's template are gone
    assert not [n for n in z.namelist() if "thumbnail" in n or "printerSettings" in n]


def test_slide_background_written_only_where_it_differs(image):
    slides = slide_xmls(build(sample_deck(image)))
    backgrounds = [s.find(".//p:bg//a:srgbClr", NS) for s in slides]
    assert [b.get("val") if b is not None else None for b in backgrounds] == [
        None,
        None,
        None,
        None,
        "C8102E",
        None,
    ]


def test_text_boxes_keep_their_names_and_roles(image):
    deck = sample_deck(image)
    prs = open_pptx(build(deck))
    names = [s.name for s in prs.slides[0].shapes]
    assert names[0] == "Accent bar"
    caption = [e for e in deck.slides[1].elements if isinstance(e, TextBox)][-1]
    assert prs.slides[1].shapes[-1].text == caption.text


def test_same_picture_is_stored_once(image):
    data = build(sample_deck(image, n_slides=13))
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("ppt/media")]
    assert media == ["ppt/media/image1.png"]


def test_every_part_is_reachable_and_every_relationship_resolves(image):
    assert_clean_package(build(sample_deck(image)))


def test_text_is_escaped_and_xml_illegal_characters_dropped(image):
    from dataclasses import replace

    from pptx_support import para, title_box

    from deckgen.layout.common.primitives import Box
    from deckgen.outline.model import Run, Text

    deck = sample_deck(image)
    tricky = 'R&D <b>"quoted"</b>\x00\x0b bell\x07 tab\tend'
    slide = replace(
        deck.slides[5],
        elements=(title_box("Q&A <now>"), TextBox(Box(48, 120, 800, 100), (para(tricky),))),
        title="Q&A <now>",
        notes=(Text((Run("See "), Run("R&D", link="https://example.org/?a=1&b=2"))),),
    )
    data = build(replace(deck, slides=(slide,)))
    prs = open_pptx(data)
    shapes = prs.slides[0].shapes
    assert shapes.title.text == "Q&A <now>"
    assert shapes[1].text == 'R&D <b>"quoted"</b> bell tab\tend'
    notes = prs.slides[0].notes_slide
    assert notes.notes_text_frame.text == "See R&D"
    rels = zipfile.ZipFile(io.BytesIO(data)).read("ppt/notesSlides/_rels/notesSlide1.xml.rels")
    assert b'Target="https://example.org/?a=1&amp;b=2" TargetMode="External"' in rels


def test_building_never_takes_python_pptx_quadratic_paths(image, monkeypatch):
    """The linear-time guarantee, structurally: the package-wide part-name search,
    the scan for an equal relationship, the next-slide-id XPath and walks over
    the whole package happen a fixed number of times (for the one notes master
    and the save), never once per slide."""
    from pptx.opc.package import OpcPackage, _Relationships
    from pptx.oxml.presentation import CT_SlideIdList

    calls: dict[str, int] = {}

    def counting(name, original):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return original(*args, **kwargs)

        return wrapper

    for owner, name in (
        (OpcPackage, "next_partname"),
        (OpcPackage, "iter_parts"),
        (_Relationships, "_get_matching"),
    ):
        monkeypatch.setattr(owner, name, counting(name, getattr(owner, name)))
    monkeypatch.setattr(
        CT_SlideIdList, "_next_id", property(counting("_next_id", CT_SlideIdList._next_id.fget))
    )

    def counts_for(n: int) -> dict[str, int]:
        prs = base_presentation("16:9", make_theme())
        calls.clear()
        write_deck(
            sample_deck(image, n_slides=n), prs, DocumentInfo("T"), template_background="#FFFFFF"
        )
        return dict(calls)

    few, many = counts_for(6), counts_for(60)
    assert few == many
    assert few.get("iter_parts", 0) <= 3 and "_next_id" not in few


def test_slide_numbers_are_powerpoint_fields(image):
    from dataclasses import replace

    from pptx_support import para

    from deckgen.layout.common.primitives import Box

    deck = sample_deck(image)
    number = TextBox(Box(900, 510, 30, 16), (para("2", 11),), role="slide-number")
    slides = (deck.slides[0], replace(deck.slides[1], elements=(*deck.slides[1].elements, number)))
    sld = slide_xmls(build(replace(deck, slides=slides)))[1]
    fields = sld.findall(".//a:fld", NS)
    assert [(f.get("type"), f.find("a:t", NS).text) for f in fields] == [("slidenum", "2")]


def test_links_are_written_as_uris_and_bad_pictures_are_errors(image, tmp_path):
    from dataclasses import replace

    from pptx_support import para, title_box

    from deckgen.errors import RenderError
    from deckgen.layout.common.primitives import Box
    from deckgen.outline.model import Run

    deck = sample_deck(image)
    link = (Run("Гагарин", link="https://ru.wikipedia.org/wiki/Гагарин,_Юрий Алексеевич"),)
    slide = replace(
        deck.slides[5], elements=(title_box("Quote"), TextBox(Box(48, 120, 800, 60), (para(link),)))
    )
    data = build(replace(deck, slides=(slide,)))
    rels = zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/_rels/slide1.xml.rels").decode()
    assert 'Target="https://ru.wikipedia.org/wiki/%D0%93%D0%B0' in rels
    assert "%20%D0%90" in rels

    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    pic = Picture(Box(0, 0, 10, 10), not_a_picture, "alt")
    slide = replace(deck.slides[5], elements=(title_box("Quote"), pic))
    with pytest.raises(RenderError, match="notes.png"):
        build(replace(deck, slides=(slide,)))


def test_right_to_left_languages_get_rtl_paragraphs(image):
    from dataclasses import replace

    deck = sample_deck(image)
    hebrew = [s.findall(".//a:pPr", NS) for s in slide_xmls(build(replace(deck, language="he")))]
    assert all(p.get("rtl") == "1" for ps in hebrew for p in ps)
    russian = [s.findall(".//a:pPr", NS) for s in slide_xmls(build(deck))]
    assert not any(p.get("rtl") for ps in russian for p in ps)


def test_only_web_and_mail_links_become_hyperlinks(image):
    from dataclasses import replace

    from pptx_support import para, title_box

    from deckgen.layout.common.primitives import Box
    from deckgen.outline.model import Run

    runs = tuple(
        Run(f"link{i} ", link=url)
        for i, url in enumerate(
            ["javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.org", "HTTPS://x.org/"]
        )
    )
    slide = replace(
        sample_deck(image).slides[5],
        elements=(title_box("Quote"), TextBox(Box(48, 120, 800, 60), (para(runs),))),
    )
    data = build(replace(sample_deck(image), slides=(slide,)))
    rels = zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/_rels/slide1.xml.rels").decode()
    assert re.findall(r'Target="([^"]+)" TargetMode', rels) == ["mailto:a@b.org", "HTTPS://x.org/"]
    texts = "".join(s.text for s in open_pptx(data).slides[0].shapes)
    assert texts == "Quotelink0 link1 link2 link3 "


def test_explicit_breaks_only_where_the_layout_marks_them():
    runs = (Run("one two "), Run("three", bold=True), Run(" four five"))
    lines = (
        TextLine((Run("one "),), 10),  # soft: the renderer breaks here itself
        TextLine((Run("two "), Run("three", bold=True), Run(" ")), 10, hard=True),
        TextLine((Run("four five"),), 10),
    )
    p = Paragraph(runs, lines, "Arimo", 20, "#000000", 24)
    assert explicit_breaks(p) == [Run("one two "), Run("three", bold=True), None, Run("four five")]
    # a balanced title: every line, the spaces it ended on dropped
    assert explicit_breaks(replace(p, hard_breaks=True)) == [
        Run("one"),
        None,
        Run("two "),
        Run("three", bold=True),
        None,
        Run("four five"),
    ]
    # no hard line: the runs as they are
    soft = replace(p, lines=tuple(replace(ln, hard=False) for ln in lines))
    assert explicit_breaks(soft) == list(runs)
