"""Checking criteria files for CI: every problem in every file, and every criteria test run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from revisjon.feil import Avvisning, RevisjonFeil
from revisjon.kriteriesprak.lasting import LastetSett, finn_kriteriefiler, last_fil
from revisjon.kriteriesprak.tester import Testutfall, kjor_tester


@dataclass
class Sjekkrapport:
    """What ``revisjon sjekk`` found: problems (``felt`` is the criterion id) and test outcomes."""

    filer: list[str] = field(default_factory=list)
    problemer: list[Avvisning] = field(default_factory=list)
    tester: list[Testutfall] = field(default_factory=list)

    @property
    def feilede_tester(self) -> list[Testutfall]:
        return [t for t in self.tester if not t.ok]

    @property
    def ok(self) -> bool:
        return not self.problemer and not self.feilede_tester


def sjekk_kriterier(stier: Sequence[Path]) -> Sjekkrapport:
    """Check every criteria file below ``stier`` and run its tests."""
    for sti in stier:
        if not sti.exists():
            raise RevisjonFeil(f"{sti}: finnes ikke; oppgi en kriteriefil eller en mappe med slike")
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
    return rapport


def _dupliserte_id(lastet: list[LastetSett]) -> list[Avvisning]:
    forste: dict[str, str] = {}
    problemer: list[Avvisning] = []
    for sett in lastet:
        for i, kriterium in enumerate(sett.kriterier):
            if kriterium.id in forste:
                problemer.append(
                    Avvisning(
                        sett.fil,
                        sett.linje(("kriterier", i, "id")),
                        kriterium.id,
                        (
                            "id-en er brukt før i samme fil"
                            if forste[kriterium.id] == sett.fil
                            else f"id-en er også brukt i {forste[kriterium.id]}"
                        )
                        + "; gi hvert kriterium en unik id",
                    )
                )
            forste.setdefault(kriterium.id, sett.fil)
    return problemer
