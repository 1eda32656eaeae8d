"""What the CLI shows on stderr: rejections, a progress bar, and the summary table."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from revisjon import norsk
from revisjon.feil import Avvisning
from revisjon.rapport.bygging import Rapport
from revisjon.resultat import STATUSTEKST, Kjoring

OPPFRISKING = 0.1
"""Seconds between redraws of the progress bar."""


@contextmanager
def fremdriftslinje(konsoll: Console) -> Iterator[Callable[[], None]]:
    """A progress bar on ``konsoll`` while cases are read (none when it is not a terminal),
    given as the function to call for each input read.

    The bar is redrawn from that call, not by rich's refresh thread: worker processes are
    forked only when this process has no other thread (``parallell.startmetode``).
    """
    with Progress(
        TextColumn("Vurderer saker"),
        BarColumn(),
        TextColumn("{task.completed} lest"),
        console=konsoll,
        transient=True,
        auto_refresh=False,
        disable=not konsoll.is_terminal,
    ) as fremdrift:
        oppgave = fremdrift.add_task("vurder", total=None)
        lest = 0
        neste = 0.0

        def ett_til() -> None:
            nonlocal lest, neste
            lest += 1
            if lest % 64 == 0 and (naa := time.monotonic()) >= neste:
                fremdrift.update(oppgave, completed=lest, refresh=True)
                neste = naa + OPPFRISKING

        yield ett_til


def vis_avvisninger(konsoll: Console, avviste: list[Avvisning]) -> None:
    for avvisning in avviste:
        konsoll.print(str(avvisning), markup=False, highlight=False, soft_wrap=True)


def vis_oppsummering(konsoll: Console, kjoring: Kjoring) -> None:
    konsoll.print(
        f"Lest {norsk.heltall(kjoring.antall_lest)} inndata: "
        f"{norsk.heltall(len(kjoring.saker))} saker vurdert, "
        f"{norsk.heltall(kjoring.antall_avviste_inndata)} avvist.",
        highlight=False,
    )


def _antall(verdi: int) -> Text:
    """A count for a table cell, kept on one line: rich would otherwise break «10 573» at its
    no-break space (the column's title still wraps, so the table fits as before)."""
    return Text(norsk.heltall(verdi), no_wrap=True)


def oppsummeringstabell(rapport: Rapport) -> Table:
    """Counts, share met, interval and wording per criterion, as a rich table."""
    tabell = Table(title="Resultat per kriterium")
    tabell.add_column("Kriterium")
    # Two-line headers and unbroken figures: a narrow terminal wraps the titles, not "65,3 %".
    for status in STATUSTEKST.values():
        tabell.add_column(status.capitalize().replace(" ", "\n"), justify="right")
    tabell.add_column("Andel\noppfylt", justify="right", no_wrap=True)
    tabell.add_column(f"{rapport.konfidens_tekst} KI", justify="right", no_wrap=True)
    tabell.add_column("Grad")
    for f in rapport.funn:
        tabell.add_row(
            f"{f.id} {f.kriterium.tittel}",
            *(_antall(f.antall[s]) for s in STATUSTEKST),
            f.andel_tekst,
            f.kort_intervall,
            f.grad or "–",
        )
    return tabell
