"""Inline markup: parsed once into runs, the same for every output."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.errors import Location, OutlineError
from deckgen.outline.markup import paragraphs, parse_inline

HERE = Location("t.yaml", 3, 5)


def runs(s: str) -> list[tuple[str, str]]:
    """Each run as (text, style): style is b, i, bi, or '' plus '@url' for links."""
    out = []
    for r in parse_inline(s, HERE):
        style = ("b" if r.bold else "") + ("i" if r.italic else "")
        out.append((r.text, style + (f"@{r.link}" if r.link else "")))
    return out


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain", [("plain", "")]),
        ("**bold**", [("bold", "b")]),
        ("*italic*", [("italic", "i")]),
        ("***both***", [("both", "bi")]),
        ("**bold *and italic***", [("bold ", "b"), ("and italic", "bi")]),
        ("*italic **and bold***", [("italic ", "i"), ("and bold", "bi")]),
        ("a **b** c", [("a ", ""), ("b", "b"), (" c", "")]),
        ("a*b*c", [("a", ""), ("b", "i"), ("c", "")]),
        ("*unmatched", [("*unmatched", "")]),
        ("unmatched*", [("unmatched*", "")]),
        ("5 * 3 * 2", [("5 * 3 * 2", "")]),
        ("**", [("**", "")]),
        ("**not closed *", [("**not closed *", "")]),
        (r"\*not italic\*", [("*not italic*", "")]),
        (r"\[not a link](https://x.org)", [("[not a link](https://x.org)", "")]),
        (r"back\\slash", [("back\\slash", "")]),
        (r"other \escapes \n stay", [(r"other \escapes \n stay", "")]),
        ("[label](https://x.org)", [("label", "@https://x.org")]),
        (
            "see [**the** docs](https://x.org/a_(b)) now",
            [
                ("see ", ""),
                ("the", "b@https://x.org/a_(b)"),
                (" docs", "@https://x.org/a_(b)"),
                (" now", ""),
            ],
        ),
        ("[mail](mailto:a@b.org)", [("mail", "@mailto:a@b.org")]),
        ("[](https://x.org)", [("https://x.org", "@https://x.org")]),
        ("[not a link] (https://x.org)", [("[not a link] (https://x.org)", "")]),
        ("[no url]()", [("[no url]()", "")]),
        ("[spaced](https://x.org/a b)", [("[spaced](https://x.org/a b)", "")]),
        ("*a [b](https://x.org) c*", [("a ", "i"), ("b", "i@https://x.org"), (" c", "i")]),
        ("Юрий **Гагарин**", [("Юрий ", ""), ("Гагарин", "b")]),
    ],
)
def test_parse_inline(source, expected):
    assert runs(source) == expected


@pytest.mark.parametrize(
    "link", ["ftp://x.org", "javascript:alert(1)", "file:///etc/passwd", "x.html", "https://"]
)
def test_links_only_http_https_mailto(link):
    with pytest.raises(OutlineError) as info:
        parse_inline(f"[x]({link})", HERE)
    (diag,) = info.value.diagnostics
    assert diag.location == HERE
    assert link in diag.message


def test_paragraphs():
    assert paragraphs("one\ntwo  \n  three\n\n\nfour\n \nfive\n") == [
        "one two three",
        "four",
        "five",
    ]
    assert paragraphs("") == []


_TEXT = st.text(alphabet=st.sampled_from("ab *[]()\\\nЮ:/"), max_size=40)


@given(_TEXT)
def test_never_crashes_and_keeps_all_letters(s):
    try:
        result = parse_inline(s, HERE)
    except OutlineError:
        return  # a link with a bad URL: reported, fine
    letters = [c for c in s if c.isalpha()]
    assert [c for r in result for c in r.text if c.isalpha()] == letters


@given(st.text(alphabet=st.characters(blacklist_characters="*[\\$"), max_size=60))
def test_text_without_markup_is_one_plain_run(s):
    result = parse_inline(s, HERE)
    assert "".join(r.text for r in result) == s
    assert all(not (r.bold or r.italic or r.link) for r in result)


def test_hostile_text():
    # Quadratic link search took ~15 s on this; bench/bench_outline.py measures speed.
    result = parse_inline("*a " * 5_000 + "[x](" * 2_000, HERE)
    assert "".join(r.text for r in result) == "*a " * 5_000 + "[x](" * 2_000


def test_single_line_fields_fold_every_line_break():
    from deckgen.outline.markup import single_line

    assert single_line("one\n\n  two \nthree") == "one two three"
