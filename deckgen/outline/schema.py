"""The JSON Schema (draft 2020-12) of the outline format, for `deckgen schema`.

Editors (e.g. the YAML language server) use it for completion and checks
while typing. It mirrors the loader: text fields accept any scalar, since a
title `no` or `1.10` is text to deckgen; the loader remains the judge (it
also checks files, references between values and dates on the calendar).
"""

from __future__ import annotations

from typing import Any

from deckgen.outline.model import SLIDE_LAYOUTS

__all__ = ["json_schema"]


_DATE_PATTERN = r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _object(
    properties: dict[str, Any], required: tuple[str, ...] = (), description: str = ""
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _list(item: dict[str, Any], description: str = "", min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": item}
    if min_items:
        schema["minItems"] = min_items
    if description:
        schema["description"] = description
    return schema


def _defs() -> dict[str, Any]:
    text = {
        "type": ["string", "number", "boolean"],
        "description": "Text with inline markup: **bold**, *italic*, [label](https://url); "
        "\\ escapes *, [ and \\.",
    }
    return {
        "text": text,
        "longText": {
            **text,
            "description": "Paragraphs of inline-markup text, separated by a blank line.",
        },
        "date": {
            "description": "YYYY, YYYY-MM or YYYY-MM-DD (a YAML date or an int year too).",
            "anyOf": [
                {"type": "string", "pattern": _DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        },
        "color": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$", "description": "#RRGGBB"},
        "url": {"type": "string", "pattern": "^(?i:https?://[^\\s/?#]+\\S*|mailto:\\S+)$"},
        "image": _object(
            {
                "src": {
                    "type": "string",
                    "description": "A PNG or JPEG file, relative to the outline, inside its "
                    "folder; never a URL.",
                },
                "alt": {
                    **text,
                    "description": "Alternative text for screen readers (required).",
                },
                "caption": _ref("text"),
                "credit": _ref("text"),
                "focus": {
                    "type": "array",
                    # a number, or its YAML text as the loader reads it
                    "items": {
                        "anyOf": [
                            {"type": "number", "minimum": 0, "maximum": 1},
                            {"type": "string", "pattern": "^(0?\\.[0-9]+|[01](\\.0*)?)$"},
                        ]
                    },
                    "minItems": 2,
                    "maxItems": 2,
                    "description": "[x, y]: the point kept in view when the picture is cropped.",
                },
                "fit": {
                    "enum": ["cover", "contain"],
                    "description": "cover: fill the frame, cropping around focus; contain: whole.",
                },
            },
            ("src", "alt"),
            "A picture.",
        ),
        "quote": {
            "anyOf": [
                _ref("text"),
                _object({"text": _ref("text"), "by": _ref("text")}, ("text",)),
            ],
            "description": "A pull quote: {text, by} (or just the text).",
        },
        "point": {
            "anyOf": [
                _ref("text"),
                _object(
                    {"text": _ref("text"), "points": _list(_ref("text"), "One nested level.")},
                    ("text",),
                ),
            ],
            "description": "A key point: text, or {text, points: [text, ...]}.",
        },
        "points": _list(_ref("point")),
        "column": _object({"heading": _ref("text"), "points": _ref("points")}, ("points",)),
        "slide": _object(
            {
                "layout": {"enum": list(SLIDE_LAYOUTS)},
                "title": _ref("text"),
                "points": _ref("points"),
                "left": _ref("column"),
                "right": _ref("column"),
                "image": _ref("image"),
                "quote": _ref("quote"),
                "text": _ref("text"),
                "notes": _ref("longText"),
                "table": _ref("table"),
                "code": _ref("code"),
                "chart": _ref("chart"),
                "math": {"type": "string", "description": "LaTeX math: one displayed equation."},
                "caption": _ref("text"),
                "reveal": {
                    "type": ["boolean", "string"],
                    "description": "Points appear one at a time.",
                },
            },
            ("layout",),
            "An explicit slide.",
        ),
        "table": _object(
            {
                "header": _list(_ref("text"), "The header row's cells."),
                "rows": _list(_list(_ref("text")), "Rows of cells, as many as the header.", 1),
                "align": _list({"enum": ["left", "center", "right"]}, "Per column."),
            },
            ("rows",),
            "A table (numbers are right-aligned unless align says otherwise).",
        ),
        "code": _object(
            {
                "text": {"type": "string", "description": "The code, whitespace kept."},
                "language": {"type": "string", "description": "A Pygments language name."},
                "highlight": _list(
                    {"type": ["integer", "string"], "pattern": "^\\d+(-\\d+)?$"},
                    "Lines to emphasise: 3 or '5-7'.",
                ),
            },
            ("text",),
            "A code listing.",
        ),
        "series": _object(
            {"name": _ref("text"), "values": _list({"type": ["number", "string"]})},
            ("name", "values"),
            "One series of a chart: its name and one number per category.",
        ),
        "chart": _object(
            {
                "type": {"enum": ["bar", "column", "line", "pie"]},
                "categories": _list(_ref("text"), min_items=1),
                "series": _list(_ref("series"), "One value per category; pie takes one series.", 1),
                "unit": _ref("text"),
            },
            ("type", "categories", "series"),
            "A chart.",
        ),
        "section": _object(
            {
                "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                "title": _ref("text"),
                "summary": _ref("longText"),
                "points": _ref("points"),
                "notes": _ref("longText"),
                "image": _ref("image"),
                "quote": _ref("quote"),
                "slides": _list(_ref("slide")),
            },
            ("title",),
            "A section of the talk; needs one of summary, points, image, quote, slides.",
        ),
        "event": _object(
            {
                "date": _ref("date"),
                "end": _ref("date"),
                "title": _ref("text"),
                "text": _ref("text"),
                "section": {"type": "string", "description": "The id of a section."},
                "group": {"type": "string", "description": "A key of timeline.groups."},
                "image": _ref("image"),
            },
            ("date", "title"),
        ),
        "era": _object(
            {
                "start": _ref("date"),
                "end": _ref("date"),
                "label": _ref("text"),
                "color": _ref("color"),
            },
            ("start", "end", "label"),
        ),
        "group": {
            "anyOf": [
                _ref("text"),
                _object({"label": _ref("text"), "color": _ref("color")}, ("label",)),
            ]
        },
        "timeline": _object(
            {
                "title": _ref("text"),
                "events": _list(_ref("event"), min_items=1),
                "eras": _list(_ref("era")),
                "groups": {"type": "object", "additionalProperties": _ref("group")},
                "groups_label": _ref("text"),
            },
            ("events",),
        ),
        "reference": {
            "anyOf": [
                _ref("text"),
                _object({"text": _ref("text"), "url": _ref("url")}, ("text",)),
            ]
        },
        "source": _object(
            {
                "title": _ref("text"),
                "publisher": _ref("text"),
                "url": {"type": "string", "pattern": "^(?i:https?://[^\\s/?#]+\\S*)$"},
            }
        ),
    }


def json_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict (a fresh copy each call)."""
    properties = {
        "format": {"enum": [1, 2, "1", "2"], "description": "Version of the format (1 or 2)."},
        "title": _ref("text"),
        "subtitle": _ref("text"),
        "author": _ref("text"),
        "date": {
            "type": ["string", "integer"],
            "description": "Shown as written (a YAML date as ISO).",
        },
        "language": {
            "type": "string",
            "description": "A BCP 47 language tag, e.g. en, en-GB, ru.",
            "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        },
        "theme": {"type": "string", "description": "A built-in theme name or a theme file."},
        "theme_overrides": {
            "type": "object",
            "description": "Theme keys deep-merged over the chosen theme.",
        },
        "source": _ref("source"),
        "cover": _ref("image"),
        "sections": _list(_ref("section"), "The body of the talk, in order.", min_items=1),
        "timeline": _ref("timeline"),
        "references": _list(_ref("reference"), "Further reading."),
        "notes": {**_ref("longText"), "description": "Speaker notes of the title slide."},
        "outputs": {
            "type": "object",
            "description": "Options per output (backend name -> options).",
            "additionalProperties": {"type": ["object", "null"]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "deckgen outline (format 2)",
        "description": "One talk: deckgen makes a deck, a handout and a poster from it.",
        **_object(properties, ("title", "sections")),
        "$defs": _defs(),
    }
