"""Setting the handout's prose: measure, justification, hyphenation, long words."""

import pytest

from deckgen.layout.handout.style import TextStyle
from deckgen.layout.handout.text import set_paragraph
from deckgen.outline.model import Run, Text

PROSE = (
    "During the Cold War the United States and the Soviet Union turned space into an arena "
    "of rivalry. At first the Space Race was a contest between the two superpowers to show "
    "off their technology and to prove the superiority of their political systems. Yet this "
    "rivalry did a great deal to shape the future of space exploration, and in the end it "
    "opened the way to international cooperation in space. "
) * 3

STYLE = TextStyle("PT Serif", 10.5, 14.9, "#000000", align="justify", hyphenate=True)


def words_of(para):
    return [("".join(p.text for p in w)) for line in para.lines for w in line.words]


@pytest.mark.parametrize("family", ["PT Serif", "PT Sans", "Arimo"])
def test_lines_fit_the_measure_and_keep_every_word(family):
    style = TextStyle(family, 10.5, 14.9, "#000000", align="justify", hyphenate=True)
    para = set_paragraph(Text.of(PROSE), style, 330, "en_US", first_indent=15)
    assert para.lines[0].indent == 15 and all(ln.indent == 0 for ln in para.lines[1:])
    for line in para.lines:
        assert line.indent + line.width <= 330 + 0.01
    assert all(ln.justify for ln in para.lines[:-1]) and not para.lines[-1].justify
    # dehyphenated, the words are the text's words
    joined = " ".join(words_of(para)).replace("- ", "")
    assert joined.split() == PROSE.split()
    # justified lines are well filled: no line stretched by more than a fifth
    for line in para.lines[:-1]:
        assert line.width >= 0.8 * (330 - line.indent), line


def test_hyphenation_only_with_a_language_and_only_words():
    hy = set_paragraph(Text.of(PROSE), STYLE, 300, "en_US")
    plain = set_paragraph(Text.of(PROSE), STYLE, 300, None)
    assert any(w.endswith("-") for w in words_of(hy))
    assert not any(w.endswith("-") for w in words_of(plain))
    for w in words_of(hy):
        if w.endswith("-"):
            assert w[:-1].isalpha() and len(w) >= 3


def test_styles_survive_the_break():
    runs = (
        Run("plain words here and "),
        Run("bold words that continue", bold=True),
        Run(" then a "),
        Run("link", link="https://example.org"),
        Run(" at the end."),
    )
    para = set_paragraph(Text(runs), STYLE, 120, "en_US")
    pieces = [p for line in para.lines for w in line.words for p in w]
    assert any(p.bold for p in pieces) and any(p.link == "https://example.org" for p in pieces)
    assert not any(p.link for p in pieces if p.text != "link")


def test_a_word_longer_than_the_line_is_broken_between_characters():
    url = "https://example.org/" + "x" * 300
    para = set_paragraph(Text((Run("See "), Run(url, link=url))), STYLE, 200, "en_US")
    assert len(para.lines) >= 4
    assert all(line.indent + line.width <= 200.01 for line in para.lines)
    assert "".join(words_of(para)) == "See" + url


def test_cyrillic_hyphenates_with_russian_dictionary():
    text = "Первый искусственный спутник Земли был запущен Советским Союзом. " * 6
    para = set_paragraph(Text.of(text), STYLE, 250, "ru_RU")
    assert all(line.indent + line.width <= 250.01 for line in para.lines)
    assert " ".join(words_of(para)).replace("- ", "").split() == text.split()


def test_ragged_style_is_not_justified():
    ragged = TextStyle("PT Serif", 10.5, 14.9, "#000000", align="left")
    para = set_paragraph(Text.of(PROSE), ragged, 300, None, bullet="•")
    assert not any(line.justify for line in para.lines)
    assert para.bullet == "•" and para.bullet_x == 0.0


def test_never_three_hyphenated_lines_in_a_row():
    long_words = "internationalisation characteristically extraordinarily " * 30
    para = set_paragraph(Text.of(long_words), STYLE, 140, "en_US")
    ends = [line.words[-1][-1].text.endswith("-") for line in para.lines]
    assert any(ends)
    assert not any(a and b and c for a, b, c in zip(ends, ends[1:], ends[2:], strict=False))


def test_a_bare_language_hyphenates_with_its_main_dictionary():
    # 'en' took pyphen's en_GB dictionary, which breaks "envir-onmental"
    import pyphen

    from deckgen.layout.handout.style import hyphenation_language

    assert hyphenation_language("en") == "en_US"
    assert hyphenation_language("en-GB") == "en_GB"
    assert hyphenation_language("de") == "de_DE"
    assert hyphenation_language("ru") is not None
    hyph = pyphen.Pyphen(lang=hyphenation_language("en"), left=2, right=3)
    assert hyph.inserted("environmental") == "en-vi-ron-men-tal"
