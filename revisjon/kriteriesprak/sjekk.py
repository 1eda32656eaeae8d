"""Checking criteria files for CI: every problem in every file, and every criteria test run;
and showing the Python code a criterion is judged by (``revisjon sjekk --vis-kode``)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from revisjon.feil import Avvisning, RevisjonFeil
from revisjon.felttre import forslag
from revisjon.kriteriesprak.lasting import LastetSett, finn_kriteriefiler, last_fil, last_kriterier
from revisjon.kriteriesprak.tester import Testutfall, kjor_tester


@dataclass
class Sjekkrapport:
    """What ``revisjon sjekk`` found: problems (``felt`` is the criterion id) and test outcomes."""

    filer: list[str] = field(default_factory=list)
    problemer: list[Avvisning] = field(default_factory=list)
    tester: list[Testutfall] = field(default_factory=list)
    advarsler: list[Avvisning] = field(default_factory=list)
    """What does not make the check fail but should be seen (a file without tests)."""

    @property
    def feilede_tester(self) -> list[Testutfall]:
        return [t for t in self.tester if not t.ok]

    @property
    def ok(self) -> bool:
        return not self.problemer and not self.feilede_tester


STANDARD_HINT = (
    " (uten argumenter ser «revisjon sjekk» etter mappen «kriterier» der du står). "
    "Stå i revisjonsmappen, eller oppgi stien: revisjon sjekk MINE-KRITERIER.yaml"
)


def sjekk_kriterier(stier: Sequence[Path], *, standard: bool = False) -> Sjekkrapport:
    """Check every criteria file below ``stier`` and run its tests; ``standard``: ``stier`` is
    the default the command chose, so a missing one is explained as such."""
    for sti in stier:
        if not sti.exists():
            raise RevisjonFeil(
                f"{sti}: finnes ikke; oppgi en kriteriefil eller en mappe med slike"
                + (STANDARD_HINT if standard else "")
            )
    filer = finn_kriteriefiler(stier)
    if not filer:
        navn = ", ".join(str(s) for s in stier)
        raise RevisjonFeil(f"{navn}: ingen kriteriefiler (.yaml eller .yml) funnet")
    rapport = Sjekkrapport(filer=[str(f) for f in filer])
    lastet: list[LastetSett] = []
    for fil in filer:
        sett, problemer = last_fil(fil)
        rapport.problemer += problemer
        if sett is not None:
            lastet.append(sett)
    rapport.problemer += _dupliserte_id(lastet)
    for sett in lastet:
        utfall, problemer = kjor_tester(sett)
        rapport.tester += utfall
        rapport.problemer += problemer
        if not sett.sett.tester:
            rapport.advarsler.append(
                Avvisning(
                    sett.fil,
                    None,
                    None,
                    "advarsel: filen har ingen tester («tester:»); legg til minst én eksempelsak "
                    "per kriterium med forventet status, så sjekkes kriteriene mot dem",
                )
            )
    return rapport


def _dupliserte_id(lastet: list[LastetSett]) -> list[Avvisning]:
    forste: dict[str, tuple[str, int | None]] = {}
    problemer: list[Avvisning] = []
    for sett in lastet:
        for i, kriterium in enumerate(sett.kriterier):
            linje = sett.linje(("kriterier", i, "id"))
            if kriterium.id in forste:
                fil, forste_linje = forste[kriterium.id]
                sted = f"på linje {forste_linje}" if forste_linje else "før"
                problemer.append(
                    Avvisning(
                        sett.fil,
                        linje,
                        kriterium.id,
                        (
                            f"id-en er brukt {sted} i samme fil"
                            if fil == sett.fil
                            else f"id-en er også brukt i {fil}"
                            + (f":{forste_linje}" if forste_linje else "")
                        )
                        + "; gi hvert kriterium en unik id",
                    )
                )
            forste.setdefault(kriterium.id, (sett.fil, linje))
    return problemer


_KONSTANT = re.compile(r"c\d+")
"""The names ``Kodeskriver.konst`` gives the constants of a generated function."""


def vis_kode(*, stier: Sequence[Path], kriterium_id: str) -> str:
    """The generated Python source of criterion ``kriterium_id`` in the files below ``stier``,
    followed by its constants as comments (``# c3 = 'Vedtaket '``). RevisjonFeil (with a
    suggestion) when no criterion has that id; KriterieFeil when the files do not load."""
    for sti in stier:
        if not sti.exists():
            raise RevisjonFeil(f"{sti}: finnes ikke; oppgi en kriteriefil eller en mappe med slike")
    lastet = last_kriterier(stier)
    kriterier = {k.id: k for sett in lastet for k in sett.kriterier}
    kriterium = kriterier.get(kriterium_id)
    if kriterium is None:
        navn = ", ".join(sett.fil for sett in lastet)
        tips = forslag(kriterium_id, kriterier)
        hint = f"; mente du «{tips}»?" if tips else ""
        raise RevisjonFeil(
            f"{navn}: kriteriet «{kriterium_id}» finnes ikke{hint} "
            f"(kriteriene her: {', '.join(kriterier) or 'ingen'})"
        )
    # the generated function (a verdict that reads a text is wrapped to add its sentences)
    navnerom = inspect.unwrap(kriterium.vurder).__globals__
    konstanter = [
        f"# {navn} = {_en_linje(repr(verdi))}"
        for navn, verdi in navnerom.items()
        if _KONSTANT.fullmatch(navn)
    ]
    return kriterium.kode + (
        "\n# Konstanter:\n" + "\n".join(konstanter) + "\n" if konstanter else ""
    )


def _en_linje(tekst: str, grense: int = 120) -> str:
    """A constant shown on one comment line, cut at ``grense`` characters."""
    tekst = tekst.replace("\n", "\\n")
    return tekst if len(tekst) <= grense else tekst[: grense - 1] + "…"
