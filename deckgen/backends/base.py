"""The backend protocol: what a built-in or third-party output must provide.

A backend is a class registered in the entry point group `deckgen.backends`
(built-ins too, in deckgen's own pyproject.toml). The driver calls, in order:

1. ``layout(job)``: pure; decide everything (pages, splits, sizes, positions)
   and return a plan object with a ``diagnostics`` attribute (a list of
   `Diagnostic`). ``deckgen check`` stops here and prints the diagnostics.
2. ``render(plan, job)``: draw the plan; return the files to write as
   `Output`s. The driver writes each one atomically; a backend never touches
   the file system for output.

A backend may raise any `DeckgenError` (with a location) from either step.

Options: a backend declares them as `OptionSpec`s (`options`); the driver
checks `outputs.<name>:` against them once and hands the values over as
`job.options`. A backend may also declare `settings`, a frozen dataclass
with a `from_values` classmethod (see `Settings`; every built-in backend
has one): the driver then makes it once from those values as `job.settings`,
and the backend reads typed values, never parsing again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, Self, TypeVar, runtime_checkable

from deckgen.errors import Diagnostic
from deckgen.layout.common.plan import Talk
from deckgen.outline.model import Outline
from deckgen.theme.model import Theme

__all__ = ["Backend", "Job", "OptionSpec", "Output", "Plan", "Settings", "settings_of"]


@dataclass(frozen=True)
class OptionSpec:
    """One option a backend accepts under `outputs.<name>:` in the outline.

    `choices` restricts the value (compared case-insensitively for text);
    `kind` is one of 'text', 'bool', 'int', 'number', 'path'. `aliases` maps
    another accepted spelling onto a choice (e.g. '24x36in' -> 'ARCH-D').
    """

    name: str
    kind: str = "text"
    default: Any = None
    choices: tuple[Any, ...] = ()
    aliases: Mapping[str, Any] = field(default_factory=dict)
    help: str = ""


@dataclass(frozen=True)
class Job:
    """Everything a backend needs for one outline.

    `options` maps each of the backend's options to its validated value
    (defaults filled in); a built-in backend's `settings` are the same values
    typed (see `Settings`), made once by the driver. `talk` is the plan
    every output shares (look, words, dates, the deck), made once per outline
    by the driver; a job made in code without one plans it here from the
    outline (its `outputs.pptx:` for the deck).
    """

    outline: Outline
    theme: Theme
    options: Mapping[str, Any]  # validated, defaults filled in
    talk: Talk = field(default=None)  # type: ignore[assignment]  # filled in below
    settings: object = None  # the backend's typed options; None: not made yet

    def __post_init__(self) -> None:
        if self.talk is None:
            from deckgen.templates import talk_of  # the deck's options, validated here

            object.__setattr__(self, "talk", talk_of(self.outline, self.theme))


class Settings(Protocol):
    """A backend's typed options: a frozen dataclass made from validated values."""

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Self:
        """From the options as validated against the backend's OptionSpecs."""
        ...


S = TypeVar("S", bound=Settings)


def settings_of(job: Job, kind: type[S]) -> S:
    """The job's typed options: the driver's, or, for a job made in code, made
    here from its `options` (a key left out keeps its default)."""
    if isinstance(job.settings, kind):
        return job.settings
    return kind.from_values(job.options)


@dataclass(frozen=True)
class Output:
    """One file to write: `name` is a file name (no folder), `data` its bytes."""

    name: str
    data: bytes


@dataclass
class Plan:
    """A minimal plan for backends with nothing to decide ahead of drawing."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    content: Any = None


@runtime_checkable
class Backend(Protocol):
    name: ClassVar[str]  # the name used with -f and under outputs:
    description: ClassVar[str]  # one line, shown by `deckgen backends`
    options: ClassVar[Sequence[OptionSpec]]
    # Optional, so not part of the protocol: `settings: ClassVar[type[Settings]]`.

    def layout(self, job: Job) -> Any:
        """Decide everything; return a plan with a `diagnostics` list."""

    def render(self, plan: Any, job: Job) -> list[Output]:
        """Draw the plan; return the files to write (named after `job.outline.stem`)."""
