"""The safe, location-keeping YAML reader shared by outlines and themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen._yaml import (
    MAX_BYTES,
    NodeValueError,
    as_bool,
    as_float,
    as_int,
    as_text,
    deep_merge,
    parse_value,
    read_yaml,
    unknown_key_message,
)
from deckgen.errors import OutlineError, ThemeError


def errors(text: str | bytes, **kw) -> list[str]:
    with pytest.raises((OutlineError, ThemeError)) as info:
        read_yaml(text, "t.yaml", **kw)
    return [str(d) for d in info.value.diagnostics]


def test_scalars_stay_text_and_know_their_place():
    root = read_yaml("title: no\nversion: 1.10\nday: 2023-02-30\nsw: on\nempty:\n", "t.yaml")
    assert root.plain() == {
        "title": "no",
        "version": "1.10",
        "day": "2023-02-30",
        "sw": "on",
        "empty": None,
    }
    assert str(root.get("version").location) == "t.yaml:2:10"
    assert str(root.key_location("day")) == "t.yaml:3:1"
    assert root.get("title").tag == "bool"  # what YAML would have made of it
    assert root.get("day").tag == "timestamp"


def test_locations_count_characters_not_bytes():
    root = read_yaml("- «Союз»: Юрий\n", "t.yaml")
    item = root.value[0]
    assert str(item.get("«Союз»").location) == "t.yaml:1:11"


def test_duplicate_key_points_at_the_second():
    assert errors("a: 1\nb:\n  c: 1\n  c: 2\n") == [
        "t.yaml:4:3: error: b.c: duplicate key 'c' (first given at line 3, column 3)"
    ]


def test_object_tags_refused_all_at_once():
    msgs = errors("x: !!python/object:os.system ls\ny: !foo bar\nz: !!str fine\n")
    assert len(msgs) == 2
    assert msgs[0].startswith("t.yaml:1:4: error: x: tag !!python/object:os.system is not allowed")
    assert msgs[1].startswith("t.yaml:2:4: error: y: tag !foo is not allowed")


def test_error_class_is_the_callers():
    with pytest.raises(ThemeError):
        read_yaml("a: [", "t.yaml", error=ThemeError)


def test_malformed_yaml_has_line_and_column():
    (msg,) = errors("a: 1\nb: c: d\n")
    # libyaml says "... in this context", pure-Python PyYAML "... here"
    assert msg.startswith("t.yaml:2:5: error: malformed YAML: mapping values are not allowed")


def test_alias_bomb_refused_fast():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (msg,) = errors("\n".join(lines) + "\n")  # expanding it would take 10^10 values
    assert "alias bomb" in msg


def test_recursive_alias_refused():
    (msg,) = errors("a: &a [1, *a]\n")
    assert msg.startswith("t.yaml:1:11: error: YAML: alias *a refers to itself")


def test_deep_flow_nesting_refused():
    (msg,) = errors("a: " + "[" * 200_000 + "]" * 200_000)
    assert "nest" in msg  # ours ("nested more than 64 levels") or libyaml's own limit


def test_deep_block_nesting_refused():
    text = "".join(" " * i + "- \n" for i in range(0, 400, 2))
    (msg,) = errors(text)
    assert msg.startswith("t.yaml:65:129: error: YAML: nested more than 64 levels deep")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: ok\nb: x\x01y\n", "t.yaml:2:5"),
        ("a: ok\n\nb: x\ufffe\n", "t.yaml:3:5"),
        ("a: x\uffff\n", "t.yaml:1:5"),
        ("a: x\ud800\n", "t.yaml:1:5"),
        ("a: x\x7f\n", "t.yaml:1:5"),
    ],
)
def test_bad_characters_refused_with_line(text, where):
    msgs = errors(text)
    assert msgs[0].startswith(where + ": error:")
    assert "is not allowed" in msgs[0]


def test_escaped_control_character_refused():
    (msg,) = errors('a: ok\nb: "x\\x07"\n')
    assert msg.startswith("t.yaml:2:4: error: b: character U+0007 is not allowed")


def test_invalid_utf8_has_line():
    (msg,) = errors(b"a: 1\nb: caf\xe9\n")
    assert msg.startswith("t.yaml:2:7: error:")
    assert "UTF-8" in msg


def test_size_cap(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# x\n" * (MAX_BYTES // 4 + 1))
    with pytest.raises(OutlineError, match="larger than 10 MB"):
        read_yaml(big)


def test_missing_file_is_an_error(tmp_path: Path):
    with pytest.raises(OutlineError, match="cannot read"):
        read_yaml(tmp_path / "nope.yaml")


def test_merge_keys_explicit_wins():
    root = read_yaml("b: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "t.yaml")
    assert root.get("c").plain() == {"x": "1", "y": "3"}


def test_second_document_refused():
    (msg,) = errors("a: 1\n---\nb: 2\n")
    assert msg.startswith("t.yaml:2:1: error:")


def test_empty_document_is_nothing():
    assert read_yaml("", "t.yaml").is_null
    assert read_yaml("# only a comment\n", "t.yaml").is_null


def test_converters():
    root = read_yaml("i: 12\nf: 10.5\nb: Yes\nt: hello\nl: [1]\nx: 1.5.2\n", "t.yaml")
    assert as_int(root.get("i")) == 12
    assert as_float(root.get("f")) == 10.5
    assert as_bool(root.get("b")) is True
    assert as_text(root.get("t")) == "hello"
    with pytest.raises(NodeValueError, match="expected text, got a list"):
        as_text(root.get("l"))
    with pytest.raises(NodeValueError, match="expected a number, got '1.5.2'"):
        as_float(root.get("x"))
    with pytest.raises(NodeValueError, match="whole number"):
        as_int(root.get("f"))


def test_unknown_key_message():
    assert (
        unknown_key_message("pionts", ["points", "title"])
        == "unknown key 'pionts', did you mean 'points'?"
    )
    assert unknown_key_message("zzz", ["points", "title"]) == (
        "unknown key 'zzz' (allowed: points, title)"
    )


def test_deep_merge_keeps_winning_locations():
    base = read_yaml("colors: {text: '#000000', accent: '#111111'}\n", "base.yaml")
    over = read_yaml("colors:\n  accent: '#C8102E'\n", "child.yaml")
    merged = deep_merge(base, over)
    assert merged.plain() == {"colors": {"text": "#000000", "accent": "#C8102E"}}
    assert merged.get("colors").get("accent").location.file == "child.yaml"
    assert merged.get("colors").get("text").location.file == "base.yaml"


def test_parse_value_keeps_text():
    assert parse_value("#C8102E").value == "#C8102E"
    assert parse_value("no").value == "no"
    assert parse_value("").is_null
    assert parse_value("[a, b]").plain() == ["a", "b"]
    assert parse_value("'quoted: yes'").value == "quoted: yes"


def test_quoted_null_is_checked_not_crashed_on():
    assert read_yaml('a: !!null "x"\n').value["a"].value is None
    (msg,) = errors('a: !!null "x\\x07"\n')
    assert "character U+0007 is not allowed" in msg
