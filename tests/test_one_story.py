"""One outline tells one story in every output, read back from the built files:
the words deckgen adds are in the outline's language, and an event's date is
written the same way in the deck, the handout and the poster."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

import deckgen
from deckgen.layout.common.dates import format_span
from deckgen.outline.model import Date

ROOT = Path(__file__).parents[1]
RUSSIAN = ROOT / "tests" / "fixtures" / "outlines" / "cyrillic.yaml"
SAMPLE = ROOT / "content" / "space_race.yaml"
# Values that name things rather than print them.
NOT_PRINTED = {"layout", "id", "section", "group", "language"}
# A line that is a date of that day, however written: '4 Oct 1957', '4 October
# 1957', 'Oct 4, 1957', '1957-10-04', '04.10.1957'.
DATE_LINE = re.compile(
    r"\d{1,2} \w+\.? \d{4}( г\.)?|\w+\.? \d{1,2}, \d{4}|\d{4}-\d\d-\d\d|\d\d\.\d\d\.\d{4}"
)


def _pptx_texts(path: Path) -> list[str]:
    """Every slide's text (grouped shapes and tables too), then its notes."""
    out = []

    def shapes(items):
        for sh in items:
            if sh.shape_type == 6:  # a group
                yield from shapes(sh.shapes)
            else:
                yield sh

    for slide in Presentation(path).slides:
        lines = []
        for sh in shapes(slide.shapes):
            if sh.has_text_frame:
                lines.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                lines += [cell.text for row in sh.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            lines.append(slide.notes_slide.notes_text_frame.text)
        out.append("\n".join(lines))
    return out


def _pdf_texts(path: Path) -> list[str]:
    """Every page's text, then the bookmarks, then the document's metadata."""
    reader = PdfReader(path)
    out = [page.extract_text() for page in reader.pages]
    marks: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append(item.title)

    walk(reader.outline)
    meta = reader.metadata or {}
    described = [str(meta.get(k, "")) for k in ("/Title", "/Author", "/Subject", "/Keywords")]
    return [*out, "\n".join(marks), "\n".join(described)]


def texts_of(path: Path) -> list[str]:
    texts = _pptx_texts(path) if path.suffix == ".pptx" else _pdf_texts(path)
    # no-break spaces as spaces; words hyphenated at a line end joined again
    return [re.sub(r"(\w)[-\u00ad]\n(\w)", r"\1\2", t.replace("\u00a0", " ")) for t in texts]


def _printed_words(node, key: str | None = None) -> set[str]:
    """The words of every value in the outline (not its keys, nor ids)."""
    if isinstance(node, dict):
        return {w for k, v in node.items() for w in _printed_words(v, str(k))}
    if isinstance(node, list):
        return {w for v in node for w in _printed_words(v, key)}
    if node is None or key in NOT_PRINTED:
        return set()
    return {w.lower() for w in re.findall(r"\w+", str(node))}


def _build(outline: Path, out: Path, formats: str, *sets: str) -> list[Path]:
    report = deckgen.build([outline], formats=formats, out_dir=out, sets=sets)
    assert report.ok, [str(d) for d in report.errors]
    return sorted(report.written)


@pytest.fixture(scope="module")
def russian_files(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("ru")
    files = _build(
        RUSSIAN,
        out,
        "pptx,handout,poster,slides-pdf",
        "outputs.handout.notes_lines=true",
        "outputs.handout.speaker_notes=true",
    )
    slides_mode = _build(
        RUSSIAN,
        out / "slides-mode",
        "handout",
        "outputs.handout.mode=slides",
        "outputs.handout.speaker_notes=true",
    )
    return files + slides_mode


def test_a_russian_outline_gets_no_english_words(russian_files):
    outline = yaml.safe_load(RUSSIAN.read_text(encoding="utf-8"))
    assert outline["language"] == "ru"
    own = _printed_words(outline)
    names = [f.name for f in russian_files]
    assert len(names) == 5 and sum(n.endswith("-handout.pdf") for n in names) == 2
    for path in russian_files:
        added = {w for t in texts_of(path) for w in re.findall(r"\w+", t)}
        latin = sorted(w for w in added if re.search("[A-Za-z]", w) and w.lower() not in own)
        assert latin == [], f"{path.name}: {latin}"


def test_the_russian_outputs_have_their_own_words(russian_files):
    # The test above holds for outputs without words, too: these are there.
    deck = next(f for f in russian_files if f.suffix == ".pptx")
    deck_text = "\n".join(texts_of(deck))
    assert "План" in deck_text
    assert "«Полёт Юрия Гагарина: конспект лекции»" in deck_text  # its quotation marks
    article = next(f for f in russian_files if f.name == "cyrillic-handout.pdf")
    text = "\n".join(texts_of(article)).lower()
    for word in ("основные тезисы", "заметки докладчика", "стр. 1 из", "дата", "событие"):
        assert word in text, word
    assert "12 апр. 1961 г." in text


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory) -> dict[str, list[str]]:
    files = _build(SAMPLE, tmp_path_factory.mktemp("sample"), "pptx,handout,poster")
    return {p.name: texts_of(p) for p in files}


def _dates_beside(texts: list[str], title: str) -> list[str]:
    """The date nearest each line that is the event's title (or its first
    line), within three lines."""
    found = []
    for text in texts:
        lines = [line.strip() for line in text.splitlines()]
        for i, line in enumerate(lines):
            if len(line) < 8 or not title.startswith(line):
                continue
            for j in (i - 1, i + 1, i - 2, i + 2, i - 3, i + 3):
                if 0 <= j < len(lines) and DATE_LINE.fullmatch(lines[j]):
                    found.append(lines[j])
                    break
    return found


@pytest.mark.parametrize(
    ("outline_path", "title", "expected"),
    [
        (SAMPLE, "Sputnik 1 («Спутник-1»)", "4 Oct 1957"),
        (RUSSIAN, "Первый спутник", "4 окт. 1957 г."),
    ],
)
def test_an_event_has_one_date_text_in_deck_handout_and_poster(
    outline_path, title, expected, sample_files, russian_files
):
    outline = yaml.safe_load(outline_path.read_text(encoding="utf-8"))
    event = next(e for e in outline["timeline"]["events"] if e["title"] == title)
    day = event["date"]
    written = format_span(Date(day.year, day.month, day.day), None, outline["language"])
    assert written.replace("\u00a0", " ") == expected
    if outline_path == SAMPLE:
        files = sample_files
    else:
        files = {p.name: texts_of(p) for p in russian_files if "slides-mode" not in str(p)}
    stem = outline_path.stem
    assert {f"{stem}.pptx", f"{stem}-handout.pdf", f"{stem}-poster.pdf"} <= set(files)
    for name, texts in files.items():
        dates = _dates_beside(texts, title)
        assert dates and set(dates) == {expected}, (name, dates)
        whole = "\n".join(texts)
        assert day.isoformat() not in whole and "Oct 4, 1957" not in whole, name


def test_the_sheets_of_a_tiled_russian_poster_say_what_to_do_in_russian(tmp_path):
    files = _build(RUSSIAN, tmp_path, "poster", "outputs.poster.tile=A4")
    tiled = next(f for f in files if "tiled" in f.name)
    first = texts_of(tiled)[0]
    assert re.search(r"Лист A1: 1 из \d+ \(рядов: \d+, A–[A-Z]; столбцов: \d+\)", first), first
    assert "Cut" not in first and "Sheet" not in first


SHORT_RUSSIAN = """\
title: Полгода 1961 года
language: ru
sections:
  - {id: a, title: Весна и лето, points: [Полёты]}
timeline:
  events:
    - {date: 1961-04-12, title: «Восток-1»}
    - {date: 1961-05-05, title: «Фридом-7»}
    - {date: 1961-08-06, end: 1961-08-07, title: «Восток-2»}
"""


def test_a_short_russian_timeline_has_russian_months_on_its_axis(tmp_path):
    # Months and days on the axis, not years: their names are words too.
    outline = tmp_path / "short.yaml"
    outline.write_text(SHORT_RUSSIAN, encoding="utf-8")
    (poster,) = _build(outline, tmp_path / "out", "poster")
    text = "\n".join(texts_of(poster))
    assert "1 мая" in text or "апр." in text, text
    assert not re.search("[A-Za-z]", text.replace("\n", " ")), text
