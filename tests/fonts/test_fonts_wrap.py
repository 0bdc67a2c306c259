"""Line breaking like PowerPoint, with real widths."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.fonts import family
from deckgen.fonts.wrap import Line, Renderers, line_height, text_width, wrap
from deckgen.outline.model import Run, Text

ARIMO = family("Arimo")


def texts(lines):
    return [line.text for line in lines]


def test_breaks_at_spaces_and_trailing_spaces_do_not_count():
    face = ARIMO.face()
    lines = wrap("one two three four", ARIMO, 20, face.width("one two three", 20) + 0.01)
    assert texts(lines) == ["one two three ", "four"]
    assert lines[0].width == pytest.approx(face.width("one two three", 20))


def test_a_line_that_fits_exactly_is_not_broken():
    width = ARIMO.face().width("Sputnik 1957", 24)
    assert texts(wrap("Sputnik 1957", ARIMO, 24, width)) == ["Sputnik 1957"]


def test_breaks_after_hyphen_between_letters_but_not_in_dates():
    face = ARIMO.face()
    width = face.width("a well-", 18) + 0.5
    assert texts(wrap("a well-known fact", ARIMO, 18, width)) == ["a well-", "known ", "fact"]
    narrow = face.width("1957-10", 18)
    assert "1957-" not in texts(wrap("on 1957-10-04", ARIMO, 18, narrow))


def test_breaks_after_dashes():
    width = ARIMO.face().width("Apollo–", 18) + 0.5
    assert texts(wrap("Apollo–Soyuz", ARIMO, 18, width)) == ["Apollo–", "Soyuz"]


def test_long_word_breaks_between_characters_as_full_as_possible():
    word = "Supercalifragilisticexpialidocious"
    face = ARIMO.face()
    max_width = face.width(word[:10], 24) + 0.01
    lines = wrap(f"a {word} b", ARIMO, 24, max_width)
    assert "".join(texts(lines)) == f"a {word} b"
    assert lines[0].text == "a "  # the word goes to a new line first
    assert lines[1].text == word[:10]
    assert all(line.width <= max_width for line in lines)


def test_single_character_wider_than_the_line_still_progresses():
    lines = wrap("WWW", ARIMO, 40, 5)
    assert texts(lines) == ["W", "W", "W"]


def test_bold_and_italic_runs_use_their_own_faces():
    runs = (Run("plain "), Run("bold words", bold=True), Run(" and ", italic=True), Run("end"))
    expected = (
        ARIMO.face().width("plain ", 20)
        + ARIMO.face(True).width("bold words", 20)
        + ARIMO.face(False, True).width(" and ", 20)
        + ARIMO.face().width("end", 20)
    )
    assert text_width(runs, ARIMO, 20) == pytest.approx(expected)
    [line] = wrap(runs, ARIMO, 20, 10_000)
    assert line.width == pytest.approx(expected)
    assert line.runs == runs
    # Wider than the same words in regular: the bold face is measured.
    assert text_width("bold words", ARIMO, 20) < ARIMO.face(True).width("bold words", 20)


def test_runs_split_across_lines_keep_style_and_link():
    runs = (Run("see "), Run("the agreement text", link="https://example.org", bold=True))
    max_width = text_width("see the ", ARIMO, 20) + 1
    lines = wrap(Text(runs), ARIMO, 20, max_width)
    assert lines[0].runs == (Run("see "), Run("the ", bold=True, link="https://example.org"))
    assert all(r.link == "https://example.org" for line in lines[1:] for r in line.runs)


def test_line_break_character_forces_a_new_line():
    assert texts(wrap("first\nsecond", ARIMO, 20, 1000)) == ["first", "second"]
    assert texts(wrap("end\n", ARIMO, 20, 1000)) == ["end", ""]


def test_empty_paragraph_is_one_empty_line():
    assert wrap("", ARIMO, 20, 100) == [Line((), 0.0)]


def test_cyrillic_wraps():
    lines = wrap("Юрий Гагарин облетел Землю на корабле «Восток»", "PT Serif", 24, 200)
    assert len(lines) > 1 and all(line.width <= 200 for line in lines)


def test_line_height_is_explicit_and_in_hundredths():
    assert line_height(ARIMO, 24) == 28.8
    assert line_height("PT Serif", 13, 1.15) == 14.95


words = st.text(alphabet="abcdefghijKLMW-–Юя. ", min_size=0, max_size=40)
styled = st.lists(st.builds(Run, words, st.booleans(), st.booleans()), max_size=6)


@settings(max_examples=200, deadline=None)
@given(runs=styled, size=st.floats(8, 60), max_width=st.floats(20, 600))
def test_wrap_properties(runs, size, max_width):
    lines = wrap(runs, ARIMO, size, max_width)
    assert lines
    # Keeps all text, in order, with styles.
    assert "".join(line.text for line in lines) == "".join(r.text for r in runs)
    for line in lines:
        visible = line.text.rstrip(" ")
        # Never wider than allowed, unless one character alone does not fit.
        assert line.width <= max_width + 1e-6 or len(visible) == 1
        assert line.width == pytest.approx(text_width(_strip(line.runs), ARIMO, size))


def _strip(runs):
    """The runs without the spaces hanging at the end of the line."""
    out = list(runs)
    while out and out[-1].text.endswith(" "):
        text = out[-1].text.rstrip(" ")
        out[-1:] = [Run(text, out[-1].bold, out[-1].italic)] if text else []
    return out


# -- the fast (bisecting) wrap against a plain word-by-word greedy one ------


def _reference(  # noqa: C901 - the obvious one-function oracle the fast wrap is checked against
    text: str, face_of, size: float, max_width: float
) -> list[tuple[str, float]]:
    """Word-by-word greedy filling, as PowerPoint describes it; slow but obvious."""
    adv = [face_of(i).advance(ch) * size for i, ch in enumerate(text)]

    def width(a, b):
        return sum(adv[a:b])

    def breaks_after(i):
        ch = text[i]
        if ch in " \u200b\u2010\u2013\u2014":
            return i + 1 < len(text) and text[i + 1] != " "
        if ch == "-":
            return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        return False

    # Segments: (start, visible_end, end, forced).
    segments, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            segments.append((start, i, i + 1, True))
            start = i + 1
        elif breaks_after(i) and i + 1 < len(text):
            visible = i + 1
            while visible > start and text[visible - 1] == " ":
                visible -= 1
            segments.append((start, visible, i + 1, False))
            start = i + 1
    if start < len(text) or not text or text.endswith("\n"):
        visible = len(text)
        while visible > start and text[visible - 1] == " ":
            visible -= 1
        segments.append((start, visible, len(text), False))

    lines, line, limit = [], None, max_width + 1e-6 * size
    for s, v, e, forced in segments:
        if line is not None and width(line[0], v) > limit:
            lines.append((line[0], line[1], s))
            line = None
        if line is None:
            line = [s, s]
            while width(line[0], v) > limit:
                cut = line[0] + 1
                while cut < v and width(line[0], cut + 1) <= limit:
                    cut += 1
                if cut >= v:
                    break
                lines.append((line[0], cut, cut))
                line[0] = cut
        line[1] = v
        if forced:
            lines.append((line[0], v, e))
            line = None
    if line is not None:
        lines.append((line[0], line[1], len(text)))
    return [(text[a:b].replace("\n", ""), width(a, v)) for a, v, b in lines]


plain_text = st.text(alphabet="ab W-–—\u200b\n1Ю ", max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=plain_text, size=st.sampled_from([10, 24, 40]), max_width=st.floats(5, 400))
def test_matches_the_word_by_word_greedy(text, size, max_width):
    face = ARIMO.face()
    expected = _reference(text, lambda i: face, size, max_width)
    got = wrap(text, ARIMO, size, max_width)
    assert [line.text for line in got] == [t for t, _ in expected]
    for line, (_, width) in zip(got, expected, strict=True):
        assert line.width == pytest.approx(width, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(runs=styled, max_width=st.floats(20, 600))
def test_matches_the_greedy_with_styles(runs, max_width):
    text = "".join(r.text for r in runs)
    owner = [r for r in runs for _ in r.text]
    expected = _reference(text, lambda i: ARIMO.face(owner[i].bold, owner[i].italic), 24, max_width)
    got = wrap(runs, ARIMO, 24, max_width)
    assert [line.text for line in got] == [t for t, _ in expected]


# --- breaking for a .pptx renderer (issue 10, item 2) ------------------------

OFFICE = Renderers(narrower=0.005, wider=0.0025)


def test_kerning_comes_from_the_font_and_narrows_text():
    face = ARIMO.face()
    assert face.kerning("AV") < 0 and face.kerning("To") < 0
    assert face.kerning("ab") == 0 and face.kerning("a\u2603") == 0  # no glyph, no kerning
    assert face.kerned_width("AVAV", 20) < face.width("AVAV", 20)
    assert face.kerned_width("mm", 20) == face.width("mm", 20)


def test_a_clear_break_is_left_to_the_renderer():
    face = ARIMO.face()
    width = face.width("one two three", 20) * 1.01
    lines = wrap("one two three fourteen", ARIMO, 20, width, renderers=OFFICE)
    assert texts(lines) == ["one two three ", "fourteen"]
    assert [line.hard for line in lines] == [False, False]


def test_a_next_word_that_a_kerning_renderer_could_fit_is_broken_explicitly():
    face = ARIMO.face()
    # 'To' kerns: set with kerning it fits, as we measure it does not
    full = face.width("aaa To", 20)
    kerned = face.kerned_width("aaa To", 20)
    width = (full + kerned) / 2
    assert kerned * (1 - OFFICE.narrower) < width < full
    lines = wrap("aaa To", ARIMO, 20, width, renderers=OFFICE)
    assert texts(lines) == ["aaa ", "To"] and lines[0].hard
    # without renderers the same break is an ordinary one
    assert not wrap("aaa To", ARIMO, 20, width)[0].hard


def test_a_near_full_line_does_not_fit_and_its_break_is_explicit():
    face = ARIMO.face()
    width = face.width("one two three", 20) * (1 + OFFICE.wider / 2)  # within the rounding
    assert texts(wrap("one two three", ARIMO, 20, width)) == ["one two three"]
    lines = wrap("one two three", ARIMO, 20, width, renderers=OFFICE)
    assert texts(lines) == ["one two ", "three"] and lines[0].hard and not lines[1].hard


def test_for_a_renderer_no_break_after_a_dash_before_a_quote_mark():
    text = "docking («Союз»–«Аполлон»)"
    width = ARIMO.face().width("docking («Союз»–", 18) + 2
    assert "docking («Союз»–" in texts(wrap(text, ARIMO, 18, width))
    office = texts(wrap(text, ARIMO, 18, width, renderers=OFFICE))
    assert office[0] == "docking " and not any(t.endswith("–") for t in office)


def test_a_long_address_breaks_at_its_seams_only_and_explicitly():
    address = "en.wikipedia.org/wiki/Lists_of_human_spaceflights"

    def seams(word):
        return [i for i, ch in enumerate(word) if i and word[i - 1] in "/."]

    face = ARIMO.face()
    width = face.width("counts — en.wikipedia.org/wiki/", 20) + 4
    lines = wrap(f"counts — {address} end", ARIMO, 20, width, renderers=OFFICE, word_breaks=seams)
    # the head stays on the line it fits on, the rest starts at a seam
    assert texts(lines)[:2] == ["counts — en.wikipedia.org/wiki/", "Lists_of_human_spaceflights "]
    assert lines[0].hard and not lines[1].hard
    # a word with no seam that fits is still cut between characters
    narrow = face.width("Lists_of_human", 20)
    cut = wrap("Lists_of_human_spaceflights", ARIMO, 20, narrow, word_breaks=seams)
    assert len(cut) > 1 and all(line.hard for line in cut[:-1])
    assert "".join(texts(cut)) == "Lists_of_human_spaceflights"
