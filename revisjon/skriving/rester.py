"""Temporary files and folders named so that the next run recognises what a killed run left
behind, and removes it."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from pathlib import Path

MERKE = ".revisjon-"
"""In the name of every temporary file and folder this tool makes
(``.rapport.md.revisjon-<pid>-<tilfeldig>.tmp``): the next run beside it recognises what a
killed run left behind and removes it."""

GAMMEL_REST = 24 * 3600
"""Seconds after which a leftover temporary file is removed even when its process id cannot be
checked (Windows) or has been reused."""


def _lever(pid: int) -> bool:
    """Whether a process with this id runs (always True where that cannot be asked safely:
    on Windows, ``os.kill`` ends the process)."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def rydd_rester(mappe: Path, navn: str) -> None:
    """Remove what a killed run left in ``mappe`` while writing ``navn``: temporary files and
    folders of this tool whose process is gone (or that are older than a day)."""
    prefiks = f".{navn}{MERKE}"
    try:
        rester = [p for p in mappe.iterdir() if p.name.startswith(prefiks)]
    except OSError:
        return
    for rest in rester:
        pid_tekst = rest.name[len(prefiks) :].split("-", 1)[0]
        try:
            gammel = time.time() - rest.lstat().st_mtime > GAMMEL_REST
        except OSError:
            continue
        if pid_tekst.isdigit() and int(pid_tekst) == os.getpid():
            continue
        if gammel or (pid_tekst.isdigit() and not _lever(int(pid_tekst))):
            try:
                if rest.is_dir() and not rest.is_symlink():
                    shutil.rmtree(rest, ignore_errors=True)
                else:
                    rest.unlink()
            except OSError:
                pass


def midlertidig_navn(mal: Path, endelse: str = ".tmp") -> Path:
    """A fresh temporary name beside ``mal`` that ``rydd_rester`` recognises."""
    return mal.with_name(f".{mal.name}{MERKE}{os.getpid()}-{secrets.token_hex(4)}{endelse}")
