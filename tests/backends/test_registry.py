"""Backend discovery through the `deckgen.backends` entry point group."""

from __future__ import annotations

import sys

import pytest

from deckgen.backends import registry
from deckgen.backends.base import Backend
from deckgen.errors import BackendError


def error_of(name: str) -> str:
    with pytest.raises(BackendError) as info:
        registry.load(name)
    return info.value.diagnostics[0].message


def test_builtins_are_registered_like_plugins():
    regs = registry.registrations()
    for name in ("pptx", "handout", "poster"):
        [reg] = regs[name]
        assert reg.distribution == "deckgen" and reg.builtin
        assert reg.target.startswith(f"deckgen.backends.{name}:")


def test_listing_names_imports_nothing(site):
    module = site.add_backend("lazy")
    assert "lazy" in registry.names()
    assert module not in sys.modules
    backend = registry.load("lazy")
    assert module in sys.modules
    assert isinstance(backend, Backend)
    assert backend.name == "lazy"


def test_unknown_backend_lists_the_installed_and_suggests(site):
    site.add_backend("wordcount")
    message = error_of("wordcout")
    assert message.startswith("unknown backend 'wordcout'; did you mean 'wordcount'?")
    installed = message.split("(installed: ")[1].rstrip(")").split(", ")
    assert installed == registry.names()
    assert "wordcount" in installed and "pptx" in installed


def test_two_packages_claiming_one_name_is_an_error_naming_both(site):
    site.add_backend("summary", dist="deckgen-summary")
    site.add_backend("summary", dist="other-summary")
    site.add_backend("fine", dist="other-summary")
    message = error_of("summary")
    assert "backend 'summary' is claimed by 2 installed packages" in message
    assert "deckgen-summary 1.0" in message and "other-summary 1.0" in message
    assert "uninstall all but one" in message
    # The clash only matters to whoever asks for that name.
    assert registry.load("fine").name == "fine"


def test_a_backend_that_fails_to_import_is_a_clear_error(site):
    site.add_backend("broken", source="import no_such_module_anywhere\n")
    message = error_of("broken")
    assert "backend 'broken'" in message and "from deckgen-fakes 1.0" in message
    assert "cannot be imported: ModuleNotFoundError" in message


def test_entry_point_to_a_missing_class(site):
    site.add_backend("missing", target="json:NoSuchBackend")
    assert "cannot be imported: AttributeError" in error_of("missing")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (
            "class Backend:\n name = 'odd'\n description = 'x'\n options = ()\n"
            " def layout(self, job): pass\n",
            "it has no render() method",
        ),
        (
            "class Backend:\n name = 'other'\n description = 'x'\n options = ()\n"
            " def layout(self, job): pass\n def render(self, plan, job): pass\n",
            "it calls itself 'other' but is registered as 'odd'",
        ),
        (
            "class Backend:\n name = 'odd'\n description = 'x'\n options = ('size',)\n"
            " def layout(self, job): pass\n def render(self, plan, job): pass\n",
            "every entry of 'options' must be an OptionSpec",
        ),
        (
            "class Backend:\n def __init__(self):\n  raise RuntimeError('needs a licence key')\n",
            "cannot be created: RuntimeError: needs a licence key",
        ),
    ],
)
def test_protocol_is_checked(site, source, problem):
    site.add_backend("odd", source=source)
    assert problem in error_of("odd")


def test_available_describes_each_backend_even_broken_ones(site):
    site.add_backend("fine", description="a fine backend\nwith more lines", dist="deckgen-fine")
    site.add_backend("broken", source="raise ImportError('half installed')\n")
    rows = dict(registry.available())
    assert rows["fine"] == "a fine backend [deckgen-fine 1.0]"
    assert rows["broken"] == (
        "(unusable: cannot be imported: ImportError: half installed; from deckgen-fakes)"
    )
    assert list(rows) == sorted(rows)


def test_available_marks_a_clash(site):
    site.add_backend("twice", dist="pkg-one")
    site.add_backend("twice", dist="pkg-two")
    assert dict(registry.available())["twice"] == (
        "(unusable: claimed by 2 packages: pkg-one, pkg-two)"
    )


def builtin_names() -> list[str]:
    return [n for n, regs in registry.registrations().items() if regs[0].builtin]


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_backend_loads_and_declares_sane_options(name, tmp_path):
    from deckgen.backends.options import KINDS, validate

    backend = registry.load(name)
    assert backend.description.strip() and "\n" not in backend.description.strip()
    names = [spec.name for spec in backend.options]
    assert len(names) == len(set(names)), names
    for spec in backend.options:
        assert spec.kind in KINDS, spec
        if spec.choices and spec.default is not None:
            assert spec.default in spec.choices, spec
        for target in spec.aliases.values():
            assert target in spec.choices, spec
    defaults, problems = validate(name, backend.options, {}, tmp_path)
    assert problems == []
    assert set(defaults) == set(names)
