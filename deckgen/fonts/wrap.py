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

Widths are unkerned advances (`deckgen.fonts.face`), which is how the PDFs
draw. A .pptx is set by someone else's renderer, which may kern and rounds
to its own units, so a line it sets can be a little narrower or wider than
ours: given `renderers` (how far, measured), a break that such a renderer
could decide otherwise is made unambiguous. A line fits only when it fits
even as the widest renderer sets it, and where the next word would overflow
only as we measure it but might fit as a kerning renderer sets it, the line
is marked `hard`: the .pptx writes an explicit break there, so no renderer
can join the two. Elsewhere the .pptx keeps PowerPoint's own wrapping (text
a lecturer edits later still reflows). A word cut between characters, or at
`word_breaks` (a web address at its seams), is always `hard`. Line
heights are not a font property here: layouts set an explicit line spacing
in points (`line_height`), written as such to the .pptx (`a:spcPts`) and the
PDFs (leading), so that what is measured is what is drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from deckgen.fonts.face import Face
from deckgen.fonts.family import Family
from deckgen.fonts.family import family as _family
from deckgen.outline.model import Run, Text

__all__ = ["Line", "Renderers", "line_height", "text_width", "wrap"]

# Allow for rounding in the consumer's own measuring (EMU, pixels).
_EPSILON = 1e-6


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
    # the break after this line must be explicit in a .pptx (see the module doc)
    hard: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Renderers:
    """How far the renderers of a .pptx may set a line from our width, as
    fractions of it: `narrower` than its kerned width, `wider` than its
    unkerned width (their rounding; see `deckgen.layout.common.text`)."""

    narrower: float
    wider: float


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
    faces: tuple[Face, ...]  # each run's face
    text: str
    visible: int  # len(text) without its trailing spaces
    cum: tuple[float, ...]  # cum[i]: width per 1 pt of text[:i]
    # Break opportunities in text order, as parallel tuples: a line may end
    # with text[:content_end] visible and the next start at `end` (spaces in
    # between hang). `forced_at`: indices of the line break characters.
    content_ends: tuple[int, ...]
    ends: tuple[int, ...]
    forced_at: tuple[int, ...]
    # content ends that are seams of a word wider than a line (`word_breaks`)
    seams: frozenset[int] = frozenset()


# A break opportunity, with the spaces that hang after it: a line break
# (forced); a run of spaces; a dash, U+2010 or a zero-width space; a hyphen
# before a letter (and, checked below, after one: UAX #14 keeps '1957-10-04'
# and '-5' whole). Each alternative starts with a plain character class,
# which keeps the scan fast.
_BREAK = re.compile("\n| +|[\u2010\u2013\u2014\u200b] *|-(?=[^\\W\\d_])")
# The same as a .pptx renderer finds them (`renderers` given): no break after
# a dash before a quotation mark (UAX #14 LB19: '«Союз»–«Аполлон»' stays
# whole, as LibreOffice keeps it) or before a no-break space or word joiner
# (LibreOffice keeps '1994\u00a0–\u00a012' whole too).
_NO_BREAK_AFTER_DASH = "\u00ab\u00bb\u2018-\u201f\u2039\u203a\"'\u00a0\u202f\u2060"
_BREAK_OFFICE = re.compile(
    f"\n| +|\u200b *|[\u2010\u2013\u2014](?![{_NO_BREAK_AFTER_DASH}]) *|-(?=[^\\W\\d_])"
)


@lru_cache(maxsize=2048)
def _prepare(runs: tuple[Run, ...], fam: Family, office: bool = False) -> _Prepared:
    # The per-character work does not depend on the size, and a layout
    # shrinking text tries the same paragraph at several sizes, one after
    # another (so a small cache suffices; each entry holds a float per char).
    runs = tuple(r for r in runs if r.text)
    text = "".join(r.text for r in runs)
    n = len(text)
    advances: list[float] = []
    starts = []
    faces = []
    offset = 0
    for run in runs:
        starts.append(offset)
        offset += len(run.text)
        face = fam.face(run.bold, run.italic)
        faces.append(face)
        advances.extend(map(face._adv.__getitem__, run.text))  # noqa: SLF001 - hot path
    content_ends: list[int] = []
    ends: list[int] = []
    forced_at: list[int] = []
    for m in (_BREAK_OFFICE if office else _BREAK).finditer(text):
        at, end = m.span()
        ch = text[at]
        if ch == "\n":
            forced_at.append(len(ends))
        elif (ch == "-" and not (at > 0 and text[at - 1].isalpha())) or end >= n:
            continue  # not after a letter; or spaces ending the text (they hang)
        content_ends.append(
            _content_end(runs, starts, text, at, end) if office else _plain_end(text, at)
        )
        ends.append(end)
    return _Prepared(
        runs,
        tuple(starts),
        tuple(faces),
        text,
        len(text.rstrip(" ")),
        (0.0, *accumulate(advances)),
        tuple(content_ends),
        tuple(ends),
        tuple(forced_at),
    )


