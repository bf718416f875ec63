"""One run at a time on a ``--state`` directory: an advisory lock file (``fcntl.flock``).

Two runs that load the story index, add to it and save it would each save their own stories and
drop the other's. The lock is held from before the index is loaded until after it is saved (and
the store written). It is released by the kernel when the process ends, however it ends, so a
crashed run never leaves the directory locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".storytrace.lock"
# How long a second run waits for the first by default before giving up.
DEFAULT_WAIT_S = 60.0

# Locks held (path and thread -> depth): the CLI and the library both take the lock, and a second
# flock on a new descriptor of the same file would wait for ourselves. Another thread waits.
_held: dict[tuple[str, int], int] = {}


class StateBusy(RuntimeError):
    """Another run holds the state directory's lock and did not release it in time."""


def _holder(path: Path) -> str:
    try:
        who = path.read_text(encoding="utf-8").strip()
    except OSError:
        who = ""
    return f" ({who})" if who else ""


@contextmanager
def state_lock(
    directory: str | os.PathLike, wait_s: float = DEFAULT_WAIT_S, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold ``directory``'s lock; wait up to ``wait_s`` seconds for another run to release it
    (``on_wait`` is told once, with a sentence naming the holder), then raise :class:`StateBusy`."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    path = d / LOCK_NAME
    key = (str(path.resolve()), threading.get_ident())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StateBusy(
                        f"the state directory {d} is in use by another storytrace run{_holder(path)}; "
                        f"waited {wait_s:g} s. Run again when it has finished."
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"waiting up to {wait_s:g} s for another run using {d}{_holder(path)}")
                    told = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
