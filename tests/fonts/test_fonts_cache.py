"""The on-disk cache of static instances cut from variable fonts."""

from pathlib import Path

import fontpkg
import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from deckgen.fonts import cache


def _arimo_regular_source() -> Path:
    return next(Path(f.path) for f in fontpkg.family("Arimo").files if f.style == "normal")


@pytest.fixture(scope="module")
def mini_arimo(tmp_path_factory) -> Path:
    """Arimo's variable font cut down to a few glyphs: instancing it takes
    milliseconds instead of seconds, through exactly the same code."""
    font = TTFont(_arimo_regular_source())
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="Hi Arimo")
    subsetter.subset(font)
    assert "fvar" in font and "gvar" in font
    path = tmp_path_factory.mktemp("mini") / "Arimo[wght].ttf"
    font.save(path)
    return path


def test_cache_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "dg"))
    assert cache.cache_dir() == tmp_path / "dg" / "fonts"
    monkeypatch.delenv("DECKGEN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "deckgen" / "fonts"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "deckgen" / "fonts"


def _byte_identical_and_reused(monkeypatch, tmp_path, source):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "one"))
    first = cache.static_instance(source, "Arimo", 700, False)
    assert first.parent == tmp_path / "one" / "fonts"
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temp left
    assert TTFont(first)["OS/2"].usWeightClass == 700 and "fvar" not in TTFont(first)
    # A second machine (another cache) cuts exactly the same bytes.
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "two"))
    second = cache.static_instance(source, "Arimo", 700, False)
    assert second != first and second.read_bytes() == first.read_bytes()

    # A cache hit does not cut again.
    def no_cut(*args):
        raise AssertionError("cut again")

    monkeypatch.setattr(cache, "_cut", no_cut)
    assert cache.static_instance(source, "Arimo", 700, False) == second


def test_instancing_is_byte_identical_and_reused(monkeypatch, tmp_path, mini_arimo):
    _byte_identical_and_reused(monkeypatch, tmp_path, mini_arimo)


@pytest.mark.slow
def test_instancing_the_real_font_is_byte_identical(monkeypatch, tmp_path):
    _byte_identical_and_reused(monkeypatch, tmp_path, _arimo_regular_source())


def test_cache_key_follows_the_source_bytes(monkeypatch, tmp_path, mini_arimo):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path))
    copy = tmp_path / "copy" / mini_arimo.name
    copy.parent.mkdir()
    copy.write_bytes(mini_arimo.read_bytes())
    # Same bytes elsewhere: the same cached file; other weight: another file.
    assert cache.static_instance(copy, "Arimo", 400, False) == cache.static_instance(
        mini_arimo, "Arimo", 400, False
    )
    assert cache.static_instance(mini_arimo, "Arimo", 700, False) != cache.static_instance(
        mini_arimo, "Arimo", 400, False
    )


def test_unwritable_cache_falls_back_to_temp(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DECKGEN_CACHE", str(blocker))
    monkeypatch.setattr(cache, "_fallback_dir", lambda: tmp_path / "fallback")
    monkeypatch.setattr(cache, "_cut", lambda *a: _Tiny())
    path = cache.static_instance(_arimo_regular_source(), "Arimo", 400, False)
    assert path.parent == tmp_path / "fallback" and path.read_bytes() == b"tiny"


class _Tiny:
    """Stands in for a TTFont so that the fallback test needs no instancing."""

    recalcTimestamp = True

    def save(self, fh):
        fh.write(b"tiny")


def test_damaged_cache_file_is_cut_again(monkeypatch, tmp_path, mini_arimo):
    from deckgen.fonts.family import Family

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path))
    damaged = cache.static_instance(mini_arimo, "Arimo", 400, False)
    good = damaged.read_bytes()
    damaged.write_bytes(b"not a font")
    pkg = fontpkg.Family(
        name="Arimo",
        slug="arimo",
        version="1",
        license="OFL-1.1",
        files=(fontpkg.FontFile(mini_arimo, "normal", None, True, 400, 700),),
    )
    face = Family(pkg).face()
    assert face.path == damaged and damaged.read_bytes() == good
    assert face.width("Hi", 10) > 0
