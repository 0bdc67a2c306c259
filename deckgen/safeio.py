"""Reading a file named by an outline once, through a descriptor, without
following a symbolic link out of the folders the build may read.

The loader checks that each path stays inside the outline's folder, but a
file or folder can be swapped for a link between that check and the moment
a backend reads it. `read_file` walks the path from a confined folder one
component at a time (`openat`, O_NOFOLLOW): a link is followed by hand and
only while it stays inside; the file is read from the descriptor it ends
on, and those bytes are what every backend uses.

The folders are set by the build driver per outline (`confine`, within a
`confined_to` block); outside one (a library caller, a test) a file is read
in the same way, confined to the folder it lies in.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = [
    "MAX_FILE_SIZE",
    "ReadRefused",
    "confine",
    "confined_to",
    "is_file",
    "read_file",
    "unusable_name",
]

MAX_FILE_SIZE = 512 * 1024 * 1024  # bytes: a picture or template larger is refused
_MAX_LINKS = 40  # as the kernel's own limit on links in one path

_ROOTS: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("roots", default=())
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class ReadRefused(OSError):
    """The file cannot be read safely (a link out of the folder, not a file...)."""


@contextlib.contextmanager
def confined_to(folders: Sequence[Path] = ()) -> Iterator[None]:
    """Within the block, `read_file` reads only inside `folders` (or those
    `confine` sets inside the block)."""
    token = _ROOTS.set(tuple(dict.fromkeys(_real(f) for f in folders)))
    try:
        yield
    finally:
        _ROOTS.reset(token)


def confine(folders: Sequence[Path]) -> None:
    """From now on (until the enclosing `confined_to` ends), read only inside `folders`."""
    _ROOTS.set(tuple(dict.fromkeys(_real(f) for f in folders)))


def read_file(path: Path) -> bytes:
    """The bytes of `path`, read once; ReadRefused (an OSError) when it leads
    out of the allowed folders, is not a regular file or is too large."""
    target = Path(os.path.abspath(path))
    roots = _ROOTS.get() or (_real(target.parent),)
    root = next((r for r in roots if target.is_relative_to(r)), None)
    if root is None:
        # The path as given may pass through an allowed link (a theme's own
        # folder); its real location must still be inside.
        real = _real(target)
        root = next((r for r in roots if real.is_relative_to(r)), None)
        if root is None:
            raise ReadRefused(errno.EACCES, "the file lies outside the outline's folder")
        target = real
    if not _NOFOLLOW or not hasattr(os, "readlink") or os.open not in os.supports_dir_fd:
        return _read_fd(os.open(target, _FILE_FLAGS))  # no openat here: the plain read
    return _read_fd(_open_inside(root, target.relative_to(root).parts))


def is_file(path: Path) -> bool:
    """Path.is_file, False instead of an OSError (a name too long, a loop...)."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def unusable_name(path: Path) -> str | None:
    """Why the file system cannot even look `path` up (a name in it over the
    length limit, a NUL), or None."""
    text = os.fspath(path)
    if "\0" in text:
        return "it contains a NUL character"
    try:
        limit = os.pathconf(".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for part in Path(path).parts:
        if len(os.fsencode(part)) > limit:
            return f"a name in it is {len(os.fsencode(part))} bytes long, over the limit of {limit}"
    return None


def _real(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _open_inside(root: Path, parts: tuple[str, ...]) -> int:  # noqa: C901 - one walk with its descriptor stack; split, the stack would travel between helpers
    """A descriptor of the file at `parts` below `root`, links followed only inside."""
    stack = [os.open(root, _DIR_FLAGS)]  # descriptors of root and each folder below
    todo = list(parts)
    links = 0
    try:
        while todo:
            part = todo.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if len(stack) == 1:
                    raise ReadRefused(errno.EACCES, "the path leads out of the outline's folder")
                os.close(stack.pop())
                continue
            last = not todo
            flags = (_FILE_FLAGS if last else _DIR_FLAGS) | _NOFOLLOW
            try:
                fd = os.open(part, flags, dir_fd=stack[-1])
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise
                try:
                    link = os.readlink(part, dir_fd=stack[-1])
                except OSError:
                    raise exc from None  # not a link: a file where a folder was wanted
                links += 1
                if links > _MAX_LINKS:
                    raise ReadRefused(errno.ELOOP, "too many symbolic links") from None
                if os.path.isabs(link):
                    inside = Path(link)
                    if not inside.is_relative_to(root):
                        raise ReadRefused(
                            errno.EACCES, "a symbolic link leads out of the outline's folder"
                        ) from None
                    for fd_ in stack[1:]:
                        os.close(fd_)
                    del stack[1:]
                    todo = [*inside.relative_to(root).parts, *todo]
                else:
                    todo = [*Path(link).parts, *todo]
                continue
            if last:
                return fd
            stack.append(fd)
        raise ReadRefused(errno.EISDIR, "not a file")
    finally:
        for fd in stack:
            os.close(fd)


def _read_fd(fd: int) -> bytes:
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(errno.EINVAL, "not a regular file")
        if info.st_size > MAX_FILE_SIZE:
            raise ReadRefused(errno.EFBIG, f"larger than {MAX_FILE_SIZE // 2**20} MB")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_SIZE + 1)
        if len(data) > MAX_FILE_SIZE:
            raise ReadRefused(errno.EFBIG, f"larger than {MAX_FILE_SIZE // 2**20} MB")
        return data
    finally:
        os.close(fd)
