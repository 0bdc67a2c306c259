"""Inline markup, parsed once into styled `Run`s that every output draws alike.

The markup is a small, predictable subset of Markdown:

* `**bold**`, `*italic*`, and nesting: `***both***`, `**bold *and italic***`;
* `[label](https://url)`, where the label may be bold or italic and the URL
  must be `http:`, `https:` or `mailto:`;
* `$...$` is inline LaTeX math (Pandoc's rule: the opening `$` is followed
  by a non-space, the closing one preceded by a non-space and not followed
  by a digit), kept as a run whose `math` is the source;
* `\\` escapes `*`, `[`, `$` and `\\`;
* anything else is literal text: an unmatched `*` stays a star, a `[` that
  does not start a link stays a bracket, `5 * 3` is arithmetic.

Emphasis follows CommonMark's delimiter rules in simplified form: a run of
stars may open when the next character is not a space and may close when
the previous one is not; a closer pairs with the nearest opener, taking two
stars (bold) when both sides have two, else one (italic). The whole parse
is linear in the length of the text.

Long text fields (summary, notes) are split into paragraphs at blank lines
by `paragraphs`; a single line break inside a paragraph is a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deckgen.errors import Diagnostic, Location, OutlineError
from deckgen.outline import mathtex
from deckgen.outline.model import Run, Text

__all__ = ["check_url", "paragraphs", "parse_inline", "parse_text", "single_line"]

_ESCAPABLE = "*[\\$"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"[ \t]*(?:\n[ \t]*)+")
_SPECIAL = re.compile(r"[*\[\\$]")
_PAREN = re.compile(r"[()]")
_SPACE = re.compile(r"\s")


def check_url(url: str, schemes: tuple[str, ...] = ("http", "https", "mailto")) -> str | None:
    """None when `url` is an acceptable link; else what is wrong with it."""
    allowed = ", ".join(f"{s}:" for s in schemes)
    m = _SCHEME.match(url)
    if not m:
        return f"link {url!r} needs a scheme ({allowed})"
    scheme = m.group(1).lower()
    if scheme not in schemes:
        return f"link {url!r}: only {allowed} links are allowed"
    rest = url[m.end() :]
    if scheme in ("http", "https") and not re.match(r"//[^/\s?#]+", rest):
        return f"link {url!r} has no host"
    if scheme == "mailto" and not rest:
        return f"link {url!r} has no address"
    if any(c.isspace() for c in url):
        return f"link {url!r} contains a space"
    return None


@dataclass
class _Delim:
    """A run of stars; `count` stars are still unused."""

    count: int
    can_open: bool
    can_close: bool
    opens: list[int] = field(default_factory=list)  # 1 = italic, 2 = bold, innermost first
    closes: list[int] = field(default_factory=list)


@dataclass
class _Math:
    latex: str


def _find_math(s: str, i: int, stop: int) -> int | None:
    """For `$` at i: the index of the closing `$` by Pandoc's rule, or None."""
    if i + 1 >= stop or s[i + 1].isspace() or s[i + 1] == "$":
        return None
    j = i + 1
    while j < stop:
        if s[j] == "\\":
            j += 2
            continue
        closes = not s[j - 1].isspace() and not (j + 1 < stop and s[j + 1].isdigit())
        if s[j] == "$" and closes:
            return j
        j += 1
    return None


@dataclass
class _Link:
    url: str
    label: list[object]


def _star_run(s: str, i: int, start: int, stop: int) -> tuple[_Delim, int]:
    """The run of `*` at s[i] (which sides it can open or close on, from the
    characters around it within s[start:stop]) and the index after it."""
    j = i
    while j < stop and s[j] == "*":
        j += 1
    before = s[i - 1] if i > start else " "
    after = s[j] if j < stop else " "
    return _Delim(j - i, not after.isspace(), not before.isspace()), j


def _tokens(  # noqa: C901 - one branch per markup character, kept together to read
    s: str, start: int, stop: int, problems: list[str], parens: _Parens
) -> list[object]:
    """Text pieces (`str`), star runs (`_Delim`) and links (`_Link`) of s[start:stop]."""
    items: list[object] = []
    buf: list[str] = []
    i = start
    while i < stop:
        c = s[i]
        if c == "\\" and i + 1 < stop and s[i + 1] in _ESCAPABLE:
            buf.append(s[i + 1])
            i += 2
        elif c == "*":
            if buf:
                items.append("".join(buf))
                buf = []
            delim, i = _star_run(s, i, start, stop)
            items.append(delim)
        elif c == "$" and (close := _find_math(s, i, stop)) is not None:
            if buf:
                items.append("".join(buf))
                buf = []
            latex = s[i + 1 : close]
            problem = mathtex.check(latex)
            if problem:
                problems.append(problem)
                buf.append(s[i : close + 1])
            else:
                items.append(_Math(latex))
            i = close + 1
        elif c == "[":
            link = _find_link(s, i, stop, parens)
            if link is None:
                buf.append(c)
                i += 1
                continue
            label_end, url, end = link
            if buf:
                items.append("".join(buf))
                buf = []
            problem = check_url(url)
            if problem:
                problems.append(problem)
            label: list[object] = (
                _tokens(s, i + 1, label_end, problems, parens) if label_end > i + 1 else [url]
            )
            items.append(_Link(url, label))
            i = end
        else:  # plain text up to the next character that may mean markup
            m = _SPECIAL.search(s, i + 1, stop)
            j = m.start() if m else stop
            buf.append(s[i:j])
            i = j
    if buf:
        items.append("".join(buf))
    return items


