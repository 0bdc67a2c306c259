"""The deck layout: slide sequence, fitting, geometry, and the invariants every
deck keeps (text within its boxes, no overlaps, everything on the slide)."""

from __future__ import annotations

import pytest
from deck_helpers import (
    FIXTURES,
    SPACE_RACE,
    check_deck,
    line_of,
    min_contrast,
    outline_from,
    text_boxes,
    yaml_of,
)

from deckgen.errors import RenderError
from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.geometry import DeckGeometry, PlaceholderBoxes
from deckgen.layout.deck.layout import layout_deck
from deckgen.layout.deck.model import Picture, Shape
from deckgen.outline import load
from deckgen.theme import resolve

THEMES = ("default", "midnight", "print")
OUTLINES = sorted(FIXTURES.glob("*.yaml")) + [SPACE_RACE]


@pytest.fixture(scope="module")
def space_race():
    outline = load(SPACE_RACE)
    return outline, resolve(outline)


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.stem)
def test_every_outline_lays_out_cleanly(path, theme, aspect):
    outline = load(path)
    deck = layout_deck(outline, resolve(outline, theme), DeckGeometry.for_aspect(aspect))
    assert (deck.width, deck.height) == ((960, 540) if aspect == "16:9" else (720, 540))
    check_deck(deck)
    for d in deck.diagnostics:
        assert d.severity == "warning"
        assert d.location.line > 0, f"warning without a line: {d}"


@pytest.mark.parametrize("theme", THEMES)
def test_text_contrast_at_least_4_5(theme, space_race):
    outline, _ = space_race
    deck = layout_deck(outline, resolve(outline, theme))
    worst, where = min_contrast(deck)
    assert worst >= 4.5, where


def test_sequence_of_the_space_race_deck(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme)
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] == "title" and kinds[1] == "agenda" and kinds[-1] == "closing"
    assert kinds.count("section") == len(outline.sections)
    assert "timeline" in kinds and "quote" in kinds
    # agenda lists every section title
    agenda = " ".join(tb.text for tb in text_boxes(deck.slides[1]))
    for s in outline.sections:
        assert s.title.plain in agenda
    # the divider of each section carries its title in the title placeholder
    dividers = [s for s in deck.slides if s.kind == "section"]
    n = len(outline.sections)
    assert [d.title for d in dividers] == [
        f"Section {k} / {n}\n{s.title.plain}" for k, s in enumerate(outline.sections, 1)
    ]
    # the title slide shows the cover picture with its alt text, and its credit
    pics = [e for e in deck.slides[0].elements if isinstance(e, Picture)]
    assert pics and pics[0].alt == outline.cover.alt
    assert outline.cover.credit.plain in " ".join(tb.text for tb in text_boxes(deck.slides[0]))
    # the closing slide credits the source
    closing = " ".join(tb.text for s in deck.slides if s.kind == "closing" for tb in text_boxes(s))
    assert outline.source.title.plain in closing


def test_notes_go_to_the_first_content_slide_of_their_section(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme)
    for section in outline.sections:
        if not section.notes:
            continue
        i = next(
            k
            for k, s in enumerate(deck.slides)
            if s.kind == "section" and s.title.endswith("\n" + section.title.plain)
        )
        first = deck.slides[i + 1]
        assert first.notes[: len(section.notes)] == section.notes
        assert not deck.slides[i].notes