def _plain_end(text: str, at: int) -> int:
    return at if text[at] in " \n" else at + 1


def _content_end(runs: tuple[Run, ...], starts: list[int], text: str, at: int, end: int) -> int:
    """Where the visible part of a line broken at `at` ends, for a .pptx
    renderer: spaces hang, except those inside a linked run (LibreOffice sets
    a link as one field and counts all of it in the line's width)."""
    if text[at] != " ":
        return _plain_end(text, at)
    k = bisect_right(starts, at) - 1
    return min(end, starts[k] + len(runs[k].text)) if runs[k].link else at


def wrap(
    runs: RunsLike,
    family: Family | str,
    size: float,
    max_width: float,
    *,
    renderers: Renderers | None = None,
    word_breaks: Callable[[str], Sequence[int]] | None = None,
) -> list[Line]:
    """Break one paragraph into lines no wider than `max_width` points.

    An empty paragraph gives one empty line (it still takes a line's height
    in PowerPoint). Every line's width is <= max_width, except that a single
    character wider than the whole line gets a line of its own. With
    `renderers`, a line must fit as the widest of them sets it, and a break
    that one of them could skip is `hard` (see the module doc). A word wider
    than the line is cut at the last of its `word_breaks` (offsets into the
    word) that fits, else between characters.
    """
    fam = _as_family(family)
    prep = _prepare(_as_runs(runs), fam, renderers is not None)
    room = max_width / (1 + renderers.wider) if renderers else max_width
    limit = room / size + _EPSILON if size > 0 else float("inf")
    if word_breaks is not None:
        prep = _with_seams(prep, limit, word_breaks)
    ranges = _fill(prep, limit)
    lines = []
    for k, (a, v, b, cut) in enumerate(ranges):
        hard = cut or (
            renderers is not None
            and k + 1 < len(ranges)
            and _joinable(prep, a, v, size, max_width * (1 + _EPSILON), renderers)
        )
        # a linked run's space at the end counts for a renderer, but is not shown
        shown = a + len(prep.text[a:v].rstrip(" ")) if renderers is not None else v
        lines.append(Line(_slice(prep, a, b), (prep.cum[shown] - prep.cum[a]) * size, hard))
    return lines


def _joinable(
    prep: _Prepared, start: int, visible_end: int, size: float, max_width: float, r: Renderers
) -> bool:
    """Whether a renderer might set the line from `start` on with its next word
    too: it fits as the narrowest renderer sets it (kerned, less `narrower`)."""
    if prep.text[visible_end : visible_end + 1] == "\n":
        return False  # a line break character: no renderer joins across it
    i = bisect_right(prep.content_ends, visible_end)
    end = prep.content_ends[i] if i < len(prep.content_ends) else prep.visible
    end = start + len(prep.text[start:end].rstrip(" "))  # as a renderer that hangs all spaces
    width = (prep.cum[end] - prep.cum[start] + _kerning(prep, start, end)) * size
    return width * (1 - r.narrower) <= max_width


def _kerning(prep: _Prepared, a: int, b: int) -> float:
    """The pair kerning of text[a:b] per 1 pt, between characters of one face."""
    total = 0.0
    text = prep.text
    k = bisect_right(prep.run_starts, a) - 1
    for i in range(a, b - 1):
        while k + 1 < len(prep.run_starts) and prep.run_starts[k + 1] <= i:
            k += 1
        face = prep.faces[k]
        nxt = k + 1 < len(prep.run_starts) and prep.run_starts[k + 1] <= i + 1
        if not nxt or prep.faces[k + 1] is face:
            total += face.kerning(text[i : i + 2])
    return total


