"""A safe YAML reader that keeps where every value came from.

Outlines and themes are read into a tree of `Node`s. Every mapping, list and
scalar knows its `Location` (file, 1-based line and column), so validators can
point at the exact spot of a mistake.

What this reader guarantees, whatever the input:

* No object is ever constructed: only the standard tags `!!str`, `!!int`,
  `!!float`, `!!bool`, `!!null`, `!!timestamp`, `!!map` and `!!seq` are
  accepted; `!!python/object`, `!!binary`, custom `!tags` are refused.
* YAML's implicit typing is tamed: scalars stay *text* (a title `no`, `1.10`
  or `2023-02-30` is the text the user typed). Only an empty value, `~` or
  `null` reads as nothing (`None`). Validators convert text to numbers,
  booleans or dates where their schema wants one (`as_int`, `as_bool`, ...).
  `Node.tag` still says what YAML would have made of a scalar ("bool",
  "timestamp", ...), for the rare field that cares.
* Duplicate keys are errors (pointing at the second one); merge keys (`<<`)
  work, explicit keys winning.
* Alias bombs, recursive aliases and deep nesting are refused quickly;
  files over `MAX_BYTES` are refused before parsing.
* Control characters, lone surrogates, U+FFFE and U+FFFF are refused with
  their line and column; so are undecodable bytes.
* Malformed YAML is reported as FILE:LINE:COL with PyYAML's problem text.

All problems found are raised together as one error of the class the caller
chooses (`OutlineError` by default; the theme loader passes `ThemeError`).

Example::

    root = read_yaml(Path("talk.yaml"))
    title = root.get("title")          # Node or None
    if title is not None:
        print(title.location, as_text(title))
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from deckgen.errors import DeckgenError, Diagnostic, Location, OutlineError

__all__ = [
    "MAX_ALIASES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Node",
    "NodeValueError",
    "as_bool",
    "as_float",
    "as_int",
    "as_text",
    "check_text",
    "deep_merge",
    "did_you_mean",
    "parse_value",
    "read_yaml",
    "unknown_key_message",
]

MAX_BYTES = 10 * 1024 * 1024  # an outline is a few kB; 10 MB is surely a mistake
MAX_DEPTH = 64  # outlines nest about 6 deep, themes about 4
MAX_ALIASES = 10_000  # alias references in one file
MAX_NODES = 1_000_000  # values after expanding aliases: stops "billion laughs"

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG = _YAML + "map"
_SEQ_TAG = _YAML + "seq"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# Characters no hand-written text should contain: C0/C1 controls (tab and
# line breaks aside), DEL, surrogates and the noncharacters U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MAX_REPORTED_CHARS = 20

_RESOLVER = yaml.resolver.Resolver()

try:  # libyaml parses ~10x faster; the composer below is ours either way
    from yaml._yaml import CParser as _Parser

    def _make_parser(text: str) -> Any:
        return _Parser(text)

except ImportError:  # pragma: no cover - PyYAML without libyaml

    class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    def _make_parser(text: str) -> Any:
        return _PyParser(text)


class Node:
    """One value of a YAML document, with its location.

    `value` is a `dict[str, Node]` for a mapping, a `list[Node]` for a list,
    a `str` for a scalar, or `None` for an empty value/`~`/`null`.
    `keys` maps each key of a mapping to the location of the key itself
    (errors about a key, e.g. unknown keys, point there).
    `tag` is the short YAML type: "map", "seq", or for scalars what YAML
    would have made of it ("str", "int", "float", "bool", "null",
    "timestamp") -- informational only, the value stays text.
    `style` is the scalar style: None (plain), "'", '"', "|" or ">".
    """

    __slots__ = ("value", "location", "_tag", "style", "keys", "size")

    def __init__(
        self,
        value: Any,
        location: Location,
        tag: str | None = None,
        style: str | None = None,
        keys: dict[str, Location] | None = None,
        size: int = 1,
    ) -> None:
        self.value = value
        self.location = location
        self._tag = tag  # None: what YAML makes of the value, worked out when asked
        self.style = style
        self.keys = keys
        self.size = size  # number of nodes below and including this one

    @property
    def tag(self) -> str:
        if self._tag is not None:
            return self._tag
        value = self.value
        if value is None:
            return "null"
        if isinstance(value, dict):
            return "map"
        if isinstance(value, list):
            return "seq"
        if self.style is None:
            resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
            return resolved[len(_YAML) :] if resolved.startswith(_YAML) else "str"
        return "str"

    # -- kinds -----------------------------------------------------------
    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return self.value is None or isinstance(self.value, str)

    @property
    def is_null(self) -> bool:
        return self.value is None

    @property
    def kind(self) -> str:
        """What the value is, in words for messages: 'a mapping', 'a list', 'text', 'nothing'."""
        if self.value is None:
            return "nothing"
        if isinstance(self.value, dict):
            return "a mapping"
        if isinstance(self.value, list):
            return "a list"
        return "text"

    # -- mapping access --------------------------------------------------
    def get(self, key: str, default: Node | None = None) -> Node | None:
        if isinstance(self.value, dict):
            return self.value.get(key, default)
        return default

    def __contains__(self, key: object) -> bool:
        return isinstance(self.value, dict) and key in self.value

    def items(self) -> Iterator[tuple[str, Node]]:
        if isinstance(self.value, dict):
            yield from self.value.items()

    def key_location(self, key: str) -> Location:
        """Where `key` itself is written (falls back to the mapping's location)."""
        if self.keys and key in self.keys:
            return self.keys[key]
        return self.location

    # -- list access -----------------------------------------------------
    def __iter__(self) -> Iterator[Node]:
        if isinstance(self.value, list):
            return iter(self.value)
        return iter(())

    def __len__(self) -> int:
        if isinstance(self.value, dict | list):
            return len(self.value)
        return 0

    # -- conversion ------------------------------------------------------
    def plain(self) -> Any:
        """The value as plain Python data (dict/list/str/None), locations dropped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def replace(self, value: Any) -> Node:
        """A copy holding `value` (same location), for copy-on-write edits."""
        keys = dict(self.keys) if self.keys is not None and isinstance(value, dict) else None
        return Node(value, self.location, self._tag, self.style, keys, self.size)

    def __repr__(self) -> str:
        return f"Node({self.value!r} @ {self.location})"


class NodeValueError(ValueError):
    """A value has the wrong type or form; `str(e)` is the message, `e.node` the culprit."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


# -- converters used by validators ------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _scalar(node: Node, expected: str) -> str:
    if not isinstance(node.value, str):
        raise NodeValueError(node, f"expected {expected}, got {node.kind}")
    return node.value


def as_text(node: Node) -> str:
    """The text of a scalar; a mapping, list or empty value is an error."""
    return _scalar(node, "text")


def as_int(node: Node) -> int:
    """A whole number written in decimal (`12`, `-3`)."""
    s = _scalar(node, "a whole number").strip()
    if not _INT.fullmatch(s):
        raise NodeValueError(node, f"expected a whole number, got {s!r}")
    return int(s)


def as_float(node: Node) -> float:
    """A decimal number (`12`, `10.5`, `1e3`); no inf/nan."""
    s = _scalar(node, "a number").strip()
    if not _FLOAT.fullmatch(s):
        raise NodeValueError(node, f"expected a number, got {s!r}")
    return float(s)


def as_bool(node: Node) -> bool:
    """`true`/`false` (also `yes`/`no`, `on`/`off`), in any case."""
    s = _scalar(node, "true or false").strip()
    try:
        return _BOOLS[s.lower()]
    except KeyError:
        raise NodeValueError(node, f"expected true or false, got {s!r}") from None


# -- suggestions ------------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to a misspelt `word`, or None."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in choices}
        return lowered.get(word.lower())
    return found[0]


def unknown_key_message(key: str, allowed: Iterable[str]) -> str:
    """ "unknown key 'pionts', did you mean 'points'?" (or the list of allowed keys)."""
    allowed = sorted(allowed)
    guess = did_you_mean(key, allowed)
    if guess is not None:
        return f"unknown key {key!r}, did you mean {guess!r}?"
    return f"unknown key {key!r} (allowed: {', '.join(allowed)})"


# -- merging ----------------------------------------------------------------


def deep_merge(base: Node, over: Node) -> Node:
    """Mappings merged recursively, `over` winning; anything else: `over` replaces.

    Nodes are shared, not copied; locations stay those of the winning values.
    """
    if not (base.is_mapping and over.is_mapping):
        return over
    merged: dict[str, Node] = dict(base.value)
    keys = dict(base.keys or {})
    for key, value in over.value.items():
        old = merged.get(key)
        merged[key] = deep_merge(old, value) if old is not None else value
        keys[key] = over.key_location(key)
    return Node(merged, over.location, "map", None, keys, 1 + sum(v.size for v in merged.values()))


# -- reading ----------------------------------------------------------------


class _Problems:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, location: Location, message: str) -> None:
        self.diagnostics.append(Diagnostic("error", message, location))


