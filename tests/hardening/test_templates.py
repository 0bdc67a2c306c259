"""A user's template is an untrusted archive: zip bombs, entities, external
links, damaged members and numbers that are not numbers are each a located
error at the outline's `template` line (or a warning, for an external link
that is dropped), never an internal error or a damaged deck."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib

import pytest
from pptx import Presentation

from tests.backends.pptx.pptx_support import audit
from tests.hardening.hostile import TALK, run, snapshot, talk

TEMPLATE_LINE = 8  # the outline's `template:` line, column 15
OUTLINE = TALK + "outputs:\n  pptx:\n    template: t.pptx\n"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"


def _base() -> dict[str, tuple[zipfile.ZipInfo, bytes]]:
    """python-pptx's default template, member by member."""
    out = io.BytesIO()
    Presentation().save(out)
    with zipfile.ZipFile(out) as z:
        return {i.filename: (i, z.read(i)) for i in z.infolist()}


def _zip(members: dict[str, tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, blob in members.values():
            z.writestr(info, blob)
    return out.getvalue()


def _edited(name: str, edit) -> bytes:
    members = _base()
    info, blob = members[name]
    members[name] = (info, edit(blob))
    return _zip(members)


def _added(name: str, blob: bytes) -> bytes:
    members = _base()
    members[name] = (zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), blob)
    info = members[name][0]
    info.compress_type = zipfile.ZIP_DEFLATED
    return _zip(members)


def _sub(pattern: str, repl: str):
    def edit(blob: bytes) -> bytes:
        text, n = re.subn(pattern, repl, blob.decode("utf-8"), count=1)
        assert n, pattern
        return text.encode("utf-8")

    return edit


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


def _laughs(blob: bytes) -> bytes:
    body = blob.decode("utf-8").split("?>", 1)[1]
    return (LAUGHS + body.replace("<a:t>", "<a:t>&lol9;", 1)).encode("utf-8")


def _external_entity(blob: bytes) -> bytes:
    body = blob.decode("utf-8").split("?>", 1)[1]
    head = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    return (head + body.replace("<a:t>", "<a:t>&xxe;", 1)).encode("utf-8")


def _no_layouts() -> bytes:
    members = _base()
    for name in [n for n in members if "slideLayout" in n]:
        del members[name]
    info, types = members["[Content_Types].xml"]
    text = re.sub(r"<Override[^>]*slideLayout\+xml\"/>", "", types.decode())
    members["[Content_Types].xml"] = (info, text.encode())
    return _zip(members)


def _many_members() -> bytes:
    members = _base()
    for i in range(5001):
        members[f"junk/{i}"] = (zipfile.ZipInfo(f"junk/{i}"), b"")
    return _zip(members)


def _damaged_member() -> bytes:
    data = bytearray(_zip(_base()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("ppt/presentation.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A
    return bytes(data)


def _raw_zip(entries: list[tuple[str, int, int, int, bytes]]) -> bytes:
    """A zip written by hand: (name, method, crc, inflated size, stored bytes)
    each, so that a test can give any method and any (lying) size."""
    out, central = bytearray(), bytearray()
    for name, method, crc, size, blob in entries:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 33, crc, len(blob), size)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        central += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + blob
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def _stored(
    members: dict[str, tuple[zipfile.ZipInfo, bytes]],
) -> list[tuple[str, int, int, int, bytes]]:
    return [(n, 0, zlib.crc32(b), len(b), b) for n, (_, b) in members.items()]


def _lying() -> bytes:
    """A member that says it inflates to 100 bytes, and inflates to 64 MB."""
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packed.compress(b"\0" * 2**26) + packed.flush()
    entries = _stored(_base())
    entries.append(("ppt/media/liar.bin", 8, zlib.crc32(b"\0" * 2**26), 100, body))
    return _raw_zip(entries)


def _unknown_method() -> bytes:
    entries = _stored(_base())
    entries = [(n, 99 if n == LAYOUT else m, c, s, b) for n, m, c, s, b in entries]
    return _raw_zip(entries)


def _bomb(gigabytes: int) -> bytes:
    """A member nothing refers to that inflates to `gigabytes` GB of zeros,
    made from one deflated megabyte repeated (never held whole anywhere)."""
    block = b"\0" * 2**20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * 1024
    body = first + again * (count - 1) + packer.flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    entries = _stored(_base())
    entries.append(("ppt/media/never-used.bin", 8, crc, count * 2**20, body))
    return _raw_zip(entries)


HOSTILE = {
    "not-a-zip": (lambda: b"PK\x03\x04 this is no zip", "not a readable zip"),
    "billion-laughs": (lambda: _edited(LAYOUT, _laughs), "document type declaration"),
    "external-entity": (lambda: _edited(LAYOUT, _external_entity), "document type declaration"),
    "malformed-xml": (lambda: _edited(LAYOUT, lambda b: b[:-40]), "not well-formed XML"),
    "no-layouts": (_no_layouts, "no slide layout"),
    "too-many-members": (_many_members, "5"),
    "damaged-member": (_damaged_member, "damaged"),
    "unknown-compression": (_unknown_method, "cannot be read"),
    "slide-size-text": (
        lambda: _edited("ppt/presentation.xml", _sub(r'cx="\d+"', 'cx="wide"')),
        "slide size",
    ),
    "slide-size-huge": (
        lambda: _edited("ppt/presentation.xml", _sub(r'cy="\d+"', 'cy="99999999999"')),
        "slide size",
    ),
    "offset-float": (
        lambda: _edited(LAYOUT, _sub(r'<a:off x="\d+"', '<a:off x="1e5"')),
        "position",
    ),
    "extent-negative": (
        lambda: _edited(LAYOUT, _sub(r'<a:ext cx="\d+"', '<a:ext cx="-5"')),
        "size",
    ),
    "placeholder-idx": (lambda: _edited(LAYOUT, _sub(r'idx="\d+"', 'idx="one"')), "placeholder"),
    "bomb-unreferenced": (lambda: _added("ppt/media/unused.bin", b"\0" * 2**23), "zip bomb"),
    # zipfile stops at the declared size, so the lie shows as a bad checksum
    "bomb-lying-size": (_lying, "damaged"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_template_is_a_located_error(tmp_path, capsys, case):
    make, said = HOSTILE[case]
    folder = tmp_path / "talk"
    outline = talk(folder, OUTLINE)
    (folder / "t.pptx").write_bytes(make())
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.pptx").write_bytes(b"earlier")
    status, err = run(capsys, "build", outline, "-o", out, "-f", "pptx,handout")
    assert status == 1, err
    assert f"talk.yaml:{TEMPLATE_LINE}:15: error: outputs.pptx.template: t.pptx" in err, err
    assert said in err, err
    assert snapshot(out) == {"talk.pptx": b"earlier"}


def test_external_links_are_dropped_with_a_warning_and_hyperlinks_kept(tmp_path, capsys):
    members = _base()
    info, rels = members[LAYOUT_RELS]
    extra = (
        '<Relationship Id="rId90" TargetMode="External" Target="file:///etc/passwd" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
        '<Relationship Id="rId91" TargetMode="External" Target="http://tracker.example/p.png" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
        '<Relationship Id="rId92" TargetMode="External" Target="https://example.org/" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    )
    members[LAYOUT_RELS] = (
        info,
        rels.replace(b"</Relationships>", extra.encode() + b"</Relationships>"),
    )
    # a picture on the layout, drawn from the linked file
    info, layout = members[LAYOUT]
    picture = (
        '<p:pic><p:nvPicPr><p:cNvPr id="90" name="linked"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rId90"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    members[LAYOUT] = (info, layout.replace(b"</p:spTree>", picture.encode() + b"</p:spTree>"))
    folder = tmp_path / "talk"
    outline = talk(folder, OUTLINE)
    (folder / "t.pptx").write_bytes(_zip(members))
    out = tmp_path / "out"
    status, err = run(capsys, "build", outline, "-o", out, "-f", "pptx")
    assert status == 0, err
    assert err.count(f"talk.yaml:{TEMPLATE_LINE}:15: warning:") == 2, err
    assert "file:///etc/passwd" in err and "dropped" in err
    with zipfile.ZipFile(out / "talk.pptx") as z:
        every = b"".join(z.read(n) for n in z.namelist() if n.endswith(".rels"))
    assert b"file:///etc/passwd" not in every and b"tracker.example" not in every
    with zipfile.ZipFile(folder / "t.pptx") as z:
        assert b'r:link="rId90"' in z.read(LAYOUT)
    with zipfile.ZipFile(out / "talk.pptx") as z:
        layouts = b"".join(z.read(n) for n in z.namelist() if "slideLayouts/slideLayout" in n)
    assert b'name="linked"' in layouts and b'r:link="rId90"' not in layouts  # nothing dangles
    assert audit((out / "talk.pptx").read_bytes(), tmp_path) == ""
    Presentation(str(out / "talk.pptx"))  # still opens


BOMB = textwrap.dedent(
    """
    import resource, sys
    limit = 1024 * 2**20  # the bomb inflates to three times this
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from deckgen.cli import main
    sys.exit(main(["build", sys.argv[1], "-o", sys.argv[2], "-f", "pptx"]))
    """
)


def test_a_zip_bomb_is_refused_within_a_memory_limit(tmp_path):
    folder = tmp_path / "talk"
    outline = talk(folder, OUTLINE)
    (folder / "t.pptx").write_bytes(_bomb(3))
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", BOMB, str(outline), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "zip bomb" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == {}


STRUCTURE = {
    # found by mutating python-pptx's default template attribute by attribute
    "rels-in-another-namespace": (
        "ppt/slideLayouts/_rels/slideLayout9.xml.rels",
        r'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"',
        'xmlns="urn:x"',
    ),
    "layout-without-its-master": (
        "ppt/slideLayouts/_rels/slideLayout6.xml.rels",
        r"relationships/slideMaster\"",
        'relationships/image"',
    ),
    "master-relationship-renamed": ("ppt/_rels/presentation.xml.rels", r'Id="rId1"', 'Id="rId77"'),
    "extent-without-height": (LAYOUT, r' cy="\d+"', ""),
}


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_a_template_of_odd_structure_is_a_located_error(tmp_path, capsys, case):
    part, pattern, repl = STRUCTURE[case]
    folder = tmp_path / "talk"
    outline = talk(folder, OUTLINE)
    (folder / "t.pptx").write_bytes(_edited(part, _sub(pattern, repl)))
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx")
    assert status in (0, 1), err
    if status == 1:
        assert f"talk.yaml:{TEMPLATE_LINE}:15: error: outputs.pptx.template: t.pptx" in err, err
    else:
        Presentation(str(tmp_path / "out" / "talk.pptx"))


ODD_VALUES = ["", "-1", "abc", "1e9", "9" * 20, " 5", "0", "rId999", "../../x", "/etc/passwd"]


def test_templates_with_odd_attribute_values_never_crash(tmp_path):
    import random

    import deckgen.build

    base = _base()
    parts = [n for n in base if n.endswith((".xml", ".rels"))]
    rng = random.Random(14)
    folder = tmp_path / "talk"
    outline = talk(folder, OUTLINE)
    for _ in range(30):
        members = dict(base)
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(parts)
            info, blob = members[name]
            text = blob.decode("utf-8")
            found = rng.choice(list(re.finditer(r'\s[\w:]+="([^"]*)"', text)))
            text = text[: found.start(1)] + rng.choice(ODD_VALUES) + text[found.end(1) :]
            members[name] = (info, text.encode("utf-8"))
        (folder / "t.pptx").write_bytes(_zip(members))
        report = deckgen.build.build([outline], formats=["pptx"], out_dir=tmp_path / "out")
        if report.ok:
            Presentation(str(tmp_path / "out" / "talk.pptx"))
        else:
            assert report.errors[0].location.line == TEMPLATE_LINE, str(report.errors[0])
