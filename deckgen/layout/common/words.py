"""The few words deckgen itself puts on slides, in the outline's language.

Unknown languages fall back to English; a language tag's region is ignored
('pt-BR' -> 'pt').
"""

from __future__ import annotations

__all__ = ["words"]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "quote": "Quote",
        "key_point": "Key point",
        "agenda": "Agenda",
        "cont": "(cont.)",
        "timeline": "Timeline",
        "references": "References",
        "credits": "Credits",
        "references_credits": "References & credits",
        "thanks": "Thank you",
        "based_on": "Based on",
        "cover": "Cover",
        "section": "Section",
        "eras": "Eras",
    },
    "ru": {
        "quote": "Цитата",
        "key_point": "Главное",
        "agenda": "План",
        "cont": "(продолжение)",
        "timeline": "Хронология",
        "references": "Литература",
        "credits": "Источники",
        "references_credits": "Литература и источники",
        "thanks": "Спасибо за внимание",
        "based_on": "По материалам",
        "cover": "Обложка",
        "section": "Раздел",
        "eras": "Эпохи",
    },
    "uk": {
        "quote": "Цитата",
        "key_point": "Головне",
        "agenda": "План",
        "cont": "(продовження)",
        "timeline": "Хронологія",
        "references": "Література",
        "credits": "Джерела",
        "references_credits": "Література і джерела",
        "thanks": "Дякую за увагу",
        "based_on": "За матеріалами",
        "cover": "Обкладинка",
        "section": "Розділ",
        "eras": "Епохи",
    },
    "de": {
        "quote": "Zitat",
        "key_point": "Kernaussage",
        "agenda": "Agenda",
        "cont": "(Forts.)",
        "timeline": "Zeitleiste",
        "references": "Literatur",
        "credits": "Nachweise",
        "references_credits": "Literatur & Nachweise",
        "thanks": "Vielen Dank",
        "based_on": "Nach",
        "cover": "Titelbild",
        "section": "Teil",
        "eras": "Epochen",
    },
    "fr": {
        "quote": "Citation",
        "key_point": "À retenir",
        "agenda": "Sommaire",
        "cont": "(suite)",
        "timeline": "Chronologie",
        "references": "Références",
        "credits": "Crédits",
        "references_credits": "Références et crédits",
        "thanks": "Merci",
        "based_on": "D’après",
        "cover": "Couverture",
        "section": "Partie",
        "eras": "Périodes",
    },
    "es": {
        "quote": "Cita",
        "key_point": "Idea clave",
        "agenda": "Índice",
        "cont": "(cont.)",
        "timeline": "Cronología",
        "references": "Referencias",
        "credits": "Créditos",
        "references_credits": "Referencias y créditos",
        "thanks": "Gracias",
        "based_on": "Basado en",
        "cover": "Portada",
        "section": "Parte",
        "eras": "Épocas",
    },
}

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


def _lang(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def words(language: str) -> dict[str, str]:
    return _WORDS.get(_lang(language), _WORDS["en"])


def format_date(date, language: str) -> str:
    """'4 Oct 1957', 'Oct 1957' or '1957' in the outline's language."""
    months = _MONTHS.get(_lang(language))
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
    months = _MONTHS.get(_lang(language))
    same_precision = (start.month is None) == (end.month is None) and (start.day is None) == (
        end.day is None
    )
    if months is not None and same_precision and start.year == end.year and start.month:
        if start.day and start.month == end.month:
            return f"{start.day}–{end.day} {months[start.month - 1]} {start.year}"
        if not start.day:
            return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
    return f"{format_date(start, language)}–{format_date(end, language)}"
