"""The `deckgen` command: the only module that prints or exits.

Exit status: 0 success (warnings allowed unless --strict); 1 the outline,
theme or content has errors (or a backend cannot be used); 2 wrong
command-line usage; 70 an internal error, i.e. a bug in deckgen or in a
plugin (a short line, and the traceback with -v); 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import textwrap
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import deckgen
from deckgen.epoch import source_date_epoch
from deckgen.errors import DeckgenError, Diagnostic
from deckgen.safeio import unusable_name

if TYPE_CHECKING:
    from deckgen.backends.base import OptionSpec
    from deckgen.build import BuildReport, Step

__all__ = ["EXIT_ERRORS", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE from sysexits.h
EXIT_INTERRUPTED = 130

# Progress appears only for builds that take longer than this, so quick
# builds print exactly the list of files and nothing else.
PROGRESS_AFTER = 1.0

_EXAMPLES = """\
examples:
  deckgen build talk.yaml              deck, handout and poster into build/
  deckgen build talk.yaml -f pptx -t midnight -o slides
  deckgen build talk.yaml --set outputs.poster.size=A1
  deckgen check talk.yaml              report problems, write nothing
  deckgen new mytalk                   start a talk: mytalk/talk.yaml, images/
  deckgen import talk.md               a Pandoc or Marp Markdown talk to talk.yaml
  deckgen watch talk.yaml              rebuild on every save
  deckgen preview talk.yaml --open     the talk in a browser, reloading on save
  deckgen backends -v                  the outputs and their options
  deckgen <command> --help             the options of one command
