"""Pair kerning extracted from the fonts and kept on disk as JSON."""

import json
import os
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont, newTable

from deckgen.fonts import families, family, kerning
from deckgen.fonts.face import Face

SAMPLE = Path(__file__).parents[2] / "content" / "space_race.yaml"


class _Reference:
    """Kerning straight from fontTools' decompiled tables, written apart from
    deckgen.fonts.kerning (as deckgen read it before the cache)."""

    def __init__(self, path: Path) -> None:
        font = TTFont(path, lazy=False)
        self.lookups: list[list] = []
        self.legacy: dict = {}
        gpos = font["GPOS"].table if "GPOS" in font else None
        if gpos is not None and gpos.FeatureList and gpos.LookupList:
            wanted = {
                i
                for rec in gpos.FeatureList.FeatureRecord
                if rec.FeatureTag == "kern"
                for i in rec.Feature.LookupListIndex
            }
            for i in sorted(wanted):
                lookup = gpos.LookupList.Lookup[i]
                subs = [s.ExtSubTable if lookup.LookupType == 9 else s for s in lookup.SubTable]
                subs = [s for s in subs if s.LookupType == 2 and s.Format in (1, 2)]
                if subs:
                    self.lookups.append([(s, _index(s)) for s in subs])
        elif "kern" in font:
            for table in font["kern"].kernTables:
                if getattr(table, "format", None) == 0:
                    self.legacy.update(table.kernTable)

    def pair(self, first: str, second: str) -> float:
        if self.legacy:
            return self.legacy.get((first, second), 0)
        total = 0.0
        for subs in self.lookups:
            for sub in subs:
                value = self._get(sub, first, second)
                if value is not None:
                    total += value
                    break
        return total

    @staticmethod
    def _get(entry, first, second):
        sub, index = entry
        if first not in index:
            return None
        if sub.Format == 1:
            for record in sub.PairSet[index[first]].PairValueRecord:
                if record.SecondGlyph == second:
                    return _x(record.Value1)
            return None
        c1 = sub.ClassDef1.classDefs.get(first, 0) if sub.ClassDef1 else 0
        c2 = sub.ClassDef2.classDefs.get(second, 0) if sub.ClassDef2 else 0
        try:
            return _x(sub.Class1Record[c1].Class2Record[c2].Value1)
        except IndexError:
            return None


def _index(sub) -> dict[str, int]:
    return {g: i for i, g in enumerate(sub.Coverage.glyphs)}


def _x(value) -> float:
    return float(getattr(value, "XAdvance", 0) or 0) if value is not None else 0.0


def _faces() -> list[Face]:
    return [
        family(name).face(bold, italic)
        for name in families()
        for bold in (False, True)
        for italic in (False, True)
    ]


def _sample_glyph_pairs(face: Face) -> set[tuple[str, str]]:
    """Every pair of glyphs of characters in the sample outline, and of letters."""
    font = TTFont(face.path, lazy=True)
    cmap = font.getBestCmap()
    font.close()
    text = SAMPLE.read_text(encoding="utf-8")
    chars = set(text) | set("AVWTYLPFo.,-–'’\"«»")
    glyphs = sorted({cmap[ord(ch)] for ch in chars if ord(ch) in cmap})
    return {(a, b) for a in glyphs for b in glyphs}


