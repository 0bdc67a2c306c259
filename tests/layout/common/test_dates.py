"""Dates as the outline's language writes them (CLDR's patterns through Babel)."""

import datetime as dt

import pytest

from deckgen.layout.common.dates import (
    date_locale,
    format_date,
    format_span,
    joined_dates,
    tick_label,
)
from deckgen.outline.model import Date, Run

NBSP = "\u00a0"

# (language, day, month, year, day span within a month, month span within a year,
#  year span, mixed precision)
EXPECTED = {
    "en": (
        "4 Oct 1957",
        "Oct 1957",
        "1957",
        "19–20 Aug 1960",
        f"Feb{NBSP}– Jun 1998",
        f"1998{NBSP}– 2011",
        f"1957{NBSP}– 4 Oct 1961",
    ),
    "ru": (
        f"4 окт. 1957{NBSP}г.",
        f"окт. 1957{NBSP}г.",
        "1957",
        f"19—20 авг. 1960{NBSP}г.",
        f"февр.{NBSP}— июнь 1998{NBSP}г.",
        "1998—2011",
        f"1957{NBSP}— 4 окт. 1961{NBSP}г.",
    ),
    "de": (
        "4. Okt. 1957",
        "Okt. 1957",
        "1957",
        "19.–20. Aug. 1960",
        "Feb.–Juni 1998",
        "1998–2011",
        f"1957{NBSP}– 4. Okt. 1961",
    ),
    "fr": (
        "4 oct. 1957",
        "oct. 1957",
        "1957",
        "19–20 août 1960",
        "févr.–juin 1998",
        "1998–2011",
        f"1957{NBSP}– 4 oct. 1961",
    ),
    "es": (
        "4 oct 1957",
        "oct 1957",
        "1957",
        "19–20 ago 1960",
        "feb–jun 1998",
        "1998–2011",
        f"1957{NBSP}– 4 oct 1961",
    ),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_dates_and_spans_in_the_five_languages(language):
    day, month, year, days, months, years, mixed = EXPECTED[language]
    assert format_date(Date(1957, 10, 4), language) == day
    assert format_date(Date(1957, 10), language) == month
    assert format_date(Date(1957), language) == year
    assert format_span(Date(1960, 8, 19), Date(1960, 8, 20), language) == days
    assert format_span(Date(1998, 2), Date(1998, 6), language) == months
    assert format_span(Date(1998), Date(2011), language) == years
    assert format_span(Date(1957), Date(1961, 10, 4), language) == mixed
    # a span of one date, or none, is the date
    assert format_span(Date(1957, 10, 4), None, language) == day
    assert format_span(Date(1957, 10, 4), Date(1957, 10, 4), language) == day


def test_a_span_over_months_and_years_gives_both_ends_their_own_parts():
    assert format_span(Date(1960, 8, 19), Date(1960, 10, 2), "en") == f"19 Aug{NBSP}– 2 Oct 1960"
    assert format_span(Date(1998, 2), Date(1999, 6), "de") == f"Feb. 1998{NBSP}– Juni 1999"
    assert (
        format_span(Date(1975, 7, 17), Date(1976, 1, 3), "ru")
        == f"17 июл. 1975{NBSP}г.{NBSP}— 3 янв. 1976{NBSP}г."
    )


@pytest.mark.parametrize(
    ("tag", "locale", "day"),
    [
        ("en-US", "en_US", "Oct 4, 1957"),
        ("en-GB", "en_GB", "4 Oct 1957"),
        ("pt-BR", "pt_BR", "4 de out. de 1957"),
        ("zh-Hant-TW", "zh_Hant_TW", "1957年10月4日"),
        ("de-CH-1996", "de_CH", "4. Okt. 1957"),
        ("RU_ru", "ru_RU", f"4 окт. 1957{NBSP}г."),
        ("ru-x-private", "ru", f"4 окт. 1957{NBSP}г."),
        # unknown to CLDR: English
        ("xx", "en_001", "4 Oct 1957"),
        ("", "en_001", "4 Oct 1957"),
        ("i-klingon", "en_001", "4 Oct 1957"),
        ("../../etc/passwd", "en_001", "4 Oct 1957"),
        ("en-Zzzz-QQ", "en_001", "4 Oct 1957"),
        ("root", "en_001", "4 Oct 1957"),
    ],
)
def test_any_tag_gets_the_nearest_locale_babel_knows(tag, locale, day):
    assert str(date_locale(tag)) == locale
    assert format_date(Date(1957, 10, 4), tag) == day


def test_the_whole_range_of_years():
    assert format_date(Date(1), "en") == "1"
    assert format_date(Date(1, 1, 1), "ru") == f"1 янв. 1{NBSP}г."
    assert format_date(Date(9999, 12, 31), "de") == "31. Dez. 9999"
    assert format_span(Date(1), Date(9999), "en") == f"1{NBSP}– 9999"


def test_no_glyph_the_theme_fonts_may_lack():
    # Babel writes thin (U+2009) and narrow no-break (U+202F) spaces, which
    # PT Sans and PT Serif do not have; a range may break after its dash only.
    for language in ("en", "en-GB", "ru", "uk", "de", "fr", "es", "pt-BR", "ja"):
        for text in (
            format_date(Date(1957, 10, 4), language),
            format_span(Date(1960, 8, 19), Date(1960, 10, 2), language),
            format_span(Date(1998, 2), Date(1999, 6), language),
            format_span(Date(1957), Date(1961, 10, 4), language),
        ):
            assert "\u2009" not in text and "\u202f" not in text
            assert " –" not in text and " —" not in text


def test_the_same_text_every_time():
    first = [format_span(Date(1960 + k, 8, 19), Date(1961 + k, 1, 2), "fr") for k in range(5)]
    format_date.cache_clear()
    format_span.cache_clear()
    assert [format_span(Date(1960 + k, 8, 19), Date(1961 + k, 1, 2), "fr") for k in range(5)] == (
        first
    )


def test_tick_labels():
    day = dt.date(1957, 10, 4)
    assert tick_label(day, "year", "en") == "1957"
    assert tick_label(day, "month", "en") == "Oct"
    assert tick_label(day, "month", "en", with_year=True) == "Oct 1957"
    assert tick_label(day, "day", "en") == "4 Oct"
    assert tick_label(day, "day", "ru") == "4 окт."
    assert tick_label(day, "week", "de") == "4. Okt."
    assert tick_label(day, "month", "ru", with_year=True) == f"окт. 1957{NBSP}г."


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [
        ("in orbit, 17 July 1975", "en", "in orbit, 17\u00a0July\u00a01975"),
        ("on July 20, 1969 men", "en-US", "on July\u00a020,\u00a01969 men"),
        ("Спутник, 4 окт. 1957 г. и", "ru", "Спутник, 4\u00a0окт.\u00a01957\u00a0г. и"),
        ("in 1998, May 1998", "en", "in 1998, May\u00a01998"),
        ("no dates here at all", "en", "no dates here at all"),
    ],
)
def test_dates_written_in_text_are_kept_whole(text, language, want):

    runs = (Run(text[:5]), Run(text[5:], bold=True))
    out = joined_dates(runs, language)
    assert "".join(r.text for r in out) == want
    assert [len(r.text) for r in out] == [len(r.text) for r in runs]
    assert [r.bold for r in out] == [False, True]
