"""Reading a filled-in working paper as overrides (``vurder --overstyringer FIL.xlsx``).

A row where the auditor filled in one of the auditor's columns is an override; rows left empty
change nothing. Each is made into the same record a YAML override is (``OverstyringInn``),
validated by the same model, and then checked by ``overstyring.bruk_overstyringer`` like any
other; a problem names the sheet and cell (``fil.xlsx:Funn!J12: status: …``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from revisjon.feil import Avvisning, OverstyringFeil
from revisjon.inntak.fodselsnummer import har_fodselsnummer
from revisjon.inntak.meldinger import oversett
from revisjon.inntak.regnearkceller import Cellefeil, celleverdi, kolonnenavn
from revisjon.inntak.regnearkoppsett import Art, Kolonne
from revisjon.rapport.arbeidspapir import FUNN, KOLONNER, REVISOR
from revisjon.rapport.overstyringsmodell import OverstyringInn, Sted

FELT = {"sak_id": "sak_id", "kriterium": "kriterium", "status_revisor": "status"}
"""Working-paper column → field of the override, where the names differ."""
_ARTER = {"dato": Art.dato, "status_revisor": Art.kode}


def _kolonne(nokkel: str) -> Kolonne:
    felt = FELT.get(nokkel, nokkel)
    return Kolonne(dict(KOLONNER)[nokkel], "", _ARTER.get(nokkel, Art.tekst), (felt,))


def les_arbeidspapir(fil: Path) -> tuple[list[OverstyringInn], list[Sted]]:
    """The overrides in a filled-in working paper and where each stands; raise OverstyringFeil
    listing every problem."""
    import openpyxl

    navn = str(fil)
    try:
        bok = openpyxl.load_workbook(
            io.BytesIO(fil.read_bytes()), read_only=True, data_only=False, keep_links=False
        )
    except OSError as feil:
        raise OverstyringFeil(
            [Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")]
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise OverstyringFeil(
            [Avvisning(navn, None, None, "kan ikke leses som en Excel-arbeidsbok (.xlsx)")]
        ) from None
    try:
        if FUNN not in bok.sheetnames:
            raise OverstyringFeil(
                [Avvisning(navn, None, None, f"arket «{FUNN}» mangler; er dette et arbeidspapir?")]
            )
        return _les_funn(navn, bok[FUNN])
    finally:
        bok.close()


def _les_funn(navn: str, ark: Any) -> tuple[list[OverstyringInn], list[Sted]]:
    rader = ark.iter_rows()
    overskrifter = [c.value for c in next(rader, ())]
    plass: dict[str, int] = {}
    problemer: list[Avvisning] = []
    for nokkel in ("sak_id", "kriterium", *REVISOR):
        overskrift = dict(KOLONNER)[nokkel]
        if overskrift in overskrifter:
            plass[nokkel] = overskrifter.index(overskrift)
        else:
            problemer.append(
                Avvisning(navn, None, None, f"kolonnen «{overskrift}» mangler", celle=f"{FUNN}!1:1")
            )
    if problemer:
        raise OverstyringFeil(problemer)
    overstyringer: list[OverstyringInn] = []
    steder: list[Sted] = []
    for r, rad in enumerate(rader, start=2):
        celler = {n: rad[i] for n, i in plass.items() if i < len(rad)}
        if all(_tom(celler.get(n)) for n in REVISOR):
            continue
        sted = Sted(
            celler={"": f"{FUNN}!A{r}"}
            | {FELT.get(n, n): f"{FUNN}!{kolonnenavn(i)}{r}" for n, i in plass.items()}
        )
        if har_fodselsnummer([c.value for c in celler.values() if not _tom(c)]):
            problemer.append(
                sted.avvisning(navn, None, "inneholder noe som ligner et fødselsnummer; fjern det")
            )
            continue
        data: dict[str, Any] = {}
        for nokkel, celle in celler.items():
            if _tom(celle):
                continue
            kolonne = _kolonne(nokkel)
            try:
                data[kolonne.felt] = celleverdi(kolonne, celle)
            except Cellefeil as feil:
                problemer.append(sted.avvisning(navn, kolonne.felt, feil.melding))
        try:
            overstyring = OverstyringInn.model_validate(data)
        except ValidationError as feil:
            problemer += [
                sted.avvisning(navn, ".".join(str(d) for d in loc) or None, melding)
                for loc, melding in oversett(feil, OverstyringInn)
            ]
            continue
        overstyringer.append(overstyring)
        steder.append(sted)
    if problemer:
        raise OverstyringFeil(problemer)
    return overstyringer, steder


def _tom(celle: Any) -> bool:
    return celle is None or celle.value is None or celle.value == ""
