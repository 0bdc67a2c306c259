"""Write outputs so that no reader ever sees a partial file.

Every file is first written in full to a hidden temporary file in its own
folder (same file system, so the rename is atomic), flushed to disk, and only
then renamed over the old file. All outputs of one outline are staged before
the first is renamed, so a failure while writing leaves every earlier file
byte-identical. Temporary files are removed on any failure, including an
interrupt; those of a process that was killed outright (SIGKILL, power loss)
are recognised by their name and swept by the next write into that folder.

Every destination is checked before the first rename (a folder or a FIFO in
the way, an input of the build about to be overwritten), and the old files
are kept (hard-linked, else copied) until the last rename succeeded: if one
still fails, those already replaced are put back, so the outline's outputs
change all together or not at all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from deckgen.backends.base import Output
from deckgen.errors import BackendError, DeckgenError, Location

__all__ = ["TEMP_SUFFIX", "OverwritesInput", "check_names", "write_outputs"]

TEMP_SUFFIX = ".deckgen-tmp"


class OverwritesInput(DeckgenError):
    """An output would replace one of the build's own inputs (a usage error)."""


def has_control_characters(name: str) -> bool:
    """Control characters (not merely unusual ones, like a no-break space)."""
    return any(unicodedata.category(c) in ("Cc", "Cs") for c in name)


def check_names(outputs: Sequence[Output], backend: str) -> None:
    """Refuse a file name that is not a plain name in the output folder."""
    for output in outputs:
        name = output.name
        bad = (
            not isinstance(name, str)
            or name in ("", ".", "..")
            or "/" in name
            or "\\" in name
            or has_control_characters(name)  # they garble every listing
            or name.endswith(TEMP_SUFFIX)
        )
        if bad or not isinstance(output.data, bytes | bytearray):
            raise BackendError(
                f"backend {backend!r} returned an invalid output {name!r}: "
                "an Output needs a plain file name and bytes",
                Location("<deckgen>"),
            )


def write_outputs(  # noqa: C901 - one transaction: check, stage, swap, roll back on any failure
    folder: Path, outputs: Sequence[Output], inputs: Sequence[Path] = ()
) -> list[Path]:
    """Write every output into `folder` (created when missing); return the paths.

    Raises DeckgenError when the folder or a file cannot be written, and
    OverwritesInput when a destination is one of `inputs` (the same file,
    through any link); in either case no file in `folder` has changed.
    """
    names = [o.name for o in outputs]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise BackendError(
            f"two outputs share a file name: {', '.join(dupes)}", Location("<deckgen>")
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # exist_ok covers folders only
        raise DeckgenError("the output folder is an existing file", Location(str(folder))) from exc
    except OSError as exc:
        raise _error(folder, "cannot create the output folder", exc) from exc
    sweep_stale(folder)
    _check_destinations(folder, outputs, inputs)

    staged: list[tuple[Path, Path]] = []  # (temporary, final)
    kept: list[tuple[Path, Path | None]] = []  # (final, its old file or None)
    replaced = 0
    try:
        for output in outputs:
            final = folder / output.name
            staged.append((_stage(folder, output), final))
        kept = [(final, _keep_old(folder, final)) for _, final in staged]
        for temporary, final in staged:
            try:
                os.replace(temporary, final)
            except OSError as exc:
                raise _error(final, "cannot replace the file", exc) from exc
            replaced += 1
    except BaseException:
        # BaseException: an interrupt (Ctrl-C, SIGTERM turned into SystemExit)
        # must not leave temporary files behind, nor half the outputs new.
        _roll_back(kept[:replaced])
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        for _, old in kept:
            if old is not None:
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()
        raise
    for _, old in kept:
        if old is not None:
            with contextlib.suppress(OSError):
                old.unlink()
    _sync_folder(folder)
    return [final for _, final in staged]


def _check_destinations(folder: Path, outputs: Sequence[Output], inputs: Sequence[Path]) -> None:
    """Refuse before anything is replaced: a destination that is not a plain
    file, or that is one of the build's inputs."""
    sources = []
    for path in inputs:
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(path)
            sources.append((st.st_dev, st.st_ino, path))
    for output in outputs:
        final = folder / output.name
        try:
            st = os.stat(final)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _error(final, "cannot replace the file", exc) from exc
        if stat.S_ISDIR(st.st_mode):
            raise DeckgenError(
                "cannot replace the file: a folder of that name is in the way", Location(str(final))
            )
        if not stat.S_ISREG(st.st_mode):
            raise DeckgenError(
                "cannot replace the file: it is not a regular file (a FIFO, socket or device)",
                Location(str(final)),
            )
        for dev, ino, source in sources:
            if (st.st_dev, st.st_ino) == (dev, ino):
                raise OverwritesInput(
                    f"the output {output.name} would overwrite the input {source}; "
                    "build into another folder (-o) or rename the input",
                    Location(str(final)),
                )


def _keep_old(folder: Path, final: Path) -> Path | None:
    """A second name for the file `final` replaces (None when there is none),
    so that it can be put back."""
    if not os.path.lexists(final):  # a dangling link is kept too
        return None
    prefix = f".{final.name}.{os.getpid()}."
    name = tempfile.mktemp(dir=folder, prefix=prefix, suffix=TEMP_SUFFIX)
    try:
        for _ in range(100):  # mktemp's name may be taken by the time it is linked
            try:
                os.link(final, name, follow_symlinks=False)
                break
            except FileExistsError:
                name = tempfile.mktemp(dir=folder, prefix=prefix, suffix=TEMP_SUFFIX)
    except OSError:
        try:
            shutil.copy2(final, name, follow_symlinks=False)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise _error(final, "cannot keep the old file while replacing it", exc) from exc
    return Path(name)


def _roll_back(kept: Sequence[tuple[Path, Path | None]]) -> None:
    """Put back the old files of the outputs already replaced (newest first)."""
    for final, old in reversed(kept):
        with contextlib.suppress(OSError):
            if old is None:
                final.unlink()
            else:
                os.replace(old, final)


def _stage(folder: Path, output: Output) -> Path:
    """Write one output to a complete, flushed temporary file beside its target."""
    final = folder / output.name
    try:
        fd, name = tempfile.mkstemp(
            dir=folder, prefix=f".{output.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
        )
    except OSError as exc:
        raise _error(final, "cannot write the file", exc) from exc
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(output.data)
            stream.flush()
            # mkstemp makes the file private (0600); outputs are ordinary files.
            os.fchmod(stream.fileno(), 0o666 & ~_umask())
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise _error(final, "cannot write the file", exc) from exc
        raise
    return temporary


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporary files left by deckgen processes that no longer run."""
    removed = []
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        parts = path.name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        if _alive(int(parts[1])):
            continue  # another build writing into this folder right now
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _umask() -> int:
    # The only portable way to read the umask is to set it and restore it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the renames durable; not every file system supports it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _error(path: Path, what: str, exc: OSError) -> DeckgenError:
    # The path is the diagnostic's location, printed before the message.
    return DeckgenError(f"{what}: {exc.strerror or exc}", Location(str(path)))
