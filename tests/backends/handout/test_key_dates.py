"""The article handout draws the key dates' strip and legend above the table,
and each row's marker, in the look's group colours (from the PDF itself)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import deckgen.outline
import deckgen.theme
from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    outline = deckgen.outline.load(REPO / "content" / "space_race.yaml")
    theme = deckgen.theme.resolve(outline)
    backend = HandoutBackend()
    job = Job(outline, theme, {})
    (out,) = backend.render(backend.layout(job), job)
    path = tmp_path_factory.mktemp("handout") / out.name
    path.write_bytes(out.data)
    return PdfReader(path), job.talk


def key_dates_page(reader: PdfReader):
    for page in reader.pages:
        text = page.extract_text()
        title = "From Sputnik to the ISS: key dates"
        if title in text and "DATE" in text:
            # only what follows the title: the page may open with a section's end
            return page, text[text.index(title) :]
    raise AssertionError("no key dates page")


def test_strip_and_legend_come_before_the_table(handout):
    reader, _ = handout
    _, text = key_dates_page(reader)
    legend = text.index("USA")
    assert legend < text.index("USSR / Russia") < text.index("International")
    years = [text.index(y) for y in ("1960", "1970", "1980", "1990", "2000", "2010", "2020")]
    assert years == sorted(years) and legend < years[0]
    assert years[-1] < text.index("DATE")
    for era in ("Space Race", "ISS era"):
        assert text.index(era) < text.index("DATE")


def test_group_colours_fill_the_markers(handout):
    reader, talk = handout
    page, _ = key_dates_page(reader)
    data = page.get_contents().get_data()
    fills = {
        tuple(round(float(v) * 255) for v in m.groups())
        for m in re.finditer(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", data)
    }
    for st in talk.look.legend:
        want = tuple(int(st.color[i : i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(f, want, strict=True)) <= 1 for f in fills)
