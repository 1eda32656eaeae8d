"""Reading ahead: asking the kernel for the files of a chunk before they are read, so that a
first run over files that are not in the page cache does not wait for the disk one file after
the other.

Before a chunk is read, each of its files is opened and the kernel is told it will be needed
(``posix_fadvise(WILLNEED)``), which starts reading its data without waiting for it: the disk
gets the whole chunk's requests at once, several in flight, and the reading proper
(``lesing.les_fil``, unchanged) finds the data in the page cache or on its way there. Opening
reads a file's inode, but files made together have their inodes together, and the kernel reads
those ahead by itself. The memory held is bounded by a chunk's files (500 files of some kilobytes).

When the files are in the page cache already, this would only cost three system calls a file;
so the first file of the chunk is asked first, without waiting (``preadv`` with
``RWF_NOWAIT``), and only when it is not in the cache is the chunk asked for. No threads: a
thread in the same process would wait for the interpreter lock between its calls while the
process judges cases, and in the main process it would make later runs start their workers by
``spawn`` instead of ``fork`` (``parallell.startmetode``). Where ``posix_fadvise`` or
``RWF_NOWAIT`` is missing (macOS, Windows), nothing is done.
"""

from __future__ import annotations

import os
from collections.abc import Sequence


def _i_sidebufferen(sti: str) -> bool:
    """Whether the start of the file is in the page cache (True also when it cannot be told)."""
    try:
        fd = os.open(sti, os.O_RDONLY)
    except OSError:
        return True
    try:
        os.preadv(fd, [bytearray(1)], 0, os.RWF_NOWAIT)
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
    return True


def be_om(stier: Sequence[str]) -> None:
    """Ask the kernel to read ``stier`` (the files about to be read, in order) in the background,
    unless the first of them is in the page cache already; returns without waiting for the data."""
    if not stier or not hasattr(os, "posix_fadvise") or not hasattr(os, "RWF_NOWAIT"):
        return
    if _i_sidebufferen(stier[0]):
        return
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
