"""The JSON Schema of the outline format agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deckgen._yaml import read_yaml
from deckgen.outline.schema import json_schema
from deckgen.outline.validate import KEYS

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")

REPO = Path(__file__).resolve().parents[2]
OUTLINES = sorted((REPO / "tests" / "fixtures" / "outlines").glob("*.yaml")) + [
    p for p in [REPO / "content" / "space_race.yaml"] if p.exists()
]


def _without_nulls(value):
    """The loader treats an empty optional value as absent; so does this check."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_valid_json_and_stable():
    schema = json_schema()
    assert json.loads(json.dumps(schema, sort_keys=True)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json_schema() == schema


@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.name)
def test_outlines_validate(path):
    data = _without_nulls(read_yaml(path).plain())
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects():
    validator = _validator()
    bad = [
        {"sections": [{"title": "S", "points": ["a"]}]},  # no title
        {"title": "T", "sections": []},
        {"title": "T", "sections": [{"title": "S", "pionts": ["a"]}]},
        {"title": "T", "sections": [{"title": "S", "image": {"src": "a.png"}}]},
        {"title": "T", "sections": [{"title": "S", "slides": [{"layout": "bulets"}]}]},
        {"title": "T", "sections": [{"title": "S", "points": [["a"]]}]},
        {"title": "T", "sections": [{"title": "S", "points": ["a"]}], "timeline": {"events": []}},
        {"title": "T", "sections": [{"id": "Bad Id", "title": "S", "points": ["a"]}]},
    ]
    for data in bad:
        assert not validator.is_valid(data), data


def _properties(schema, node):
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for option in node.get("anyOf", []):
        if "$ref" in option or option.get("type") == "object":
            found = _properties(schema, option)
            if found is not None:
                return found
    return set(node["properties"]) if "properties" in node else None


@pytest.mark.parametrize(
    ("kind", "ref"),
    [
        ("section", "section"),
        ("point", "point"),
        ("image", "image"),
        ("quote", "quote"),
        ("column", "column"),
        ("slide", "slide"),
        ("timeline", "timeline"),
        ("event", "event"),
        ("era", "era"),
        ("group", "group"),
        ("reference", "reference"),
        ("source", "source"),
    ],
)
def test_schema_keys_match_the_loader(kind, ref):
    schema = json_schema()
    assert _properties(schema, {"$ref": f"#/$defs/{ref}"}) == set(KEYS[kind])


def test_top_level_keys_match_the_loader():
    assert set(json_schema()["properties"]) == set(KEYS["outline"])
