"""The «Veiledning» sheet of the registration workbook: how to fill it in, and every sheet's
columns with their help and codes, generated from the layout (never kept by hand)."""

from __future__ import annotations

from typing import Any

from revisjon.inntak.regnearkoppsett import LISTESKILLE, SAK_ID, SAKSARK, Art, oppsett
from revisjon.rapport.xlsxskriving import sett_tekst
from revisjon.sak import KODENAVN

INNLEDNING = (
    "Slik fyller du ut arbeidsboken",
    "Arbeidsboken er for å registrere saker du går gjennom i Socio og Modia, slik at "
    "revisjon kan vurdere dem: revisjon vurder gjennomgang.xlsx.",
    f"Arket «{SAKSARK}» har én rad per sak. De andre arkene har én rad per barn, "
    f"journalnotat, samtale og så videre, og kolonnen «{SAK_ID}» knytter hver rad til saken.",
    "Barna får id-er (B1, B2, …) på arket «Barn»; bruk de samme id-ene der et notat, en "
    "kartlegging, et tiltak eller en utgift gjelder et barn.",
    "Rad 1 er kolonnenavnene og rad 2 forklarer kolonnen; ikke endre dem. Gul overskrift "
    "betyr at feltet er påkrevd.",
    "Datoer skrives som datoer (18.03.2024). Ja/nei-felt og koder velges fra listen i "
    f"cellen. Flere verdier i én celle skilles med «{LISTESKILLE}» (B1{LISTESKILLE} B2).",
    "For tema på arket «Kartlegginger» er det én kolonne per tema: skriv «ja» for hvert tema "
    "kartleggingen dekker.",
    "Skriv verdier, ikke formler, og ikke flett celler. En sak med feil avvises med ark, celle "
    "og felt i meldingen; de andre sakene vurderes likevel.",
    "Ikke skriv fødselsnummer, D-nummer eller navn noe sted i arbeidsboken (heller ikke i "
    "filens egenskaper). En sak med noe som ligner et fødselsnummer avvises.",
)


def skriv_veiledning(ark: Any) -> None:
    """Fill the sheet: the instructions, then one row per column of every data sheet."""
    from openpyxl.styles import Alignment, Font

    fet = Font(bold=True)
    ombrutt = Alignment(wrap_text=True, vertical="top")
    rad = 1
    for i, tekst in enumerate(INNLEDNING):
        celle = ark.cell(row=rad, column=1)
        sett_tekst(celle, tekst, hvor=ark.title)
        celle.alignment = ombrutt
        if i == 0:
            celle.font = Font(bold=True, size=14)
        rad += 1
    rad += 1
    for kolonne, overskrift in enumerate(("Ark", "Kolonne", "Forklaring", "Gyldige verdier"), 1):
        celle = ark.cell(row=rad, column=kolonne)
        sett_tekst(celle, overskrift, hvor=ark.title)
        celle.font = fet
    for arkoppsett in oppsett():
        for kol in arkoppsett.kolonner:
            rad += 1
            koder = kol.koder if kol.art is Art.kode else ()
            verdier = ", ".join(f"{k} ({KODENAVN[k]})" if k in KODENAVN else k for k in koder)
            for kolonne, tekst in enumerate(
                (arkoppsett.navn, kol.overskrift, kol.hjelpetekst, verdier), 1
            ):
                if tekst:
                    celle = ark.cell(row=rad, column=kolonne)
                    sett_tekst(celle, tekst, hvor=ark.title)
                    celle.alignment = ombrutt
    ark.column_dimensions["A"].width = 16
    ark.column_dimensions["B"].width = 28
    ark.column_dimensions["C"].width = 70
    ark.column_dimensions["D"].width = 50
