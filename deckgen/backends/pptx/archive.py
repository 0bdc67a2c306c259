"""A user's template checked as the untrusted archive it is, before python-pptx opens it.

A .pptx/.potx is a zip of XML parts. Opened as it is, a hostile one can
exhaust memory (a zip bomb, even in a member nothing refers to), expand
entities or reach for external ones, carry links to files or web pages
that PowerPoint fetches when the deck is opened, or hold values our code
reads as numbers but that are not. `check_template` reads every member
within limits, refuses XML with a document type declaration, validates the
numbers deckgen reads (slide size, shape offsets and sizes, placeholder
indices), requires a slide layout, and returns the archive to open, with
external relationships (other than hyperlinks) dropped and a warning for
each.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from deckgen.safeio import read_file

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_SIZE",
    "MAX_RATIO",
    "MAX_TOTAL_SIZE",
    "CheckedTemplate",
    "TemplateProblem",
    "check_template",
    "read_template",
]

MAX_MEMBERS = 5_000
MAX_MEMBER_SIZE = 64 * 1024 * 1024  # bytes, inflated: a large picture in a master
MAX_TOTAL_SIZE = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed, for members over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
_CHUNK = 1024 * 1024

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_LAYOUT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_DOCTYPE = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_INT = re.compile(r"-?[0-9]{1,12}")
# ECMA-376: a slide is 1 to 56 inches a side (914400 EMU an inch).
_SLIDE_MIN, _SLIDE_MAX = 914400, 51206400
_COORD_MAX = 27273042316900  # ST_Coordinate's bound
_IDX_MAX = 4294967295  # xsd:unsignedInt


class TemplateProblem(ValueError):
    """What is wrong with the template file (the backend adds its location)."""


@dataclass(frozen=True)
class CheckedTemplate:
    data: bytes  # the archive to open: the file, or a copy without external links
    warnings: tuple[str, ...] = ()


def read_template(path: Path) -> CheckedTemplate:
    """The file at `path`, read once through `deckgen.safeio` and checked (cached
    per file version: the layout and the render steps both open it)."""
    info = os.stat(path)
    return _read_checked(Path(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=4)
def _read_checked(path: Path, size: int, mtime_ns: int) -> CheckedTemplate:
    return check_template(read_file(path))


def check_template(data: bytes) -> CheckedTemplate:
    """`data` (a whole .pptx/.potx) checked; TemplateProblem saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise TemplateProblem(f"it is not a readable zip archive (a .pptx is one): {exc}") from None
    with archive:
        members = _read_members(archive)
    parsed = {name: _parse(name, blob) for name, blob in members.items() if _is_xml(name)}
    if "[Content_Types].xml" not in parsed:
        raise TemplateProblem("it has no [Content_Types].xml: not a PowerPoint file")
    _check_layouts(parsed["[Content_Types].xml"])
    for name, root in parsed.items():
        _check_numbers(name, root)
    warnings: list[str] = []
    changed: dict[str, bytes] = {}
    for name, root in list(parsed.items()):
        if not name.endswith(".rels"):
            continue
        dropped = _drop_external(root)
        if not dropped:
            continue
        warnings += [f"{name}: external link to {t!r} dropped ({k})" for _, k, t in dropped]
        changed[name] = _xml(root)
        source = _source_part(name)
        if source in parsed and _unlink(parsed[source], {rid for rid, _, _ in dropped}):
            changed[source] = _xml(parsed[source])
    if not changed:
        return CheckedTemplate(data)
    return CheckedTemplate(_rebuilt(data, changed), tuple(warnings))


# --- the zip ------------------------------------------------------------------


