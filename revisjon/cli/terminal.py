"""What the CLI shows on the terminal: every message and listing made safe to show, the
progress bar, rejections, and the summary table.

Every text from an input (an id, a file name, a criterion's title) that reaches the terminal
goes through ``synlig`` first: a control character (ESC, CR, NUL, a bidi control) is shown
escaped (``\\x1b``, ``\\u202e``), so a case file cannot move the cursor, rewrite a line, change
the terminal's title or reverse the text the auditor reads.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TextIO

from revisjon import norsk
from revisjon.skriving import skriv_strom
from revisjon.styretegn import STYRETEGN

if TYPE_CHECKING:  # rich is slow to import; --help and the plain listings do without it
    from rich.console import Console, RenderableType
    from rich.text import Text

    from revisjon.feil import Avvisning
    from revisjon.rapport.bygging import Rapport
    from revisjon.resultat import Kjoring

SMAL = 60
"""Terminal width below which the summary is a list per criterion instead of a table (also
wider, when the table would not fit uncut: ``_minste_tabellbredde``)."""

BRED = 110
"""Terminal width from which the summary table also has each criterion's title."""


def synlig(tekst: str) -> str:
    """``tekst`` with every control character shown escaped (``\\x1b``, ``\\u202e``)."""
    return STYRETEGN.sub(_escape, tekst)


def _escape(treff: re.Match[str]) -> str:
    tegn = ord(treff.group())
    return f"\\x{tegn:02x}" if tegn < 0x100 else f"\\u{tegn:04x}"


FEILHANDTERING = "revisjon-utf8"
"""The encoding error handler for stdout and stderr (``_som_utf8``)."""


def _som_utf8(feil: UnicodeError) -> tuple[str | bytes, int]:
    """What cannot be encoded as UTF-8: a name the operating system gave as bytes in another
    locale (``LC_ALL=C``: argv and file names decoded to surrogates) as the text those bytes
    are when they are UTF-8, else each escaped (``\\xff``), never an exception."""
    if not isinstance(feil, UnicodeEncodeError):
        raise feil
    biter = feil.object[feil.start : feil.end]
    try:
        rå = biter.encode("utf-8", "surrogateescape")
        rå.decode("utf-8")  # the bytes are UTF-8: written as they are (a codec takes bytes)
        return rå, feil.end
    except UnicodeError:
        return "".join(
            f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else f"\\u{ord(c):04x}"
            for c in biter
        ), feil.end


def bruk_utf8() -> None:
    """Make stdout and stderr UTF-8 whatever the locale or console (``LC_ALL=C``, a Windows
    code page): a report or a Norwegian message never fails with UnicodeEncodeError, and
    ``revisjon skjema > fil.json`` gives UTF-8 everywhere."""
    import codecs

    try:
        codecs.lookup_error(FEILHANDTERING)
    except LookupError:
        codecs.register_error(FEILHANDTERING, _som_utf8)
    for strom in (sys.stdout, sys.stderr):
        reconfigure = getattr(strom, "reconfigure", None)
        if reconfigure is not None:
            with suppress(OSError, ValueError):  # a stream that cannot change: left as it is
                reconfigure(encoding="utf-8", errors=FEILHANDTERING)


