"""Check an outline's `outputs.<backend>:` options against the backend's OptionSpecs.

Backends declare their options as data; this one place turns the raw values
into typed ones (defaults filled in) and reports every problem with the
option's own line, so no backend re-implements option parsing. A backend
with a `settings` class (every built-in one) gets them once more as one
frozen object (`settings_for`), which is what it reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from deckgen.backends.base import OptionSpec
from deckgen.errors import Diagnostic
from deckgen.outline.model import Option
from deckgen.safeio import is_file, unusable_name
from deckgen.suggest import did_you_mean

__all__ = ["KINDS", "settings_for", "validate"]

KINDS = ("text", "bool", "int", "number", "path")

_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


def validate(
    backend: str,
    specs: Sequence[OptionSpec],
    given: Mapping[str, Option],
    folder: Path,
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Return (options with defaults filled in, errors), checking every given option.

    `folder` is the outline's folder: `path` options are relative to it and
    must stay inside it, like every other path in an outline.
    """
    by_name = {spec.name: spec for spec in specs}
    values: dict[str, Any] = {spec.name: spec.default for spec in specs}
    errors: list[Diagnostic] = []
    for key, option in given.items():
        where = f"outputs.{backend}.{key}"
        spec = by_name.get(key)
        if spec is None:
            listed = ", ".join(by_name) or "none"
            errors.append(
                Diagnostic(
                    "error",
                    f"{where}: unknown option {key!r} for backend {backend!r}"
                    f"{did_you_mean(key, by_name)} (its options: {listed})",
                    option.location,
                )
            )
            continue
        try:
            values[key] = _convert(spec, option.value, folder)
        except ValueError as exc:
            errors.append(Diagnostic("error", f"{where}: {exc}", option.location))
    return values, errors


def settings_for(backend: object, values: Mapping[str, Any]) -> object:
    """The backend's typed options made from validated `values`, or None for a
    backend without a `settings` class (a plugin reads `job.options`)."""
    kind = getattr(backend, "settings", None)
    return None if kind is None else kind.from_values(values)


def _convert(spec: OptionSpec, raw: Any, folder: Path) -> Any:
    """The typed value of one option; ValueError says what is wrong with it."""
    value = _aliased(spec, raw)
    if spec.kind == "bool":
        value = _as_bool(value)
    elif spec.kind == "int":
        value = _as_int(value)
    elif spec.kind == "number":
        value = _as_number(value)
    elif spec.kind == "path":
        return _as_path(value, folder)
    elif spec.kind == "text":
        value = _as_text(value)
    else:  # a backend bug, but say which option carries it
        raise ValueError(f"the backend declares an unknown kind {spec.kind!r} (one of {KINDS})")
    if spec.choices:
        return _choice(spec, value)
    return value


def _aliased(spec: OptionSpec, raw: Any) -> Any:
    if isinstance(raw, str):
        for alias, target in spec.aliases.items():
            if alias.casefold() == raw.strip().casefold():
                return target
    return raw


def _choice(spec: OptionSpec, value: Any) -> Any:
    for choice in spec.choices:
        same = (
            choice.casefold() == value.strip().casefold()
            if isinstance(choice, str) and isinstance(value, str)
            else choice == value and type(choice) is type(value)
        )
        if same:
            return choice
    spelled = [str(c) for c in spec.choices] + [str(a) for a in spec.aliases]
    hint = did_you_mean(str(value), spelled)
    raise ValueError(f"{value!r} is not one of {', '.join(spelled)}{hint}")


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    # YAML may have typed a bare `A3` or `2` as a number; for a text option
    # the user meant the text.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected text, got {_kind_of(value)}")


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise ValueError(f"expected true or false, got {value!r}")


def _as_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a whole number, got {value!r}")


def _as_number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            pass
        else:
            if number == number and abs(number) != float("inf"):
                return number
    raise ValueError(f"expected a number, got {value!r}")


def _as_path(value: Any, folder: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a file path, got {_kind_of(value)}")
    if "://" in value:
        raise ValueError(f"{value!r} is a URL; give a file inside the outline's folder")
    candidate = Path(value)
    if candidate.is_absolute():
        raise ValueError(f"{value!r} is an absolute path; give it relative to the outline's folder")
    problem = unusable_name(candidate)
    if problem:
        raise ValueError(f"{value[:60]!r}... cannot be a file name: {problem}")
    root = folder.resolve()
    # resolve() follows symlinks, so a link pointing out of the folder is caught too
    resolved = (root / candidate).resolve()
    if not resolved.is_relative_to(root):
        raise ValueError(f"{value!r} leaves the outline's folder")
    if not is_file(resolved):
        raise ValueError(f"file {value!r} not found (relative to {folder})")
    return resolved


def _kind_of(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r}"
