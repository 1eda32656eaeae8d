"""What the working paper shows of each case beyond its verdicts, read from the cases again.

A run keeps only verdicts, never the cases (a large run would not fit in memory otherwise).
So when a working paper is asked for, the inputs are read a second time, one case at a time,
and only what the working paper shows is kept: the office, and the decisive sentences of each
verdict that rests on reading a text. The files must be the ones that were judged (same
SHA-256); a file changed in between stops the working paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from revisjon.feil import RevisjonFeil
from revisjon.inntak.lesing import InnlestSak, les_saker
from revisjon.inntak.meldinger import sti_fra_felt
from revisjon.rapport.arbeidspapir import Sakstekst, tekststed
from revisjon.resultat import Kjoring, SakResultat
from revisjon.tekst import setninger


def samle_sakstekster(stier: Sequence[Path], kjoring: Kjoring) -> dict[str, Sakstekst]:
    """The office and decisive sentences of every judged case, by sak_id."""
    vurderte: dict[tuple[str, str, int | None], SakResultat] = {
        (s.sak_id, s.fil, s.linje): s for s in kjoring.saker
    }
    filsummer: dict[str, str] = {}
    ut: dict[str, Sakstekst] = {}
    for funnet in les_saker(stier, filsummer=filsummer):
        if not isinstance(funnet, InnlestSak):
            continue
        resultat = vurderte.get((funnet.sak.sak_id, funnet.fil, funnet.linje))
        if resultat is not None:
            ut[resultat.sak_id] = _sakstekst(funnet.sak, resultat)
    endret = sorted(f for f, sha in kjoring.filer if filsummer.get(f, sha) != sha)
    if endret:
        raise RevisjonFeil(
            f"{endret[0]}: filen er endret mens sakene ble vurdert; arbeidspapiret er ikke "
            "skrevet. Kjør vurderingen på nytt"
        )
    return ut


def _sakstekst(sak: Any, resultat: SakResultat) -> Sakstekst:
    funnet: dict[str, tuple[str, ...]] = {}
    for r in resultat.resultater:
        felt, numre = tekststed(r)
        if felt is None or not numre:
            continue
        tekst = _felt(sak, felt)
        if isinstance(tekst, str):
            alle = setninger(tekst)
            funnet[r.kriterium] = tuple(alle[n - 1] for n in numre if 0 < n <= len(alle))
    return Sakstekst(sak.kontor, funnet)


def _felt(sak: Any, felt: str) -> Any:
    """The value at a field path (``journal[2].tekst``) of a case, or None."""
    verdi = sak
    for ledd in sti_fra_felt(felt):
        if isinstance(ledd, int):
            verdi = verdi[ledd] if isinstance(verdi, list) and ledd < len(verdi) else None
        else:
            verdi = getattr(verdi, ledd, None)
        if verdi is None:
            return None
    return verdi