def test_chrome_numbers_and_footer(tmp_path):
    outline = outline_from(
        tmp_path,
        """
        title: Footer talk
        theme_overrides:
          footer: "Physics 101 · Autumn term"
        sections:
          - title: One
            points: [a, b]
          - title: Two
            points: [c]
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    for n, slide in enumerate(deck.slides, 1):
        roles = {tb.role: tb for tb in text_boxes(slide)}
        if slide.kind == "title":
            assert "slide-number" not in roles and "footer" not in roles
            continue
        assert roles["slide-number"].text == str(n)
        assert roles["footer"].text == "Physics 101 · Autumn term"
    check_deck(deck)


def test_long_points_shrink_then_split_with_warnings(tmp_path):
    long = "A point long enough to wrap over two or three lines when the slide is full"
    # three points of 3 lines each at 28 pt: a 9th line; at 25-27 pt 2 lines each
    longer = long + " and then some more words again here to make it wrap"
    outline = outline_from(
        tmp_path,
        yaml_of(
            {
                "title": "Long points",
                "sections": [
                    {"title": "Shrinks", "points": [f"{longer} ({c})" for c in "abc"]},
                    {"title": "Splits", "points": [f"{long} ({i})" for i in range(1, 15)]},
                ],
            }
        ),
    )
    theme = resolve(outline)
    deck = layout_deck(outline, theme)
    check_deck(deck)
    path = outline.path
    bullets = [s for s in deck.slides if s.kind == "bullets"]
    shrink = [s for s in bullets if s.title == "Shrinks"]
    assert len(shrink) == 1
    size = {p.size for tb in text_boxes(shrink[0]) if tb.role == "body" for p in tb.paragraphs}
    assert len(size) == 1 and 24 <= size.pop() < theme.slide.body_size
    splits = [s for s in bullets if s.title.startswith("Splits")]
    assert len(splits) >= 2
    assert [s.continued for s in splits] == [False] + [True] * (len(splits) - 1)
    n = len(splits)
    wanted = [f"Splits (cont.\u00a0{k}/{n})" for k in range(2, n + 1)]
    assert [s.title for s in splits[1:]] == wanted
    title_sizes = {
        p.size
        for s in splits
        for tb in text_boxes(s)
        if tb.placeholder == "title"
        for p in tb.paragraphs
    }
    assert len(title_sizes) == 1  # "(cont.)" slides keep the first slide's title size
    # every point appears once, in order, across the split slides
    body = [p for s in splits for tb in text_boxes(s) if tb.role == "body" for p in tb.paragraphs]
    texts = ["".join(r.text for r in p.runs) for p in body]
    assert texts == [f"{long} ({i})" for i in range(1, 15)]
    # all split slides share one size, >= 24 pt, and hold <= 8 lines each
    assert len({p.size for p in body}) == 1
    assert body[0].size >= 24
    for s in splits:
        lines = [
            line
            for tb in text_boxes(s)
            if tb.role == "body"
            for p in tb.paragraphs
            for line in p.lines
        ]
        assert len(lines) <= 8, s.title
    warnings = {d.location.line: d.message for d in deck.diagnostics}
    assert "shrunk" in warnings[line_of(path, "title: Shrinks")]
    assert "split over" in warnings[line_of(path, "title: Splits")]


def test_a_point_with_sub_points_stays_together_and_no_heading_is_orphaned(tmp_path):
    sub = "a sub-point that takes most of a line at the body size"
    points = [f"plain point number {i} that is fairly long too" for i in range(5)]
    points.append({"text": "The heading point", "points": [f"{sub} {i}" for i in range(6)]})
    outline = outline_from(
        tmp_path,
        yaml_of({"title": "Keep together", "sections": [{"title": "Together", "points": points}]}),
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    for slide in deck.slides:
        paras = [p for tb in text_boxes(slide) if tb.role == "body" for p in tb.paragraphs]
        if paras:
            # a top-level point with sub-points never ends a slide without them
            last = "".join(r.text for r in paras[-1].runs)
            assert last != "The heading point"
    slides = [s for s in deck.slides if s.title.startswith("Together")]
    owner = [s for s in slides if "The heading point" in " ".join(tb.text for tb in text_boxes(s))]
    body = " ".join(tb.text for tb in text_boxes(owner[0]))
    assert f"{sub} 0" in body  # the heading kept its first sub-point


def test_a_point_too_long_even_alone_names_its_line(tmp_path):
    huge = " ".join(["unbelievably"] * 400)
    outline = outline_from(
        tmp_path,
        f"""
        title: Too long
        sections:
          - title: Section
            points:
              - short
              - {huge}
        """,
    )
    with pytest.raises(RenderError) as err:
        layout_deck(outline, resolve(outline))
    loc = err.value.location
    assert loc.line == line_of(outline.path, "unbelievably")
    assert "too long" in str(err.value)
    assert err.value.diagnostics[0].message.startswith("sections[0].points[1]: ")


def test_a_title_too_long_even_at_the_floor_names_its_line(tmp_path):
    title = " ".join(["Interminable"] * 30)
    outline = outline_from(
        tmp_path,
        f"""
        title: Fine
        sections:
          - title: {title}
            points: [one]
        """,
    )
    with pytest.raises(RenderError) as err:
        layout_deck(outline, resolve(outline))
    assert err.value.location.line == line_of(outline.path, "Interminable")
    assert err.value.diagnostics[0].message.startswith("sections[0].title: ")


def test_explicit_slides_of_every_layout(tmp_path):
    (tmp_path / "pic.png").write_bytes((FIXTURES / "images" / "leaf.png").read_bytes())
    outline = outline_from(
        tmp_path,
        """
        title: Every layout
        timeline:
          events:
            - {date: 1957-10-04, title: Sputnik 1, section: all}
            - {date: 1961-04-12, title: Vostok 1}
        sections:
          - id: all
            title: All layouts
            notes: Section notes.
            slides:
              - layout: bullets
                title: Bullets
                points: [one, {text: two, points: [two a]}]
                notes: Bullet notes.
              - layout: two-column
                title: Two columns
                left: {heading: Left, points: [l1, l2]}
                right: {heading: Right, points: [r1]}
              - layout: image
                title: A picture
                image: {src: pic.png, alt: A leaf, caption: A caption, credit: Photo by me}
              - layout: quote
                quote: {text: To be or not to be., by: Hamlet}
              - layout: statement
                text: One big sentence.
              - layout: timeline
                title: Dates
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    kinds = [s.kind for s in deck.slides]
    assert kinds == [
        "title",
        "section",
        "bullets",
        "two-column",
        "image",
        "quote",
        "statement",
        "timeline",
        "timeline",
        "closing",
    ] or kinds == [
        "title",
        "section",
        "bullets",
        "two-column",
        "image",
        "quote",
        "statement",
        "timeline",
        "closing",
    ]
    by_kind = {s.kind: s for s in deck.slides}
    assert by_kind["bullets"].notes[0].plain == "Section notes."
    assert by_kind["bullets"].notes[1].plain == "Bullet notes."
    # the section's own timeline slide shows its events only (Sputnik)
    tl = [s for s in deck.slides if s.kind == "timeline"][0]
    assert "Sputnik 1" in " ".join(tb.text for tb in text_boxes(tl))
    assert tl.title == "Dates, 1957"  # its title says the span it covers
    assert "Vostok 1" not in " ".join(tb.text for tb in text_boxes(tl))
    # quote and statement keep a (small) title placeholder: the section title,
    # marked with the kind's word since other slides of the section have it too
    for kind, word in (("quote", "Quote"), ("statement", "Key point")):
        title = [tb for tb in text_boxes(by_kind[kind]) if tb.placeholder == "title"][0]
        assert title.text == f"All layouts · {word}"
    pic = [e for e in by_kind["image"].elements if isinstance(e, Picture)][0]
    assert pic.alt == "A leaf"
    texts = " ".join(tb.text for tb in text_boxes(by_kind["image"]))
    assert "A caption" in texts and "Photo by me" in texts
    assert any(
        tb.role == "column-heading" or "Left" in tb.text for tb in text_boxes(by_kind["two-column"])
    )


def test_generated_slides_image_beside_bullets(tmp_path):
    (tmp_path / "pic.png").write_bytes((FIXTURES / "images" / "leaf.png").read_bytes())
    outline = outline_from(
        tmp_path,
        """
        title: Beside
        sections:
          - title: Points and a picture
            points: [first, second]
            image: {src: pic.png, alt: A leaf}
            quote: {text: A quote., by: Someone}
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    slide = [s for s in deck.slides if s.kind == "bullets"][0]
    pic = [e for e in slide.elements if isinstance(e, Picture)][0]
    body = [tb for tb in text_boxes(slide) if tb.placeholder == "body"][0]
    assert pic.box.x > body.box.right
    assert [s.kind for s in deck.slides][-2] == "quote"


def test_dense_timeline_continues_without_overlaps():
    outline = load(FIXTURES / "dense-timeline.yaml")
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    heading = outline.timeline.title.plain if outline.timeline.title else "Timeline"
    # an overview, then the detail slides by period that continue it
    first = next(
        i for i, s in enumerate(deck.slides) if s.kind == "timeline" and s.title.startswith(heading)
    )
    slides = [deck.slides[first]]
    for s in deck.slides[first + 1 :]:
        if s.kind != "timeline" or not s.continued:
            break
        slides.append(s)
    assert len(slides) >= 3
    shown = []
    for k, slide in enumerate(slides):
        cards = [tb for tb in text_boxes(slide) if tb.name.startswith("Event: ")]
        shown += [tb.name for tb in cards] if k else []
        # no leader line crosses a card other than its own
        for leader in (
            e for e in slide.elements if isinstance(e, Shape) and e.name.startswith("Leader: ")
        ):
            for card in cards:
                if card.name[len("Event: ") :] == leader.name[len("Leader: ") :]:
                    continue
                crosses = (
                    card.box.x < leader.box.x < card.box.right
                    and card.box.y < leader.box.bottom
                    and leader.box.y < card.box.bottom
                )
                assert not crosses, f"{leader.name} crosses {card.name}"
    # every event shown exactly once, in date order
    events = outline.timeline.events
    assert len(shown) == len(events)
    assert any(tb.name.startswith("Legend") for s in slides for tb in text_boxes(s))
    assert deck.slides[deck.slides.index(slides[1])].continued


def test_4_3_geometry(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme, DeckGeometry.for_aspect("4:3"))
    assert (deck.width, deck.height) == (720, 540)
    check_deck(deck)


def test_template_placeholder_boxes_are_honoured(space_race):
    outline, theme = space_race
    title = Box(40, 20, 640, 90)
    body = Box(40, 130, 640, 360)
    boxes = PlaceholderBoxes(title=title, body=body)
    geometry = DeckGeometry(
        720,
        540,
        (
            ("bullets", boxes),
            ("agenda", boxes),
            ("closing", boxes),
            ("timeline", PlaceholderBoxes(title=title)),
        ),
    )
    deck = layout_deck(outline, theme, geometry)
    check_deck(deck)
    for slide in deck.slides:
        if slide.kind in ("bullets", "agenda", "closing"):
            tbs = text_boxes(slide)
            assert [tb.box for tb in tbs if tb.placeholder == "title"] == [title]
            for tb in tbs:
                if tb.role == "body":
                    assert body.contains(tb.box)
            # the template designs these slides: no accent shapes of ours
            assert not any(isinstance(e, Shape) and e.name == "Accent rule" for e in slide.elements)
        if slide.kind == "timeline":
            assert [tb.box for tb in text_boxes(slide) if tb.placeholder == "title"] == [title]


def test_deterministic(space_race):
    outline, theme = space_race
    assert layout_deck(outline, theme) == layout_deck(outline, theme)


def test_element_names_are_meaningful(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme)
    for slide in deck.slides:
        for el in slide.elements:
            assert el.name and not el.name.startswith(("TextBox", "Shape")), el


def test_logo_and_no_numbers(tmp_path, space_race):
    from dataclasses import replace

    outline, theme = space_race
    logo = FIXTURES / "images" / "leaf.png"
    themed = replace(theme, logo=logo, slide=replace(theme.slide, numbers=False))
    deck = layout_deck(outline, themed)
    check_deck(deck)
    for slide in deck.slides[1:]:
        logos = [e for e in slide.elements if isinstance(e, Picture) and e.name == "Logo"]
        assert len(logos) == 1 and logos[0].src == logo
        assert not any(tb.role == "slide-number" for tb in text_boxes(slide))
        # the logo keeps the picture's proportions and sits in the footer band
        assert logos[0].box.bottom <= deck.height
    assert not any(e.name == "Logo" for e in deck.slides[0].elements)


def test_a_section_with_only_a_summary_gets_a_prose_slide(tmp_path):
    outline = outline_from(
        tmp_path,
        """
        title: Prose
        sections:
          - title: Only words
            summary: |-
              First paragraph of prose.

              Second paragraph of prose.
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    slide = [s for s in deck.slides if s.kind == "bullets"][0]
    body = [tb for tb in text_boxes(slide) if tb.role == "body"][0]
    assert [p.bullet for p in body.paragraphs] == [None, None]
    assert body.text == "First paragraph of prose.\nSecond paragraph of prose."


def test_a_timeline_with_many_groups_flows_its_legend(tmp_path):
    groups = {f"g{i}": f"Group number {i}" for i in range(12)}
    events = [{"date": 1950 + i, "title": f"Event {i}", "group": f"g{i % 12}"} for i in range(24)]
    outline = outline_from(
        tmp_path,
        yaml_of(
            {
                "title": "Many groups",
                "timeline": {"groups": groups, "events": events},
                "sections": [{"title": "One", "points": ["a"]}],
            }
        ),
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    slides = [s for s in deck.slides if s.kind == "timeline"]
    legend = [tb for tb in text_boxes(slides[0]) if tb.name.startswith("Legend")]
    assert len(legend) == 12
    assert len({round(tb.box.y) for tb in legend}) >= 2  # more than one row
    # the legend stays clear of the footer band
    footer_top = min(tb.box.y for tb in text_boxes(slides[0]) if tb.role == "slide-number")
    assert all(tb.box.bottom <= footer_top for tb in legend)


def test_a_long_agenda_continues_with_its_numbering(tmp_path):
    sections = [{"title": f"Topic number {i}", "points": ["p"]} for i in range(1, 31)]
    outline = outline_from(tmp_path, yaml_of({"title": "Course", "sections": sections}))
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    agenda = [s for s in deck.slides if s.kind == "agenda"]
    assert len(agenda) >= 2 and agenda[1].title.startswith("Agenda (cont.\u00a02/")
    numbers = [
        tb.text for s in agenda for tb in text_boxes(s) if tb.name.startswith("Agenda number")
    ]
    items = [
        p for s in agenda for tb in text_boxes(s) if tb.name == "Agenda" for p in tb.paragraphs
    ]
    assert numbers == [f"{i:02d}" for i in range(1, 31)]
    assert ["".join(r.text for r in p.runs) for p in items] == [
        f"Topic number {i}" for i in range(1, 31)
    ]
    # each number stands level with its item's first line
    for s in agenda:
        nums = [tb for tb in text_boxes(s) if tb.name.startswith("Agenda number")]
        body = next(tb for tb in text_boxes(s) if tb.name == "Agenda")
        y = body.box.y
        for num, p in zip(nums, body.paragraphs, strict=True):
            y += p.space_before
            assert num.box.y == pytest.approx(y)
            y += p.line_height * len(p.lines)


def test_russian_words_and_dates(tmp_path):
    from deckgen.layout.common.dates import format_span
    from deckgen.outline.model import Date

    assert format_span(Date(1961, 4, 12), None, "ru") == "12 апр. 1961\u00a0г."
    assert format_span(Date(1960, 8, 19), Date(1960, 8, 20), "en") == "19–20 Aug 1960"
    assert format_span(Date(1998), Date(2011), "en") == "1998\u00a0– 2011"
    assert format_span(Date(1961, 4, 12), None, "xx") == "12 Apr 1961"
    outline = outline_from(
        tmp_path,
        """
        title: Лекция
        language: ru
        sections:
          - title: Первая часть
            points: [один]
          - title: Вторая часть
            points: [два]
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    assert deck.slides[1].title == "План"


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_a_crowded_title_slide_stays_clear_of_the_cover_caption(tmp_path, aspect):
    (tmp_path / "pic.png").write_bytes((FIXTURES / "images" / "leaf.png").read_bytes())
    words = "A long and winding title that goes on for quite a few words indeed"
    outline = outline_from(
        tmp_path,
        yaml_of(
            {
                "title": words,
                "subtitle": words + ", and a subtitle that is just as long as the title is",
                "author": "A lecturer with a rather long name, Department of Long Names",
                "date": "Autumn term 2026",
                "cover": {
                    "src": "pic.png",
                    "alt": "A leaf",
                    "caption": "A caption that runs to more than one line in the narrow column",
                    "credit": "Photo by somebody on some website",
                },
                "sections": [{"title": "One", "points": ["a"]}],
            }
        ),
    )
    deck = layout_deck(outline, resolve(outline), DeckGeometry.for_aspect(aspect))
    check_deck(deck)
    title_slide = deck.slides[0]
    names = {tb.name for tb in text_boxes(title_slide)}
    assert {"Title", "Subtitle", "Author and date", "Cover caption", "Cover credit"} <= names


def test_template_title_slide_uses_its_boxes(space_race):
    outline, theme = space_race
    title = Box(54, 168, 612, 115)
    subtitle = Box(108, 306, 504, 137)
    geometry = DeckGeometry(
        720, 540, (("title", PlaceholderBoxes(title=title, subtitle=subtitle)),)
    )
    deck = layout_deck(outline, theme, geometry)
    check_deck(deck)
    boxes = {tb.placeholder: tb.box for tb in text_boxes(deck.slides[0]) if tb.placeholder}
    assert boxes == {"title": title, "subtitle": subtitle}
    assert any("cover is not shown" in d.message for d in deck.diagnostics)


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.stem)
def test_timeline_labels_are_legible_from_the_back(path, aspect):
    """Event titles >= 18 pt, dates >= 16 pt (floors from min_body_size), era and
    legend labels >= 18 pt; the card levels use the slide's height."""
    from deckgen.layout.deck.timeline import label_sizes

    outline = load(path)
    theme = resolve(outline)
    _, title_floor, date_size = label_sizes(theme.slide.min_body_size)
    assert title_floor >= 18 and date_size >= 16
    deck = layout_deck(outline, theme, DeckGeometry.for_aspect(aspect))
    for slide in (s for s in deck.slides if s.kind == "timeline"):
        cards = [tb for tb in text_boxes(slide) if tb.name.startswith("Event: ")]
        assert cards
        for tb in cards:
            date_p, title_p = tb.paragraphs
            assert date_p.size >= date_size and date_p.bold
            assert title_p.size >= title_floor
        for tb in text_boxes(slide):
            if tb.name.startswith(("Era label", "Legend")):
                assert min(p.size for p in tb.paragraphs) >= 18, tb.name
            if tb.name.startswith(("Year: ", "Date: ")):  # the years on the axis
                assert min(p.size for p in tb.paragraphs) >= 16, tb.name
        assert any(tb.name.startswith(("Year: ", "Date: ")) for tb in text_boxes(slide))
        # each card carries its group's colour: a bar at its date
        bars = {e.name for e in slide.elements if isinstance(e, Shape)}
        assert all("Card bar: " + tb.name[len("Event: ") :] in bars for tb in cards)


def test_timeline_cards_spread_over_the_slide(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme)
    for slide in (s for s in deck.slides if s.kind == "timeline"):
        cards = [tb.box for tb in text_boxes(slide) if tb.name.startswith("Event: ")]
        title = [tb.box for tb in text_boxes(slide) if tb.placeholder == "title"][0]
        legend = min(tb.box.y for tb in text_boxes(slide) if tb.name.startswith("Legend"))
        room = legend - title.bottom
        used = max(b.bottom for b in cards) - min(b.y for b in cards)
        assert used >= 0.6 * room, f"{slide.title}: cards use {used:.0f} of {room:.0f} pt"


def test_timeline_keeps_a_same_day_cluster_on_one_slide(tmp_path):
    events = [{"date": f"{1900 + k}-01-01", "title": f"Event number {k}"} for k in range(30)]
    events[14:14] = [{"date": "1914-06-01", "title": f"Same day {k}"} for k in range(4)]
    outline = outline_from(
        tmp_path,
        yaml_of(
            {
                "title": "Clusters",
                "sections": [{"id": "s", "title": "One", "points": ["a"]}],
                "timeline": {"title": "Dates", "events": events},
            }
        ),
    )
    deck = layout_deck(outline, resolve(outline))
    check_deck(deck)
    slides = [s for s in deck.slides if s.kind == "timeline" and s.continued]  # by period
    assert len(slides) >= 2
    holding = {
        n
        for n, s in enumerate(slides)
        for tb in text_boxes(s)
        if tb.name.startswith("Event: Same day")
    }
    assert len(holding) == 1
    counts = [sum(tb.name.startswith("Event: ") for tb in text_boxes(s)) for s in slides]
    assert max(counts) - min(counts) <= 3, counts  # balanced chunks


def test_references_link_their_text_and_show_a_short_address(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme)
    closing = [s for s in deck.slides if s.kind == "closing"]
    runs = [r for s in closing for tb in text_boxes(s) for p in tb.paragraphs for r in p.runs]
    text = "".join(r.text for r in runs)
    for ref in (r for r in outline.references if r.url):
        linked = [r for r in runs if r.link == ref.url]
        assert "".join(r.text for r in linked).replace("\u2060", "") == ref.text.plain
        assert all(" " not in r.text.strip() for r in linked)  # one word a field (item 7)
        assert ref.url not in text  # the raw address is not shown
    assert "nasa.gov/history" in text and "esa.int/…/International_Space_Station" in text
    for s in closing:
        for tb in text_boxes(s):
            if tb.role == "body":
                assert min(p.size for p in tb.paragraphs) >= theme.slide.min_body_size


def test_short_address():
    from deckgen.layout.common.links import short_address

    assert short_address("https://www.nasa.gov/history/") == "nasa.gov/history"
    assert short_address("https://example.org") == "example.org"
    assert short_address("mailto:a@b.org") == "a@b.org"
    assert (
        short_address("https://en.wikipedia.org/wiki/Apollo%E2%80%93Soyuz_Test_Project")
        == "en.wikipedia.org/…/Apollo–Soyuz_Test_Project"
    )


@pytest.mark.parametrize("theme", THEMES)
def test_title_slide_without_cover_is_designed(theme):
    outline = load(FIXTURES / "no-timeline.yaml")
    assert outline.cover is None
    deck = layout_deck(outline, resolve(outline, theme))
    slide = deck.slides[0]
    band = [e for e in slide.elements if isinstance(e, Shape) and e.name == "Title band"]
    assert len(band) == 1 and band[0].box.w == deck.width
    meta = [tb for tb in text_boxes(slide) if tb.name == "Author and date"][0]
    assert band[0].box.contains(meta.box)  # author and date sit in the band
    title = [tb for tb in text_boxes(slide) if tb.placeholder == "title"][0]
    assert title.box.bottom < band[0].box.y
    assert title.paragraphs[0].size > resolve(outline, theme).slide.title_size


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_timeline_chunks_are_balanced(space_race, aspect):
    outline, theme = space_race
    deck = layout_deck(outline, theme, DeckGeometry.for_aspect(aspect))
    heading = outline.timeline.title.plain
    first = next(i for i, s in enumerate(deck.slides) if s.title == heading)
    slides = []
    for s in deck.slides[first + 1 :]:  # the detail slides after the overview
        if not s.continued:
            break
        slides.append(s)
    counts = [sum(tb.name.startswith("Event: ") for tb in text_boxes(s)) for s in slides]
    assert sum(counts) == len(outline.timeline.events)
    # never a stub; crowded years (1957-1965) hold fewer 18 pt cards a slide
    assert min(counts) >= 3, counts
    assert max(counts) - min(counts) <= (3 if aspect == "16:9" else 5), counts


def test_references_on_4_3_stack_in_one_column(space_race):
    outline, theme = space_race
    deck = layout_deck(outline, theme, DeckGeometry.for_aspect("4:3"))
    for slide in (s for s in deck.slides if s.kind == "closing"):
        bodies = [tb for tb in text_boxes(slide) if tb.role == "body"]
        assert len(bodies) == 1 and bodies[0].box.w > 500


def test_a_sections_timeline_title_says_the_years_once():
    from deckgen.layout.deck.timeline import spanned_title
    from deckgen.outline.model import Date, Event, Text

    events = [Event(Date(1961, 4, 12), Text.of("Vostok 1")), Event(Date(1969, 7, 20), Text.of("A"))]
    assert spanned_title(Text.of("The race"), events).plain == "The race, 1961\u20131969"
    assert spanned_title(Text.of("1961 to 1969"), events).plain == "1961 to 1969"
    assert spanned_title(Text.of("230 years of it"), events[:1]).plain == "230 years of it, 1961"
    spanning = [Event(Date(1998), Text.of("ISS"), end=Date(2011))]
    assert spanned_title(Text.of("Station"), spanning).plain == "Station, 1998\u20132011"


def test_a_lone_early_event_is_drawn_across_a_marked_break():
    """The dense fixture's 1926 rocket, three decades before the rest, stands
    at its date across a break in the band, not in a squeezed heap."""
    outline = load(FIXTURES / "dense-timeline.yaml")
    deck = layout_deck(outline, resolve(outline))
    first = next(  # the first detail slide (the overview shows the whole span)
        s
        for s in deck.slides
        if s.continued and any(e.name.startswith("Marker: Goddard") for e in s.elements)
    )
    shapes = {e.name: e for e in first.elements if isinstance(e, Shape)}
    breaks = [e for e in first.elements if e.name == "Axis break"]
    assert len(breaks) == 1
    goddard = next(e for n, e in shapes.items() if n.startswith("Marker: Goddard"))
    others = [e for n, e in shapes.items() if n.startswith("Marker: ") and e is not goddard]
    assert goddard.box.right <= breaks[0].box.x < min(e.box.x for e in others)
    # the axis says the year on each side of the break, and no label covers it
    labels = [tb for tb in text_boxes(first) if tb.name.startswith(("Year: ", "Date: "))]
    assert labels[0].name == "Year: 1926" and labels[0].box.right < breaks[0].box.x
    assert all(tb.box.x > breaks[0].box.right for tb in labels[1:])
    assert "1957" in labels[1].text
