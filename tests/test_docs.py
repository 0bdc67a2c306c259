"""docs/ and the README: up to date with the code, examples that run, links that stay.

- the outline reference has every key of the schema the loader uses, and
  no other (keys of format version 2 not read yet are marked `planned`);
- the generated pages (outline.md, cli.md, the generated parts of the
  others) are what `make docs` would write now;
- every YAML and shell example runs: a YAML piece is put over a minimal
  outline and must check without errors; `<!-- file: NAME -->` before a
  block writes it as that file instead; a shell block runs each `deckgen`
  line, and a ```text block right after it lists lines it must print;
- links stay inside the repository, except to public https sites.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import io
import re
import shlex
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from pptx import Presentation

import deckgen
from deckgen import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
BASE = {"title": "Example", "sections": [{"title": "One", "points": ["A point"]}]}
# Set-up lines of shell examples: they need the network or the whole machine.
SETUP = ("make ", "pip ", "apt-get ", "python -m pip ", "cd ")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"deckgen_tools_{name}", ROOT / "tools" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_tool = _tool("docs")


# ---------------------------------------------------------------- reference


def test_outline_reference_has_every_key_of_the_schema_and_no_other():
    ref = docs_tool.reference()
    schema = docs_tool.schema_keys()
    assert schema - docs_tool.prose_keys(ref) == set(), "keys without prose in docs/reference.yaml"
    described = docs_tool.prose_keys(ref, planned=False)
    assert described - schema == set(), "prose for keys the schema lacks (mark them planned?)"


def test_schema_objects_are_the_loaders():
    """The reference is made from schema.py; the loader checks keys with KEYS."""
    from deckgen.outline.validate import KEYS

    objects = docs_tool.schema_objects()
    assert {name: set(obj["properties"]) for name, obj in objects.items()} == {
        name: set(keys) for name, keys in KEYS.items()
    }


def test_every_layout_has_prose_and_a_picture():
    from deckgen.outline.model import SLIDE_LAYOUTS

    ref = docs_tool.reference()
    for name in SLIDE_LAYOUTS:
        assert name in ref["layouts"], name
        assert (DOCS / "images" / f"layout-{name}.png").is_file(), name
    for name in ref["generated"]:
        assert (DOCS / "images" / f"layout-{name}.png").is_file(), name


def test_theme_reference_has_every_theme_key_and_no_other():
    assert set(docs_tool.reference()["theme"]) == docs_tool.theme_schema_keys()


def test_generated_pages_are_up_to_date():
    stale = [
        str(path.relative_to(ROOT))
        for path, text in docs_tool.pages().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run `make docs`"


def test_every_backend_option_is_in_the_outputs_page():
    from deckgen.backends import registry

    page = (DOCS / "outputs.md").read_text(encoding="utf-8")
    for name, _ in registry.available():
        for spec in registry.load(name).options:
            assert f"| `{name}` | `{spec.name}` |" in page


def test_help_of_every_command_ends_with_an_example_and_the_docs():
    parser = cli._parser()
    [commands] = [a for a in parser._actions if hasattr(a, "choices") and a.choices]
    assert parser.format_help().rstrip().endswith(cli._DOCS)
    for name, sub in commands.choices.items():
        text = sub.format_help()
        assert f"example:\n  {cli._EXAMPLE[name]}\n" in text, name
        assert text.rstrip().endswith(cli._DOCS), name
    for page in re.findall(r"[\w-]+\.md", cli._DOCS):
        assert (DOCS / page).is_file(), page


# ---------------------------------------------------------------- examples


def blocks(text: str) -> list[tuple[str, str, str | None]]:
    """(language, body, file name or None) of each fenced block, in order."""
    fence = re.compile(r"(?:<!-- file: (\S+) -->\n)?^```(\w*)\n(.*?)^```", re.S | re.M)
    return [(m.group(2), m.group(3), m.group(1)) for m in fence.finditer(text)]


def readme_shell(text: str) -> str:
    """The README's commands, in indented blocks."""
    lines = re.findall(r"^ {4}((?:deckgen|make) .*)$", text, re.M)
    return "\n".join(lines) + "\n"


def run_shell(body: str, expected: str | None, folder: Path) -> None:
    for line in body.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if not line or line.startswith(SETUP):
            continue
        words = shlex.split(line)
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        if words[:3] == ["python", "-m", "deckgen"]:
            words = ["deckgen", *words[3:]]
        assert words[0] == "deckgen", f"not a deckgen command: {line}"
        args = [g for w in words[1:] for g in (sorted(glob.glob(w)) or [w])]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(args)
        printed = out.getvalue() + err.getvalue()
        if target:
            (folder / target).write_text(out.getvalue(), encoding="utf-8")
        if expected is None:
            assert status == 0, f"{line}\n{printed}"
            continue
        for want in expected.strip().splitlines():
            want = want.strip().removesuffix("...")  # goes on with details of the machine
            assert want in printed, f"{line}: expected\n{want}\ngot\n{printed}"
        assert (status != 0) == ("error:" in expected), f"{line}: exit status {status}"


