"""Hypothesis strategies: random outlines the contract allows (and some it
does not), as plain Python trees ready for yaml.safe_dump."""

from __future__ import annotations

from hypothesis import strategies as st

# Scripts and marks a lecturer's text really contains (every theme font covers them).
_ALPHABET = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:!?()-–—'\"«»„“”…"),
    st.characters(min_codepoint=0x0410, max_codepoint=0x044F),  # Cyrillic
    st.characters(min_codepoint=0x0391, max_codepoint=0x03C9).filter(lambda c: c != "\u03a2"),
    st.characters(min_codepoint=0x00C0, max_codepoint=0x017F),  # Latin-1, Latin A
    st.sampled_from("\u00a0\u00ad\u0301\t\n"),  # no-break space, soft hyphen, a mark
)
# Pasted from elsewhere: may be refused (with a location) or must be drawn.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "[bad](javascript:alert(1))",
            "[f](file:///etc/passwd)",
            "[r](rel/x)",
            "漢字",
            "한국어",
            "العربية",
            "עברית",
            "🚀",
            "\u200b",
            "\ufeff",
            "\u2028",
            "\x07",
            "\x1b[31m",
            "\ufffe",
            "\U0010ffff",
            "\u0085",
            "\x7f",
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8),
)
_MARKUP = st.sampled_from(
    [
        "**",
        "*",
        "\\*",
        "\\",
        "[",
        "](",
        ")",
        "[x](https://example.org/a?b=1&c=<d>)",
        "[m](mailto:a@example.org)",
        "**bold *both* bold**",
        "`code`",
        "<b>",
        "&amp;",
        "\n\n",
        "- ",
        "# ",
    ]
)


def _long_word(longest: int) -> st.SearchStrategy[str]:
    return st.integers(12, max(12, longest)).map(lambda n: "Weltraum" * (n // 8) + "x" * (n % 8))


def text(max_size: int = 40) -> st.SearchStrategy[str]:
    words = st.text(_ALPHABET, min_size=1, max_size=max_size)
    # long words as long as the field (a 400-letter word in a title cannot fit: an error)
    piece = st.one_of(words, words, words, words, _MARKUP, _MARKUP, _long_word(max_size // 2))
    first = st.text(st.sampled_from("AbcЖюΩé"), min_size=1, max_size=8)  # never blank
    return st.tuples(first, st.lists(piece, max_size=3)).map(lambda t: t[0] + "".join(t[1]))


plain = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzЖЮЯжюя ,.-"), min_size=1, max_size=30
).filter(lambda s: s.strip())


def _date(year: int, month: int | None, day: int | None) -> str | int:
    if month is None:  # an int year is YYYY too; 362 must be written '0362'
        return year if year >= 1000 else f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


years = st.one_of(st.integers(1950, 2030), st.integers(1, 9999), st.sampled_from([1969]))
dates = st.builds(
    _date, years, st.one_of(st.none(), st.integers(1, 12)), st.one_of(st.none(), st.integers(1, 28))
)
good_dates = dates
dates = st.one_of(
    dates,
    dates,
    dates,
    dates,
    dates,
    dates,
    st.sampled_from(["2023-02-30", "1969-13", "0000", "1969-07-20T10:00", "soon"]),
)

_IMAGES = ["images/leaf.png", "images/orbit-small.png", "images/sputnik-small.png"]


def image(valid: bool = True) -> st.SearchStrategy[dict]:
    src = st.sampled_from(_IMAGES)
    if not valid:
        src = st.one_of(
            src,
            st.sampled_from(
                [
                    "../x.png",
                    "/etc/passwd",
                    "https://example.org/a.png",
                    "nope.png",
                    "images",
                    "images/bad.gif",
                    "images/link-out.png",
                ]
            ),
        )
    if not valid:
        return st.fixed_dictionaries(
            {"src": src},
            optional={"alt": text(30), "caption": text(60), "credit": text(30)},
        )
    return st.fixed_dictionaries(
        {"src": src, "alt": text(30)},
        optional={"caption": text(60), "credit": text(30)},
    )


def points(depth: int = 1) -> st.SearchStrategy[list]:
    leaf = text(120)
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=5)
    nested = st.fixed_dictionaries({"text": leaf}, optional={"points": points(0)})
    return st.lists(st.one_of(leaf, nested), min_size=1, max_size=9)


quotes = st.fixed_dictionaries({"text": text(200)}, optional={"by": text(30)})
column = st.fixed_dictionaries({"points": points(0)}, optional={"heading": text(30)})


def slide(valid: bool) -> st.SearchStrategy[dict]:
    return st.one_of(
        st.fixed_dictionaries(
            {"layout": st.just("bullets"), "title": text(60), "points": points()},
            optional={"image": image(valid), "notes": text(200)},
        ),
        st.fixed_dictionaries(
            {"layout": st.just("two-column"), "title": text(60), "left": column, "right": column}
        ),
        st.fixed_dictionaries(
            {"layout": st.just("image"), "title": text(60), "image": image(valid)}
        ),
        st.fixed_dictionaries(
            {"layout": st.just("quote"), "quote": quotes}, optional={"title": text(40)}
        ),
        st.fixed_dictionaries(
            {"layout": st.just("statement"), "text": text(120)}, optional={"title": text(40)}
        ),
        st.fixed_dictionaries({"layout": st.just("timeline"), "title": text(60)}),
    )


def section(valid: bool) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"title": text(80), "points": points()},
        optional={
            "summary": text(600),
            "notes": text(300),
            "image": image(valid),
            "quote": quotes,
            "slides": st.lists(slide(valid), min_size=1, max_size=4),
        },
    )


