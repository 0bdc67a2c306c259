"""`load(path, sets=())`: read, override, validate; one call from file to Outline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deckgen._yaml import read_yaml
from deckgen.errors import Diagnostic, Location, OutlineError
from deckgen.outline.model import Outline
from deckgen.outline.sets import SET_FILE, apply_sets
from deckgen.outline.validate import build_outline

__all__ = ["MAX_REPORTED", "load"]

MAX_REPORTED = 200


def load(path: str | Path, sets: Sequence[str] = ()) -> Outline:
    """The Outline in the YAML file `path`, with `--set` overrides applied.

    Raises `OutlineError` carrying every problem found, each as
    `FILE:LINE:COLUMN: error: WHERE: WHAT` (WHERE a path such as
    `sections[1].points[2]`, list indices 0-based). Problems in `sets` are
    located at `--set:N:COLUMN` (N: which `--set`, from 1).
    """
    written = Path(path)
    filename = str(path)
    root = read_yaml(written, filename)
    root, set_problems = apply_sets(root, sets)
    outline, problems = build_outline(root, written.absolute(), filename)
    problems = set_problems + problems
    if problems or outline is None:
        problems.sort(key=_order)
        if len(problems) > MAX_REPORTED:  # a wrong file, not a mistyped outline
            rest = len(problems) - MAX_REPORTED
            last = problems[MAX_REPORTED - 1].location
            problems = problems[:MAX_REPORTED]
            problems.append(Diagnostic("error", f"outline: ... and {rest} more problems", last))
        if not problems:  # pragma: no cover - build_outline always says why
            raise OutlineError("outline: cannot be read", Location.of_file(filename))
        raise OutlineError(diagnostics=problems)
    return outline


def _order(d: Diagnostic) -> tuple[bool, int, int]:
    """Problems in the outline first, in reading order; then those of --set."""
    return d.location.file == SET_FILE, d.location.line, d.location.column
