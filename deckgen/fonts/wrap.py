"""Line breaking the way PowerPoint does it, with real advance widths.

PowerPoint fills a line greedily and breaks

- after spaces (the spaces hang at the end of the line and do not count
  towards its width),
- after a hyphen between letters ('well-known'; not in '1957-10-04' or
  '-5', following UAX #14), after an en or em dash, after U+2010 HYPHEN and
  after a zero-width space,
- at a line break character ('\\n'), which is not kept in the line,
- and inside a word that is wider than the whole line, between characters
  (as many as fit; at least one, so every call makes progress).

Where PowerPoint could break somewhere we do not, it fits at least as much
on each line as we predict, so a layout that fits here fits there. Line
heights are not a font property here: layouts set an explicit line spacing
in points (`line_height`), written as such to the .pptx (`a:spcPts`) and the
PDFs (leading), so that what is measured is what is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from deckgen.fonts.family import Family
from deckgen.fonts.family import family as _family
from deckgen.outline.model import Run, Text

__all__ = ["Line", "line_height", "text_width", "wrap"]

# Allow for rounding in the consumer's own measuring (EMU, pixels).
_EPSILON = 1e-6

_DASHES = frozenset("\u2010\u2013\u2014")
_BREAK_AFTER_ALWAYS = frozenset(" \u200b") | _DASHES


@dataclass(frozen=True)
class Line:
    """One line of a wrapped paragraph.

    `runs` are the pieces of the input runs on this line, styles and links
    kept, spaces at a break included (so all lines together give back the
    text, less any '\\n'); `width` is in points and excludes those trailing
    spaces.
    """

    runs: tuple[Run, ...]
    width: float

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


RunsLike = Text | str | Sequence[Run]


def _as_runs(runs: RunsLike) -> tuple[Run, ...]:
    if isinstance(runs, Text):
        return runs.runs
    if isinstance(runs, str):
        return (Run(runs),)
    return tuple(runs)


def _as_family(family: Family | str) -> Family:
    return _family(family) if isinstance(family, str) else family


def line_height(family: Family | str, size: float, spacing: float = 1.2) -> float:
    """Baseline-to-baseline distance in points for text at `size`.

    `spacing` is a multiple of the font size (1.2 is a comfortable body
    leading). Rounded to 1/100 pt, the unit of PowerPoint's `a:spcPts`, so
    the .pptx can state exactly the value the layout used. `family` is
    accepted for when a family's own line gap should matter; today the
    spacing is the same for every family so that themes can mix them.
    """
    _as_family(family)
    return round(size * spacing, 2)


def text_width(runs: RunsLike, family: Family | str, size: float) -> float:
    """Width in points of `runs` on one line, each run in its own face."""
    fam = _as_family(family)
    total = 0.0
    for run in _as_runs(runs):
        total += fam.face(run.bold, run.italic).width(run.text, size)
    return total


@dataclass(frozen=True)
class _Prepared:
    runs: tuple[Run, ...]
    run_starts: tuple[int, ...]  # offset of each run in `text`
    text: str
    cum: tuple[float, ...]  # cum[i]: width per 1 pt of text[:i]
    # Segments between break opportunities: (start, content_end, end,
    # forced_break_after). text[content_end:end] are the hanging spaces.
    segments: tuple[tuple[int, int, int, bool], ...]


@lru_cache(maxsize=8192)
def _prepare(runs: tuple[Run, ...], fam: Family) -> _Prepared:
    # The expensive part (per character work) does not depend on the size,
    # and a layout shrinking text tries the same paragraph at several sizes.
    runs = tuple(r for r in runs if r.text)
    text = "".join(r.text for r in runs)
    advances: list[float] = []
    starts = []
    offset = 0
    for run in runs:
        starts.append(offset)
        offset += len(run.text)
        adv = fam.face(run.bold, run.italic)._adv  # noqa: SLF001 - hot path
        advances.extend(map(adv.__getitem__, run.text))
    cum = (0.0, *accumulate(advances))
    return _Prepared(runs, tuple(starts), text, cum, tuple(_segments(text)))


def _is_word_char(ch: str) -> bool:
    return ch.isalpha()


def _segments(text: str):
    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            yield (start, i, i + 1, True)
            start = i = i + 1
            continue
        breaks = False
        if ch in _BREAK_AFTER_ALWAYS:
            breaks = True
        elif ch == "-":
            # UAX #14: no break after a hyphen before a digit, and a hyphen
            # that does not follow a letter is a sign or a dash-like mark.
            breaks = (
                i > 0 and i + 1 < n and _is_word_char(text[i - 1]) and _is_word_char(text[i + 1])
            )
        if not breaks:
            i += 1
            continue
        content_end = i if ch == " " else i + 1
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        if j >= n:
            break
        yield (start, content_end, j, False)
        start = i = j
    if start < n or not text:
        end = n
        content_end = n
        while content_end > start and text[content_end - 1] == " ":
            content_end -= 1
        yield (start, content_end, end, False)


def wrap(runs: RunsLike, family: Family | str, size: float, max_width: float) -> list[Line]:
    """Break one paragraph into lines no wider than `max_width` points.

    An empty paragraph gives one empty line (it still takes a line's height
    in PowerPoint). Every line's width is <= max_width, except that a single
    character wider than the whole line gets a line of its own.
    """
    fam = _as_family(family)
    prep = _prepare(_as_runs(runs), fam)
    cum = prep.cum
    limit = max_width / size + _EPSILON if size > 0 else float("inf")

    # Lines as (start, visible_end, end) character ranges.
    ranges: list[tuple[int, int, int]] = []
    line_start = -1  # -1: the current line is empty
    visible_end = 0
    forced = False
    for start, content_end, end, forced in prep.segments:
        if line_start >= 0 and cum[content_end] - cum[line_start] > limit:
            ranges.append((line_start, visible_end, start))
            line_start = -1
        if line_start < 0:
            line_start = start
            # A word wider than the line: break it between characters.
            while cum[content_end] - cum[line_start] > limit:
                cut = _fit(cum, line_start, content_end, limit)
                if cut >= content_end:
                    break  # one character wider than the line: it stays alone
                ranges.append((line_start, cut, cut))
                line_start = cut
        visible_end = content_end
        if forced:
            ranges.append((line_start, visible_end, end))
            line_start = -1
            visible_end = end
    n = len(prep.text)
    if line_start >= 0:
        ranges.append((line_start, visible_end, n))
    elif forced or not ranges:
        ranges.append((n, n, n))  # after a final line break, or nothing at all

    return [Line(_slice(prep, a, b), (cum[v] - cum[a]) * size) for a, v, b in ranges]


def _fit(cum: tuple[float, ...], start: int, end: int, limit: float) -> int:
    """Largest cut in (start, end) with text[start:cut] within limit; >= start+1."""
    base = cum[start]
    lo, hi = start + 1, end
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if cum[mid] - base <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _slice(prep: _Prepared, a: int, b: int) -> tuple[Run, ...]:
    out = []
    for run, rs in zip(prep.runs, prep.run_starts, strict=True):
        re_ = rs + len(run.text)
        if re_ <= a or rs >= b:
            continue
        piece = run.text[max(a, rs) - rs : min(b, re_) - rs].replace("\n", "")
        if piece:
            out.append(run if piece == run.text else replace(run, text=piece))
    return tuple(out)
