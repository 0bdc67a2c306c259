"""Text for the poster: measured, wrapped and cut with the real font metrics,
plus the few colour helpers the poster layout shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote

from deckgen import fonts
from deckgen.fonts.wrap import line_height, text_width, wrap
from deckgen.layout.common.breaks import url_breaks
from deckgen.layout.common.primitives import Box, TextLine
from deckgen.layout.poster.model import Align, TextBlock
from deckgen.outline.model import Run, Text

__all__ = [
    "Typesetter",
    "bold",
    "strip_end",
]


class Typesetter:
    """Wraps and places text with one theme's families."""

    def __init__(self, heading: str, body: str) -> None:
        self.heading = heading
        self.body = body
        self._fams = {heading: fonts.family(heading), body: fonts.family(body)}

    def ascent(self, font: str, size: float, bold: bool = False, italic: bool = False) -> float:
        return self._fams[font].face(bold, italic).ascent * size

    def width(self, runs, font: str, size: float) -> float:
        return text_width(runs, self._fams[font], size)

    def covers(self, font: str, ch: str) -> bool:
        return self._fams[font].face().covers(ch)

    def lines(
        self,
        runs: Sequence[Run],
        font: str,
        size: float,
        max_width: float,
        max_lines: int | None = None,
    ) -> tuple[list[TextLine], bool]:
        """Wrapped lines, cut to `max_lines` with an ellipsis; and whether it was cut."""
        fam = self._fams[font]
        got = wrap(tuple(runs), fam, size, max_width)
        # zero-width spaces mark where a URL may break (`url_text`); not drawn
        out = [TextLine(_drawn(ln.runs), ln.width) for ln in got]
        if max_lines is None or len(out) <= max_lines:
            return out, False
        kept = out[:max_lines]
        last = list(kept[-1].runs)
        ell = "…" if fam.face().covers("…") else "..."
        while True:
            trial = strip_end(last) + [Run(ell, *_style(last))]
            w = text_width(tuple(trial), fam, size)
            if w <= max_width or not any(r.text for r in last):
                kept[-1] = TextLine(tuple(trial), w)
                return kept, True
            last = _drop_last_word(last)

    def block(
        self,
        runs: Sequence[Run],
        font: str,
        size: float,
        x: float,
        y: float,
        max_width: float,
        color: str,
        *,
        spacing: float = 1.2,
        max_lines: int | None = None,
        bold: bool = False,
        italic: bool = False,
        align: Align = "left",
        role: str = "text",
        box_width: float | None = None,
    ) -> tuple[TextBlock, bool]:
        if bold or italic:
            runs = tuple(Run(r.text, r.bold or bold, r.italic or italic, r.link) for r in runs)
        lines, cut = self.lines(runs, font, size, max_width, max_lines)
        lh = line_height(self._fams[font], size, spacing)
        asc = self.ascent(font, size, bold)
        desc = self._fams[font].face(bold, italic).descent * size
        # The box holds every glyph: first ascent to the last descent.
        h = asc + lh * (len(lines) - 1) + desc
        w = box_width if box_width is not None else max((ln.width for ln in lines), default=0.0)
        bx = x
        if box_width is None and align == "center":
            bx = x + (max_width - w) / 2
        elif box_width is None and align == "right":
            bx = x + max_width - w
        tb = TextBlock(
            Box(bx, y, w, h), tuple(lines), font, size, lh, asc, color, False, False, align, role
        )
        return tb, cut


ZWSP = "\u200b"


def _drawn(runs: Sequence[Run]) -> tuple[Run, ...]:
    return tuple(
        Run(r.text.replace(ZWSP, ""), r.bold, r.italic, r.link) if ZWSP in r.text else r
        for r in runs
    )


def url_text(url: str) -> str:
    """A URL as printed on the poster: decoded ('Apollo–Soyuz', not
    'Apollo%E2%80%93Soyuz'), without the scheme and 'www.', with a
    zero-width space wherever a line may break (after / . - or before ? #,
    as the handout breaks them), so a long one never splits inside a word."""
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    url = unquote(url.removeprefix("www.").rstrip("/"))
    cuts = set(url_breaks(url))
    return "".join((ZWSP + ch if i in cuts else ch) for i, ch in enumerate(url))


def _style(runs: list[Run]) -> tuple[bool, bool]:
    for r in reversed(runs):
        if r.text:
            return r.bold, r.italic
    return False, False


def strip_end(runs: list[Run]) -> list[Run]:
    out = list(runs)
    while out and not out[-1].text.rstrip():
        out.pop()
    if out:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return out


def _drop_last_word(runs: list[Run]) -> list[Run]:
    """The runs less their last word (or last character, in a line of one word)."""
    out = strip_end(runs)
    if " " not in "".join(r.text for r in out):
        return _drop_last_char(out)
    while out:
        last = out[-1]
        cut = last.text.rfind(" ")
        if cut >= 0:
            out[-1] = replace(last, text=last.text[:cut])
            return strip_end(out)
        out.pop()
    return out


def _drop_last_char(runs: list[Run]) -> list[Run]:
    out = strip_end(runs)
    if not out:
        return out
    last = out[-1]
    out[-1] = replace(last, text=last.text[:-1])
    if not out[-1].text:
        out.pop()
    return out


def bold(text: Text | str) -> tuple[Run, ...]:
    runs = text.runs if isinstance(text, Text) else (Run(text),)
    return tuple(replace(r, bold=True) for r in runs)
