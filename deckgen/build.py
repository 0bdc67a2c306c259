"""The build driver: outline -> theme -> each backend's layout -> render -> files.

One fixed sequence for every backend, built-in or plugin (Sphinx's builders
are the model). Per outline:

1. `deckgen.outline.load(path, sets)`;
2. `deckgen.theme.resolve(outline, override=theme)`;
3. plan the talk once (`Talk`: look, words, dates, and the deck shaped by
   `outputs.pptx:`, laid out when first asked for), shared by every backend;
4. for each backend: check `outputs.<name>:` options against its OptionSpecs
   (each once per outline), make its typed settings, then `backend.layout(job)`,
   collecting the plan's diagnostics;
5. unless checking only, and only when steps 1-4 found no error (nor, with
   `strict`, any warning): `backend.render(plan, job)` for every backend;
6. only when every backend rendered: write all the outline's files atomically.

A problem in one outline never stops the others; it keeps every file of its
own outline untouched. Problems come back as data in the `BuildReport`;
exceptions are left for things that stop the whole build (an unknown or
broken backend) and for bugs.
"""

from __future__ import annotations

import sys
import time
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import deckgen.outline
import deckgen.theme
from deckgen import safeio
from deckgen.backends import registry
from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.backends.options import settings_for, validate
from deckgen.epoch import source_date_epoch
from deckgen.errors import BackendError, DeckgenError, Diagnostic, Location
from deckgen.inputs import inputs_of, readable_folders
from deckgen.layout.common.plan import Talk
from deckgen.outline.model import Outline
from deckgen.suggest import did_you_mean
from deckgen.templates import PPTX_OPTIONS, talk_of
from deckgen.theme.model import Theme
from deckgen.writer import OverwritesInput, check_names, has_control_characters, write_outputs

__all__ = [
    "DEFAULT_FORMATS",
    "BuildReport",
    "OutlineReport",
    "Step",
    "build",
    "check",
    "parse_formats",
]

# Every built-in output; opt-in backends (slides-pdf, plugins) need -f.
DEFAULT_FORMATS = ("pptx", "handout", "poster")


@dataclass(frozen=True)
class Step:
    """Reported to the `progress` callback as each step starts."""

    outline: Path
    stage: str  # 'load', 'theme', 'layout', 'render', 'write'
    backend: str | None = None


@dataclass
class OutlineReport:
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    # (stage, backend or None, seconds), in order: what -v shows
    timings: list[tuple[str, str | None, float]] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            if diagnostic not in self.diagnostics:  # two backends may see one problem
                self.diagnostics.append(diagnostic)


@dataclass
class BuildReport:
    outlines: list[OutlineReport]
    strict: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for o in self.outlines for d in o.diagnostics]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for o in self.outlines for d in o.errors]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for o in self.outlines for d in o.warnings]

    @property
    def written(self) -> list[Path]:
        return [p for o in self.outlines for p in o.written]

    @property
    def ok(self) -> bool:
        """No error; with `strict`, no warning either."""
        return not any(o.errors or (self.strict and o.warnings) for o in self.outlines)


Progress = Callable[[Step], None]