@pytest.fixture
def cache_in(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(kerning, "_fallback_dir", lambda: tmp_path / "fallback")
    return tmp_path


@pytest.mark.parametrize("face", _faces(), ids=repr)
def test_cached_kerning_equals_the_fonts_own(face, cache_in):
    reference = _Reference(face.path)
    fresh = kerning.load_kerning(face.path)  # a cold cache: extracted and saved
    saved = cache_in / "cache" / "fonts" / kerning._file_name(face.path)
    assert saved.is_file()
    warm = kerning.load_kerning(face.path)  # read back from the JSON
    assert warm is not fresh
    pairs = _sample_glyph_pairs(face)
    expected = {p: reference.pair(*p) for p in pairs}
    assert {p: fresh.pair(*p) for p in pairs} == expected
    assert {p: warm.pair(*p) for p in pairs} == expected
    # every bundled face but a monospaced one kerns some of these pairs
    assert any(expected.values()) != ("Mono" in face.family)


def test_face_kerning_reads_the_cache(cache_in, monkeypatch):
    path = family("Arimo").face().path
    kerning.load_kerning(path)

    def no_extract(path):
        raise AssertionError("extracted again")

    monkeypatch.setattr(kerning, "extract", no_extract)
    face = Face("Arimo", False, False, path)
    assert face.kerning("AV") < 0 and face.kerning("ab") == 0


def test_cache_file_is_readable_and_written_atomically(cache_in):
    path = family("Arimo").face(bold=True).path
    kerning.load_kerning(path)
    folder = cache_in / "cache" / "fonts"
    (saved,) = folder.iterdir()  # no temporary file left
    assert saved.name == kerning._file_name(path)
    assert saved.stat().st_mode & 0o777 == 0o644
    assert json.loads(saved.read_bytes())["format"] == kerning._FORMAT


def test_an_unwritable_cache_falls_back(cache_in, monkeypatch):
    (cache_in / "blocked").write_text("a file, not a folder")
    monkeypatch.setenv("DECKGEN_CACHE", str(cache_in / "blocked"))
    path = family("Arimo").face().path
    got = kerning.load_kerning(path)
    assert (cache_in / "fallback" / kerning._file_name(path)).is_file()
    assert got.to_json() == kerning.extract(path).to_json()


def _hostile_contents() -> dict[str, bytes]:
    good = {"format": 1, "legacy": {}, "lookups": [[["pairs", {"A": {"V": -152.0}}]]]}

    def variant(**changes) -> bytes:
        return json.dumps({**good, **changes}).encode()

    return {
        "garbage": b"\x00\xffnot json at all",
        "empty": b"",
        "not utf-8": b'{"format": 1, "legacy": {"\xff": {}}}',
        "a list": b"[1, 2, 3]",
        "old format": variant(format=0),
        "format as text": variant(format="1"),
        "legacy a list": variant(legacy=[]),
        "legacy value text": variant(legacy={"A": {"V": "-1"}}),
        "legacy value bool": variant(legacy={"A": {"V": True}}),
        "lookups a dict": variant(lookups={}),
        "unknown subtable": variant(lookups=[[["script", "rm -rf"]]]),
        "pairs not a dict": variant(lookups=[[["pairs", [["A", "V", -1]]]]]),
        "class matrix of text": variant(lookups=[[["classes", {"A": 1}, {}, {}, [["x"]]]]]),
        "class index text": variant(lookups=[[["classes", {"A": 1}, {"A": "1"}, {}, [[0.0]]]]]),
        "short subtable": variant(lookups=[[["classes", {"A": 1}]]]),
        "not finite": b'{"format": 1, "legacy": {"A": {"V": NaN}}, "lookups": []}',
        "infinite": b'{"format": 1, "legacy": {"A": {"V": -Infinity}}, "lookups": []}',
        "deeply nested": b"[" * 200_000 + b"]" * 200_000,
    }


@pytest.mark.parametrize("name", list(_hostile_contents()))
def test_a_corrupt_or_hostile_cache_file_is_ignored(name, cache_in):
    path = family("Arimo").face().path
    saved = cache_in / "cache" / "fonts" / kerning._file_name(path)
    saved.parent.mkdir(parents=True)
    saved.write_bytes(_hostile_contents()[name])
    got = kerning.load_kerning(path)
    assert got.to_json() == kerning.extract(path).to_json()
    # ... and replaced by a good copy
    assert kerning._read(saved).to_json() == got.to_json()


def test_a_huge_or_odd_cache_entry_is_not_read(cache_in, monkeypatch):
    path = family("Arimo").face().path
    expected = kerning.extract(path).to_json()
    saved = cache_in / "cache" / "fonts" / kerning._file_name(path)
    saved.parent.mkdir(parents=True)
    kerning.load_kerning(path)  # a good copy ...
    monkeypatch.setattr(kerning, "_MAX_BYTES", saved.stat().st_size - 1)
    assert kerning._read(saved) is None  # ... over the size limit is not read
    monkeypatch.undo()
    monkeypatch.setenv("DECKGEN_CACHE", str(cache_in / "cache"))
    monkeypatch.setattr(kerning, "_fallback_dir", lambda: cache_in / "fallback")
    # a link (even to a good copy), a folder, a pipe: not read
    elsewhere = cache_in / "elsewhere.json"
    saved.rename(elsewhere)
    saved.symlink_to(elsewhere)
    assert kerning._read(saved) is None
    saved.unlink()
    saved.mkdir()
    assert kerning._read(saved) is None
    assert kerning.load_kerning(path).to_json() == expected  # the folder is left alone
    saved.rmdir()
    os.mkfifo(saved)
    assert kerning._read(saved) is None
    assert kerning.load_kerning(path).to_json() == expected


def test_a_legacy_kern_table_is_used_without_gpos(tmp_path, cache_in):
    font = TTFont(family("Arimo").face().path)
    del font["GPOS"]
    kern = newTable("kern")
    kern.version = 0
    from fontTools.ttLib.tables._k_e_r_n import KernTable_format_0

    table = KernTable_format_0()
    table.format, table.coverage, table.tupleIndex = 0, 1, 0
    table.kernTable = {("A", "V"): -80, ("T", "o"): -120}
    kern.kernTables = [table]
    font["kern"] = kern
    path = tmp_path / "legacy.ttf"
    font.save(path)
    face = Face("Legacy", False, False, path)
    upem = face.units_per_em
    assert face.kerning("AV") == -80 * (1.0 / upem) and face.kerning("VA") == 0
    warm = kerning.load_kerning(path)  # from the cache the face wrote
    assert warm.pair("T", "o") == _Reference(path).pair("T", "o") == -120


def test_a_damaged_font_is_measured_without_kerning(tmp_path, cache_in):
    # an installed font whose GPOS is garbage: no kerning, nothing cached, no crash
    from fontTools.ttLib import TTFont

    source = family("Arimo").face().path
    font = TTFont(source)
    data = bytearray(font.reader["GPOS"])
    data[4:] = b"\xff" * (len(data) - 4)
    font.close()
    damaged = tmp_path / "damaged.ttf"
    raw = bytearray(source.read_bytes())
    at = raw.find(bytes(TTFont(source).reader["GPOS"][:64]))
    raw[at : at + len(data)] = data
    damaged.write_bytes(bytes(raw))
    got = kerning.load_kerning(damaged)
    assert got.lookups == [] and got.legacy == {}
    assert not list((cache_in / "cache").rglob("kern-*.json"))
    assert kerning.load_kerning(tmp_path / "gone.ttf").lookups == []
