"""Running the tests a criteria file carries: example cases with the status each must get."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import InnlestSak, les_fil, valider_sak
from revisjon.inntak.meldinger import sti_fra_felt
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.modell import Kriterietest


@dataclass(frozen=True)
class Testutfall:
    """One expected status in one test: what the criterion gave, and whether that was right."""

    fil: str
    linje: int | None
    test: str
    kriterium: str
    forventet: str
    fikk: str
    begrunnelse: str

    @property
    def ok(self) -> bool:
        return self.forventet == self.fikk


def _saken(sett: LastetSett, i: int, test: Kriterietest) -> InnlestSak | list[Avvisning]:
    if test.sak is not None:
        return valider_sak(f"{sett.fil} (test «{test.navn}»)", test.sak)
    assert test.fil is not None
    mappe = sett.sti.parent if sett.sti else Path()
    funnet = list(les_fil(mappe / test.fil))
    saker = [f for f in funnet if isinstance(f, InnlestSak)]
    if not saker and not funnet:
        return [Avvisning(str(mappe / test.fil), None, None, "filen har ingen sak")]
    return saker[0] if saker else [f for f in funnet if isinstance(f, Avvisning)]


def kjor_tester(sett: LastetSett) -> tuple[list[Testutfall], list[Avvisning]]:
    """Every expected status of every test in ``sett``, and problems that stop a test running."""
    utfall: list[Testutfall] = []
    problemer: list[Avvisning] = []
    kriterier = {k.id: k for k in sett.kriterier}
    for i, test in enumerate(sett.sett.tester):
        linje = sett.linje(("tester", i))
        saken = _saken(sett, i, test)
        if isinstance(saken, list):
            for avvisning in saken:
                felt = f"{avvisning.felt}: " if avvisning.felt else ""
                problemer.append(
                    Avvisning(
                        sett.fil,
                        sett.linje(("tester", i, "sak", *sti_fra_felt(avvisning.felt))) or linje,
                        None,
                        f"tester[{i}] «{test.navn}»: eksempelsaken er ugyldig: {felt}{avvisning.melding}",
                    )
                )
            continue
        for kriterium_id, forventet in test.forventet.items():
            kriterium = kriterier.get(kriterium_id)
            if kriterium is None:
                problemer.append(
                    Avvisning(
                        sett.fil,
                        sett.linje(("tester", i, "forventet", kriterium_id)) or linje,
                        kriterium_id,
                        f"tester[{i}] «{test.navn}»: kriteriet finnes ikke i filen",
                    )
                )
                continue
            resultat = kriterium.vurder(saken.sak)
            utfall.append(
                Testutfall(
                    sett.fil,
                    sett.linje(("tester", i, "forventet", kriterium_id)) or linje,
                    test.navn,
                    kriterium_id,
                    forventet,
                    resultat.status,
                    resultat.begrunnelse,
                )
            )
    return utfall, problemer
