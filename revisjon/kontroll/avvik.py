"""``vurder --avvik FILE.csv``: every deviation as a row, ready for the office's avvikssystem.

One row per verdict that is ``ikke_oppfylt`` or ``delvis_oppfylt`` (after the auditor's
overrides), in natural ``sak_id`` order and the order of the criteria. Columns: sak_id, kontor,
enhet, tjeneste (the code) and tjenestenavn (its Norwegian name), vedtaksdato (ISO ÅÅÅÅ-MM-DD),
kriterium (the id), status (the code) and statusnavn (its Norwegian name), begrunnelse. The
codes stay in their own columns for machines; people read the names.

The file is UTF-8 with a byte-order mark, semicolon-separated and CRLF-terminated, which is what
Excel with Norwegian settings opens correctly on a double click. Nothing in it comes from a
case's free text: the begrunnelse is the tool's (ids, ages, dates, codes and phrases from the
criteria file), or for an overridden verdict the auditor's reason. A cell that would start with
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe, so a spreadsheet
never runs it as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from revisjon.feil import RevisjonFeil
from revisjon.resultat import STATUSTEKST, Kjoring, Resultat, naturlig_sakorden
from revisjon.sak import TJENESTENAVN
from revisjon.skriving import kontroller_utfil, skriv_atomisk

KOLONNER = (
    "sak_id",
    "kontor",
    "enhet",
    "tjeneste",
    "tjenestenavn",
    "vedtaksdato",
    "kriterium",
    "status",
    "statusnavn",
    "begrunnelse",
)
AVVIK = ("ikke_oppfylt", "delvis_oppfylt")
SKILLETEGN = ";"
_MELLOMROM = re.compile(r"[^\S\u00a0]+")
"""White space folded to one space, except the no-break space in «3 276 kr» and «30,9 %»."""
BOM = "\ufeff"


def _trygg(celle: str) -> str:
    return "'" + celle if celle[:1] in ("=", "+", "-", "@", "\t", "\r") else celle


def _begrunnelse(r: Resultat) -> str:
    if r.overstyring is None:
        return r.begrunnelse
    o = r.overstyring
    return f"Overstyrt av revisor ({o.av}, {o.dato.isoformat()}): {o.begrunnelse}"


def avviksrader(kjoring: Kjoring) -> Iterator[tuple[str, ...]]:
    """The rows of the avvik list, without the header."""
    for sak in sorted(kjoring.saker, key=naturlig_sakorden):
        for r in sak.resultater:
            if r.status in AVVIK:
                yield (
                    sak.sak_id,
                    sak.kontor or "",
                    sak.enhet or "",
                    sak.tjeneste,
                    TJENESTENAVN.get(sak.tjeneste, sak.tjeneste),
                    sak.vedtaksdato.isoformat() if sak.vedtaksdato else "",
                    r.kriterium,
                    r.status,
                    STATUSTEKST[r.status],
                    _MELLOMROM.sub(" ", _begrunnelse(r)).strip(),
                )


def avvikstekst(kjoring: Kjoring) -> str:
    """The whole CSV file as text, BOM first."""
    ut = io.StringIO()
    skriver = csv.writer(ut, delimiter=SKILLETEGN, lineterminator="\r\n")
    skriver.writerow(KOLONNER)
    for rad in avviksrader(kjoring):
        skriver.writerow([_trygg(c) for c in rad])
    return BOM + ut.getvalue()


def kontroller_avviksfil(fil: Path, *, stier: Sequence[Path], ut: Path | None) -> None:
    """Refuse an avvik file that is an input, or the same file as the report."""
    kontroller_utfil(fil, stier)
    if ut is not None and fil.resolve() == ut.resolve():
        raise RevisjonFeil(f"{fil}: avvikslisten og rapporten kan ikke skrives til samme fil")


def skriv_avviksliste(fil: Path, kjoring: Kjoring) -> int:
    """Write the avvik list atomically; return the number of rows."""
    skriv_atomisk(fil, avvikstekst(kjoring))
    return sum(1 for _ in avviksrader(kjoring))
