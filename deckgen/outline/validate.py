"""Check a YAML tree against the outline contract and build the Outline model.

Every problem is collected as a `Diagnostic` whose message reads
`WHERE: WHAT`; WHERE is the path of the value, with 0-based list indices
like a JSON path (`sections[1].points[2]` is the third point of the second
section), or `outline` for the top level. Building goes on after a problem
(the faulty value is left out) so that one run reports every problem.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Literal

from deckgen._yaml import Node, NodeValueError, as_bool, as_int, did_you_mean, unknown_key_message
from deckgen.errors import Diagnostic, Location
from deckgen.outline import blocks, markup
from deckgen.outline.dates import parse_date
from deckgen.outline.model import (
    SLIDE_LAYOUTS,
    Column,
    Date,
    Era,
    Event,
    Group,
    Image,
    Option,
    Outline,
    Point,
    Quote,
    Reference,
    Section,
    Slide,
    Source,
    Text,
    Timeline,
)
from deckgen.outline.paths import picture_warnings, resolve_inside, verify_picture

__all__ = ["KEYS", "LAYOUT_KEYS", "build_outline", "slugify"]

# Allowed keys of every mapping of the format (schema.py describes the same).
KEYS: dict[str, frozenset[str]] = {
    "outline": frozenset(
        {
            "format",
            "title",
            "subtitle",
            "author",
            "date",
            "language",
            "theme",
            "theme_overrides",
            "source",
            "cover",
            "sections",
            "timeline",
            "references",
            "notes",
            "outputs",
        }
    ),
    "section": frozenset({"id", "title", "summary", "points", "notes", "image", "quote", "slides"}),
    "point": frozenset({"text", "points"}),
    "image": frozenset({"src", "alt", "caption", "credit", "focus", "fit"}),
    "quote": frozenset({"text", "by"}),
    "column": frozenset({"heading", "points"}),
    "slide": frozenset(
        {"layout", "title", "points", "left", "right", "image", "quote", "text", "notes"}
        | {"table", "code", "chart", "math", "caption", "reveal"}
    ),
    "timeline": frozenset({"title", "events", "eras", "groups", "groups_label"}),
    "event": frozenset({"date", "end", "title", "text", "section", "group", "image"}),
    "era": frozenset({"start", "end", "label", "color"}),
    "group": frozenset({"label", "color"}),
    "reference": frozenset({"text", "url"}),
    "source": frozenset({"title", "publisher", "url"}),
    **blocks.BLOCK_KEYS,
}

# Keys each slide layout uses, and those it needs.
LAYOUT_KEYS: dict[str, frozenset[str]] = {
    "bullets": frozenset({"layout", "title", "points", "image", "notes", "reveal"}),
    "two-column": frozenset({"layout", "title", "left", "right", "notes", "reveal"}),
    "image": frozenset({"layout", "title", "image", "notes"}),
    "quote": frozenset({"layout", "title", "quote", "notes"}),
    "statement": frozenset({"layout", "title", "text", "notes"}),
    "timeline": frozenset({"layout", "title", "notes"}),
    **{
        kind: frozenset({"layout", "title", key, "caption", "notes"})
        for kind, key in (("table", "table"), ("code", "code"), ("chart", "chart"))
    },
    "equation": frozenset({"layout", "title", "math", "caption", "notes"}),
}
LAYOUT_REQUIRED: dict[str, tuple[str, ...]] = {
    "bullets": ("title", "points"),
    "two-column": ("title", "left", "right"),
    "image": ("title", "image"),
    "quote": ("quote",),
    "statement": ("text",),
    "timeline": ("title",),
    "table": ("title", "table"),
    "code": ("title", "code"),
    "chart": ("title", "chart"),
    "equation": ("title", "math"),
}

_SLUG = re.compile(r"[a-z0-9-]+")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
# language[-script][-region][-variant...]: enough to catch typos like "english".
_BCP47 = re.compile(
    r"(?i)[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
)
_YAML_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

# Russian, Ukrainian and Belarusian letters for readable ids from Cyrillic titles.
_CYRILLIC = {
    **dict(zip("абвгдезийклмнопрстуфыэіґў", "abvgdeziyklmnoprstufyeigu", strict=True)),
    **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
    **{"ю": "yu", "я": "ya", "ї": "yi", "є": "ye"},
}
_CYRILLIC["ъ"] = _CYRILLIC["ь"] = ""


def slugify(plain: str) -> str:
    """A section id from a title: 'Apollo–Soyuz (1975)' -> 'apollo-soyuz-1975'."""
    s = "".join(_CYRILLIC.get(c, c) for c in plain.lower())
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > 48:
        s = s[:48].rsplit("-", 1)[0] or s[:48]
    return s


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where and where != "outline" else key


class _Builder:
    def __init__(self, path: Path, filename: str) -> None:
        self.path = path
        self.folder = path.parent
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []
        self.section_ids: set[str] = set()
        self.group_ids: set[str] | None = None
        self.timeline_slides: list[tuple[Location, str]] = []  # checked once the timeline is read

    def error(self, location: Location, where: str, what: str) -> None:
        self.diagnostics.append(Diagnostic("error", f"{where}: {what}", location))

    # -- structure ---------------------------------------------------------
    def mapping(
        self,
        node: Node,
        where: str,
        kind: str,
        required: tuple[str, ...] = (),
        expected: str | None = None,
        allowed: frozenset[str] | None = None,
    ) -> bool:
        """Check `node` is a mapping with only allowed keys and every required one."""
        if not node.is_mapping:
            if expected is None:
                expected = "a mapping" + (f" with {_quoted(required)}" if required else "")
            self.error(node.location, where, f"expected {expected}, got {node.kind}")
            return False
        allowed = KEYS[kind] if allowed is None else allowed
        for key in node.value:
            if key not in allowed:
                self.error(node.key_location(key), where, unknown_key_message(key, allowed))
        for key in required:
            if key not in node.value:
                self.error(node.location, where, f"missing required key {key!r}")
        return True

    def items(self, node: Node | None, where: str, what: str) -> list[tuple[str, Node]]:
        """The elements of a list, with their paths; reports anything but a list."""
        if node is None or node.is_null:
            return []
        if not node.is_list:
            self.error(node.location, where, f"expected a list of {what}, got {node.kind}")
            return []
        return [(f"{where}[{i}]", item) for i, item in enumerate(node.value)]

    # -- scalars -----------------------------------------------------------
    def plain(self, node: Node | None, where: str, expected: str = "text") -> str | None:
        """Scalar text without markup (ids, alt text, URLs); None when absent or wrong."""
        if node is None or node.is_null:
            return None
        if not isinstance(node.value, str):
            self.error(node.location, where, f"expected {expected}, got {node.kind}")
            return None
        return node.value.strip()

    def required(self, node: Node, key: str, where: str) -> Node | None:
        """node[key] when present and not empty; an empty value is reported here."""
        value = node.get(key)
        if value is not None and value.is_null:
            self.error(value.location, _join(where, key), "must not be empty")
            return None
        return value

    def text(self, node: Node | None, where: str) -> Text | None:
        """One paragraph of inline markup."""
        s = self.plain(node, where)
        if s is None:
            return None
        assert node is not None
        text, problems = markup.parse_text(s, node.location)
        for problem in problems:
            self.error(node.location, where, problem)
        return text

    def required_text(self, parent: Node, key: str, where: str) -> Text | None:
        node = self.required(parent, key, where)
        if node is None:
            return None
        text = self.text(node, _join(where, key))
        if text is None and isinstance(node.value, str):
            self.error(node.location, _join(where, key), "must not be empty")
        return text

    def long_text(self, node: Node | None, where: str) -> tuple[Text, ...]:
        """Paragraphs separated by blank lines."""
        s = self.plain(node, where)
        if not s:
            return ()
        assert node is not None
        out: list[Text] = []
        for paragraph in markup.paragraphs(s):
            text, problems = markup.parse_text(paragraph, node.location)
            for problem in problems:
                self.error(node.location, where, problem)
            if text is not None:
                out.append(text)
        return tuple(out)

    def flag(self, node: Node | None, where: str) -> bool:
        if node is None or node.is_null:
            return False
        try:
            return as_bool(node)
        except NodeValueError as e:
            self.error(node.location, where, str(e))
            return False

    def url(self, node: Node | None, where: str, schemes: tuple[str, ...]) -> str | None:
        s = self.plain(node, where, "a URL")
        if s is None:
            return None
        assert node is not None
        problem = markup.check_url(s, schemes)
        if problem:
            self.error(node.location, where, problem)
            return None
        return s

    def color(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        if node.is_null:
            self.error(
                node.location,
                where,
                "expected a colour '#RRGGBB', got nothing (in YAML an unquoted # starts a "
                "comment: write color: '#C8102E')",
            )
            return None
        s = self.plain(node, where, "a colour '#RRGGBB'")
        if s is None:
            return None
        if not _COLOR.fullmatch(s):
            self.error(node.location, where, f"expected a colour '#RRGGBB', got {s!r}")
            return None
        return s.upper()

    def date(self, node: Node | None, where: str) -> Date | None:
        s = self.plain(node, where, "a date")
        if s is None:
            return None
        assert node is not None
        try:
            return parse_date(s)
        except ValueError as e:
            self.error(node.location, where, str(e))
            return None

    # -- composite values ----------------------------------------------------
    def image(self, node: Node | None, where: str) -> Image | None:
        if node is None or node.is_null:
            return None
        if not self.mapping(node, where, "image", ("src",)):
            return None
        if "alt" not in node:
            self.error(
                node.location,
                where,
                "missing required key 'alt' (describe the picture for people who cannot "
                "see it; screen readers read it aloud)",
            )
        src_node = self.required(node, "src", where)
        alt_node = self.required(node, "alt", where)
        alt = self.plain(alt_node, _join(where, "alt"))
        if alt == "" and alt_node is not None:
            self.error(alt_node.location, _join(where, "alt"), "must not be empty")
        caption = self.text(node.get("caption"), _join(where, "caption"))
        credit = self.text(node.get("credit"), _join(where, "credit"))
        src = self.picture(src_node, _join(where, "src"))
        focus = self.focus(node.get("focus"), _join(where, "focus"))
        fit = self.fit(node.get("fit"), _join(where, "fit"))
        if src is None or not alt:
            return None
        return Image(src, alt, caption, credit, node.location, focus, fit)

    def focus(self, node: Node | None, where: str) -> tuple[float, float]:
        """`[x, y]`, fractions 0-1 of the picture's width and height."""
        if node is None or node.is_null:
            return (0.5, 0.5)
        items = node.value if isinstance(node.value, list) else None
        values = [float(item.value) for item in items or [] if item.tag in ("int", "float")]
        if items is None or len(items) != 2 or len(values) != 2:
            self.error(node.location, where, "expected [x, y], two numbers from 0 to 1")
            return (0.5, 0.5)
        if not all(0 <= v <= 1 for v in values):
            self.error(node.location, where, "x and y must lie between 0 and 1 (0.5: the middle)")
            return (0.5, 0.5)
        return (float(values[0]), float(values[1]))

    def fit(self, node: Node | None, where: str) -> Literal["cover", "contain"]:
        if node is None or node.is_null:
            return "cover"
        if node.value == "contain":
            return "contain"
        if node.value != "cover":
            self.error(node.location, where, f"expected 'cover' or 'contain', got {node.value!r}")
        return "cover"

    def picture(self, src_node: Node | None, where: str) -> Path | None:
        """An image's `src`: inside the outline's folder, a picture we can draw
        (its decoder's warnings are warnings at its line)."""
        written = self.plain(src_node, where, "a file path")
        if written is None:
            return None
        assert src_node is not None
        try:
            src = resolve_inside(self.folder, written)
        except ValueError as e:
            self.error(src_node.location, where, str(e))
            return None
        problem = verify_picture(src, written)
        if problem:
            self.error(src_node.location, where, problem)
            return None
        for note in picture_warnings(src, written):
            self.diagnostics.append(Diagnostic("warning", f"{where}: {note}", src_node.location))
        return src

    def quote(self, node: Node | None, where: str) -> Quote | None:
        if node is None or node.is_null:
            return None
        if isinstance(node.value, str):  # a bare quote: `quote: "..."`
            text = self.text(node, where)
            return Quote(text, None, node.location) if text else None
        if not self.mapping(
            node, where, "quote", ("text",), "text or a mapping with 'text' and 'by'"
        ):
            return None
        text = self.required_text(node, "text", where)
        by = self.text(node.get("by"), _join(where, "by"))
        return Quote(text, by, node.location) if text else None

    def point(self, node: Node, where: str) -> Point | None:
        if isinstance(node.value, str):
            text = self.text(node, where)
            if text is None:
                self.error(node.location, where, "must not be empty")
                return None
            return Point(text, (), node.location)
        if not node.is_mapping:
            self.error(
                node.location, where, f"expected text or a mapping with 'text', got {node.kind}"
            )
            return None
        self.mapping(node, where, "point", ("text",))
        text = self.required_text(node, "text", where)
        subs: list[Text] = []
        for sub_where, sub in self.items(node.get("points"), _join(where, "points"), "points"):
            if not isinstance(sub.value, str):
                self.error(
                    sub.location,
                    sub_where,
                    f"expected text (points nest one level only), got {sub.kind}",
                )
                continue
            sub_text = self.text(sub, sub_where)
            if sub_text is not None:
                subs.append(sub_text)
        return Point(text, tuple(subs), node.location) if text else None

    def points(self, node: Node | None, where: str) -> tuple[Point, ...]:
        out = []
        for item_where, item in self.items(node, where, "points"):
            if item.is_null:
                self.error(item.location, item_where, "empty point (a '-' with nothing after it)")
                continue
            point = self.point(item, item_where)
            if point is not None:
                out.append(point)
        return tuple(out)

    def column(self, node: Node | None, where: str) -> Column | None:
        if node is None or node.is_null:
            return None
        expected = "a mapping with 'heading' and 'points'"
        if not self.mapping(node, where, "column", ("points",), expected):
            return None
        heading = self.text(node.get("heading"), _join(where, "heading"))
        points = self.points(node.get("points"), _join(where, "points"))
        return Column(heading, points, node.location)

    # -- sections ------------------------------------------------------------
    def sections(self, node: Node | None) -> tuple[Section, ...]:
        if node is None:
            return ()  # reported as a missing required key
        if node.is_null or (node.is_list and not node.value):
            self.error(node.location, "sections", "must list at least one section")
            return ()
        entries = self.items(node, "sections", "sections")
        ids = self.explicit_ids(entries)
        out = []
        for i, (where, item) in enumerate(entries):
            section = self.section(item, where, ids[i])
            if section is not None:
                out.append(section)
        return tuple(out)

    def explicit_ids(self, entries: list[tuple[str, Node]]) -> list[str | None]:
        """Each section's id: explicit ones checked, missing ones derived from titles."""
        ids: list[str | None] = []
        first: dict[str, str] = {}
        for where, item in entries:
            id_node = item.get("id") if item.is_mapping else None
            sid = self.plain(id_node, _join(where, "id"), "a section id")
            if sid is not None:
                assert id_node is not None
                if not _SLUG.fullmatch(sid):
                    self.error(
                        id_node.location,
                        _join(where, "id"),
                        f"{sid!r} is not a section id: use lower-case letters, digits and '-' "
                        f"(e.g. {slugify(sid) or 'origins'!r})",
                    )
                elif sid in first:
                    self.error(
                        id_node.location,
                        _join(where, "id"),
                        f"duplicate section id {sid!r} (also {first[sid]})",
                    )
                else:
                    first[sid] = where
            ids.append(sid)
        used = set(first)
        for i, (_where, item) in enumerate(entries):
            if ids[i] is not None or not item.is_mapping:
                continue
            title_node = item.get("title")
            title = title_node.value if title_node is not None else None
            base = slugify(title) if isinstance(title, str) else ""
            base = base or f"section-{i + 1}"
            sid, n = base, 1
            while sid in used:
                n += 1
                sid = f"{base}-{n}"
            used.add(sid)
            ids[i] = sid
        self.section_ids = used
        return ids

    def section(self, node: Node, where: str, sid: str | None) -> Section | None:
        if not self.mapping(node, where, "section", ("title",)):
            return None
        title = self.required_text(node, "title", where)
        summary = self.long_text(node.get("summary"), _join(where, "summary"))
        points = self.points(node.get("points"), _join(where, "points"))
        notes = self.long_text(node.get("notes"), _join(where, "notes"))
        image = self.image(node.get("image"), _join(where, "image"))
        quote = self.quote(node.get("quote"), _join(where, "quote"))
        slides = None
        if "slides" in node:
            slides = tuple(
                s
                for w, item in self.items(node.get("slides"), _join(where, "slides"), "slides")
                if (s := self.slide(item, w)) is not None
            )
        content = ("summary", "points", "image", "quote", "slides")
        if not any(_given(node.get(k)) for k in content):
            self.error(
                node.location,
                where,
                "a section needs at least one of summary, points, image, quote or slides",
            )
        if title is None or sid is None:
            return None
        return Section(sid, title, summary, points, notes, image, quote, slides, node.location)

    def slide_keys(self, node: Node, where: str, layout: str) -> None:
        """Reports the keys a `layout` slide does not use, and those it lacks."""
        allowed = LAYOUT_KEYS[layout]
        for key in node.value:
            if key in allowed:
                continue
            if key in KEYS["slide"]:
                users = [name for name, keys in LAYOUT_KEYS.items() if key in keys]
                self.error(
                    node.key_location(key),
                    where,
                    f"{key!r} is not used by a {layout!r} slide (it belongs to: "
                    f"{', '.join(users)})",
                )
            else:
                self.error(node.key_location(key), where, unknown_key_message(key, allowed))
        for key in LAYOUT_REQUIRED[layout]:
            if not _given(node.get(key)):
                self.error(node.location, where, f"a {layout!r} slide needs {key!r}")

    def slide(self, node: Node, where: str) -> Slide | None:
        if not node.is_mapping:
            self.error(node.location, where, f"expected a mapping with 'layout', got {node.kind}")
            return None
        layout_node = self.required(node, "layout", where)
        layout = self.plain(layout_node, _join(where, "layout"), "a layout name")
        if layout is not None and layout not in SLIDE_LAYOUTS:
            guess = did_you_mean(layout, SLIDE_LAYOUTS)
            hint = f", did you mean {guess!r}?" if guess else f" ({', '.join(SLIDE_LAYOUTS)})"
            assert layout_node is not None
            self.error(
                layout_node.location, _join(where, "layout"), f"unknown layout {layout!r}{hint}"
            )
            layout = None
        if layout is None:
            self.mapping(node, where, "slide", ("layout",))
            return None
        allowed = LAYOUT_KEYS[layout]
        self.slide_keys(node, where, layout)

        def get(key: str) -> Node | None:
            return node.get(key) if key in allowed else None

        slide = Slide(
            layout=layout,
            title=self.text(get("title"), _join(where, "title")),
            points=self.points(get("points"), _join(where, "points")),
            left=self.column(get("left"), _join(where, "left")),
            right=self.column(get("right"), _join(where, "right")),
            image=self.image(get("image"), _join(where, "image")),
            quote=self.quote(get("quote"), _join(where, "quote")),
            text=self.text(get("text"), _join(where, "text")),
            notes=self.long_text(get("notes"), _join(where, "notes")),
            location=node.location,
            table=blocks.table(self, get("table"), _join(where, "table")),
            code=blocks.code(self, get("code"), _join(where, "code")),
            chart=blocks.chart(self, get("chart"), _join(where, "chart")),
            math=blocks.math(self, get("math"), _join(where, "math")),
            caption=self.text(get("caption"), _join(where, "caption")),
            reveal=self.flag(get("reveal"), _join(where, "reveal")),
        )
        if layout == "timeline":
            self.timeline_slides.append((node.location, where))
        return slide

    # -- timeline ------------------------------------------------------------
    def timeline(self, node: Node | None) -> Timeline | None:
        where = "timeline"
        if node is None or node.is_null:
            return None
        if not self.mapping(node, where, "timeline", ("events",)):
            return None
        title = self.text(node.get("title"), "timeline.title")
        groups = self.groups(node.get("groups"))
        eras = tuple(
            e
            for w, item in self.items(node.get("eras"), "timeline.eras", "eras")
            if (e := self.era(item, w)) is not None
        )
        events_node = node.get("events")
        if events_node is not None and (
            events_node.is_null or (events_node.is_list and not events_node.value)
        ):
            self.error(events_node.location, "timeline.events", "must list at least one event")
        events = [
            ev
            for w, item in self.items(events_node, "timeline.events", "events")
            if (ev := self.event(item, w)) is not None
        ]
        events.sort(key=lambda e: e.date.first_day)  # stable: same-day events keep their order
        groups_label = self.text(node.get("groups_label"), "timeline.groups_label")
        return Timeline(tuple(events), title, eras, groups, node.location, groups_label)

    def groups(self, node: Node | None) -> tuple[Group, ...]:
        if node is None or node.is_null:
            return ()
        if not node.is_mapping:
            self.error(
                node.location, "timeline.groups", f"expected a mapping id -> label, got {node.kind}"
            )
            return ()
        self.group_ids = set(node.value)
        out = []
        for gid, value in node.items():
            where = f"timeline.groups.{gid}"
            if isinstance(value.value, str):
                label = self.text(value, where)
                if label is not None:
                    out.append(Group(gid, label, None, value.location))
                continue
            if value.is_null:
                self.error(value.location, where, "expected a label or a mapping with 'label'")
                continue
            if not self.mapping(
                value, where, "group", ("label",), "a label or a mapping with 'label' and 'color'"
            ):
                continue
            label = self.required_text(value, "label", where)
            color = self.color(value.get("color"), _join(where, "color"))
            if label is not None:
                out.append(Group(gid, label, color, value.location))
        return tuple(out)

    def era(self, node: Node, where: str) -> Era | None:
        if not self.mapping(node, where, "era", ("start", "end", "label")):
            return None
        start = self.date(self.required(node, "start", where), _join(where, "start"))
        end = self.date(self.required(node, "end", where), _join(where, "end"))
        label = self.required_text(node, "label", where)
        color = self.color(node.get("color"), _join(where, "color"))
        if start and end and end.last_day < start.first_day:
            what = f"is before the start {start}"
            self.error(node.value["end"].location, _join(where, "end"), what)
            return None
        if start is None or end is None or label is None:
            return None
        return Era(start, end, label, color, node.location)

    def event(self, node: Node, where: str) -> Event | None:
        if not self.mapping(node, where, "event", ("date", "title")):
            return None
        date = self.date(self.required(node, "date", where), _join(where, "date"))
        end = self.date(node.get("end"), _join(where, "end"))
        title = self.required_text(node, "title", where)
        text = self.text(node.get("text"), _join(where, "text"))
        image = self.image(node.get("image"), _join(where, "image"))
        if date and end and end.last_day < date.first_day:
            what = f"is before the date {date}"
            self.error(node.value["end"].location, _join(where, "end"), what)
            end = None
        section = self.plain(node.get("section"), _join(where, "section"), "a section id")
        if section is not None and section not in self.section_ids:
            guess = did_you_mean(section, self.section_ids)
            hint = f", did you mean {guess!r}?" if guess else ""
            self.error(
                node.value["section"].location,
                _join(where, "section"),
                f"no section has the id {section!r}{hint}",
            )
            section = None
        group = self.plain(node.get("group"), _join(where, "group"), "a group id")
        if group is not None and self.group_ids is not None and group not in self.group_ids:
            guess = did_you_mean(group, self.group_ids)
            known = ", ".join(sorted(self.group_ids))
            hint = f", did you mean {guess!r}?" if guess else f" (groups: {known})"
            self.error(
                node.value["group"].location,
                _join(where, "group"),
                f"no group {group!r} in timeline.groups{hint}",
            )
            group = None
        if date is None or title is None:
            return None
        return Event(date, title, end, text, section, group, image, node.location)

    # -- the rest of the top level --------------------------------------------
    def source(self, node: Node | None) -> Source | None:
        if node is None or node.is_null:
            return None
        if not self.mapping(node, "source", "source"):
            return None
        return Source(
            self.text(node.get("title"), "source.title"),
            self.text(node.get("publisher"), "source.publisher"),
            self.url(node.get("url"), "source.url", ("http", "https")),
            node.location,
        )

    def references(self, node: Node | None) -> tuple[Reference, ...]:
        out = []
        for where, item in self.items(node, "references", "references"):
            if isinstance(item.value, str):
                text = self.text(item, where)
                if text is not None:
                    out.append(Reference(text, None, item.location))
                continue
            expected = "text or a mapping with 'text' and 'url'"
            if not self.mapping(item, where, "reference", ("text",), expected):
                continue
            text = self.required_text(item, "text", where)
            url = self.url(item.get("url"), _join(where, "url"), ("http", "https", "mailto"))
            if text is not None:
                out.append(Reference(text, url, item.location))
        return tuple(out)

    def outputs(
        self, node: Node | None
    ) -> tuple[dict[str, dict[str, Option]], dict[str, Location]]:
        if node is None or node.is_null:
            return {}, {}
        if not node.is_mapping:
            what = f"expected a mapping of output names, got {node.kind}"
            self.error(node.location, "outputs", what)
            return {}, {}
        options: dict[str, dict[str, Option]] = {}
        locations: dict[str, Location] = {}
        for name, value in node.items():
            locations[name] = node.key_location(name)
            if value.is_null:
                options[name] = {}
                continue
            if not value.is_mapping:
                self.error(
                    value.location,
                    f"outputs.{name}",
                    f"expected a mapping of options, got {value.kind}",
                )
                continue
            options[name] = {k: Option(v.plain(), v.location) for k, v in value.items()}
        return options, locations

    def show_date(self, node: Node | None) -> str | None:
        s = self.plain(node, "date", "a date or text")
        if s is None:
            return None
        assert node is not None
        m = _YAML_DATE.fullmatch(s)
        if m and node.tag == "timestamp":  # a YAML date shows as ISO
            try:
                return _dt.date(*map(int, m.groups())).isoformat()
            except ValueError:
                pass
        return s

    def language(self, node: Node | None) -> str:
        s = self.plain(node, "language", "a language tag")
        if s is None:
            return "en"
        assert node is not None
        if not _BCP47.fullmatch(s):
            self.error(
                node.location,
                "language",
                f"{s!r} is not a language tag (BCP 47, e.g. 'en', 'en-GB', 'ru', 'de-CH')",
            )
            return "en"
        return s

    def format(self, node: Node | None) -> int:
        if node is None:
            return 1
        try:
            version = as_int(node)
        except NodeValueError as e:
            self.error(node.location, "format", str(e))
            return 1
        if version not in (1, 2):
            what = f"format {version} is not supported (this deckgen reads formats 1 and 2)"
            self.error(node.location, "format", what)
            return 1
        return version

    def theme_overrides(
        self, node: Node | None
    ) -> tuple[dict[str, Any], dict[str, Location], Node | None]:
        if node is None or node.is_null:
            return {}, {}, None
        if not node.is_mapping:
            what = f"expected a mapping of theme keys, got {node.kind}"
            self.error(node.location, "theme_overrides", what)
            return {}, {}, None
        locations: dict[str, Location] = {}
        stack: list[tuple[str, Node]] = [("", node)]
        while stack:
            prefix, current = stack.pop()
            children = (
                current.items()
                if current.is_mapping
                else ((str(i), v) for i, v in enumerate(current.value))
                if current.is_list
                else ()
            )
            for key, child in children:
                dotted = f"{prefix}.{key}" if prefix else key
                locations[dotted] = child.location
                stack.append((dotted, child))
        return node.plain(), locations, node


