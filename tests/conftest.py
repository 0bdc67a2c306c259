"""Shared fixtures: a private site folder for fake plugin distributions, fake
backends with scripted behaviour, and outlines for the driver tests.

Fake backends are registered the real way: a `*.dist-info` folder with an
`entry_points.txt` on sys.path, which `importlib.metadata` finds exactly as it
finds a pip-installed package.
"""

from __future__ import annotations

import importlib
import itertools
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deckgen.errors import Location, OutlineError, ThemeError
from deckgen.outline.model import Option, Outline, Point, Section, Text
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme

_counter = itertools.count()

FAKE_BACKEND = """
from deckgen.backends.base import OptionSpec, Output, Plan
from deckgen.errors import Diagnostic, Location, RenderError


class Backend:
    name = {name!r}
    description = {description!r}
    options = (
        OptionSpec("size", default="A4", choices=("A4", "A3"), aliases={{"big": "A3"}}),
        OptionSpec("copies", kind="int", default=1),
        OptionSpec("color", kind="bool", default=True),
    )

    def layout(self, job):
        if {layout_error!r}:
            raise RenderError({layout_error!r}, Location(str(job.outline.path), 7, 3))
        diagnostics = [
            Diagnostic("warning", message, Location(str(job.outline.path), 5, 9))
            for message in {warnings!r}
        ]
        return Plan(diagnostics=diagnostics, content=dict(job.options))

    def render(self, plan, job):
        if {render_error!r}:
            raise RenderError({render_error!r}, Location(str(job.outline.path), 3, 1))
        if {crash!r}:
            raise ZeroDivisionError("a bug in the backend")
        text = "\\n".join(f"{{k}}={{v}}" for k, v in sorted(plan.content.items()))
        body = f"{{self.name}} of {{job.outline.title.plain}} v{version}\\n{{text}}\\n"
        return [Output(f"{{job.outline.stem}}-{{self.name}}.txt", body.encode())]
"""


@dataclass
class Site:
    """A folder on sys.path holding fake installed distributions."""

    root: Path
    entry_points: dict[str, list[str]] = field(default_factory=dict)

    def add_backend(
        self,
        name: str,
        *,
        dist: str = "deckgen-fakes",
        warnings: tuple[str, ...] = (),
        layout_error: str = "",
        render_error: str = "",
        crash: bool = False,
        version: int = 1,
        description: str = "a fake backend for tests",
        source: str | None = None,
        target: str | None = None,
    ) -> str:
        """Install a backend `name` in distribution `dist`; return its module name."""
        module = f"fake_backend_{next(_counter)}_" + re.sub(r"\W", "_", name)
        code = source or FAKE_BACKEND.format(
            name=name,
            description=description,
            warnings=list(warnings),
            layout_error=layout_error,
            render_error=render_error,
            crash=crash,
            version=version,
        )
        (self.root / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        self.entry_points.setdefault(dist, []).append(f"{name} = {target or module + ':Backend'}")
        self._write_dist(dist)
        importlib.invalidate_caches()
        return module

    def _write_dist(self, dist: str) -> None:
        info = self.root / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        lines = "\n".join(self.entry_points[dist])
        (info / "entry_points.txt").write_text(f"[deckgen.backends]\n{lines}\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    before = set(sys.modules)
    yield Site(root)
    for name in set(sys.modules) - before:
        if name.startswith("fake_backend_"):
            del sys.modules[name]


# ------------------------------------------------------------- fake outlines

FAKE_THEME = Theme(
    name="fake",
    colors=Colors(background="#FFFFFF", text="#000000", muted="#666666", accent="#C8102E"),
    fonts=Fonts(heading="Arimo", body="Arimo"),
    slide=SlideStyle(title_size=36, body_size=24, min_body_size=16),
)


@dataclass
class FakeOutlines:
    """Outline files whose loading is scripted, so the driver is tested alone."""

    folder: Path
    models: dict[Path, object] = field(default_factory=dict)

    def add(
        self,
        name: str = "talk.yaml",
        *,
        outputs: dict[str, dict[str, tuple[object, int]]] | None = None,
        error: tuple[int, int, str] | None = None,
    ) -> Path:
        """An outline file; `outputs` maps backend -> option -> (value, line)."""
        path = self.folder / name
        path.write_text("title: scripted by the test\n", encoding="utf-8")
        if error is not None:
            line, column, message = error
            self.models[path] = OutlineError(message, Location(str(path), line, column))
            return path
        options = {}
        for backend, given in (outputs or {}).items():
            options[backend] = {
                key: Option(value, Location(str(path), line, 5))
                for key, (value, line) in given.items()
            }
        self.models[path] = Outline(
            path=path,
            title=Text.of("A talk"),
            sections=(Section(id="one", title=Text.of("One"), points=(Point(Text.of("x")),)),),
            outputs=options,
            outputs_locations={b: Location(str(path), 20, 3) for b in options},
            location=Location(str(path), 1, 1),
        )
        return path

    def load(self, path: str | Path, sets: tuple[str, ...] = ()) -> Outline:
        model = self.models[Path(path).absolute()]
        if isinstance(model, Exception):
            raise model
        return model


@pytest.fixture
def outlines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeOutlines:
    import deckgen.outline
    import deckgen.theme

    def resolve(outline: Outline, override: str | None = None) -> Theme:
        if override not in (None, "fake"):
            raise ThemeError(f"unknown theme {override!r}", Location("<command line>"))
        return FAKE_THEME

    fakes = FakeOutlines(tmp_path / "talks")
    fakes.folder.mkdir()
    monkeypatch.setattr(deckgen.outline, "load", fakes.load, raising=False)
    monkeypatch.setattr(deckgen.theme, "resolve", resolve, raising=False)
    monkeypatch.chdir(tmp_path)
    return fakes
