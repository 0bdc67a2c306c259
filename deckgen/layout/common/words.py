"""The words deckgen itself adds to the outputs, in the outline's language.

`words(language) -> Words`: one field per word (`w.key_dates`), also readable
as a mapping (`w["key_dates"]`). English, Russian, Ukrainian, German, French
and Spanish are written out; any other language gets the English words (its
dates are still written its own way: see dates.py). A tag's region and script
are ignored ('pt-BR' -> 'pt').
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

__all__ = ["LANGUAGES", "Words", "lang", "words"]


@dataclass(frozen=True)
class Words(Mapping[str, str]):
    """Every word deckgen adds; templates name their placeholders in braces."""

    # deck
    agenda: str
    section: str  # "Section 2 / 5" on a divider; the poster's key to '§2'
    timeline: str
    quote: str
    key_point: str  # a statement slide, where its title needs a word
    cont: str  # a title split over slides: "Title (cont. 2/3)"
    references: str
    credits: str
    references_credits: str
    thanks: str
    based_on: str  # the talk's source: "Based on …"
    cover: str  # the cover picture's credit: "Cover: …"
    eras: str
    slide: str  # a slide without a title, in bookmarks: "4. Slide"
    picture: str  # an untitled picture slide, in bookmarks
    quoted: str  # {text} in the language's quotation marks: a source's title
    # handout
    key_points: str
    key_dates: str
    further_reading: str
    notes: str  # the ruled area to write in
    speaker_notes: str
    date: str  # the key-dates table's column heads
    event: str
    who: str
    group: str  # the key-dates column of the timeline's groups, unless it names them
    other: str  # the legend's entry (and group cell) of events without a group
    page_of: str  # {n}, {total}
    slide_of: str  # {n}, {total}: the slides a handout page shows
    slides_of: str  # {first}, {last}, {total}
    # poster
    poster: str  # in its PDF's subject: "Key dates — poster"
    sheet_note: str  # {label}, {n}, {total}, {rows}, {last_row}, {cols}
    sheets_blank: str  # {labels}: the tiled poster's sheets left out, being blank

    def __getitem__(self, key: str) -> str:
        if key not in _KEYS:
            raise KeyError(key)
        value: str = getattr(self, key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(_KEYS)

    def __len__(self) -> int:
        return len(_KEYS)

    def quote_marks(self) -> tuple[str, str]:
        """The opening and closing quotation marks: ('“', '”'), ('«', '»')."""
        before, _, after = self.quoted.partition("{text}")
        return before, after

    def page(self, n: int, total: int) -> str:
        """'page 3 of 8'."""
        return self.page_of.format(n=n, total=total)

    def slides(self, first: int, last: int, total: int) -> str:
        """'Slides 4–6 of 20', or 'Slide 4 of 20' for one."""
        if last > first:
            return self.slides_of.format(first=first, last=last, total=total)
        return self.slide_of.format(n=first, total=total)


_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Words))

_WORDS: dict[str, Words] = {
    "en": Words(
        agenda="Agenda",
        section="Section",
        timeline="Timeline",
        quote="Quote",
        key_point="Key point",
        cont="(cont.)",
        references="References",
        credits="Credits",
        references_credits="References & credits",
        thanks="Thank you",
        based_on="Based on",
        cover="Cover",
        eras="Eras",
        slide="Slide",
        picture="Picture",
        quoted="“{text}”",
        key_points="Key points",
        key_dates="Key dates",
        further_reading="Further reading",
        notes="Notes",
        speaker_notes="Speaker notes",
        date="Date",
        event="Event",
        who="Who",
        group="Group",
        other="Other",
        page_of="page {n} of {total}",
        slide_of="Slide {n} of {total}",
        slides_of="Slides {first}–{last} of {total}",
        poster="poster",
        sheet_note=(
            "Sheet {label}: {n} of {total} ({rows} rows A–{last_row}, {cols} columns). "
            "Cut at the marks; glue onto the dashed strip."
        ),
        sheets_blank="Not printed (blank): {labels}.",
    ),
    "ru": Words(
        agenda="План",
        section="Раздел",
        timeline="Хронология",
        quote="Цитата",
        key_point="Главное",
        cont="(продолжение)",
        references="Литература",
        credits="Источники",
        references_credits="Литература и источники",
        thanks="Спасибо за внимание",
        based_on="По материалам",
        cover="Обложка",
        eras="Эпохи",
        slide="Слайд",
        picture="Иллюстрация",
        quoted="«{text}»",
        key_points="Основные тезисы",
        key_dates="Основные даты",
        further_reading="Рекомендуемая литература",
        notes="Заметки",
        speaker_notes="Заметки докладчика",
        date="Дата",
        event="Событие",
        who="Кто",
        group="Группа",
        other="Другое",
        page_of="стр. {n} из {total}",
        slide_of="Слайд {n} из {total}",
        slides_of="Слайды {first}–{last} из {total}",
        poster="плакат",
        sheet_note=(
            "Лист {label}: {n} из {total} (рядов: {rows}, A–{last_row}; столбцов: {cols}). "
            "Обрежьте по меткам и наклейте на полосу, отмеченную пунктиром."
        ),
        sheets_blank="Не печатаются (пустые): {labels}.",
    ),
    "uk": Words(
        agenda="План",
        section="Розділ",
        timeline="Хронологія",
        quote="Цитата",
        key_point="Головне",
        cont="(продовження)",
        references="Література",
        credits="Джерела",
        references_credits="Література і джерела",
        thanks="Дякую за увагу",
        based_on="За матеріалами",
        cover="Обкладинка",
        eras="Епохи",
        slide="Слайд",
        picture="Ілюстрація",
        quoted="«{text}»",
        key_points="Основні тези",
        key_dates="Основні дати",
        further_reading="Рекомендована література",
        notes="Нотатки",
        speaker_notes="Нотатки доповідача",
        date="Дата",
        event="Подія",
        who="Хто",
        group="Група",
        other="Інше",
        page_of="стор. {n} з {total}",
        slide_of="Слайд {n} з {total}",
        slides_of="Слайди {first}–{last} з {total}",
        poster="плакат",
        sheet_note=(
            "Аркуш {label}: {n} з {total} (рядів: {rows}, A–{last_row}; стовпців: {cols}). "
            "Обріжте по мітках і наклейте на смугу, позначену пунктиром."
        ),
        sheets_blank="Не друкуються (порожні): {labels}.",
    ),
    "de": Words(
        agenda="Agenda",
        section="Teil",
        timeline="Zeitleiste",
        quote="Zitat",
        key_point="Kernaussage",
        cont="(Forts.)",
        references="Literatur",
        credits="Nachweise",
        references_credits="Literatur & Nachweise",
        thanks="Vielen Dank",
        based_on="Nach",
        cover="Titelbild",
        eras="Epochen",
        slide="Folie",
        picture="Bild",
        quoted="„{text}“",
        key_points="Kernpunkte",
        key_dates="Wichtige Daten",
        further_reading="Weiterführende Literatur",
        notes="Notizen",
        speaker_notes="Vortragsnotizen",
        date="Datum",
        event="Ereignis",
        who="Wer",
        group="Gruppe",
        other="Sonstige",
        page_of="Seite {n} von {total}",
        slide_of="Folie {n} von {total}",
        slides_of="Folien {first}–{last} von {total}",
        poster="Poster",
        sheet_note=(
            "Blatt {label}: {n} von {total} ({rows} Reihen A–{last_row}, {cols} Spalten). "
            "An den Marken schneiden und auf den gestrichelten Streifen kleben."
        ),
        sheets_blank="Nicht gedruckt (leer): {labels}.",
    ),
    "fr": Words(
        agenda="Sommaire",
        section="Partie",
        timeline="Chronologie",
        quote="Citation",
        key_point="À retenir",
        cont="(suite)",
        references="Références",
        credits="Crédits",
        references_credits="Références et crédits",
        thanks="Merci",
        based_on="D’après",
        cover="Couverture",
        eras="Périodes",
        slide="Diapositive",
        picture="Image",
        quoted="«\u00a0{text}\u00a0»",
        key_points="Points clés",
        key_dates="Dates clés",
        further_reading="Pour aller plus loin",
        notes="Notes",
        speaker_notes="Notes du présentateur",
        date="Date",
        event="Événement",
        who="Qui",
        group="Groupe",
        other="Autres",
        page_of="page {n} sur {total}",
        slide_of="Diapositive {n} sur {total}",
        slides_of="Diapositives {first} à {last} sur {total}",
        poster="affiche",
        sheet_note=(
            "Feuille {label}\u00a0: {n} sur {total} ({rows} rangées A–{last_row}, "
            "{cols} colonnes). Découper aux repères, puis coller sur la bande en pointillés."
        ),
        sheets_blank="Non imprimées (vides) : {labels}.",
    ),
    "es": Words(
        agenda="Índice",
        section="Parte",
        timeline="Cronología",
        quote="Cita",
        key_point="Idea clave",
        cont="(cont.)",
        references="Referencias",
        credits="Créditos",
        references_credits="Referencias y créditos",
        thanks="Gracias",
        based_on="Basado en",
        cover="Portada",
        eras="Épocas",
        slide="Diapositiva",
        picture="Imagen",
        quoted="«{text}»",
        key_points="Ideas clave",
        key_dates="Fechas clave",
        further_reading="Lecturas recomendadas",
        notes="Notas",
        speaker_notes="Notas del orador",
        date="Fecha",
        event="Acontecimiento",
        who="Quién",
        group="Grupo",
        other="Otros",
        page_of="página {n} de {total}",
        slide_of="Diapositiva {n} de {total}",
        slides_of="Diapositivas {first}–{last} de {total}",
        poster="póster",
        sheet_note=(
            "Hoja {label}: {n} de {total} ({rows} filas A–{last_row}, {cols} columnas). "
            "Recorte por las marcas y pegue sobre la franja discontinua."
        ),
        sheets_blank="No se imprimen (en blanco): {labels}.",
    ),
}

LANGUAGES: tuple[str, ...] = tuple(_WORDS)  # the languages with words of their own


def lang(language: str | None) -> str:
    """The primary language subtag of a BCP 47 tag, lower case: 'pt-BR' -> 'pt'."""
    return str(language or "en").replace("_", "-").split("-")[0].strip().lower()


@lru_cache(maxsize=32)
def words(language: str | None) -> Words:
    """The words of `language`, English where deckgen has none of its own."""
    return _WORDS.get(lang(language), _WORDS["en"])
