"""One small error tree; every error and warning carries where it comes from.

Recoverable problems are `Diagnostic` values returned as data; a `DeckgenError`
stops the build and carries one or more diagnostics (all the problems found,
not just the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "BackendError",
    "DeckgenError",
    "Diagnostic",
    "FontError",
    "Location",
    "OutlineError",
    "RenderError",
    "ThemeError",
]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1 (0 = unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def or_else(self, fallback: Location) -> Location:
        """This location if it names a line, else `fallback` (text that
        deckgen made itself, or a default, has no line of its own)."""
        return self if self.line else fallback

    @classmethod
    def of_file(cls, path: str | Path) -> Location:
        return cls(str(path), 1, 1)


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem, printed as `FILE:LINE:COLUMN: error|warning: message`."""

    severity: Severity
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class DeckgenError(Exception):
    """Base of every error a user can cause. Never shown with a traceback."""

    def __init__(
        self,
        message: str | None = None,
        location: Location | None = None,
        *,
        diagnostics: tuple[Diagnostic, ...] | list[Diagnostic] = (),
    ) -> None:
        diags = list(diagnostics)
        if message is not None:
            diags.insert(0, Diagnostic("error", message, location or Location("<deckgen>")))
        if not diags:
            raise ValueError("a DeckgenError needs a message or diagnostics")
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diags)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @property
    def location(self) -> Location:
        return self.diagnostics[0].location


class OutlineError(DeckgenError):
    """The outline file is malformed or breaks the contract."""


class ThemeError(DeckgenError):
    """A theme is unknown, malformed, or extends itself."""


class FontError(DeckgenError):
    """A font family is missing, or no font covers a character the text uses."""


class BackendError(DeckgenError):
    """A backend is unknown, clashes with another, or got bad options."""


class RenderError(DeckgenError):
    """Content that cannot be laid out (e.g. a point too long even alone)."""
