"""What the CLI shows on stderr: rejections, a progress bar, and the summary table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from revisjon import norsk
from revisjon.feil import Avvisning
from revisjon.rapport import Rapport
from revisjon.resultat import STATUSTEKST, Kjoring


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
            f.intervall_tekst,
            f.grad or "–",
        )
    return tabell
