"""`deckgen watch`: rebuild on every save of an outline, its pictures or its theme.

`watch(...)` is a generator: it builds once, then waits for file changes
(watchfiles: the OS's own change events, debounced so one save that an
editor writes in several steps is one rebuild) and yields a `Rebuild` after
each build. It prints nothing; the command line shows each one as a line.

Only the outputs whose inputs changed are rebuilt: every output reads the
outline, its theme files and its pictures, but only the outputs that show
the deck read a `.pptx` template. A save that breaks the outline yields the
located errors and writes nothing, so the earlier files stay as they were.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

import deckgen.outline
import deckgen.theme
from deckgen.build import BuildReport, build, parse_formats
from deckgen.errors import DeckgenError, Diagnostic
from deckgen.outline.model import Image, Outline

__all__ = ["DECK_FORMATS", "Inputs", "Rebuild", "inputs_of", "watch"]

# The outputs that show the deck, so read the template it is laid out on.
DECK_FORMATS = frozenset({"pptx", "slides-pdf", "html", "handout"})
DEBOUNCE_MS = 800  # the longest a burst of events is gathered for
STEP_MS = 80  # quiet this long, and the burst is over
CHECK_MS = 250  # with no event this long, compare the files' times and sizes


@dataclass(frozen=True)
class Inputs:
    """The files one build read: every output's, and the template (deck outputs only)."""

    common: frozenset[Path]
    template: Path | None = None

    @property
    def files(self) -> frozenset[Path]:
        return self.common | ({self.template} if self.template else set())

    def formats_for(self, changed: set[Path], formats: Sequence[str]) -> list[str]:
        """The formats to rebuild when `changed` were saved (in `formats` order)."""
        if changed & self.common:
            return list(formats)
        if self.template is not None and self.template in changed:
            return [f for f in formats if f in DECK_FORMATS]
        return []


@dataclass(frozen=True)
class Rebuild:
    """One build: why it ran, what it built and how long it took."""

    formats: tuple[str, ...]
    changed: tuple[Path, ...]  # empty for the first build
    seconds: float
    report: BuildReport
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.report.ok


def _pictures(outline: Outline) -> set[Path]:
    images: list[Image | None] = [outline.cover]
    for section in outline.sections:
        images.append(section.image)
        for slide in section.slides or ():
            images.append(slide.image)
    if outline.timeline:
        images += [e.image for e in outline.timeline.events]
    return {img.src for img in images if img is not None}


def inputs_of(outline_path: Path, theme: str | None, sets: Sequence[str]) -> Inputs:
    """Every file a build of the outline reads (what it can, if the outline is broken)."""
    files = {outline_path.resolve()}
    template = None
    try:
        outline = deckgen.outline.load(outline_path, sets)
    except DeckgenError:
        return Inputs(frozenset(files))
    files |= _pictures(outline)
    option = outline.outputs.get("pptx", {}).get("template")
    if option is not None and option.value:
        template = (outline.folder / str(option.value)).resolve()
    try:
        resolved = deckgen.theme.resolve(outline, override=theme)
    except DeckgenError:
        resolved = None
    if resolved is not None:
        theme_file = Path(resolved.location.file)
        if theme_file.is_file():
            # a theme may extend others beside it: every theme file of its folder
            files |= {p.resolve() for p in theme_file.parent.glob("*.yaml")}
        if resolved.logo is not None:
            files.add(Path(resolved.logo).resolve())
    return Inputs(frozenset(files), template)


def _build(
    outline: Path,
    formats: Sequence[str],
    out_dir: Path,
    theme: str | None,
    sets: Sequence[str],
    changed: tuple[Path, ...],
) -> Rebuild:
    start = time.perf_counter()
    report = build([outline], formats=formats, theme=theme, out_dir=out_dir, sets=sets)
    return Rebuild(tuple(formats), changed, time.perf_counter() - start, report)


def watch(
    outline: Path,
    formats: Sequence[str] | str | None = None,
    out_dir: Path = Path("build"),
    theme: str | None = None,
    sets: Sequence[str] = (),
    stop: threading.Event | None = None,
) -> Iterator[Rebuild]:
    """Build, then rebuild on every save; yields one `Rebuild` per build.

    Runs until `stop` is set (or forever); Ctrl-C raises KeyboardInterrupt."""
    names = parse_formats(formats)
    outline = outline.resolve()
    inputs = inputs_of(outline, theme, sets)
    seen = _snapshot(inputs.files)  # before building: a save during the build counts
    yield _build(outline, names, out_dir, theme, sets, ())
    inputs = inputs_of(outline, theme, sets)
    while stop is None or not stop.is_set():
        changed = _next_changes(inputs, seen, stop)
        todo = inputs.formats_for(changed, names)
        seen = _snapshot(inputs.files)
        if not todo:
            continue
        yield _build(outline, todo, out_dir, theme, sets, tuple(sorted(changed)))
        inputs = inputs_of(outline, theme, sets)


Snapshot = dict[Path, tuple[int, int] | None]


def _snapshot(files: frozenset[Path]) -> Snapshot:
    out: Snapshot = {}
    for path in files:
        try:
            st = path.stat()
            out[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[path] = None
    return out


def _next_changes(inputs: Inputs, seen: Snapshot, stop: threading.Event | None) -> set[Path]:
    """The input files changed in the next burst of file events, or since
    `seen` was taken (a save while building, or before the watcher started);
    empty when stopped."""
    files = inputs.files
    folders = sorted({p.parent for p in files if p.parent.is_dir()})
    for batch in watchfiles.watch(
        *folders,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=False,
        watch_filter=lambda _change, path: Path(path).resolve() in files,
        raise_interrupt=True,
        rust_timeout=CHECK_MS,
        yield_on_timeout=True,
    ):
        if stop is not None and stop.is_set():
            return set()
        found = {Path(path).resolve() for _change, path in batch}
        if not found:  # quiet: anything missed while no watcher ran?
            now = _snapshot(files)
            found = {p for p in files if now[p] != seen.get(p)}
        if found:
            return found
    return set()