def check_fragment(body: str, folder: Path) -> None:
    piece = yaml.safe_load(body)
    assert isinstance(piece, dict), body
    # A folder of its own, so that `deckgen build *.yaml` examples do not see it.
    folder = folder / "fragment"
    if not folder.exists():
        folder.mkdir()
        for name in ("images", "brand.pptx"):
            if (folder.parent / name).is_dir():
                shutil.copytree(folder.parent / name, folder / name)
            elif (folder.parent / name).exists():
                shutil.copy(folder.parent / name, folder / name)
    path = folder / "fragment.yaml"
    path.write_text(yaml.safe_dump({**BASE, **piece}, allow_unicode=True), encoding="utf-8")
    report = deckgen.check([path])
    assert report.errors == [], f"{body}\n" + "\n".join(str(d) for d in report.errors)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run(page, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "content" / "images", tmp_path / "images")
    shutil.copy(ROOT / "content" / "gallery.yaml", tmp_path / "talk.yaml")
    if page != ROOT / "README.md":
        shutil.copy(ROOT / "content" / "space_race.yaml", tmp_path)
    Presentation().save(tmp_path / "brand.pptx")  # a template, for the `template` examples
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    found = blocks(text)
    ran = 0
    for index, (language, body, name) in enumerate(found):
        named = re.match(r"# (\S+\.yaml)\n", body)
        name = name or (named.group(1) if named else None)
        if name:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(body, encoding="utf-8")
        elif language == "yaml":
            check_fragment(body, tmp_path)
        elif language == "sh":
            after = found[index + 1] if index + 1 < len(found) else None
            expected = after[1] if after and after[0] == "text" and not after[2] else None
            run_shell(body, expected, tmp_path)
        else:
            continue
        ran += 1
    if page == ROOT / "README.md":
        # Its usage lines run on its own outline, alone in a folder (`*.yaml`).
        usage = tmp_path / "usage"
        shutil.copytree(tmp_path / "images", usage / "images")
        outline = next(body for language, body, _ in found if language == "yaml")
        (usage / "talk.yaml").write_text(outline, encoding="utf-8")
        monkeypatch.chdir(usage)
        run_shell(readme_shell(text), None, usage)
        ran += 1
    assert ran, f"{page.name} has no example"


def test_the_plugin_page_shows_the_plugins_own_code():
    """The worked example of docs/plugins.md is tests/plugin/deckgen-wordcount."""
    plugin = ROOT / "tests" / "plugin" / "deckgen-wordcount"
    source = {
        "python": (plugin / "deckgen_wordcount" / "__init__.py").read_text(encoding="utf-8"),
        "toml": (plugin / "pyproject.toml").read_text(encoding="utf-8"),
    }
    shown = [
        (language, body)
        for language, body, name in blocks((DOCS / "plugins.md").read_text(encoding="utf-8"))
        if language in source and name is None
    ]
    assert len(shown) == 4
    for language, body in shown:
        assert body in source[language], body


def test_a_wrong_example_fails(tmp_path, monkeypatch):
    """The runner itself: a message that deckgen does not print is caught."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.yaml").write_text("title: T\nsections: [{title: S, points: [a]}]\n")
    with pytest.raises(AssertionError):
        run_shell("deckgen check talk.yaml\n", "talk.yaml:1:1: error: nothing", tmp_path)
    with pytest.raises(AssertionError):
        check_fragment("sections: [{title: S, pionts: [a]}]", tmp_path)


# ---------------------------------------------------------------- links


def links(text: str) -> list[str]:
    """Targets of markdown links and pictures, outside code."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<(https?://[^>]+)>", text)


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return {docs_tool.anchor(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_stay_in_the_repository(page):
    for target in links(page.read_text(encoding="utf-8")):
        if target.startswith("https://"):
            host = target.split("/")[2]
            assert host not in ("localhost", "127.0.0.1") and "." in host, target
            continue
        assert "://" not in target and not target.startswith("mailto:"), target
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.is_relative_to(ROOT), f"{target} leaves the repository"
        assert resolved.exists(), f"{page.name}: {target} does not exist"
        if fragment and resolved.suffix == ".md":
            assert fragment in anchors(resolved), f"{page.name}: no heading for {target}"


def test_the_readme_links_to_the_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("outline", "themes", "outputs", "plugins", "messages", "cli"):
        assert f"docs/{page}.md" in readme, page


# ---------------------------------------------------------------- gallery


@pytest.mark.render
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_gallery_pictures_are_byte_stable(tmp_path):
    gallery = _tool("gallery")
    made = []
    for run in ("a", "b"):
        (tmp_path / run / "work").mkdir(parents=True)
        gallery.Gallery(tmp_path / run / "work", tmp_path / run).handouts()
        made.append({p.name: p.read_bytes() for p in (tmp_path / run).glob("*.png")})
    assert made[0] and made[0] == made[1]


def test_pictures_are_light():
    sizes = {p.name: p.stat().st_size for p in (DOCS / "images").glob("*.png")}
    assert sum(sizes.values()) < 3_000_000, sizes
    assert all(size < 300_000 for size in sizes.values()), sizes


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