"""

# One example per command, shown at the end of its --help, then the docs.
_EXAMPLE = {
    "build": "deckgen build talk.yaml -f pptx,handout -t midnight -o slides",
    "check": "deckgen check talk.yaml --strict",
    "themes": "deckgen themes",
    "backends": "deckgen backends -v",
    "schema": "deckgen schema > outline.schema.json",
    "new": "deckgen new mytalk",
    "import": "deckgen import slides.md -o talk.yaml",
    "watch": "deckgen watch talk.yaml -f pptx,html",
    "preview": "deckgen preview talk.yaml --port 8000 --open",
}
_DOCS = (
    "docs: docs/ in the deckgen source: cli.md (this command), outline.md (the\n"
    "outline, key by key), outputs.md, themes.md, messages.md, plugins.md"
)

_EPILOG = (
    "exit status: 0 success (warnings allowed unless --strict), 1 the outline, theme or "
    "content has errors, 2 wrong command-line usage, 70 internal error (a bug: rerun with -v "
    "and report the traceback), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM); no "
    "partial file is left behind."
)


class _UsageError(Exception):
    """Wrong command-line usage found after argument parsing (exit 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (console scripts sys.exit it)."""
    with _terminate_cleanly():
        try:
            return _main(argv)
        except (KeyboardInterrupt, SystemExit) as exc:
            # a signal outside the build itself (parsing, printing the report)
            if isinstance(exc, SystemExit) and not _STOPPED:
                raise
            with contextlib.suppress(OSError, ValueError):
                print("deckgen: interrupted", file=sys.stderr)
            return 128 + (_STOPPED[0] if _STOPPED else signal.SIGINT)


def _main(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Outlines are in any script; a non-UTF-8 terminal must not crash the report.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help/--version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; every way it can end becomes an exit status."""
    try:
        status = args.run(args)
        _flush_stdout()
        return status
    except _UsageError as exc:
        print(f"deckgen {args.command}: error: {_printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except DeckgenError as exc:
        _print_diagnostics(exc.diagnostics, strict=False, quiet=False)
        from deckgen.writer import OverwritesInput  # loaded by then; kept off startup

        if isinstance(exc, OverwritesInput):  # -o names the folder of an input
            return EXIT_USAGE
        if args.verbose and exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__, file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("deckgen: interrupted", file=sys.stderr)
        return 128 + (_STOPPED[0] if _STOPPED else signal.SIGINT)
    except BrokenPipeError:
        # The reader went away (`deckgen schema | head`): not an error of ours.
        _drop_stdout()
        return getattr(args, "status", EXIT_OK)
    except Exception as exc:
        if _STOPPED:  # a library turned our interrupt into an error of its own
            print("deckgen: interrupted", file=sys.stderr)
            return 128 + _STOPPED[0]
        message = _printable(f"{type(exc).__name__}: {exc}")
        print(f"deckgen: internal error: {message}", file=sys.stderr)
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        else:
            print("deckgen: this is a bug; rerun with -v for the traceback", file=sys.stderr)
        return EXIT_INTERNAL


# ---------------------------------------------------------------- arguments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deckgen",
        description="Turn one YAML outline of a talk into a PowerPoint deck,\n"
        "a PDF handout and a timeline poster.",
        epilog=_EXAMPLES + "\n" + textwrap.fill(_EPILOG, 79) + "\n\n" + _DOCS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"deckgen {deckgen.__version__}")
    parser.set_defaults(command=None, verbose=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    chatter = argparse.ArgumentParser(add_help=False)
    group = chatter.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    group.add_argument(
        "-v", "--verbose", action="store_true", help="print timings, and tracebacks of bugs"
    )

    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument("outlines", nargs="+", metavar="OUTLINE", help="outline file(s) (.yaml)")
    inputs.add_argument(
        "-f",
        "--formats",
        metavar="FORMATS",
        help="comma list of backends (default: pptx,handout,poster; see `deckgen backends`)",
    )
    inputs.add_argument(
        "-t", "--theme", metavar="THEME", help="a theme name or theme file; overrides the outline's"
    )
    inputs.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        type=_key_value,
        metavar="KEY=VALUE",
        help="override one outline or theme value by dotted path, e.g. "
        "--set outputs.poster.size=A1 (repeatable)",
    )
    inputs.add_argument(
        "--strict", action="store_true", help="treat warnings as errors: fail and write nothing"
    )

    build = commands.add_parser(
        "build",
        parents=[inputs, chatter],
        help="build the outputs of one or more outlines",
        description="Build the outputs of each OUTLINE into the output folder. "
        "talk.yaml gives talk.pptx, talk-handout.pdf, talk-poster.pdf, ...",
        epilog=_epilog("build", _EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "-o",
        "--out",
        default="build",
        metavar="DIR",
        help="output folder, created when missing (default: build)",
    )
    build.set_defaults(run=_cmd_build, command="build")

    check = commands.add_parser(
        "check",
        parents=[inputs, chatter],
        help="validate and lay out, report problems, write nothing",
        description="Load, validate and lay out each OUTLINE like `build` would, "
        "and report every problem (text shrunk or split, unknown options, ...). "
        "Writes nothing.",
        epilog=_epilog("check", _EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "--a11y",
        action="store_true",
        help="report accessibility problems of every output instead of the layout's "
        "warnings: slide titles, alt text, text size, contrast, colour alone, "
        "reading order, bare URLs as link text (with --strict: exit 1 if any)",
    )
    check.set_defaults(run=_cmd_check, command="check")

    for name, run, text in (
        ("themes", _cmd_themes, "list themes (built-in and installed), one line each"),
        (
            "backends",
            _cmd_backends,
            "list backends (built-in and installed plugins); -v: with their options",
        ),
        ("schema", _cmd_schema, "print the JSON Schema of the outline format"),
    ):
        sub = commands.add_parser(
            name,
            parents=[chatter],
            help=text,
            description=text,
            epilog=_epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, command=name)
    _loop_commands(commands, chatter)
    return parser


def _loop_commands(commands, chatter: argparse.ArgumentParser) -> None:
    """The writing loop: new, import, watch, preview."""

    def add(name: str, text: str, run, parents, note: str = "") -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            parents=parents,
            help=text,
            description=text + (". " + note if note else ""),
            epilog=_epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, command=name)
        return sub

    new = add(
        "new",
        "start a talk: an outline showing every feature, commented, and an images/ folder",
        _cmd_new,
        [chatter],
        "Writes talk.yaml, images/picture.png and README.md into FOLDER; never over "
        "existing files (exit 1, naming them).",
    )
    new.add_argument("folder", nargs="?", default=".", metavar="FOLDER", help="default: here")

    imp = add(
        "import",
        "a Markdown talk (Pandoc slide style or Marp) to an outline",
        _cmd_import,
        [chatter],
        "What has no place in an outline is a warning at its Markdown line; "
        "items whose mapping was a guess are marked by a comment.",
    )
    imp.add_argument("markdown", metavar="TALK.md", help="the Markdown file")
    imp.add_argument(
        "-o",
        "--out",
        metavar="OUTLINE.yaml",
        help="the outline to write (default: TALK.yaml beside TALK.md); never overwritten",
    )

    single = argparse.ArgumentParser(add_help=False)
    single.add_argument("outline", metavar="OUTLINE", help="the outline file (.yaml)")
    single.add_argument(
        "-t", "--theme", metavar="THEME", help="a theme name or theme file; overrides the outline's"
    )
    single.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        type=_key_value,
        metavar="KEY=VALUE",
        help="override one outline or theme value by dotted path (repeatable)",
    )
    watch = add(
        "watch",
        "rebuild on every save of the outline, its pictures or its theme",
        _cmd_watch,
        [single, chatter],
        "One line per rebuild, with its time; a broken save prints its errors and "
        "keeps the earlier files. Ctrl-C stops (exit 130).",
    )
    watch.add_argument(
        "-f",
        "--formats",
        metavar="FORMATS",
        help="comma list of backends (default: pptx,handout,poster)",
    )
    watch.add_argument(
        "-o", "--out", default="build", metavar="DIR", help="output folder (default: build)"
    )
    preview = add(
        "preview",
        "a live web preview on 127.0.0.1, reloading on save",
        _cmd_preview,
        [single, chatter],
        "Serves the html output on 127.0.0.1 only; a broken save shows its errors in "
        "the page until the next good one. Ctrl-C stops (exit 130).",
    )
    preview.add_argument(
        "--port", type=int, default=8000, metavar="N", help="port (default: 8000; 0: any free)"
    )
    preview.add_argument("--open", action="store_true", help="open the page in a browser")


def _epilog(command: str, note: str = "") -> str:
    """The end of a command's --help: a note, one example, the docs."""
    note = textwrap.fill(note, 79) + "\n\n" if note else ""
    return f"{note}example:\n  {_EXAMPLE[command]}\n\n{_DOCS}"


def _key_value(text: str) -> str:
    key, sep, _ = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return text


def _backend_names(args: argparse.Namespace) -> list[str]:
    """The -f list, checked against the installed backends (a misspelling is usage)."""
    from deckgen.backends import registry
    from deckgen.build import parse_formats
    from deckgen.suggest import did_you_mean

    try:
        names = parse_formats(args.formats)
    except DeckgenError as exc:
        raise _UsageError(f"-f: {exc.diagnostics[0].message}") from exc
    installed = registry.names()
    for name in names:
        if name not in installed:
            raise _UsageError(
                f"-f: unknown backend {name!r}{did_you_mean(name, installed)} "
                f"(installed: {', '.join(installed) or 'none'})"
            )
    for outline in args.outlines:
        _check_outline(outline)
    return names


# ---------------------------------------------------------------- commands


def _cmd_build(args: argparse.Namespace) -> int:
    from deckgen.build import build

    report = _run_and_report(args, build, out_dir=args.out)
    if not args.quiet:
        for path in report.written:
            _say(_shown(path))
    return args.status


def _cmd_check(args: argparse.Namespace) -> int:
    from deckgen.build import check

    report = _run_and_report(args, check, a11y=args.a11y)
    if not args.quiet:
        for outline in report.outlines:
            if outline.errors or (args.strict and outline.warnings):
                continue
            count = len(outline.warnings)
            note = f" ({count} warning{'s' * (count != 1)})" if count else ""
            _say(f"{_shown(outline.path)}: ok{note}")
    return args.status


def _run_and_report(args: argparse.Namespace, run, **extra):
    """Run `build` or `check` with progress, set the exit status, print diagnostics."""
    formats = _backend_names(args)
    try:
        source_date_epoch()
    except DeckgenError as exc:
        raise _UsageError(exc.diagnostics[0].message) from None
    with _Progress(enabled=not args.quiet) as progress:
        report = run(
            args.outlines,
            formats=formats,
            theme=args.theme,
            sets=args.sets,
            strict=args.strict,
            progress=progress.update,
            **extra,
        )
    # Known before printing, in case the reader of our output goes away.
    args.status = EXIT_OK if report.ok else EXIT_ERRORS
    _print_diagnostics(report.diagnostics, strict=args.strict, quiet=args.quiet)
    if args.verbose:
        _print_timings(report)
    return report


def _cmd_themes(args: argparse.Namespace) -> int:
    import deckgen.theme

    _print_table(deckgen.theme.available())
    return EXIT_OK


def _cmd_backends(args: argparse.Namespace) -> int:
    from deckgen.backends import registry
    from deckgen.build import DEFAULT_FORMATS

    rows = []
    for name, description in registry.available():
        note = "" if name in DEFAULT_FORMATS else " (opt-in: -f " + name + ")"
        rows.append((name, description + note))
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        print(f"{name:<{width}}  {description}".rstrip())
        if args.verbose and not description.startswith("(unusable"):
            for spec in registry.load(name).options:
                print(f"{'':<{width}}    outputs.{name}.{spec.name}: {_describe(spec)}")
    return EXIT_OK


def _describe(spec: OptionSpec) -> str:
    """'A2 (default) | A3 | A1 ...: poster size' for `deckgen backends -v`."""
    if spec.choices:
        shown = [f"{c} (default)" if c == spec.default else str(c) for c in spec.choices]
        shown += [f"{alias} (= {target})" for alias, target in spec.aliases.items()]
        kind = " | ".join(shown)
    else:
        default = "" if spec.default is None else f", default {spec.default}"
        kind = f"{spec.kind}{default}"
    return f"{kind}: {spec.help}" if spec.help else kind


def _cmd_schema(args: argparse.Namespace) -> int:
    from deckgen.outline.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from deckgen.starter import OUTLINE_NAME, write_starter

    folder = Path(args.folder)
    problem = unusable_name(folder / OUTLINE_NAME)
    if problem:
        raise _UsageError(f"{args.folder[:60]}...: cannot be a folder name: {problem}")
    written = write_starter(folder)
    if not args.quiet:
        for path in written:
            print(_shown(path))
        print(f"next: deckgen preview {_shown(folder / OUTLINE_NAME)} --open", file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    import deckgen.outline
    from deckgen.importer import import_markdown, write_new

    source = _check_input(args.markdown, "talk's Markdown file")
    if args.out and unusable_name(Path(args.out)):
        raise _UsageError(
            f"-o: {args.out[:60]}...: cannot be a file name: {unusable_name(Path(args.out))}"
        )
    target = Path(args.out) if args.out else source.with_suffix(".yaml")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise _UsageError(f"-o: {args.out}: give the outline a .yaml name")
    imported = import_markdown(source, target)
    written = write_new(target, imported.text)
    _print_diagnostics(imported.diagnostics, strict=False, quiet=args.quiet)
    if not args.quiet:
        print(_shown(written))
    deckgen.outline.load(written)  # what the import made must load: errors are reported
    return EXIT_OK


def _cmd_watch(args: argparse.Namespace) -> int:
    from deckgen.watch import watch

    _check_outline(args.outline)
    args.outlines = [args.outline]
    formats = _backend_names(args)
    for rebuild in watch(Path(args.outline), formats, Path(args.out), args.theme, args.sets):
        _print_rebuild(rebuild, args)
    return EXIT_OK


def _cmd_preview(args: argparse.Namespace) -> int:
    import tempfile
    import webbrowser

    from deckgen.preview import PreviewServer
    from deckgen.watch import watch

    outline = Path(args.outline)
    _check_outline(args.outline)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as folder:
        page = Path(folder) / f"{outline.stem}.html"
        try:
            server = PreviewServer(page, args.port)
        except OSError as exc:
            raise _UsageError(f"--port {args.port}: {exc.strerror}") from None
        try:
            rebuilds = watch(outline, ["html"], Path(folder), args.theme, args.sets)
            for n, rebuild in enumerate(rebuilds):
                shown = [d for d in rebuild.report.diagnostics if d.severity == "error"]
                server.built(rebuild.ok, [f"{_where(d)}: error: {d.message}" for d in shown])
                if n == 0:
                    server.start()
                    print(f"serving {server.url} (Ctrl-C to stop)", flush=True)
                    if args.open:
                        webbrowser.open(server.url)
                _print_rebuild(rebuild, args)
        finally:
            server.close()
    return EXIT_OK


def _check_input(name: str, what: str) -> Path:
    """`name` as an existing file, else a usage error (never an OSError:
    a name too long or with a NUL is refused before it is looked up)."""
    problem = unusable_name(Path(name))
    if problem:
        raise _UsageError(f"{name[:60]}...: cannot be a file name: {problem}")
    if not Path(name).exists():
        raise _UsageError(f"{name}: no such file")
    if not Path(name).is_file():
        raise _UsageError(f"{name}: not a file (give the {what})")
    return Path(name)


def _check_outline(outline: str) -> None:
    _check_input(outline, "outline's .yaml file")


def _print_rebuild(rebuild, args: argparse.Namespace) -> None:
    """One line per build: when, what, how long; then its diagnostics."""
    _print_diagnostics(rebuild.report.diagnostics, strict=False, quiet=args.quiet)
    stamp = time.strftime("%H:%M:%S")
    what = ",".join(rebuild.formats)
    why = ""
    if rebuild.changed:
        names = ", ".join(_shown(p) for p in rebuild.changed[:3])
        why = f" after {names}" + (" ..." if len(rebuild.changed) > 3 else "")
    if rebuild.ok:
        count = len(rebuild.report.written)
        outcome = f"built {what} ({count} file{'s' * (count != 1)})"
    else:
        outcome = f"errors: {what} not rebuilt, earlier files kept"
    print(f"[{stamp}] {outcome}{why} in {rebuild.seconds:.2f} s", flush=True)


# ---------------------------------------------------------------- printing


def _print_table(rows: Sequence[tuple[str, str]]) -> None:
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        print(f"{name:<{width}}  {description}".rstrip())


def _print_diagnostics(diagnostics: Sequence[Diagnostic], *, strict: bool, quiet: bool) -> None:
    color = _colors(sys.stderr)
    for diagnostic in diagnostics:
        severity, message = diagnostic.severity, diagnostic.message
        if severity == "warning" and strict:
            severity, message = "error", f"{message} [warning; --strict]"
        elif severity == "warning" and quiet:
            continue
        label = color.get(severity, "{}").format(severity)
        print(f"{_where(diagnostic)}: {label}: {_printable(message)}", file=sys.stderr)


def _where(diagnostic: Diagnostic) -> str:
    """FILE:LINE:COLUMN, the file relative to the working folder when inside it."""
    loc = diagnostic.location
    if loc.file.startswith("<"):  # not from a file: the command line or the environment
        return "deckgen"
    where = _shown(loc.file)
    if loc.line:
        where += f":{loc.line}"
        if loc.column:
            where += f":{loc.column}"
    return where


def _shown(path: str | Path) -> str:
    path = Path(path)
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        path = path.relative_to(Path.cwd())
    return _printable(str(path))


def _printable(text: str) -> str:
    """Escape control characters: a file name or an outline's text must not
    move the cursor, recolour or retitle the user's terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _colors(stream: TextIO) -> dict[str, str]:
    if os.environ.get("NO_COLOR") or not _is_terminal(stream):
        return {}
    return {"error": "\x1b[1;31m{}\x1b[0m", "warning": "\x1b[1;35m{}\x1b[0m"}


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _print_timings(report: BuildReport) -> None:
    for outline in report.outlines:
        steps = ", ".join(
            f"{stage}{' ' + backend if backend else ''} {seconds:.2f} s"
            for stage, backend, seconds in outline.timings
        )
        total = sum(seconds for _, _, seconds in outline.timings)
        print(f"{_shown(outline.path)}: {total:.2f} s ({steps})", file=sys.stderr)


class _Progress:
    """One status line on a terminal's stderr, shown once a build passes a second.

    A small thread redraws it, so a long single step still shows signs of
    life; nothing at all is printed when stderr is not a terminal.
    """

    _SPIN = "|/-\\"

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled and _is_terminal(sys.stderr)
        self._text = ""
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _Progress:
        if self._enabled:
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()

    def update(self, step: Step) -> None:
        backend = f" {step.backend}" if step.backend else ""
        self._text = f"{step.outline.name}: {step.stage}{backend}"

    def _loop(self) -> None:
        tick = 0
        while not self._stop.wait(0.1):
            elapsed = time.monotonic() - self._start
            if elapsed < PROGRESS_AFTER:
                continue
            tick += 1
            line = f"{self._SPIN[tick % 4]} {self._text} ({elapsed:.0f} s)"
            sys.stderr.write("\r\x1b[K" + line[: _columns() - 1])
            sys.stderr.flush()
            self._shown = True


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


# The signals received while running (a library may catch the exception a
# signal raises and raise one of its own: the exit status still says why).
_STOPPED: list[int] = []


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into SystemExit and SIGINT into KeyboardInterrupt while
    running, so temporary files are removed, and remember them (exit 143, 130)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        _STOPPED.append(signum)
        if len(_STOPPED) == 1:  # a second signal must not break the clean-up of the first
            raise SystemExit(128 + signum)

    def interrupt(signum: int, frame: object) -> None:
        _STOPPED.append(signum)
        if len(_STOPPED) == 1:
            raise KeyboardInterrupt

    _STOPPED.clear()
    previous = signal.signal(signal.SIGTERM, stop)
    before = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, before)


def _say(line: str) -> None:
    """A line of the report on stdout; a reader gone or a full disk there does
    not change the outcome of a build whose files are written."""
    try:
        print(line)
    except OSError:
        _drop_stdout()


def _flush_stdout() -> None:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        _drop_stdout()


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so later writes and the interpreter's final
    flush stay quiet (and the exit status is ours)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
