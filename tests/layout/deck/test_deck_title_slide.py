import pytest

from deckgen.errors import RenderError
from deckgen.layout.deck.layout import layout_deck
from deckgen.outline import load
from deckgen.theme import resolve


def test_an_author_line_too_long_for_the_title_slide_names_the_author(tmp_path):
    author = " ".join(["Professorin-Doktorin-Hildegard-Wunderlich-Sonnenschein"] * 12)
    path = tmp_path / "talk.yaml"
    path.write_text(
        f"title: Short\nauthor: {author}\nsections:\n  - {{title: One, points: [a]}}\n",
        encoding="utf-8",
    )
    outline = load(path)
    with pytest.raises(RenderError) as info:
        layout_deck(outline, resolve(outline))
    message = str(info.value)
    assert ":2:9: error: author:" in message