GROUPS = ["usa", "ussr", "intl"]


def timeline(n_sections: int, valid: bool = True) -> st.SearchStrategy[dict]:
    ids = [f"s{i}" for i in range(n_sections)]
    event = st.fixed_dictionaries(
        {"date": good_dates if valid else dates, "title": text(60)},
        optional={
            "end": st.integers(2031, 2100),  # a span (bad ends: see the dates of eras)
            "text": text(200),
            "group": st.sampled_from(GROUPS + ([] if valid else ["nobody"])),
            "section": st.sampled_from(ids + ([] if valid else ["missing"])),
        },
    )
    # dense: many events on few dates
    dense = st.integers(1, 60).flatmap(
        lambda n: st.lists(
            st.fixed_dictionaries(
                {"date": st.sampled_from([1957, "1969-07-20", "1969-07"]), "title": text(40)}
            ),
            min_size=n,
            max_size=n,
        )
    )
    era = st.fixed_dictionaries(
        {
            "start": good_dates if valid else dates,
            "end": st.integers(2031, 2100) if valid else dates,
            "label": text(30),
        },
        optional={
            "color": st.sampled_from(
                ["#112233", "#FFFFFF", "#CCDDEE"] + ([] if valid else ["red", "#12345"])
            )
        },
    )
    groups = st.one_of(
        st.fixed_dictionaries({g: text(20) for g in GROUPS}),
        st.fixed_dictionaries(
            {
                g: st.fixed_dictionaries(
                    {"label": text(20)}, optional={"color": st.sampled_from(["#0055AA", "#FFFF00"])}
                )
                for g in GROUPS
            }
        ),
    )
    return st.fixed_dictionaries(
        {"events": st.one_of(st.lists(event, min_size=1, max_size=25), dense)},
        optional={"title": text(60), "eras": st.lists(era, max_size=4), "groups": groups},
    )


outputs = st.fixed_dictionaries(
    {},
    optional={
        "pptx": st.fixed_dictionaries({}, optional={"aspect": st.sampled_from(["16:9", "4:3"])}),
        "handout": st.fixed_dictionaries(
            {},
            optional={
                "paper": st.sampled_from(["A4", "Letter", "a4"]),
                "mode": st.sampled_from(["article", "slides"]),
                "notes_lines": st.booleans(),
                "slides_per_page": st.sampled_from([1, 2, 3, 4, 6]),
                "speaker_notes": st.booleans(),
            },
        ),
        "poster": st.fixed_dictionaries(
            {},
            optional={
                "size": st.sampled_from(["A3", "A2", "A1", "A0", "ARCH-D", "24x36in"]),
                "orientation": st.sampled_from(["landscape", "portrait"]),
                "tile": st.sampled_from(["A4", "Letter"]),
            },
        ),
    },
)

colors = st.one_of(
    st.sampled_from(["#000000", "#FFFFFF", "#C2410C", "#808080", "#0000FF"]),
    st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}"),
)
theme_overrides = st.fixed_dictionaries(
    {},
    optional={
        "colors": st.fixed_dictionaries(
            {}, optional={k: colors for k in ("background", "text", "muted", "accent", "surface")}
        ),
        "fonts": st.fixed_dictionaries(
            {},
            optional={
                k: st.sampled_from(["Arimo", "PT Serif", "PT Sans"]) for k in ("heading", "body")
            },
        ),
        "slide": st.fixed_dictionaries(
            {},
            optional={
                "title_size": st.integers(8, 80),
                "body_size": st.integers(8, 60),
                "min_body_size": st.integers(6, 40),
                "numbers": st.booleans(),
            },
        ),
        "ink_saving": st.booleans(),
        "footer": text(60),
    },
)


