"""Reading ahead: asking the kernel for the files of a chunk before they are read, several at a
time, so that a first run over files that are not in the page cache does not wait for the disk
one file after the other.

A chunk's files are handed to a few threads in groups; each thread opens a file (which reads
its inode from disk, the part that cannot be asked for in the background) and tells the kernel
it will be needed (``posix_fadvise(WILLNEED)``), which starts reading its data without waiting
for it. The reading proper (``lesing.les_fil``) is unchanged and finds the data in the page cache
or on its way there. At most one chunk is asked for at a time, so the memory held is bounded by
a chunk's files (500 files of some kilobytes each). Where ``posix_fadvise`` is missing (macOS,
Windows), nothing is done.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor

TRADER = 4
"""Threads per process that open files ahead: enough to keep several requests in flight on a
disk (a virtual disk takes many at once), few enough to cost next to nothing when the files are
already in the page cache."""

GRUPPE = 25
"""Files one thread asks for in one task: a task per file would cost the reading thread more
than the asking saves."""

_POOL: list[Executor] = []
"""This process's threads, started the first time they are needed (after a fork)."""


def _be_om(stier: Sequence[str]) -> None:
    for sti in stier:
        try:
            fd = os.open(sti, os.O_RDONLY)
        except OSError:
            continue  # the reading proper gives the message
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def be_om(stier: Iterable[str]) -> None:
    """Ask the kernel to read ``stier`` (the files about to be read, in order) in the background;
    returns at once. Only in a worker process: a thread in the main process would make its
    later runs start their workers by ``spawn`` instead of ``fork`` (``parallell.startmetode``)."""
    if not hasattr(os, "posix_fadvise") or multiprocessing.parent_process() is None:
        return
    liste = list(stier)
    if not liste:
        return
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(TRADER, thread_name_prefix="forhandslesing"))
    for start in range(0, len(liste), GRUPPE):
        _POOL[0].submit(_be_om, liste[start : start + GRUPPE])
