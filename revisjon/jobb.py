"""One assessment job from options to finished text: the library side of ``revisjon vurder``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from revisjon.feil import RevisjonFeil
from revisjon.kontroll.beskrivelse import beskriv_utvalg
from revisjon.kontroll.manifest import les_manifest
from revisjon.kontroll.rapportdel import med_internkontroll
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.rapport import render_deler
from revisjon.rapport.bygging import Rapport, bygg_rapport
from revisjon.rapport.format import Format
from revisjon.rapport.oppdrag import les_oppdrag
from revisjon.rapport.overstyring import bruk_overstyringer
from revisjon.vurdering.kjoring import vurder


@dataclass(frozen=True)
class Oppsett:
    """Everything the user chose for one run."""

    stier: list[Path]
    kriterier: list[Path] = field(default_factory=list)
    format: Format = Format.markdown
    dato: dt.date | None = None
    konfidens: float = 0.95
    overstyringer: Path | None = None
    mal: Path | None = None
    utvalg: Path | None = None
    toleranse: Fraction | None = None
    avvik: Path | None = None
    arbeidspapir: Path | None = None
    oppdrag: Path | None = None
    internkontroll: bool = False
    referanse_docx: Path | None = None

    def valg(self) -> list[tuple[str, str]]:
        """The options as the report's traceability appendix lists them."""
        return [
            ("saker", ", ".join(str(s) for s in self.stier)),
            ("kriterier", ", ".join(str(k) for k in self.kriterier) or "standardsettet"),
            ("format", str(self.format)),
            ("konfidens", f"{self.konfidens:g}"),
            ("overstyringer", str(self.overstyringer) if self.overstyringer else "ingen"),
            ("mal", str(self.mal) if self.mal else "standardmalen"),
            *([("utvalg", str(self.utvalg))] if self.utvalg else []),
            *([("toleranse", f"{float(self.toleranse):g}")] if self.toleranse is not None else []),
            *([("avvik", str(self.avvik))] if self.avvik else []),
            *([("arbeidspapir", str(self.arbeidspapir))] if self.arbeidspapir else []),
            *([("oppdrag", str(self.oppdrag))] if self.oppdrag else []),
            *([("referansedokument", str(self.referanse_docx))] if self.referanse_docx else []),
        ]


def rapportdato(valgt: dt.date | None, miljo: Mapping[str, str]) -> dt.date:
    """The report date: the one chosen, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if valgt is not None:
        return valgt
    if epoke := miljo.get("SOURCE_DATE_EPOCH"):
        try:
            return dt.datetime.fromtimestamp(int(epoke), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise RevisjonFeil(
                f"SOURCE_DATE_EPOCH: «{epoke}» er ikke et antall sekunder siden 1970"
            ) from None
    return dt.date.today()


def lag_rapport(
    oppsett: Oppsett, *, fremdrift: Callable[[], None] | None = None
) -> tuple[Rapport, Iterator[str] | Iterator[bytes]]:
    """Load criteria, judge the cases, apply overrides, and build the report: the report's data,
    and its text in pieces to write one after the other (never held whole in memory)."""
    if not 0.5 <= oppsett.konfidens < 1:
        raise RevisjonFeil(
            f"--konfidens: {oppsett.konfidens:g} er utenfor området; bruk for eksempel 0.95"
        )
    manifest = les_manifest(oppsett.utvalg) if oppsett.utvalg is not None else None
    oppdrag = les_oppdrag(oppsett.oppdrag) if oppsett.oppdrag is not None else None
    kriteriesett = last_kriterier(oppsett.kriterier)
    kjoring = vurder(oppsett.stier, kriteriesett=kriteriesett, fremdrift=fremdrift)
    if oppsett.overstyringer is not None:
        kjoring = bruk_overstyringer(kjoring, oppsett.overstyringer)
    utvalg = beskriv_utvalg(manifest, kjoring) if manifest is not None else None
    rapport = bygg_rapport(
        kjoring,
        kriteriesett=kriteriesett,
        dato=rapportdato(oppsett.dato, os.environ),
        konfidens=oppsett.konfidens,
        valg=oppsett.valg(),
        utvalg=utvalg.tekst if utvalg else None,
        tilfeldig=utvalg is not None and utvalg.generaliserbar,
        oppdrag=oppdrag,
        internkontroll=oppsett.internkontroll
        or (oppdrag is not None and oppdrag.data.type == "internkontroll"),
    )
    rapport = med_internkontroll(rapport, utvalg=utvalg, toleranse=oppsett.toleranse)
    return rapport, render_deler(
        rapport, oppsett.format, mal=oppsett.mal, referanse=oppsett.referanse_docx
    )


def kontroller_arbeidspapir(oppsett: Oppsett, *, ut: Path | None) -> None:
    """Refuse a working-paper path before anything is judged: not .xlsx, among the inputs, or
    the report's own output file."""
    from revisjon.skriving import kontroller_utfil

    fil = oppsett.arbeidspapir
    if fil is None:
        return
    if fil.suffix.lower() != ".xlsx":
        raise RevisjonFeil(f"{fil}: --arbeidspapir skal være en .xlsx-fil")
    kontroller_utfil(fil, oppsett.stier)
    if ut is not None and fil.resolve() == ut.resolve():
        raise RevisjonFeil(f"{fil}: --arbeidspapir og -o/--ut kan ikke være samme fil")


def skriv_arbeidspapir_for(oppsett: Oppsett, rapport: Rapport) -> int:
    """Write the working paper of a finished run (``oppsett.arbeidspapir``); the number of
    rows. The cases are read again for the text it shows (``rapport.sakstekst``)."""
    from revisjon.rapport.arbeidspapir import skriv_arbeidspapir
    from revisjon.rapport.sakstekst import samle_sakstekster

    if oppsett.arbeidspapir is None:
        raise RevisjonFeil("ingen fil for arbeidspapiret")  # pragma: no cover - caller checks
    kjoring = rapport.kjoring
    return skriv_arbeidspapir(
        oppsett.arbeidspapir,
        kjoring,
        titler={k.id: k.tittel for k in kjoring.kriterier},
        tekster=samle_sakstekster(oppsett.stier, kjoring),
    )