class _Fatal(Exception):
    """Stops reading at once (a bomb, too deep, malformed)."""


def check_text(text: str, filename: str, problems: list[Diagnostic], first_line: int = 1) -> None:
    """Report each forbidden character of `text` with its line and column."""
    line, line_start = first_line, 0
    scanned = 0
    for count, match in enumerate(_BAD_CHARS.finditer(text)):
        if count >= _MAX_REPORTED_CHARS:
            break
        pos = match.start()
        line += text.count("\n", scanned, pos)
        nl = text.rfind("\n", 0, pos)
        line_start = nl + 1 if nl >= 0 else 0
        scanned = pos
        problems.append(
            Diagnostic(
                "error",
                f"text: character U+{ord(match.group()):04X} is not allowed "
                "(a control character or non-character; was the text pasted from elsewhere?)",
                Location(filename, line, pos - line_start + 1),
            )
        )


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Fatal(
                Diagnostic("error", "text: invalid UTF-16", Location(filename, 1, 1))
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = data[: e.start].decode("utf-8-sig", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[e.start : e.start + 1].hex()
        raise _Fatal(
            Diagnostic(
                "error",
                f"text: byte 0x{bad} is not UTF-8; save the file as UTF-8",
                Location(filename, line, column),
            )
        ) from None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


class _Composer:
    """Builds `Node`s from parser events, with limits; aliases share nodes."""

    def __init__(self, parser: Any, filename: str, problems: _Problems) -> None:
        self.parser = parser
        self.filename = filename
        self.problems = problems
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.aliases = 0

    def loc(self, mark: Any) -> Location:
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def document(self) -> Node:
        p = self.parser
        p.get_event()  # StreamStart
        assert isinstance(p.peek_event(), StreamStartEvent | DocumentStartEvent | StreamEndEvent)
        if isinstance(p.peek_event(), StreamEndEvent):
            return Node(None, Location(self.filename, 1, 1))
        p.get_event()  # DocumentStart
        root = self.node(0, "")
        p.get_event()  # DocumentEnd
        if not isinstance(p.peek_event(), StreamEndEvent):
            event = p.get_event()
            self.problems.add(
                self.loc(event.start_mark),
                "YAML: a second document ('---') is not allowed; one file holds one outline",
            )
        return root

    def node(self, depth: int, path: str) -> Node:
        event = self.parser.get_event()
        if isinstance(event, AliasEvent):
            return self.alias(event)
        if depth >= MAX_DEPTH:
            raise _Fatal(
                Diagnostic(
                    "error",
                    f"YAML: nested more than {MAX_DEPTH} levels deep",
                    self.loc(event.start_mark),
                )
            )
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors.add(anchor)
        if isinstance(event, ScalarEvent):
            node = self.scalar(event, path)
        elif isinstance(event, SequenceStartEvent):
            node = self.sequence(event, depth, path)
        elif isinstance(event, MappingStartEvent):
            node = self.mapping(event, depth, path)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise _Fatal(
                Diagnostic("error", f"YAML: unexpected {event}", self.loc(event.start_mark))
            )
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = node
        return node

    def alias(self, event: AliasEvent) -> Node:
        self.aliases += 1
        where = self.loc(event.start_mark)
        if self.aliases > MAX_ALIASES:
            raise _Fatal(Diagnostic("error", f"YAML: more than {MAX_ALIASES} aliases", where))
        if event.anchor in self.open_anchors:
            raise _Fatal(
                Diagnostic("error", f"YAML: alias *{event.anchor} refers to itself", where)
            )
        node = self.anchors.get(event.anchor) if event.anchor is not None else None
        if node is None:  # pragma: no cover - the parser reports undefined aliases
            raise _Fatal(Diagnostic("error", f"YAML: undefined alias *{event.anchor}", where))
        return node

    def check_tag(
        self, tag: str | None, allowed: set[str] | str, where: Location, path: str
    ) -> bool:
        if tag is None or tag == "!":
            return False
        if tag in allowed if isinstance(allowed, set) else tag == allowed:
            return True
        if tag in _SCALAR_TAGS or tag in (_MAP_TAG, _SEQ_TAG):
            self.problems.add(
                where, f"{path or 'YAML'}: tag {_short_tag(tag)} does not fit this value"
            )
        else:
            self.problems.add(
                where,
                f"{path or 'YAML'}: tag {_short_tag(tag)} is not allowed; deckgen reads plain data "
                "and never constructs objects (remove the tag)",
            )
        return False

    def scalar(self, event: ScalarEvent, path: str) -> Node:
        where = self.loc(event.start_mark)
        text = event.value
        value: str | None = text
        style = event.style or None
        tag = None
        if event.tag is not None and self.check_tag(event.tag, _SCALAR_TAGS, where, path):
            tag = event.tag[len(_YAML) :]
            if tag == "null":
                value = None
        elif style is None and value in _NULLS:
            value = None
        if style == '"':  # escapes like "\x01" can make any character
            bad = _BAD_CHARS.search(text)  # the text as written, even if tagged !!null
            if bad:
                what = f"character U+{ord(bad.group()):04X} is not allowed"
                self.problems.add(where, f"{path or 'text'}: {what}")
        return Node(value, where, tag, style)

    def sequence(self, event: SequenceStartEvent, depth: int, path: str) -> Node:
        where = self.loc(event.start_mark)
        self.check_tag(event.tag, _SEQ_TAG, where, path)
        items: list[Node] = []
        size = 1
        p = self.parser
        while not isinstance(p.peek_event(), SequenceEndEvent):
            child = self.node(depth + 1, f"{path}[{len(items)}]")
            size += child.size
            self.count(size, child)
            items.append(child)
        p.get_event()
        return Node(items, where, "seq", None, None, size)

    def mapping(self, event: MappingStartEvent, depth: int, path: str) -> Node:
        where = self.loc(event.start_mark)
        self.check_tag(event.tag, _MAP_TAG, where, path)
        values: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        merges: list[Node] = []
        size = 1
        p = self.parser
        while not isinstance(p.peek_event(), MappingEndEvent):
            key_node = self.node(depth + 1, path or "(key)")
            key_path = f"{path}.{key_node.value}" if path else str(key_node.value)
            value = self.node(depth + 1, key_path)
            if key_node.value == "<<" and key_node.style is None and key_node._tag is None:
                merges.extend(self.merge_sources(value))
                continue
            if not isinstance(key_node.value, str):
                self.problems.add(
                    key_node.location, f"{path or 'YAML'}: a key must be text, not {key_node.kind}"
                )
                continue
            key = key_node.value
            if key in values:
                first = keys[key]
                self.problems.add(
                    key_node.location,
                    f"{key_path}: duplicate key {key!r} (first given at line {first.line}, "
                    f"column {first.column})",
                )
                continue
            values[key] = value
            keys[key] = key_node.location
            size += value.size
            self.count(size, value)
        p.get_event()
        for source in merges:  # YAML merge keys: explicit keys win, earlier merges win
            for key, value in source.value.items():
                if key not in values:
                    values[key] = value
                    keys[key] = source.key_location(key)
                    size += value.size
        self.count(size, None)
        return Node(values, where, "map", None, keys, size)

    def merge_sources(self, value: Node) -> list[Node]:
        sources = value.value if value.is_list else [value]
        good = [s for s in sources if s.is_mapping]
        if len(good) != len(sources):
            self.problems.add(
                value.location, "YAML: '<<' must merge a mapping or a list of mappings"
            )
        return good

    def count(self, size: int, child: Node | None) -> None:
        if size > MAX_NODES:
            where = child.location if child is not None else Location(self.filename, 1, 1)
            raise _Fatal(
                Diagnostic(
                    "error",
                    f"YAML: more than {MAX_NODES:,} values once aliases are expanded "
                    "(an alias bomb?)",
                    where,
                )
            )


def _yaml_error(e: yaml.YAMLError, filename: str) -> Diagnostic:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    where = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename, 1, 1)
    problem = getattr(e, "problem", None) or str(e)
    context = getattr(e, "context", None)
    cmark = getattr(e, "context_mark", None)
    text = f"malformed YAML: {problem}"
    if context:
        text += f" ({context}"
        here = (mark.line, mark.column) if mark is not None else None
        if cmark is not None and (cmark.line, cmark.column) != here:
            text += f" at line {cmark.line + 1}, column {cmark.column + 1}"
        text += ")"
    return Diagnostic("error", text, where)


def read_yaml(
    source: str | bytes | Path,
    filename: str | None = None,
    *,
    error: type[DeckgenError] = OutlineError,
) -> Node:
    """Read one YAML document into a `Node` tree.

    `source` is a `Path` (read from disk), or the text (`str`/`bytes`) itself;
    `filename` names it in messages (default: the path, or "<string>").
    Raises `error` (default `OutlineError`) carrying every problem found.
    """
    data: str | bytes
    if isinstance(source, Path):
        filename = filename or str(source)
        try:
            with source.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except OSError as e:
            raise error(
                f"cannot read the file: {e.strerror or e}", Location(filename, 0, 0)
            ) from None
    else:
        filename = filename or "<string>"
        data = source
    if len(data) > MAX_BYTES:
        raise error(
            f"file: larger than {MAX_BYTES // (1024 * 1024)} MB; an outline or theme should be "
            "a few kilobytes",
            Location(filename, 1, 1),
        )
    try:
        text = _decode(data, filename) if isinstance(data, bytes) else data
    except _Fatal as fatal:
        raise error(diagnostics=fatal.args) from None

    bad: list[Diagnostic] = []
    check_text(text, filename, bad)
    if bad:
        raise error(diagnostics=bad)

    problems = _Problems()
    composer = _Composer(_make_parser(text), filename, problems)
    try:
        root = composer.document()
    except _Fatal as fatal:
        raise error(diagnostics=[*problems.diagnostics, *fatal.args]) from None
    except yaml.YAMLError as e:
        raise error(diagnostics=[*problems.diagnostics, _yaml_error(e, filename)]) from None
    if problems.diagnostics:
        raise error(diagnostics=problems.diagnostics)
    return root


def parse_value(
    text: str, filename: str = "--set", *, error: type[DeckgenError] = OutlineError
) -> Node:
    """A value given on the command line (`--set key=VALUE`).

    Plain text stays text exactly as typed (so `#C8102E` is a colour, not a
    YAML comment); a value starting with `[`, `{`, `'` or `"` is read as YAML
    (a flow list/mapping or a quoted string). An empty value is nothing
    (None). Locations are `--set:1:COLUMN`.
    """
    where = Location(filename, 1, 1)
    if text == "":
        return Node(None, where)
    if text[0] in "[{'\"":
        return read_yaml(text, filename, error=error)
    bad: list[Diagnostic] = []
    check_text(text, filename, bad)
    if bad:
        raise error(diagnostics=bad)
    return Node(text, where, "str" if text in _NULLS else None)