def _given(node: Node | None) -> bool:
    """A value is given unless absent, empty (`key:`) or an empty list/mapping."""
    return node is not None and not node.is_null and (node.is_scalar or len(node) > 0)


def _quoted(keys: tuple[str, ...]) -> str:
    quoted = [f"'{k}'" for k in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def build_outline(root: Node, path: Path, filename: str) -> tuple[Outline | None, list[Diagnostic]]:
    """The Outline of a YAML tree, and every problem found (no Outline if any)."""
    b = _Builder(path, filename)
    if not b.mapping(
        root, "outline", "outline", ("title", "sections"), "a mapping with 'title' and 'sections'"
    ):
        return None, b.diagnostics
    get = root.get
    title = b.required_text(root, "title", "outline")
    sections = b.sections(get("sections"))
    timeline = b.timeline(get("timeline"))
    if b.timeline_slides and timeline is None:
        for location, where in b.timeline_slides:
            b.error(location, where, "a 'timeline' slide needs a top-level 'timeline' with events")
    overrides, override_locations, override_node = b.theme_overrides(get("theme_overrides"))
    outputs, output_locations = b.outputs(get("outputs"))
    outline = Outline(
        path=path,
        title=title or Text.of(""),
        sections=sections,
        format=b.format(get("format")),
        subtitle=b.text(get("subtitle"), "subtitle"),
        author=b.text(get("author"), "author"),
        date=b.show_date(get("date")),
        language=b.language(get("language")),
        theme=b.plain(get("theme"), "theme", "a theme name or path"),
        theme_location=root.value["theme"].location if "theme" in root else root.location,
        theme_overrides=overrides,
        theme_overrides_location=(
            override_node.location if override_node is not None else root.location
        ),
        theme_overrides_locations=override_locations,
        theme_overrides_node=override_node,
        source=b.source(get("source")),
        cover=b.image(get("cover"), "cover"),
        timeline=timeline,
        references=b.references(get("references")),
        notes=b.long_text(get("notes"), "notes"),
        outputs=outputs,
        outputs_locations=output_locations,
        location=root.location,
    )
    if b.diagnostics:
        return None, b.diagnostics
    return outline, []
