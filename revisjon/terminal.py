"""What the CLI shows on stderr: rejections, a progress bar, and the summary table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from revisjon.feil import Avvisning
from revisjon.rapport import Rapport
from revisjon.resultat import STATUSTEKST, Kjoring


def vis_avvisninger(konsoll: Console, avviste: list[Avvisning]) -> None:
    for avvisning in avviste:
        konsoll.print(str(avvisning), markup=False, highlight=False, soft_wrap=True)


def vis_oppsummering(konsoll: Console, kjoring: Kjoring) -> None:
    konsoll.print(
        f"Lest {kjoring.antall_lest} inndata: {len(kjoring.saker)} saker vurdert, "
        f"{kjoring.antall_avviste_inndata} avvist.",
        highlight=False,
    )


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
            *(str(f.antall[s]) for s in STATUSTEKST),
            f.andel_tekst,
            f.intervall_tekst,
            f.grad or "–",
        )
    return tabell
