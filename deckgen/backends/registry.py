"""Find and load backends through the entry point group `deckgen.backends`.

Built-in backends are registered in deckgen's own pyproject.toml exactly as a
third-party package registers a plugin, so both take the same path. An entry
point is only a lazy pointer (`module:Class`): listing names imports nothing,
and `load(name)` imports just the backend asked for.
"""

from __future__ import annotations

import importlib.metadata as metadata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from deckgen.backends.base import Backend, OptionSpec
from deckgen.errors import BackendError, Location
from deckgen.suggest import did_you_mean

__all__ = ["GROUP", "Registration", "available", "load", "names", "registrations"]

GROUP = "deckgen.backends"

# Registry errors come from the command line or the environment, not a file.
_HERE = Location("<deckgen>")


@dataclass(frozen=True)
class Registration:
    """One entry point claiming a backend name (nothing imported yet)."""

    name: str
    target: str  # 'module:Class'
    distribution: str  # the installed package that declares it
    version: str

    @property
    def builtin(self) -> bool:
        return self.distribution.casefold() == "deckgen"


def registrations() -> dict[str, tuple[Registration, ...]]:
    """Every backend name -> the entry points claiming it (more than one is a clash)."""
    found: dict[str, list[Registration]] = {}
    # `entry_points()` already keeps only the first of several copies of one
    # distribution on sys.path (e.g. an editable install seen twice), so two
    # registrations of one name always mean two different packages.
    for ep in metadata.entry_points(group=GROUP):
        dist = ep.dist
        reg = Registration(
            name=ep.name,
            target=ep.value,
            distribution=dist.metadata["Name"] if dist else "?",
            version=dist.version if dist else "?",
        )
        found.setdefault(ep.name, []).append(reg)
    return {
        name: tuple(sorted(regs, key=lambda r: r.distribution.casefold()))
        for name, regs in sorted(found.items())
    }


def names() -> list[str]:
    """Sorted names of every installed backend; imports nothing."""
    return list(registrations())


def _registration(name: str) -> Registration:
    regs = registrations()
    if name not in regs:
        listed = ", ".join(regs) or "none"
        raise BackendError(
            f"unknown backend {name!r}{did_you_mean(name, regs)} (installed: {listed})", _HERE
        )
    claims = regs[name]
    if len(claims) > 1:
        who = "; ".join(f"{r.distribution} {r.version} ({r.target})" for r in claims)
        raise BackendError(
            f"backend {name!r} is claimed by {len(claims)} installed packages: {who}; "
            "uninstall all but one",
            _HERE,
        )
    return claims[0]


def load(name: str) -> Backend:
    """Import, instantiate and check the backend called `name`.

    Raises BackendError for an unknown name (listing the installed ones), a
    name claimed by two packages, a backend that fails to import, and a class
    that does not satisfy the `Backend` protocol.
    """
    reg = _registration(name)
    try:
        return _instantiate(reg)
    except _Unusable as exc:
        origin = f"backend {name!r} ({reg.target} from {reg.distribution} {reg.version})"
        raise BackendError(f"{origin} {exc}", _HERE) from exc.__cause__


class _Unusable(Exception):
    """Why a registered backend cannot be used (worded to follow its name)."""


def _instantiate(reg: Registration) -> Backend:
    ep = metadata.EntryPoint(name=reg.name, value=reg.target, group=GROUP)
    try:
        cls = ep.load()
    except Exception as exc:  # a broken plugin must not look like a deckgen crash
        raise _Unusable(f"cannot be imported: {type(exc).__name__}: {exc}") from exc
    try:
        backend = cls()
    except Exception as exc:
        raise _Unusable(f"cannot be created: {type(exc).__name__}: {exc}") from exc
    problems = _protocol_problems(backend, reg.name)
    if problems:
        raise _Unusable(f"is not a valid backend: {'; '.join(problems)}")
    return cast(Backend, backend)  # checked member by member just above


def _protocol_problems(backend: object, name: str) -> list[str]:
    """What keeps `backend` from satisfying the Backend protocol (empty: nothing)."""
    problems = []
    declared = getattr(backend, "name", None)
    if not isinstance(declared, str):
        problems.append("'name' must be a string")
    elif declared != name:
        problems.append(f"it calls itself {declared!r} but is registered as {name!r}")
    if not isinstance(getattr(backend, "description", None), str):
        problems.append("'description' must be a string")
    options = getattr(backend, "options", None)
    if not isinstance(options, Sequence) or isinstance(options, str):
        problems.append("'options' must be a sequence of OptionSpec")
    elif not all(isinstance(o, OptionSpec) for o in options):
        problems.append("every entry of 'options' must be an OptionSpec")
    for method in ("layout", "render"):
        if not callable(getattr(backend, method, None)):
            problems.append(f"it has no {method}() method")
    return problems


def available() -> list[tuple[str, str]]:
    """Every installed backend as (name, one-line description).

    Descriptions need each backend imported; a backend that cannot be loaded
    is still listed, with the reason instead of a description, so that
    `deckgen backends` helps to diagnose a broken installation.
    """
    rows = []
    for name, claims in registrations().items():
        if len(claims) > 1:
            who = ", ".join(r.distribution for r in claims)
            rows.append((name, f"(unusable: claimed by {len(claims)} packages: {who})"))
            continue
        try:
            backend = _instantiate(claims[0])
        except _Unusable as exc:
            rows.append((name, f"(unusable: {exc}; from {claims[0].distribution})"))
            continue
        origin = "" if claims[0].builtin else f" [{claims[0].distribution} {claims[0].version}]"
        lines = backend.description.strip().splitlines()
        rows.append((name, (lines[0] if lines else "") + origin))
    return rows
