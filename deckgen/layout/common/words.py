"""The few words deckgen itself puts on slides, in the outline's language.

Unknown languages fall back to English; a language tag's region is ignored
('pt-BR' -> 'pt').
"""

from __future__ import annotations

__all__ = ["lang", "words"]

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


def lang(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def words(language: str) -> dict[str, str]:
    return _WORDS.get(lang(language), _WORDS["en"])
