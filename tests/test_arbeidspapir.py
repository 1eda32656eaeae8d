"""The working paper (``vurder --arbeidspapir``) and a filled-in one read back as overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from revisjon.feil import OverstyringFeil
from revisjon.jobb import Oppsett, lag_rapport, skriv_arbeidspapir_for
from revisjon.kriteriesprak.modell import STATUSER
from revisjon.rapport import arbeidspapir
from revisjon.rapport.arbeidspapir import INTERNT, KOLONNER
from revisjon.rapport.registreringsark import skriv_registreringsark
from revisjon.resultat import Resultat
from revisjon.sak import Sak
from tests.cli_hjelp import kjor
from tests.conftest import EKSEMPLER, lag_sak
from tests.test_inntak import lag_fodselsnummer

OVERSKRIFTER = [o for _, o in KOLONNER]


def kolonne(overskrift: str) -> str:
    return "ABCDEFGHIJKLM"[OVERSKRIFTER.index(overskrift)]


def rader(fil: Path) -> list[dict[str, Any]]:
    ark = openpyxl.load_workbook(fil)["Funn"]
    hode = [c.value for c in ark[1]]
    return [
        dict(zip(hode, (c.value for c in rad), strict=True)) for rad in ark.iter_rows(min_row=2)
    ]


def lag_arbeidspapir(tmp_path: Path, stier: list[Path], **valg: Any) -> Path:
    fil = tmp_path / "funn.xlsx"
    oppsett = Oppsett(stier=stier, arbeidspapir=fil, **valg)
    rapport, _ = lag_rapport(oppsett)
    skriv_arbeidspapir_for(oppsett, rapport)
    return fil


def test_en_rad_per_sak_og_kriterium_med_tomme_kolonner_for_revisor(tmp_path: Path) -> None:
    fil = lag_arbeidspapir(tmp_path, [EKSEMPLER])
    alle = rader(fil)
    assert len(alle) == 24 * 10
    assert list(alle[0]) == OVERSKRIFTER
    forste = alle[0]
    assert forste["Sak-id"].startswith("GJ-") and forste["Kontor"] == "Nav Gjøvik"
    assert forste["Kriterium"] == "K1"
    assert forste["Tittel"] == "Hvert barns behov og livssituasjon kartlagt før vedtak"
    assert forste["Status"] in STATUSER and forste["Begrunnelse"]
    for rad in alle:
        assert [rad[k] for k in ("Revisors status", "Revisors begrunnelse", "Av", "Dato")] == [
            None
        ] * 4


def test_arbeidspapiret_er_merket_internt_og_har_nedtrekk_og_filter(tmp_path: Path) -> None:
    fil = lag_arbeidspapir(tmp_path, [EKSEMPLER])
    bok = openpyxl.load_workbook(fil)
    assert bok.sheetnames == ["Om arbeidspapiret", "Funn"]
    assert bok["Om arbeidspapiret"]["A1"].value == INTERNT
    assert INTERNT == "Arbeidspapir – inneholder sakstekst, skal ikke publiseres"
    assert bok.properties.title == INTERNT
    funn = bok["Funn"]
    assert funn.auto_filter.ref == "A1:M241"
    assert funn.freeze_panes == "A2"
    lister = {
        str(v.sqref): v.formula1 for v in funn.data_validations.dataValidation if v.type == "list"
    }
    assert lister == {
        f"{kolonne('Revisors status')}2:{kolonne('Revisors status')}241": (
            '"' + ",".join(STATUSER) + '"'
        )
    }


def test_rader_til_kontroll_star_forst_med_grunn_og_setninger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flag and the sentence numbers come from the text-reading work; here they are given."""

    def til_kontroll(r: Resultat) -> str | None:
        return "teksten er tvetydig" if r.kriterium == "K2" else None

    def tekststed(r: Resultat) -> tuple[str | None, tuple[int, ...]]:
        return ("vedtak.tekst", (2,)) if r.kriterium == "K2" else (None, ())

    monkeypatch.setattr(arbeidspapir, "til_kontroll", til_kontroll)
    monkeypatch.setattr("revisjon.rapport.sakstekst.tekststed", tekststed)
    tekst = "Søknaden er innvilget. =Barnets beste er vurdert.\nMer tekst."
    sak = lag_sak(vedtak={"dato": "2024-03-18", "utfall": "innvilget", "tekst": tekst})
    saker = tmp_path / "saker.xlsx"
    skriv_registreringsark(saker, [Sak.model_validate(sak)])
    fil = lag_arbeidspapir(tmp_path, [saker])
    alle = rader(fil)
    assert alle[0]["Kriterium"] == "K2" and alle[0]["Til kontroll"] == "ja"
    assert alle[0]["Grunn til kontroll"] == "teksten er tvetydig"
    assert alle[0]["Avgjørende setninger"] == "=Barnets beste er vurdert."
    assert [r["Kriterium"] for r in alle[1:]] == ["K1", *(f"K{i}" for i in range(3, 11))]
    # text from a case that looks like a formula is stored as text
    funn = openpyxl.load_workbook(fil)["Funn"]
    assert funn[f"{kolonne('Avgjørende setninger')}2"].data_type == "s"


def test_arbeidspapiret_skrives_bare_nar_det_er_bedt_om(tmp_path: Path) -> None:
    svar = kjor("vurder", str(EKSEMPLER), "-o", str(tmp_path / "funn.md"))
    assert svar.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["funn.md"]


