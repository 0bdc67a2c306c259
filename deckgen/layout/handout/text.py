"""Set the handout's running text (pure): break prose into justified lines with
real font metrics and hyphenation, so the backend only draws the lines.

Greedy line filling (as word processors do), with two refinements that make
justified text read well: a word that does not fit is hyphenated (pyphen, by
the outline's language) when a piece of it fills the line, and a word longer
than a whole line (a URL) is broken between characters. The last line of a
paragraph is set ragged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from deckgen import fonts
from deckgen.layout.common.breaks import is_runt, url_breaks
from deckgen.layout.handout.style import TextStyle
from deckgen.outline.mathtex import SCRIPT_SIZE
from deckgen.outline.model import Run, Text

__all__ = ["SetLine", "SetParagraph", "set_paragraph", "widest_word"]

MIN_FILL = 0.94  # try hyphenating when a line would be less full than this
HYPHEN = "-"


@dataclass(frozen=True)
class SetLine:
    words: tuple[tuple[Run, ...], ...]  # each word as styled pieces; spaces between words
    width: float  # natural width (words + normal spaces)
    indent: float  # left indent of this line (first-line indent included)
    justify: bool  # stretch the spaces to the measure


@dataclass(frozen=True)
class SetParagraph:
    lines: tuple[SetLine, ...]
    style: TextStyle
    measure: float  # the full line length, points
    space: float  # natural width of one space
    bullet: str | None = None  # drawn in the hanging indent of the first line
    bullet_x: float = 0.0


@lru_cache(maxsize=64)
def _face(family: str, bold: bool, italic: bool):
    return fonts.family(family).face(bold=bold, italic=italic)


class _Hyphenator(Protocol):
    """What is used of a `pyphen.Pyphen`: the (head, tail) splits of a word."""

    def iterate(self, word: str) -> Iterator[tuple[str, str]]: ...


@lru_cache(maxsize=8)
def _hyphenator(language: str | None) -> _Hyphenator | None:
    if not language:
        return None
    try:
        import pyphen
    except ImportError:
        return None
    return pyphen.Pyphen(lang=language, left=2, right=3)


def _words(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """Split styled runs at spaces into words of styled pieces."""
    words: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.replace("\n", " ").split(" ")
        for i, part in enumerate(parts):
            if i:
                words.append([])
            if part:
                words[-1].append(replace(run, text=part))
    return [tuple(w) for w in words if w]


def _width(pieces, style: TextStyle) -> float:
    return sum(
        _face(style.font, style.bold or p.bold, style.italic or p.italic).width(
            p.text, style.size * SCRIPT_SIZE if p.rise else style.size
        )
        for p in pieces
    )


def _hyphenatable(word: tuple[Run, ...]) -> tuple[str, str, str] | None:
    """(leading punctuation, letters, trailing punctuation) of a plain word
    that may be hyphenated; None for links, numbers, URLs and short words."""
    if len(word) != 1 or word[0].link:
        return None
    text = word[0].text
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    letters = text[start:end]
    if len(letters) < 6 or not letters.isalpha():
        return None
    return text[:start], letters, text[end:]


def _ends_hyphen(line: SetLine) -> bool:
    return bool(line.words) and line.words[-1][-1].text.endswith(HYPHEN)


def _split_chars(piece: Run, style: TextStyle, room: float) -> int:
    """How many leading characters of `piece` fit in `room` (at least one)."""
    face = _face(style.font, style.bold or piece.bold, style.italic or piece.italic)
    used = 0.0
    for i, ch in enumerate(piece.text):
        used += face.width(ch, style.size)
        if used > room:
            return max(1, i)
    return len(piece.text)


def _hyphen_split(
    piece: Run, core: tuple[str, str, str], hyph: _Hyphenator, room: float, style: TextStyle
) -> tuple[Run, float, Run] | None:
    """The longest hyphenated head of the plain word `piece` (split as `core`)
    that fits in `room`, its width, and the rest; None when no head fits."""
    lead, letters, trail = core
    for head, tail in hyph.iterate(letters):
        head_run = Run(lead + head + HYPHEN, piece.bold, piece.italic)
        hw = _width((head_run,), style)
        if hw <= room + 0.01:
            return head_run, hw, Run(tail + trail, piece.bold, piece.italic)
    return None


def _url_cut(piece: Run, style: TextStyle, room: float) -> int | None:
    """The longest head of a URL-like `piece` ending at an allowed break
    (`breaks.url_breaks`) that fits in `room`; None when it has no break."""
    cuts = url_breaks(piece.text)
    if not cuts:
        return None
    fitting = [
        i for i in cuts if _width((Run(piece.text[:i], piece.bold, piece.italic),), style) <= room
    ]
    return fitting[-1] if fitting else cuts[0]


def _break_word(
    word: tuple[Run, ...], room: float, style: TextStyle
) -> tuple[list[Run], list[Run]]:
    """The pieces of `word` that fill `room` and the pieces left over: a URL
    at its allowed breaks only, anything else between characters (at least
    one character)."""
    head_pieces: list[Run] = []
    used = 0.0
    rest = list(word)
    while rest:
        piece = rest[0]
        pw = _width((piece,), style)
        if used + pw <= room:
            head_pieces.append(piece)
            used += pw
            rest.pop(0)
            continue
        n = _url_cut(piece, style, room - used)
        if n is None:
            n = _split_chars(piece, style, room - used)
        head_pieces.append(replace(piece, text=piece.text[:n]))
        rest[0] = replace(piece, text=piece.text[n:])
        break
    return head_pieces, rest


# Measures tried, as fractions of the full one, until the last line is no
# runt: each step down sends a word or two on to the last line; the lines are
# still justified to the full measure (a few percent wider spaces).
RUNT_FILLS = (1.0, 0.985, 0.97, 0.955, 0.94, 0.925, 0.91)
# Ragged text (narrow table cells) stretches no spaces: it may go further
# ('launched to the / ISS.' -> 'launched / to the ISS.').
RAGGED_FILLS = (0.88, 0.85, 0.82, 0.79, 0.76)


def set_paragraph(
    text: Text | tuple[Run, ...],
    style: TextStyle,
    measure: float,
    language: str | None = None,
    first_indent: float = 0.0,
    bullet: str | None = None,
) -> SetParagraph:
    """`text` broken into lines of `measure` points: see the module docstring.
    A paragraph whose last line would be a runt (`breaks.is_runt`) is broken
    again on a slightly shorter measure; the first try without one wins."""
    runs = text.runs if isinstance(text, Text) else tuple(text)
    lines = _set_lines(runs, style, measure, language, first_indent, 1.0)
    fills = RUNT_FILLS[1:] + (RAGGED_FILLS if style.align != "justify" else ())
    for fill in fills if _has_runt(lines) else ():
        again = _set_lines(runs, style, measure, language, first_indent, fill)
        if not _has_runt(again):
            lines = again
            break
    space = _face(style.font, style.bold, style.italic).width(" ", style.size)
    # the bullet hangs left of the text, in the indent
    bullet_x = max(style.left_indent - style.size * 1.1, 0.0)
    return SetParagraph(tuple(lines), style, measure, space, bullet, bullet_x)


def _has_runt(lines: list[SetLine]) -> bool:
    if len(lines) < 2:
        return False
    last = ["".join(p.text for p in word) for word in lines[-1].words]
    return is_runt(last, _ends_hyphen(lines[-2]))


def _set_lines(  # noqa: C901 - the greedy line filler, one loop over the words
    runs: tuple[Run, ...],
    style: TextStyle,
    measure: float,
    language: str | None,
    first_indent: float,
    fill: float,
) -> list[SetLine]:
    space = _face(style.font, style.bold, style.italic).width(" ", style.size)
    hyph = _hyphenator(language) if style.hyphenate else None
    pending = _words(runs)
    pending.reverse()  # a stack: pop() takes the next word
    lines: list[SetLine] = []
    current: list[tuple[Run, ...]] = []
    width = 0.0

    def avail() -> float:
        full = measure - style.left_indent - style.right_indent
        return full * fill - (first_indent if not lines else 0.0)

    def flush(justify: bool) -> None:
        nonlocal current, width
        indent = style.left_indent + (first_indent if not lines else 0.0)
        justify = justify and style.align == "justify" and len(current) > 1
        lines.append(SetLine(tuple(current), width, indent, justify))
        current, width = [], 0.0

    while pending:
        word = pending.pop()
        w = _width(word, style)
        gap = space if current else 0.0
        if width + gap + w <= avail() + 0.01:
            current.append(word)
            width += gap + w
            continue
        room = avail() - width - gap
        # hyphenate a plain word when the line would otherwise be loose
        core = _hyphenatable(word) if hyph is not None else None
        # typographers' rule: never more than two hyphenated lines in a row
        ladder = len(lines) >= 2 and all(_ends_hyphen(ln) for ln in lines[-2:])
        loose = not current or width + gap < avail() * MIN_FILL
        # never the paragraph's last word: its tail alone would end it
        split = (
            _hyphen_split(word[0], core, hyph, room, style)
            if hyph is not None and core is not None and not ladder and loose and pending
            else None
        )
        if split is not None:
            head_run, hw, tail_run = split
            current.append((head_run,))
            width += gap + hw
            pending.append((tail_run,))
            flush(True)
            continue
        if w > avail():
            # longer than a whole line (a URL): fill this line with its head
            if room < space * 4:
                flush(True)
                gap, room = 0.0, avail()
            head_pieces, rest = _break_word(word, room, style)
            current.append(tuple(head_pieces))
            width += gap + _width(head_pieces, style)
            if rest:
                pending.append(tuple(rest))
            flush(bool(rest) and len(current) > 1)
            continue
        pending.append(word)
        flush(True)
    if current:
        flush(False)
    return lines


def widest_word(runs: tuple[Run, ...], style: TextStyle) -> float:
    """The width of the widest word of `runs` in `style` (points)."""
    return max((_width(word, style) for word in _words(runs)), default=0.0)
