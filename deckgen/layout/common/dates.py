"""Dates as the outline's language writes them, the same text in every output.

`format_date(date, language)`: '4 Oct 1957', 'Oct 1957' or '1957' in English,
'4 окт. 1957 г.' in Russian, '4. Okt. 1957' in German;
`format_span(start, end, language)`: '19–20 Aug 1960', 'Feb–Jun 1998',
'1998–2011'; ends of different precision as 'A – B'.

The patterns and month names are CLDR's (through Babel), chosen by skeleton
(abbreviated month, no weekday), so any language Babel knows gets its own
dates. Bare `en` is international English ('4 Oct 1957'); `en-US` is 'Oct 4,
1957'. A tag Babel does not know falls back to its language, then to English.

Babel's thin and narrow no-break spaces (U+2009, U+202F) are written as a
no-break space, or as a plain space after a range dash so that a span may
wrap: the themes' fonts do not all have those glyphs.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, get_month_names

from deckgen.outline.model import Date, Run

__all__ = ["date_locale", "format_date", "format_span", "joined_dates", "tick_label"]

# Skeletons by precision: year; month and year; day, month and year.
_SKELETONS = ("y", "yMMM", "yMMMd")
_FALLBACK = "en_001"  # English as written outside the US: '4 Oct 1957'
_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
_NBSP = "\u00a0"
# A range dash between thin or plain spaces: no break before it, one allowed after.
_DASH = re.compile(r"[ \u2009\u202f]([–—])[ \u2009\u202f]")


def _candidates(language: str) -> list[str]:
    """Babel locale identifiers to try for a BCP 47 tag, most specific first:
    'zh-Hant-TW' -> zh_Hant_TW, zh_Hant, zh. Extensions and private use
    ('-u-…', '-x-…') are dropped; bare 'en' is international English."""
    parts: list[str] = []
    for part in str(language or "").strip().replace("_", "-").split("-"):
        if len(part) == 1 or not _SUBTAG.match(part):
            break  # a singleton starts an extension; anything else is not a subtag
        parts.append(part)
    if parts and parts[0].lower() in ("root", "und"):
        return []  # CLDR's root locale writes 'M10': no language's dates
    out = []
    for n in range(len(parts), 0, -1):
        tag = "_".join(parts[:n])
        out.append(_FALLBACK if tag.lower() == "en" else tag)
    return out


@lru_cache(maxsize=64)
def date_locale(language: str) -> Locale:
    """The CLDR locale that writes `language`'s dates; English ('en_001')
    for a tag Babel does not know. Never raises."""
    for tag in _candidates(language):
        try:
            locale = Locale.parse(tag)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        # Babel may fill in what it does not know ('en-QQ' -> en_US): only a
        # locale with every subtag asked for will do, else a shorter tag.
        if set(tag.lower().split("_")) <= set(str(locale).lower().split("_")):
            return locale
    return Locale.parse(_FALLBACK)


def _precision(date: Date) -> int:
    return 0 if date.month is None else 1 if date.day is None else 2


def _clean(text: str) -> str:
    text = _DASH.sub(lambda m: f"{_NBSP}{m.group(1)} ", text)
    return text.replace("\u2009", _NBSP).replace("\u202f", _NBSP)


@lru_cache(maxsize=4096)
def format_date(date: Date, language: str) -> str:
    """'4 Oct 1957', 'Oct 1957' or '1957', as `language` writes them."""
    skeleton = _SKELETONS[_precision(date)]
    return _clean(format_skeleton(skeleton, date.first_day, locale=date_locale(language)))


@lru_cache(maxsize=4096)
def format_span(start: Date, end: Date | None, language: str) -> str:
    """A date, or a span written compactly by CLDR's interval formats when
    both ends have the same precision ('19–20 Aug 1960', 'Feb–Jun 1998',
    '1998–2011'); otherwise both dates in full, joined by the language's
    range pattern ('1957 – 4 Oct 1961')."""
    if end is None or end == start:
        return format_date(start, language)
    locale = date_locale(language)
    if _precision(start) == _precision(end):
        skeleton = _SKELETONS[_precision(start)]
        text = format_interval(start.first_day, end.first_day, skeleton, locale=locale)
        return _clean(text)
    pattern = locale.interval_formats.get(None) or "{0} – {1}"
    return _clean(pattern.format(format_date(start, language), format_date(end, language)))


@lru_cache(maxsize=4096)
def tick_label(day: _dt.date, kind: str, language: str, with_year: bool = False) -> str:
    """An axis tick of `kind` 'year' ('1961'), 'month' ('Oct'; 'Oct 1957' with
    the year), or any finer kind ('day', 'week'): '4 Oct' ('4 Oct 1957' with
    the year), as `language` writes them."""
    if kind == "year":
        return _clean(format_skeleton("y", day, locale=date_locale(language)))
    skeleton = "MMM" if kind == "month" else "MMMd"  # a day, or a week's first day
    if with_year:
        skeleton = "y" + skeleton
    return _clean(format_skeleton(skeleton, day, locale=date_locale(language)))


@lru_cache(maxsize=64)
def _date_in_text(language: str) -> re.Pattern[str]:
    """Dates an author writes in running text ('17 July 1975', 'July 17,
    1975', '4 окт. 1957 г.', 'Oct 1957'): a day, a month name of `language`
    or English (wide or abbreviated, with its dot), a year."""
    names: set[str] = set()
    for locale in {date_locale(language), Locale.parse(_FALLBACK)}:
        for width in ("wide", "abbreviated"):
            for ctx in ("format", "stand-alone"):
                names.update(get_month_names(width, ctx, locale=locale).values())
    month = "|".join(sorted((re.escape(n.rstrip(".")) for n in names), key=len, reverse=True))
    m = rf"(?:{month})\.?"
    day, year = r"\d{1,2}\.?", r"\d{3,4}(?: г\.)?"
    return re.compile(
        rf"(?<!\w)(?:{day} {m} {year}|{m} {day},? {year}|{day} {m}|{m} {year})(?!\w)",
        re.IGNORECASE,
    )


def joined_dates(runs: tuple[Run, ...], language: str) -> tuple[Run, ...]:
    """`runs` with the spaces inside each date written in the text made
    no-break ('17 July 1975' never breaks as '17' / 'July 1975'), across run
    boundaries too; the same runs when there are none."""
    text = "".join(r.text for r in runs)
    if not any(ch.isdigit() for ch in text):
        return runs
    joined = _date_in_text(language).sub(lambda m: m.group(0).replace(" ", _NBSP), text)
    if joined == text:
        return runs
    out, at = [], 0
    for r in runs:  # one character for one: runs keep their lengths
        out.append(replace(r, text=joined[at : at + len(r.text)]))
        at += len(r.text)
    return tuple(out)