def fyll_inn(fil: Path, *rader_: tuple[int, str | None, str | None, str | None, Any]) -> None:
    bok = openpyxl.load_workbook(fil)
    funn = bok["Funn"]
    for rad, status, begrunnelse, av, dato in rader_:
        for overskrift, verdi in zip(
            ("Revisors status", "Revisors begrunnelse", "Av", "Dato"),
            (status, begrunnelse, av, dato),
            strict=True,
        ):
            funn[f"{kolonne(overskrift)}{rad}"] = verdi
    bok.save(fil)


def test_hele_gjennomgangen_i_regneark(tmp_path: Path) -> None:
    """Judge → working paper → fill in two rows → judge again with it → the report shows both."""
    papir = tmp_path / "gjennomgang-funn.xlsx"
    forste = kjor(
        "vurder", str(EKSEMPLER), "-o", str(tmp_path / "f1.md"), "--arbeidspapir", str(papir)
    )
    assert forste.returncode == 0, forste.stderr
    assert "inneholder sakstekst og skal ikke publiseres" in forste.stderr
    alle = rader(papir)
    forste_sak, andre_sak = alle[0]["Sak-id"], alle[13]["Sak-id"]
    assert forste_sak != andre_sak
    fyll_inn(
        papir,
        (2, "oppfylt", "Kartleggingen ligger i papirmappen.", "AB", dt.date(2024, 9, 12)),
        (15, "ikke_oppfylt", "Notatet gjelder et annet barn.", "CD", dt.date(2024, 9, 13)),
    )
    andre = kjor("vurder", str(EKSEMPLER), "--dato", "2024-10-01", "--overstyringer", str(papir))
    assert andre.returncode == 0, andre.stderr
    rapport = andre.stdout
    assert "2 vurderinger er overstyrt av revisor." in rapport
    vedlegg = rapport.split("## Vedlegg 2 Overstyrte vurderinger")[1].split("## ")[0]
    assert "Kartleggingen ligger i papirmappen." in vedlegg and "AB" in vedlegg
    assert "Notatet gjelder et annet barn." in vedlegg and "CD" in vedlegg
    assert forste_sak in vedlegg and andre_sak in vedlegg


def test_et_ufullstendig_utfylt_arbeidspapir_avvises_med_cellene(tmp_path: Path) -> None:
    papir = lag_arbeidspapir(tmp_path, [EKSEMPLER])
    fyll_inn(
        papir,
        (2, "oppfylt", "Sett i papirmappen.", "AB", dt.date(2024, 9, 12)),
        (3, None, "Bare en begrunnelse.", None, None),
        (4, "nesten_oppfylt", "x", "AB", dt.date(2024, 9, 12)),
    )
    svar = kjor("vurder", str(EKSEMPLER), "--overstyringer", str(papir))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert svar.stderr.splitlines() == [
        f"{papir}:Funn!J3: status: mangler; feltet er påkrevd",
        f"{papir}:Funn!L3: av: mangler; feltet er påkrevd",
        f"{papir}:Funn!M3: dato: mangler; feltet er påkrevd",
        f"{papir}:Funn!J4: status: ugyldig verdi «nesten_oppfylt»; mente du «delvis_oppfylt»?; "
        "gyldige verdier: "
        "oppfylt, delvis_oppfylt, ikke_oppfylt, ikke_aktuelt, ikke_vurdert",
        "Overstyringene kan ikke brukes; rett feilene over og prøv igjen.",
    ]


def test_overstyringer_fra_regneark_folger_samme_regler_som_yaml(tmp_path: Path) -> None:
    papir = lag_arbeidspapir(tmp_path, [EKSEMPLER])
    bok = openpyxl.load_workbook(papir)
    bok["Funn"]["A2"] = "FINNES-IKKE"
    bok["Funn"]["A3"] = bok["Funn"]["A4"].value
    bok["Funn"]["C3"] = bok["Funn"]["C4"].value
    bok.save(papir)
    fyll_inn(
        papir,
        (2, "oppfylt", "x", "AB", dt.date(2024, 9, 12)),
        (3, "oppfylt", "x", "AB", dt.date(2024, 9, 12)),
        (4, "oppfylt", "x", "AB", dt.date(2024, 9, 12)),
    )
    from revisjon.kriteriesprak.lasting import last_kriterier
    from revisjon.rapport.overstyring import bruk_overstyringer
    from revisjon.vurdering.kjoring import vurder

    kjoring = vurder([EKSEMPLER], kriteriesett=last_kriterier([]))
    with pytest.raises(OverstyringFeil) as feil:
        bruk_overstyringer(kjoring, papir)
    assert [str(p) for p in feil.value.problemer] == [
        f"{papir}:Funn!A2: sak_id: saken det vises til, er ikke blant de vurderte sakene",
        f"{papir}:Funn!A4: samme sak og kriterium er overstyrt to ganger (før i filen)",
    ]


def test_fodselsnummer_i_revisors_kolonner_avvises(tmp_path: Path) -> None:
    papir = lag_arbeidspapir(tmp_path, [EKSEMPLER])
    nummer = lag_fodselsnummer()
    fyll_inn(papir, (2, "oppfylt", f"Gjelder {nummer}.", "AB", dt.date(2024, 9, 12)))
    svar = kjor("vurder", str(EKSEMPLER), "--overstyringer", str(papir))
    assert svar.returncode == 2
    assert f"{papir}:Funn!A2: inneholder noe som ligner et fødselsnummer" in svar.stderr
    assert nummer not in svar.stderr
