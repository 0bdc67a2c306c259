"""`--set KEY=VALUE`: change one value of the outline before it is checked.

KEY is a dotted path into the YAML tree: mapping keys by name, list items by
0-based index (`sections.0.title=Intro`, `outputs.poster.size=A1`,
`theme_overrides.colors.accent=#C8102E`). Missing mappings on the way are
created. VALUE is text exactly as typed (see `deckgen._yaml.parse_value`:
`[...]`, `{...}` and quoted values are read as YAML; empty is nothing).

Problems are reported at `--set:N:COLUMN`, N being the 1-based number of the
`--set` option, COLUMN the place in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from deckgen._yaml import Node, parse_value
from deckgen.errors import Diagnostic, Location, OutlineError

__all__ = ["apply_sets"]

SET_FILE = "--set"


MAX_KEY_PARTS = 32  # far deeper than any key of the format; keeps the copy-on-write shallow


def apply_sets(root: Node, sets: Sequence[str]) -> tuple[Node, list[Diagnostic]]:
    """`root` with every `--set` applied (nodes copied on write), and the problems."""
    problems: list[Diagnostic] = []
    for number, assignment in enumerate(sets, start=1):
        key, eq, text = assignment.partition("=")
        where = Location(SET_FILE, number, 1)
        parts = key.strip().split(".")
        if len(parts) > MAX_KEY_PARTS:
            problems.append(
                Diagnostic(
                    "error",
                    f"--set: the key has {len(parts)} dotted parts; no outline or theme "
                    f"value lies deeper than {MAX_KEY_PARTS}",
                    where,
                )
            )
            continue
        if not eq or not all(p.strip() for p in parts):
            problems.append(
                Diagnostic(
                    "error",
                    f"--set: expected KEY=VALUE with a dotted KEY (e.g. outputs.poster.size=A1), "
                    f"got {assignment!r}",
                    where,
                )
            )
            continue
        try:
            value = parse_value(text, SET_FILE)
        except OutlineError as e:
            problems.extend(
                Diagnostic(d.severity, d.message, _shift(d.location, number, len(key) + 1))
                for d in e.diagnostics
            )
            continue
        value = _relocate(value, Location(SET_FILE, number, len(key) + 2))
        try:
            key_location = Location(SET_FILE, number, key.rfind(".") + 2)
            root = _assign(root, [p.strip() for p in parts], value, key_location)
        except ValueError as e:
            problems.append(Diagnostic("error", f"--set {key.strip()}: {e}", where))
    return root, problems


def _shift(location: Location, number: int, offset: int) -> Location:
    return Location(SET_FILE, number, location.column + offset)


def _relocate(node: Node, location: Location) -> Node:
    """Point a --set value (and what it contains) at the --set option."""
    if node.is_mapping:
        value = {k: _relocate(v, location) for k, v in node.value.items()}
        keys = dict.fromkeys(value, location)
        return Node(value, location, node.tag, node.style, keys, node.size)
    if node.is_list:
        items = [_relocate(v, location) for v in node.value]
        return Node(items, location, node.tag, None, None, node.size)
    return Node(node.value, location, node.tag, node.style)


def _assign(node: Node, parts: list[str], value: Node, key_location: Location) -> Node:
    head, rest = parts[0], parts[1:]
    if node.is_null:  # `outputs:` left empty, or a key created on the way
        node = Node({}, value.location, "map", None, {})
    if node.is_mapping:
        child = node.get(head)
        if rest:
            if child is None:
                child = Node(None, value.location)
            child = _assign(child, rest, value, key_location)
        else:
            child = value
        copy = node.replace({**node.value, head: child})
        if copy.keys is not None and head not in copy.keys:
            copy.keys[head] = key_location if not rest else value.location
        return copy
    if node.is_list:
        if not head.isdigit() or int(head) >= len(node.value):
            raise ValueError(
                f"{head!r} is not an index of this list (0 to {len(node.value) - 1})"
                if node.value
                else "the list is empty"
            )
        index = int(head)
        items = list(node.value)
        items[index] = _assign(items[index], rest, value, key_location) if rest else value
        return node.replace(items)
    raise ValueError(f"{head!r}: the value there is text, not a mapping or a list")