def _read_members(archive: zipfile.ZipFile) -> dict[str, bytes]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise TemplateProblem(f"it has {len(infos)} members; at most {MAX_MEMBERS} are read")
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in members:
            raise TemplateProblem(f"it holds two members named {name!r}")
        if info.flag_bits & 0x1:
            raise TemplateProblem(f"member {name!r} is encrypted")
        if info.file_size > MAX_MEMBER_SIZE:
            raise TemplateProblem(
                f"member {name!r} inflates to {info.file_size} bytes, past the limit "
                f"of {MAX_MEMBER_SIZE} for a member: a zip bomb?"
            )
        blob = _inflate(archive, info, MAX_TOTAL_SIZE - total)
        total += len(blob)
        members[name] = blob
    return members


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> bytes:
    """One member, read in chunks and stopped as soon as a limit is passed
    (the sizes in the zip's directory may lie)."""
    name = info.filename
    limit = min(MAX_MEMBER_SIZE, room)
    packed = max(info.compress_size, 1)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    what = "the member" if limit == MAX_MEMBER_SIZE else "all members together"
                    raise TemplateProblem(
                        f"member {name!r} inflates past the limit for {what} "
                        f"({limit} bytes): a zip bomb?"
                    )
                if len(out) > RATIO_FROM and len(out) / packed > MAX_RATIO:
                    raise TemplateProblem(
                        f"member {name!r} inflates more than {MAX_RATIO} times its "
                        "compressed size: a zip bomb?"
                    )
    except TemplateProblem:
        raise
    except NotImplementedError as exc:  # an unsupported compression method
        raise TemplateProblem(f"member {name!r} cannot be read: {exc}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise TemplateProblem(f"member {name!r} is damaged: {exc}") from None
    return bytes(out)


def _rebuilt(data: bytes, changed: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            blob = changed.get(info.filename)
            zout.writestr(info, zin.read(info) if blob is None else blob)
    return out.getvalue()


# --- the XML ------------------------------------------------------------------


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _parse(name: str, blob: bytes) -> etree._Element:
    # No DTD loaded, no entity resolved, nothing fetched; any document type
    # declaration is refused outright (entity expansion lives there).
    if any(mark in blob for mark in _DOCTYPE):  # libxml2 may stop on the entities first
        raise _doctype(name)
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(f"part {name!r} is not well-formed XML: {exc}") from None
    if root is None:
        raise TemplateProblem(f"part {name!r} is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _doctype(name)
    for node in root.iter(etree.Entity):
        raise TemplateProblem(f"part {name!r} refers to the entity {node.text}: refused")
    return root


def _doctype(name: str) -> TemplateProblem:
    return TemplateProblem(
        f"part {name!r} has a document type declaration (<!DOCTYPE>): entities and "
        "DTDs are refused in templates"
    )


def _check_layouts(types: etree._Element) -> None:
    found = any(el.get("ContentType") == _LAYOUT_TYPE for el in types.iter(f"{{{_CT}}}Override"))
    if not found:
        raise TemplateProblem("it has no slide layout, so no slide can be made from it")


def _check_numbers(name: str, root: etree._Element) -> None:
    """The numbers python-pptx and deckgen read from a template's XML."""
    for size in root.iter(f"{{{_NS['p']}}}sldSz"):
        for attr in ("cx", "cy"):
            _number(name, size, attr, _SLIDE_MIN, _SLIDE_MAX, "the slide size")
    for tag, attrs, low in (("off", ("x", "y"), -_COORD_MAX), ("ext", ("cx", "cy"), 0)):
        for el in root.iter(f"{{{_NS['a']}}}{tag}", f"{{{_NS['a']}}}ch{tag.capitalize()}"):
            for attr in attrs:
                _number(name, el, attr, low, _COORD_MAX, "a shape's position or size")
    for ph in root.iter(f"{{{_NS['p']}}}ph"):
        if ph.get("idx") is not None:
            _number(name, ph, "idx", 0, _IDX_MAX, "a placeholder index")


def _number(name: str, el: etree._Element, attr: str, low: int, high: int, what: str) -> None:
    value = el.get(attr)
    if value is None:
        return
    if not _INT.fullmatch(value.strip()) or not low <= int(value) <= high:
        tag = etree.QName(el).localname
        raise TemplateProblem(
            f"part {name!r}, line {el.sourceline}: <{tag} {attr}={value[:40]!r}> is not a "
            f"whole number from {low} to {high} ({what})"
        )


def _drop_external(rels: etree._Element) -> list[tuple[str, str, str]]:
    """External targets other than hyperlinks, removed: (id, kind, target) of each."""
    dropped = []
    for rel in list(rels.iter(f"{{{_PKG_REL}}}Relationship")):
        if rel.get("TargetMode") != "External" or rel.get("Type") == _HYPERLINK:
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1] or "unknown"
        dropped.append((rel.get("Id") or "", kind, rel.get("Target") or ""))
        rels.remove(rel)
    return dropped


def _source_part(rels_name: str) -> str:
    """'ppt/slides/_rels/slide1.xml.rels' -> 'ppt/slides/slide1.xml'."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _unlink(root: etree._Element, ids: set[str]) -> bool:
    """Remove the part's references (r:link, r:embed, r:id ...) to the dropped
    relationships, so that no reference is left dangling."""
    found = False
    for el in root.iter(etree.Element):
        for attr in [a for a in el.attrib if etree.QName(a).namespace == _OFFICE_REL]:
            if el.get(attr) in ids:
                del el.attrib[attr]
                found = True
    return found


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
