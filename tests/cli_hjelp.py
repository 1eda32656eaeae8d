"""Running the CLI as a user does: a separate process, a dumb terminal, exact output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROT


def kjor(*argumenter: str, cwd: Path = ROT) -> subprocess.CompletedProcess[str]:
    miljo = {**os.environ, "TERM": "dumb", "COLUMNS": "120", "NO_COLOR": "1"}
    miljo.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "revisjon", *argumenter],
        cwd=cwd,
        env=miljo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