def _text_paths(node, prefix=()):
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        if isinstance(value, str) and key not in ("src", "date", "end", "url", "id", "layout"):
            yield (*prefix, key)
        yield from _text_paths(value, (*prefix, key))


@st.composite
def outlines(draw, valid: bool = True, hostile: float = 0.25) -> dict:
    """An outline; with chance `hostile`, one text gets pasted oddities."""
    secs = draw(st.lists(section(valid), min_size=1, max_size=4))
    for i, s in enumerate(secs):
        s["id"] = f"s{i}"
    tree = {"title": draw(text(100)), "sections": secs}
    layouts = [sl.get("layout") for s in secs for sl in s.get("slides", ())]
    if "timeline" in layouts:  # a timeline slide needs a timeline
        tree["timeline"] = draw(timeline(len(secs), valid))
    optional = {
        "subtitle": text(100),
        "author": text(40),
        "date": st.one_of(text(20), st.dates().map(str)),
        "language": st.sampled_from(["en", "ru", "de", "fr", "el", "ar", "he", "zz", "en-GB"]),
        "theme": st.sampled_from(["default", "midnight", "print"]),
        "theme_overrides": theme_overrides,
        "source": st.fixed_dictionaries(
            {},
            optional={
                "title": text(60),
                "publisher": text(40),
                "url": st.sampled_from(
                    ["https://example.org/"]
                    + ([] if valid else ["https://example.org/a b", "ftp://x"])
                ),
            },
        ),
        "cover": image(valid),
        "timeline": timeline(len(secs), valid),
        "references": st.lists(
            st.fixed_dictionaries(
                {"text": text(100)},
                optional={
                    "url": st.sampled_from(
                        [
                            "https://example.org/x",
                            "http://a.b/ü?q=1#f",
                            "mailto:x@y.z",
                            "https://example.org/x",
                            "http://a.b/ü?q=1#f",
                            "mailto:x@y.z",
                        ]
                    )
                },
            ),
            max_size=6,
        ),
        "outputs": outputs,
    }
    for key, strategy in optional.items():
        if key not in tree and draw(st.booleans()):
            tree[key] = draw(strategy)
    # (hypothesis favours small numbers: the hostile case is the largest one)
    if hostile and draw(st.integers(0, round(1 / hostile) - 1)) == round(1 / hostile) - 1:
        path = draw(st.sampled_from(list(_text_paths(tree))))
        parent = tree
        for key in path[:-1]:
            parent = parent[key]
        at = draw(st.integers(0, len(parent[path[-1]])))
        parent[path[-1]] = parent[path[-1]][:at] + draw(HOSTILE) + parent[path[-1]][at:]
    return tree


@st.composite
def theme_files(draw, valid: bool = True) -> dict:
    """A theme file: `extends` a built-in theme and overrides some keys
    (with bad values too, unless `valid`)."""
    tree = {"extends": draw(st.sampled_from(["default", "midnight", "print"]))}
    tree.update(draw(theme_overrides))
    if draw(st.booleans()):
        tree["logo"] = draw(st.sampled_from(_IMAGES))
    if draw(st.booleans()):
        tree["handout"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "body_size": st.sampled_from([9, 10.5, 12, 14]),
                    "body_font": st.sampled_from(["PT Serif", "PT Sans", "Arimo"]),
                    "heading_font": st.sampled_from(["PT Serif", "PT Sans", "Arimo"]),
                },
            )
        )
    if not valid and draw(st.booleans()):
        key, value = draw(
            st.sampled_from(
                [
                    ("colors", {"text": "#GGGGGG"}),
                    ("colors", {"accent": 12}),
                    ("fonts", {"body": "Comic Sans"}),
                    ("slide", {"body_size": "big"}),
                    ("slide", {"min_body_size": 40, "body_size": 20}),
                    ("extends", "itself.yaml"),
                    ("extends", "nothing-like-it"),
                    ("logo", "../outside.png"),
                    ("colours", {}),
                    ("handout", {"body_size": -3}),
                ]
            )
        )
        tree[key] = value
    return tree