def build(
    outline_paths: Iterable[str | Path],
    formats: Sequence[str] | str | None = None,
    theme: str | None = None,
    out_dir: str | Path = "build",
    sets: Sequence[str] = (),
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every outline into `out_dir` with the backends named in `formats`.

    `formats` defaults to DEFAULT_FORMATS; `theme` overrides each outline's
    theme (a name, or a path relative to the working folder); `sets` are
    "dotted.key=VALUE" overrides applied before validation. Raises
    BackendError when a backend is unknown, clashes or cannot be loaded,
    EpochError for an unusable SOURCE_DATE_EPOCH, and OverwritesInput when
    an output would replace one of the build's inputs.
    """
    return _run(outline_paths, formats, theme, Path(out_dir), sets, strict, progress)


def check(
    outline_paths: Iterable[str | Path],
    formats: Sequence[str] | str | None = None,
    theme: str | None = None,
    sets: Sequence[str] = (),
    strict: bool = False,
    progress: Progress | None = None,
    a11y: bool = False,
) -> BuildReport:
    """Load, validate and lay out like `build`, but render and write nothing.

    `a11y`: report accessibility problems of the outputs (`deckgen.a11y`)
    instead of the layouts' warnings (errors are reported either way)."""
    return _run(outline_paths, formats, theme, None, sets, strict, progress, a11y)


def parse_formats(formats: Sequence[str] | str | None) -> list[str]:
    """'pptx, poster' or ['pptx', 'poster'] -> ['pptx', 'poster'] (order kept, no repeats)."""
    if formats is None:
        return list(DEFAULT_FORMATS)
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = list(dict.fromkeys(n.strip() for n in items if n.strip()))
    if not names:
        raise BackendError("no output format given", Location("<deckgen>"))
    return names


def _run(
    outline_paths: Iterable[str | Path],
    formats: Sequence[str] | str | None,
    theme: str | None,
    out_dir: Path | None,
    sets: Sequence[str],
    strict: bool,
    progress: Progress | None,
    a11y: bool = False,
) -> BuildReport:
    source_date_epoch()  # an unusable value stops every output alike (EpochError)
    backends = {name: registry.load(name) for name in parse_formats(formats)}
    others = _OtherBackends(backends)
    report = BuildReport([], strict=strict)
    stems: dict[str, Path] = {}
    for path in outline_paths:
        result = OutlineReport(Path(path))
        report.outlines.append(result)
        # Outputs are named after the outline file, so two outlines called
        # talk.yaml (in different folders) would overwrite each other's files.
        first = stems.setdefault(result.path.stem, result.path)
        if out_dir is not None and first != result.path:
            result.add([_same_stem(result.path, first, out_dir)])
            continue
        if out_dir is not None and has_control_characters(result.path.stem):
            result.add([_unprintable_name(result.path)])
            continue
        with safeio.confined_to():  # each outline reads inside its own folders
            _build_one(
                result, backends, others, theme, out_dir, tuple(sets), strict, progress, a11y
            )
    return report


def _unprintable_name(path: Path) -> Diagnostic:
    return Diagnostic(
        "error",
        "the outline's file name has control characters, and outputs are named after it; "
        "rename the file",
        Location.of_file(path),
    )


def _same_stem(path: Path, first: Path, out_dir: Path) -> Diagnostic:
    return Diagnostic(
        "error",
        f"its outputs would overwrite those of {first} (both are named {path.stem!r}); "
        f"build it into another folder than {out_dir} with -o",
        Location(str(path)),
    )


def _build_one(
    result: OutlineReport,
    backends: Mapping[str, Any],
    others: _OtherBackends,
    theme_override: str | None,
    out_dir: Path | None,
    sets: tuple[str, ...],
    strict: bool,
    progress: Progress | None,
    a11y: bool = False,
) -> None:
    try:
        with _step(result, progress, "load"):
            outline = deckgen.outline.load(result.path, sets)
        with _step(result, progress, "theme"):
            theme = deckgen.theme.resolve(outline, override=theme_override)
    except DeckgenError as exc:
        result.add(exc.diagnostics)
        return

    safeio.confine(readable_folders(outline, theme))
    checked = _Checked(outline)
    # Once per outline, shared by every backend; its deck is shaped by
    # `outputs.pptx:` whichever backends run.
    talk = talk_of(outline, theme, checked("pptx", PPTX_OPTIONS))
    result.add(_other_outputs(outline, others, checked))
    planned = _layout_all(result, backends, outline, theme, talk, checked, progress)
    if a11y:
        _audit(result, talk, [plan for _, plan, _ in planned])
        return

    if out_dir is None or result.errors or (strict and result.warnings):
        return

    outputs = _render_all(result, backends, planned, progress)
    if result.errors:
        return  # every file of this outline stays as it was
    inputs = [p for _, _, job in planned for p in inputs_of(outline, theme, job.options)]
    try:
        with _step(result, progress, "write"):
            result.written = write_outputs(out_dir, outputs, inputs)
    except OverwritesInput:
        raise  # the command line is wrong (-o), not this outline
    except DeckgenError as exc:
        result.add(exc.diagnostics)


def _step(
    result: OutlineReport, progress: Progress | None, stage: str, backend: str | None = None
) -> _Timer:
    """Report a stage to `progress` (if any) and time it into `result`."""
    if progress is not None:
        progress(Step(result.path, stage, backend))
    return _Timer(result, stage, backend)


def _layout_all(
    result: OutlineReport,
    backends: Mapping[str, Any],
    outline: Outline,
    theme: Theme,
    talk: Talk,
    checked: _Checked,
    progress: Progress | None,
) -> list[tuple[str, Any, Job]]:
    """Each backend's plan with its job, for those whose options are valid
    and whose layout succeeded (the others' problems go into `result`)."""
    planned: list[tuple[str, Any, Job]] = []
    for name, backend in backends.items():
        options, problems = checked(name, backend.options)
        if problems:
            result.add(problems)
            continue
        settings = settings_for(backend, options)
        job = Job(outline, theme, types.MappingProxyType(options), talk, settings)
        try:
            with _step(result, progress, "layout", name):
                plan = backend.layout(job)
        except DeckgenError as exc:
            result.add(exc.diagnostics)
            continue
        result.add(getattr(plan, "diagnostics", ()) or ())
        planned.append((name, plan, job))
    return planned


def _render_all(
    result: OutlineReport,
    backends: Mapping[str, Any],
    planned: list[tuple[str, Any, Job]],
    progress: Progress | None,
) -> list[Output]:
    """Every planned backend's files (a backend's errors go into `result`)."""
    outputs: list[Output] = []
    for name, plan, job in planned:
        try:
            with _step(result, progress, "render", name):
                rendered = list(backends[name].render(plan, job))
            check_names(rendered, name)
        except DeckgenError as exc:
            result.add(exc.diagnostics)
            continue
        outputs.extend(rendered)
    return outputs


def _audit(result: OutlineReport, talk: Talk, plans: list[Any]) -> None:
    """The accessibility report in place of the layouts' warnings."""
    from deckgen.a11y import audit
    from deckgen.layout.handout.layout import Handout
    from deckgen.layout.poster.model import Poster

    result.diagnostics = result.errors
    try:
        deck = talk.deck
    except DeckgenError:
        deck = None  # its error is reported by the backends that draw it
    handout = next((p for p in plans if isinstance(p, Handout)), None)
    poster = next((p for p in plans if isinstance(p, Poster)), None)
    result.add(audit(talk.outline, deck, handout, poster, talk.look))


class _Checked:
    """Each backend's `outputs.<name>:` options checked once per outline:
    (values with defaults filled in, problems)."""

    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self._done: dict[str, tuple[dict[str, Any], list[Diagnostic]]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._done

    def problems(self, name: str) -> list[Diagnostic]:
        """What checking `outputs.<name>:` found (it must have been checked)."""
        return self._done[name][1]

    def __call__(
        self, name: str, specs: Sequence[OptionSpec]
    ) -> tuple[dict[str, Any], list[Diagnostic]]:
        if name not in self._done:
            given = self.outline.outputs.get(name, {})
            self._done[name] = validate(name, specs, given, self.outline.folder)
        return self._done[name]


class _OtherBackends:
    """Installed backends that are not part of this build, loaded only when an
    outline gives options for one of them (so that those are checked too)."""

    def __init__(self, building: Mapping[str, Any]) -> None:
        self.installed = registry.names()
        self.building = set(building)
        self._loaded: dict[str, Any] = {}

    def load(self, name: str) -> Any:
        """The backend, or the BackendError that keeps it from loading."""
        if name not in self._loaded:
            try:
                self._loaded[name] = registry.load(name)
            except BackendError as exc:
                self._loaded[name] = exc
        return self._loaded[name]


def _other_outputs(outline: Any, others: _OtherBackends, checked: _Checked) -> list[Diagnostic]:
    """Check `outputs:` entries for backends this build does not run.

    Their options are checked like any others (an outline is valid or not,
    whatever `-f` says). A backend that is not installed here is a warning,
    not an error: an outline shared between colleagues may carry options
    for a plugin one of them has not installed.
    """
    found: list[Diagnostic] = []
    installed = others.installed
    for name in outline.outputs:
        if name in others.building:
            continue  # checked when its job is made
        if name in checked:  # outputs.pptx, checked already for the deck
            found.extend(checked.problems(name))
            continue
        where = outline.outputs_locations.get(name, outline.location)
        if name not in installed:
            found.append(
                Diagnostic(
                    "warning",
                    f"outputs.{name}: no backend {name!r} is installed, so these options are "
                    f"not used{did_you_mean(name, installed)} (installed: {', '.join(installed)})",
                    where,
                )
            )
            continue
        backend = others.load(name)
        if isinstance(backend, BackendError):
            reason = backend.diagnostics[0].message
            found.append(
                Diagnostic(
                    "warning", f"outputs.{name}: options not checked, because {reason}", where
                )
            )
            continue
        found.extend(checked(name, backend.options)[1])
    return found


class _Timer:
    """Times one step into the report (for `deckgen build -v`)."""

    def __init__(self, result: OutlineReport, stage: str, backend: str | None) -> None:
        self._entry = (result, stage, backend)

    def __enter__(self) -> _Timer:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        result, stage, backend = self._entry
        result.timings.append((stage, backend, time.perf_counter() - self._start))


class _CallableModule(types.ModuleType):
    """`deckgen.build(...)` is the public API, and `deckgen.build` is also this
    module's name: whichever is bound last would hide the other, so the module
    itself calls `build`."""

    def __call__(self, *args: Any, **kwargs: Any) -> BuildReport:
        return build(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