def _fill(prep: _Prepared, limit: float) -> list[tuple[int, int, int, bool]]:
    """Greedy filling, by bisection rather than word by word: find the
    furthest character that fits, then the last break opportunity before
    it. Lines are (start, visible_end, end, a word was cut) character ranges."""
    cum, content_ends, ends, forced_at = prep.cum, prep.content_ends, prep.ends, prep.forced_at
    n, count = len(prep.text), len(prep.ends)
    ranges: list[tuple[int, int, int, bool]] = []
    start = 0
    first = 0  # the first break opportunity ending after `start`
    while True:
        first = bisect_right(ends, start, first)
        fit = bisect_right(cum, cum[start] + limit, start) - 1
        f = bisect_left(forced_at, first)
        nxt = forced_at[f] if f < len(forced_at) else count
        if nxt < count and content_ends[nxt] <= fit:
            j = nxt  # a line break character, and the text before it fits
        elif nxt == count and max(prep.visible, start) <= fit:
            ranges.append((start, max(prep.visible, start), n, False))  # the rest fits
            break
        else:
            j = bisect_right(content_ends, fit, first, nxt) - 1
            if j < first:
                # A word wider than the line: break it between characters,
                # as many as fit and at least one.
                cut = max(fit, start + 1)
                j = bisect_left(content_ends, cut, first)
                if cut >= prep.visible:  # only hanging spaces are left
                    ranges.append((start, cut, n, True))
                    break
                if j >= count or content_ends[j] != cut:
                    ranges.append((start, cut, cut, True))
                    start = cut
                    if start >= n:
                        break
                    continue
        ranges.append((start, content_ends[j], ends[j], content_ends[j] in prep.seams))
        start = ends[j]
        if start >= n:
            ranges.append((n, n, n, False))  # a final line break starts an empty line
            break
    return ranges


def _with_seams(
    prep: _Prepared, limit: float, word_breaks: Callable[[str], Sequence[int]]
) -> _Prepared:
    """`prep` with a break opportunity at each of `word_breaks` of every word
    wider than a whole line (`limit`), remembered as a seam (a break there is
    explicit: no renderer would break there on its own)."""
    bounds = [0, *prep.ends]
    cuts: list[int] = []
    for a, stop in zip(bounds, [*prep.content_ends, prep.visible], strict=True):
        if stop > a and prep.cum[stop] - prep.cum[a] > limit:
            cuts += [a + i for i in word_breaks(prep.text[a:stop]) if 0 < i < stop - a]
    if not cuts:
        return prep
    forced = {prep.content_ends[i] for i in prep.forced_at}
    merged = sorted([*zip(prep.content_ends, prep.ends, strict=True), *((c, c) for c in cuts)])
    return replace(
        prep,
        content_ends=tuple(c for c, _ in merged),
        ends=tuple(e for _, e in merged),
        forced_at=tuple(i for i, (c, e) in enumerate(merged) if c in forced and e > c),
        seams=frozenset(cuts),
    )


# Run has exactly these fields today; if it grows, fall back to replace().
_PLAIN_RUN = tuple(Run.__dataclass_fields__) == ("text", "bold", "italic", "link")


def _with_text(run: Run, text: str) -> Run:
    if _PLAIN_RUN and type(run) is Run:
        return Run(text, run.bold, run.italic, run.link)
    return replace(run, text=text)


def _slice(prep: _Prepared, a: int, b: int) -> tuple[Run, ...]:
    if len(prep.runs) == 1:  # the common case: one unstyled run
        run = prep.runs[0]
        piece = run.text[a:b].replace("\n", "")
        if not piece:
            return ()
        return (run if piece == run.text else _with_text(run, piece),)
    out = []
    for run, rs in zip(prep.runs, prep.run_starts, strict=True):
        re_ = rs + len(run.text)
        if re_ <= a or rs >= b:
            continue
        piece = run.text[max(a, rs) - rs : min(b, re_) - rs].replace("\n", "")
        if piece:
            out.append(run if piece == run.text else _with_text(run, piece))
    return tuple(out)
