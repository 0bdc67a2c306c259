"""What `pip install deckgen` (a wheel, not this editable checkout) would contain."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "deckgen"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_code_folder_is_a_package():
    """setuptools' find only ships folders with __init__.py; an editable install
    would hide a missing one until a user installs the wheel."""
    for folder in [PACKAGE, *PACKAGE.rglob("*")]:
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py")):
            assert (folder / "__init__.py").is_file(), folder.relative_to(ROOT)


def test_every_data_file_is_shipped():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["deckgen"]
    for path in PACKAGE.rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc", ".md"):
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_builtin_backends_point_at_modules_that_exist():
    backends = PYPROJECT["project"]["entry-points"]["deckgen.backends"]
    assert {"pptx", "handout", "poster"} <= set(backends)
    for target in backends.values():
        module, _, attribute = target.partition(":")
        assert attribute, target
        parts = module.split(".")
        as_package = ROOT.joinpath(*parts, "__init__.py")
        as_module = ROOT.joinpath(*parts[:-1], parts[-1] + ".py")
        assert as_package.is_file() or as_module.is_file(), target


def test_themes_folder_is_the_package_one():
    assert (ROOT / "themes").resolve() == PACKAGE / "themes"
    assert {"default.yaml", "midnight.yaml", "print.yaml"} <= {
        p.name for p in (PACKAGE / "themes").glob("*.yaml")
    }


def test_version_has_one_source():
    assert "version" in PYPROJECT["project"]["dynamic"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "deckgen.__version__"


def test_py_typed_marker_is_shipped():
    """PEP 561: a project that imports deckgen type-checks against its annotations."""
    assert (PACKAGE / "py.typed").is_file()
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["deckgen"]
    assert "py.typed" in patterns
