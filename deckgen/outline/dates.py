"""Dates of the precision written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

from __future__ import annotations

import calendar
import re

from deckgen.outline.model import Date

__all__ = ["parse_date"]

# Month and day may have one digit, as in a YAML date (1969-7-20). A year may
# have fewer than four digits (an int year such as 362, for ancient history).
_DATE = re.compile(r"(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_MONTHS = calendar.month_name


def parse_date(text: str) -> Date:
    """The `Date` written in `text`; `ValueError` says what is wrong."""
    s = text.strip()
    m = _DATE.fullmatch(s)
    if not m:
        raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {s!r}")
    year = int(m.group(1))
    if year < 1:
        raise ValueError(f"year {year} is out of range (0001-9999)")
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{s} is not a date: there is no month {month}")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{s} is not a date: {_MONTHS[month]} {year} has {last} days")
    return Date(year, month, day)