def feilkonsoll() -> Console:
    """The console for messages (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def vis(konsoll: Console, tekst: str, **stil: str) -> None:
    """Show one message, control characters escaped, no rich markup."""
    konsoll.print(synlig(tekst), markup=False, highlight=False, soft_wrap=True, **stil)  # type: ignore[arg-type]


def til_terminal(deler: Iterable[str]) -> Iterator[str]:
    """A result (Markdown or JSON) on its way to a terminal, each control character written as
    a JSON escape with four hex digits (``\\u001b`` for ESC): valid JSON for the same text, and
    nothing Markdown keeps (``md`` removes them). Only for a terminal: to a file or a pipe the
    bytes stay as they are."""
    for del_ in deler:
        yield STYRETEGN.sub(lambda t: f"\\u{ord(t.group()):04x}", del_)


def skriv_ut(tekst: str, strom: TextIO | None = None) -> None:
    """Write a listing or a result to stdout, control characters escaped; a reader that has
    gone raises ``LukketUtdata``, a full disk behind a redirection a ``SkriveFeil``."""
    skriv_strom(strom if strom is not None else sys.stdout, [synlig(tekst)])


OPPFRISKING = 0.1
"""Seconds between redraws of the progress bar."""


@contextmanager
def fremdriftslinje(konsoll: Console) -> Iterator[Callable[[], None]]:
    """A progress bar on ``konsoll`` while cases are read (none when it is not a terminal),
    given as the function to call for each input read.

    The bar is redrawn from that call, not by rich's refresh thread: worker processes are
    forked only when this process has no other thread (``parallell.startmetode``).
    """
    from rich.progress import BarColumn, Progress, TextColumn

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
        vis(konsoll, str(avvisning))


def vis_oppsummering(konsoll: Console, kjoring: Kjoring) -> None:
    vis(
        konsoll,
        f"Lest {norsk.heltall(kjoring.antall_lest)} inndata: "
        f"{norsk.heltall(len(kjoring.saker))} saker vurdert, "
        f"{norsk.heltall(kjoring.antall_avviste_inndata)} avvist.",
    )


def _antall(verdi: int) -> Text:
    """A count for a table cell, kept on one line: rich would otherwise break «10 573» at its
    no-break space."""
    from rich.text import Text

    return Text(norsk.heltall(verdi), no_wrap=True)


KORTE_OVERSKRIFTER = {
    "oppfylt": "Opp-\nfylt",
    "delvis_oppfylt": "Delvis",
    "ikke_oppfylt": "Ikke\noppf.",
    "ikke_aktuelt": "Ikke\nakt.",
    "ikke_vurdert": "Ikke\nvurd.",
}
"""Column headings short enough for an 80-column terminal."""


def _minste_tabellbredde(rapport: Rapport) -> int:
    """The columns the table needs with no cell cut: each column's widest heading line or
    value (the wording wraps at spaces, so its longest word), and three between columns."""
    from revisjon.resultat import STATUSTEKST

    kolonner: list[list[str]] = [
        ["Id", *(f.id for f in rapport.funn)],
        *(
            [
                *KORTE_OVERSKRIFTER[s].split("\n"),
                *(norsk.heltall(f.antall[s]) for f in rapport.funn),
            ]
            for s in STATUSTEKST
        ),
        ["Andel", *(f.andel_tekst for f in rapport.funn)],
        [f"{rapport.konfidens_tekst} KI", *(f.kort_intervall for f in rapport.funn)],
        ["Grad", *(o for f in rapport.funn for o in (f.grad or "–").split())],
    ]
    return sum(max(len(synlig(c)) for c in k) for k in kolonner) + 3 * (len(kolonner) - 1)


def oppsummeringstabell(rapport: Rapport, *, bredde: int = 80) -> RenderableType:
    """Counts, share met, interval and wording per criterion, ids first: a table when it fits
    ``bredde`` uncut (with titles from ``BRED`` columns), else a list per criterion."""
    from rich import box
    from rich.table import Table

    from revisjon.resultat import STATUSTEKST

    if bredde < SMAL or _minste_tabellbredde(rapport) > bredde:
        return _oppsummeringsliste(rapport)
    tabell = Table(title="Resultat per kriterium", box=box.SQUARE, show_edge=False, pad_edge=False)
    tabell.add_column("Id", no_wrap=True)
    for status in STATUSTEKST:
        tabell.add_column(KORTE_OVERSKRIFTER[status], justify="right", no_wrap=True)
    tabell.add_column("Andel", justify="right", no_wrap=True)
    tabell.add_column(f"{rapport.konfidens_tekst} KI", justify="right", no_wrap=True)
    tabell.add_column("Grad")
    if bredde >= BRED:
        tabell.add_column("Kriterium")
    for f in rapport.funn:
        tabell.add_row(
            synlig(f.id),
            *(_antall(f.antall[s]) for s in STATUSTEKST),
            f.andel_tekst,
            f.kort_intervall,
            synlig(f.grad or "–"),
            *([synlig(f.kriterium.tittel)] if bredde >= BRED else []),
        )
    return tabell


def _oppsummeringsliste(rapport: Rapport) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from revisjon.resultat import STATUSTEKST

    linjer: list[RenderableType] = [Text("Resultat per kriterium", style="italic")]
    for f in rapport.funn:
        antall = ", ".join(f"{norsk.heltall(f.antall[s])} {STATUSTEKST[s]}" for s in STATUSTEKST)
        linjer.append(
            Text(
                f"{synlig(f.id)}: {antall}; andel oppfylt {f.andel_tekst} "
                f"({rapport.konfidens_tekst} KI {f.kort_intervall}); {synlig(f.grad or '–')}"
            )
        )
    return Group(*linjer)