class _Parens:
    """For each `(` of a text, its matching `)`.

    Computed once per text, so that finding every link stays linear even in
    text full of unclosed brackets.
    """

    def __init__(self, s: str) -> None:
        self.match: dict[int, int] = {}
        stack: list[int] = []
        for m in _PAREN.finditer(s):
            if m.group() == "(":
                stack.append(m.start())
            elif stack:
                self.match[stack.pop()] = m.start()


def _find_link(s: str, i: int, stop: int, parens: _Parens) -> tuple[int, str, int] | None:
    """For `[` at i: (index of `]`, url, index after `)`) or None if no link starts here."""
    j = i + 1
    while j < stop:
        c = s[j]
        if c == "\\" and j + 1 < stop and s[j + 1] in _ESCAPABLE:
            j += 2
            continue
        if c == "[":
            return None  # no nested brackets: the inner `[` may start the link
        if c == "]":
            break
        j += 1
    else:
        return None
    if j + 1 >= stop or s[j + 1] != "(":
        return None
    # The URL runs to the matching `)`: it may hold balanced parentheses
    # (Wikipedia links do) but no space.
    k = parens.match.get(j + 1)
    if k is None or k >= stop or k == j + 2 or _SPACE.search(s, j + 2, k):
        return None
    return j, s[j + 2 : k], k + 1


_NO_PARENS = _Parens("")


def _match_emphasis(items: list[object]) -> None:
    """Pair star runs (CommonMark's delimiter stack, without the rule of 3)."""
    stack: list[_Delim] = []
    for item in items:
        if isinstance(item, _Link):
            _match_emphasis(item.label)
            continue
        if not isinstance(item, _Delim):
            continue
        if item.can_close:
            while item.count and stack:
                opener = stack[-1]
                use = 2 if item.count >= 2 and opener.count >= 2 else 1
                opener.count -= use
                item.count -= use
                opener.opens.append(use)
                item.closes.append(use)
                if opener.count == 0:
                    stack.pop()
        if item.count and item.can_open:
            stack.append(item)


def _runs(items: list[object], bold: int, italic: int, link: str | None, out: list[Run]) -> None:
    for item in items:
        if isinstance(item, str):
            _emit(out, item, bold, italic, link)
        elif isinstance(item, _Link):
            _runs(item.label, bold, italic, item.url, out)
        elif isinstance(item, _Math):
            for text, rise in mathtex.pieces(item.latex):
                out.append(Run(text, bold > 0, italic > 0, link, item.latex, rise))
        else:
            assert isinstance(item, _Delim)
            for use in item.closes:
                bold, italic = (bold - 1, italic) if use == 2 else (bold, italic - 1)
            if item.count:
                _emit(out, "*" * item.count, bold, italic, link)
            for use in reversed(item.opens):
                bold, italic = (bold + 1, italic) if use == 2 else (bold, italic + 1)


def _emit(out: list[Run], text: str, bold: int, italic: int, link: str | None) -> None:
    if not text:
        return
    style = (bold > 0, italic > 0, link)
    if out and (out[-1].bold, out[-1].italic, out[-1].link) == style and not out[-1].math:
        last = out.pop()
        out.append(Run(last.text + text, *style))
    else:
        out.append(Run(text, *style))


def _parse(s: str) -> tuple[tuple[Run, ...], list[str]]:
    if not _SPECIAL.search(s):  # most text has no markup at all
        return ((Run(s),) if s else ()), []
    problems: list[str] = []
    items = _tokens(s, 0, len(s), problems, _Parens(s) if "[" in s else _NO_PARENS)
    _match_emphasis(items)
    out: list[Run] = []
    _runs(items, 0, 0, None, out)
    return tuple(out), problems


def parse_inline(s: str, location: Location) -> tuple[Run, ...]:
    """Runs of `s` (one paragraph). A link with a forbidden URL raises `OutlineError`."""
    runs, problems = _parse(s)
    if problems:
        raise OutlineError(diagnostics=[Diagnostic("error", p, location) for p in problems])
    return runs


def single_line(s: str) -> str:
    """Line breaks (and the spaces around them) become one space; ends trimmed."""
    return _LINE_BREAK.sub(" ", s.strip())


def paragraphs(s: str) -> list[str]:
    """The paragraphs of a long text: split at blank lines, each made one line."""
    return [single_line(p) for p in _BLANK_LINE.split(s.strip()) if p.strip()]


def parse_text(s: str, location: Location) -> tuple[Text | None, list[str]]:
    """One paragraph as `Text`, plus the problems found (bad link URLs).

    The loader uses this to collect problems instead of stopping at the first.
    """
    runs, problems = _parse(single_line(s))
    return (Text(runs, location) if runs else None), problems
