"""Norwegian number and date formats for reports: 30,9 %, 18.02.2024, 1 234."""

from __future__ import annotations

import datetime as dt


def prosent(andel: float | None, desimaler: int = 1) -> str:
    """0.3085 → ``30,9 %``; None → ``–``."""
    if andel is None:
        return "–"
    return f"{andel * 100:.{desimaler}f}".replace(".", ",") + " %"


def intervall(grenser: tuple[float, float] | None, desimaler: int = 1) -> str:
    """(0.0025, 0.445) → ``0,3 %–44,5 %``."""
    if grenser is None:
        return "–"
    lav, hoy = grenser
    return f"{prosent(lav, desimaler)}–{prosent(hoy, desimaler)}"


def dato(verdi: dt.date | None) -> str:
    return verdi.strftime("%d.%m.%Y") if verdi else "–"


def heltall(verdi: int) -> str:
    """1234 → ``1 234`` (space as thousands separator, as in Norwegian reports)."""
    return f"{verdi:,}".replace(",", " ")
