"""SOURCE_DATE_EPOCH, read and checked once for every output.

The reproducible-builds convention: a Unix time in seconds, written in ASCII
digits. Anything else (a float, a sign, a non-ASCII digit, a time past what a
zip or PDF date can hold) is refused before any output is made, instead of
one backend crashing on it and another ignoring it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from deckgen.errors import DeckgenError, Location

__all__ = ["FIXED_EPOCH", "MAX_EPOCH", "EpochError", "build_epoch", "source_date_epoch"]

# Without SOURCE_DATE_EPOCH every build carries this instant (the zip format's
# own epoch), so the same outline always gives the same bytes.
FIXED_EPOCH = 315532800  # 1980-01-01T00:00:00Z
# Zip timestamps end in 2107; keep to a year every format holds.
MAX_EPOCH = 4102444799  # 2099-12-31T23:59:59Z

_DIGITS = re.compile(r"[0-9]{1,20}")  # ASCII only: str.isdigit() accepts '١٢٣' and '²'


class EpochError(DeckgenError):
    """SOURCE_DATE_EPOCH is set to something that is not a usable time."""


def source_date_epoch(environ: Mapping[str, str] | None = None) -> int | None:
    """The variable's value, None when unset or empty; EpochError when unusable."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip()
    if not _DIGITS.fullmatch(value):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={ascii(raw)[1:-1]!s} is not a whole number of seconds "
            "written in the digits 0-9 (e.g. SOURCE_DATE_EPOCH=1700000000)",
            Location("<environment>"),
        )
    seconds = int(value)
    if seconds > MAX_EPOCH:
        raise EpochError(
            f"SOURCE_DATE_EPOCH={value[:24]} is out of range (0 to {MAX_EPOCH}, "
            "i.e. up to the end of 2099)",
            Location("<environment>"),
        )
    return seconds


def build_epoch() -> int:
    """The instant every output carries: SOURCE_DATE_EPOCH, or FIXED_EPOCH."""
    seconds = source_date_epoch()
    return FIXED_EPOCH if seconds is None else seconds
