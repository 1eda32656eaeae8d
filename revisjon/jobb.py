"""One assessment job from options to finished text: the library side of ``revisjon vurder``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from revisjon import norsk
from revisjon.feil import RevisjonFeil
from revisjon.inntak.stier import kontroller_stier
from revisjon.kontroll.avvik import kontroller_avviksfil
from revisjon.kontroll.beskrivelse import Utvalgsbeskrivelse, beskriv_utvalg
from revisjon.kontroll.manifest import les_manifest
from revisjon.kontroll.rapportdel import med_internkontroll, med_trend
from revisjon.kontroll.trend import les_resultater
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.rapport import render_deler
from revisjon.rapport.bygging import Rapport, bygg_rapport
from revisjon.rapport.format import Format
from revisjon.rapport.json_format import som_dict
from revisjon.rapport.oppdrag import les_oppdrag
from revisjon.rapport.overstyring import bruk_overstyringer
from revisjon.skriving import kontroller_utfil
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
    tidligere: list[Path] = field(default_factory=list)
    """Result files of earlier months, for the internal-control report's trend."""
    ut: Path | None = None
    """The report's file (None: stdout); only checked here, written by the caller."""

    def inndata(self) -> list[Path]:
        """Every file and folder the run reads: no output may be written over one of them."""
        from revisjon.kriteriesprak.lasting import standard_kriteriefil

        valgfrie = (self.overstyringer, self.mal, self.utvalg, self.oppdrag, self.referanse_docx)
        return [
            *self.stier,
            *(self.kriterier or [standard_kriteriefil()]),
            *(sti for sti in valgfrie if sti is not None),
            *self.tidligere,
        ]

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
            *([("tidligere", ", ".join(map(str, self.tidligere)))] if self.tidligere else []),
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


def kontroller_utdata(oppsett: Oppsett) -> None:
    """Refuse, before anything is read or written, outputs that cannot be written or would be
    written over an input, and case paths that do not exist."""
    kontroller_stier(oppsett.stier)
    inndata = oppsett.inndata()
    if oppsett.ut is not None:
        kontroller_utfil(oppsett.ut, inndata)
    if oppsett.avvik is not None:
        kontroller_avviksfil(oppsett.avvik, inndata=inndata, ut=oppsett.ut)


def lag_rapport(
    oppsett: Oppsett,
    *,
    fremdrift: Callable[[], None] | None = None,
    advarsel: Callable[[str], None] | None = None,
) -> tuple[Rapport, Iterator[str] | Iterator[bytes]]:
    """Check the outputs (``kontroller_utdata``), load criteria, judge the cases, apply
    overrides, and build the report: the report's data, and its text (or a Word document's
    bytes) in pieces to write one after the other (never held whole in memory). ``advarsel``
    gets at once what the user should know before the report is written (a sample manifest
    that does not match)."""
    if not 0.5 <= oppsett.konfidens < 1:
        raise RevisjonFeil(
            f"--konfidens: {oppsett.konfidens:g} er utenfor området; bruk for eksempel 0.95 eller 95%"
        )
    kontroller_utdata(oppsett)
    tidligere = les_resultater(oppsett.tidligere) if oppsett.tidligere else []
    manifest = les_manifest(oppsett.utvalg) if oppsett.utvalg is not None else None
    oppdrag = les_oppdrag(oppsett.oppdrag) if oppsett.oppdrag is not None else None
    internkontroll = oppsett.internkontroll or (
        oppdrag is not None and oppdrag.data.type == "internkontroll"
    )
    if tidligere and (not internkontroll or oppsett.format not in (Format.markdown, Format.docx)):
        raise RevisjonFeil(
            "--tidligere: utviklingen mot tidligere måneder står bare i rapporten for "
            "internkontroll (Markdown eller Word); bruk --mal internkontroll eller «type: "
            "internkontroll» i oppdragsfilen, eller lag utviklingen med revisjon trend"
        )
    kriteriesett = last_kriterier(oppsett.kriterier)
    kjoring = vurder(oppsett.stier, kriteriesett=kriteriesett, fremdrift=fremdrift)
    if oppsett.overstyringer is not None:
        kjoring = bruk_overstyringer(kjoring, oppsett.overstyringer)
    utvalg = beskriv_utvalg(manifest, kjoring) if manifest is not None else None
    if utvalg is not None and advarsel is not None and (utvalg.mangler or utvalg.ekstra):
        advarsel(utvalgsadvarsel(oppsett.utvalg or Path(), utvalg))
    rapport = bygg_rapport(
        kjoring,
        kriteriesett=kriteriesett,
        dato=rapportdato(oppsett.dato, os.environ),
        konfidens=oppsett.konfidens,
        valg=oppsett.valg(),
        utvalg=utvalg.tekst if utvalg else None,
        tilfeldig=utvalg is not None and utvalg.generaliserbar,
        oppdrag=oppdrag,
        internkontroll=internkontroll,
    )
    rapport = med_internkontroll(rapport, utvalg=utvalg, toleranse=oppsett.toleranse)
    if tidligere:
        rapport = med_trend(rapport, tidligere, som_dict(rapport))
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


def utvalgsadvarsel(manifest: Path, utvalg: Utvalgsbeskrivelse) -> str:
    """The warning for a sample manifest that does not match the cases judged (counts only:
    no sak_id reaches the terminal)."""
    deler = []
    if utvalg.mangler:
        deler.append(f"{norsk.heltall(len(utvalg.mangler))} trukne saker mangler")
    if utvalg.ekstra:
        deler.append(f"{norsk.heltall(len(utvalg.ekstra))} saker er ikke i utvalget")
    return (
        f"Advarsel: {manifest}: utvalgsmanifestet passer ikke med sakene som er vurdert "
        f"({' og '.join(deler)}); rapporten lister dem, og funnene kan ikke generaliseres. "
        "Sjekk at du vurderer mappen utvalget ble kopiert til"
    )
