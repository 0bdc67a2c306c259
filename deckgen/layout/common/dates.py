"""Dates as the outline's language writes them, the same text in every output.

`format_date(date, language)`: '4 Oct 1957', 'Oct 1957' or '1957';
`format_span(start, end, language)`: '19–20 Aug 1960', 'Aug–Oct 1960', '1998–2011'.
"""

from __future__ import annotations

from deckgen.layout.common.words import lang

__all__ = ["format_date", "format_span"]

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": (
        "янв.",
        "февр.",
        "марта",
        "апр.",
        "мая",
        "июня",
        "июля",
        "авг.",
        "сент.",
        "окт.",
        "нояб.",
        "дек.",
    ),
    "de": (
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sep.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    "es": (
        "ene.",
        "feb.",
        "mar.",
        "abr.",
        "may.",
        "jun.",
        "jul.",
        "ago.",
        "sept.",
        "oct.",
        "nov.",
        "dic.",
    ),
}


def format_date(date, language: str) -> str:
    """'4 Oct 1957', 'Oct 1957' or '1957' in the outline's language."""
    months = _MONTHS.get(lang(language))
    if months is None or date.month is None:
        return str(date) if months is None else f"{date.year}"
    month = months[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def format_span(start, end, language: str) -> str:
    """A date, or a span written compactly: '19–20 Aug 1960', 'Aug–Oct 1960',
    '1998–2011'; the full form where the parts differ more."""
    if end is None or end == start:
        return format_date(start, language)
    months = _MONTHS.get(lang(language))
    same_precision = (start.month is None) == (end.month is None) and (start.day is None) == (
        end.day is None
    )
    if months is not None and same_precision and start.year == end.year and start.month:
        if start.day and start.month == end.month:
            return f"{start.day}–{end.day} {months[start.month - 1]} {start.year}"
        if not start.day:
            return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
    return f"{format_date(start, language)}–{format_date(end, language)}"
