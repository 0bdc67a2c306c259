"""The words deckgen adds, by the outline's language."""

import re
import string
from dataclasses import fields

import pytest

from deckgen.layout.common.words import LANGUAGES, Words, words

PLACEHOLDERS = {
    f.name: {
        name for _, name, _, _ in string.Formatter().parse(getattr(words("en"), f.name)) if name
    }
    for f in fields(Words)
}


def test_the_five_languages_have_words_of_their_own():
    assert {"en", "ru", "de", "fr", "es"} <= set(LANGUAGES)
    english = words("en")
    for language in ("ru", "de", "fr", "es"):
        own = words(language)
        assert own.key_dates != english.key_dates
        assert own.page(3, 8) != english.page(3, 8)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_is_there_with_the_same_placeholders(language):
    w = words(language)
    for f in fields(Words):
        value = getattr(w, f.name)
        assert value.strip() == value and value, (language, f.name)
        got = {name for _, name, _, _ in string.Formatter().parse(value) if name}
        assert got == PLACEHOLDERS[f.name], (language, f.name)


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_cyrillic_languages_add_no_latin_words(language):
    w = words(language)
    for key in w:
        # the sheet note names sheets by their Latin labels ('A–C')
        text = w[key].replace("A–", "") if key == "sheet_note" else w[key]
        assert not re.search("[A-Za-z]", text.format(**dict.fromkeys(PLACEHOLDERS[key], 1)))


def test_templates():
    assert words("en").page(3, 8) == "page 3 of 8"
    assert words("ru").page(3, 8) == "стр. 3 из 8"
    assert words("de").page(3, 8) == "Seite 3 von 8"
    assert words("fr").page(3, 8) == "page 3 sur 8"
    assert words("es").page(3, 8) == "página 3 de 8"
    assert words("en").slides(4, 6, 20) == "Slides 4–6 of 20"
    assert words("en").slides(4, 4, 20) == "Slide 4 of 20"
    assert words("ru").slides(4, 6, 20) == "Слайды 4–6 из 20"
    assert words("en").quote_marks() == ("“", "”")
    assert words("ru").quote_marks() == ("«", "»")
    assert words("de").quote_marks() == ("„", "“")
    assert words("fr").quote_marks() == ("«\u00a0", "\u00a0»")


def test_other_languages_fall_back_to_english_and_tags_are_read_loosely():
    assert words("ja") is words("en")
    assert words("xx-YY") is words("en")
    assert words("") is words("en")
    assert words(None) is words("en")
    assert words("ru-RU") is words("ru")
    assert words("DE_at") is words("de")


def test_words_read_as_fields_and_as_a_mapping():
    w = words("ru")
    assert w["key_points"] == w.key_points == "Основные тезисы"
    assert dict(w)["agenda"] == "План"
    assert len(w) == len(fields(Words))
    assert "key_dates" in w and "nope" not in w
    with pytest.raises(KeyError):
        w["page"]  # a method, not a word
