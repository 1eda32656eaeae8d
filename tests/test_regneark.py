"""The registration workbook (``revisjon regneark``, and .xlsx as input): the template, the round
trip from cases to workbook to verdicts, and one test per rejection a user can meet."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revisjon.feil import Avvisning
from revisjon.inntak.fodselsnummer import inneholder_fodselsnummer
from revisjon.inntak.lesing import InnlestSak, les_fil, les_saker
from revisjon.inntak.regnearkoppsett import Art, ark_etter_navn, oppsett
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.rapport.registreringsark import skriv_registreringsark
from revisjon.rapport.xlsxskriving import Skrivefeil
from revisjon.sak import Sak, Tema
from tests.conftest import DATA, EKSEMPLER, lag_sak
from tests.test_inntak import lag_fodselsnummer

TEMA = list(Tema.__args__)  # type: ignore[attr-defined]


def bok(tmp_path: Path, *saker: dict[str, Any], navn: str = "gjennomgang.xlsx") -> Path:
    fil = tmp_path / navn
    skriv_registreringsark(fil, [Sak.model_validate(s) for s in saker])
    return fil


def endre(fil: Path, endring: Callable[[Any], None]) -> Path:
    """Open the workbook as a user would (openpyxl, not read-only), change it, save it."""
    arbeidsbok = openpyxl.load_workbook(fil)
    endring(arbeidsbok)
    arbeidsbok.save(fil)
    return fil


def les(fil: Path) -> tuple[list[Sak], list[Avvisning]]:
    funnet = list(les_fil(fil))
    return (
        [f.sak for f in funnet if isinstance(f, InnlestSak)],
        [f for f in funnet if isinstance(f, Avvisning)],
    )


def kolonne(ark: str, overskrift: str) -> str:
    """The column letter of a heading in the generated layout."""
    from openpyxl.utils.cell import get_column_letter

    kolonner = [k.overskrift for k in ark_etter_navn()[ark].kolonner]
    return get_column_letter(kolonner.index(overskrift) + 1)


def normalisert(sak: Sak) -> dict[str, Any]:
    """A case as data, with each mapping's themes in code order: a workbook holds the themes
    of a mapping as one column per theme, so their order is the code list's."""
    data = sak.model_dump()
    for k in data["kartlegginger"]:
        k["tema"] = [t for t in TEMA if t in k["tema"]]
    return data


TO_SAKER = (
    lag_sak(
        sak_id="A-1",
        journal=[
            {"dato": "2024-03-06", "system": "socio", "barn": ["B1"], "tekst": "Notat om B1."}
        ],
    ),
    lag_sak(sak_id="A-2"),
)


# --------------------------------------------------------------------------------------------
# The template


def mal_som_data(fil: Path) -> dict[str, Any]:
    """What a user sees of the template's structure: sheets, headings, help, drop-downs,
    date checks and the frozen panes."""
    arbeidsbok = openpyxl.load_workbook(fil)
    ut: dict[str, Any] = {"ark": arbeidsbok.sheetnames}
    for ark in arbeidsbok.worksheets[1:]:
        validering: dict[str, str] = {}
        for v in ark.data_validations.dataValidation:
            for omrade in str(v.sqref).split():
                bokstav = "".join(c for c in omrade.split(":")[0] if c.isalpha())
                overskrift = ark[f"{bokstav}1"].value
                validering[overskrift] = (
                    v.formula1.strip('"') if v.type == "list" else f"{v.type} {v.operator}"
                )
        ut[ark.title] = {
            "overskrifter": [c.value for c in ark[1]],
            "hjelp": [c.value for c in ark[2]],
            "nedtrekk": validering,
            "frosset": ark.freeze_panes,
        }
    return ut


def test_malen_mot_fasit(tmp_path: Path, oppdater_fasit: bool) -> None:
    fil = tmp_path / "mal.xlsx"
    skriv_registreringsark(fil)
    data = mal_som_data(fil)
    fasit = DATA / "fasit" / "regneark-mal.yaml"
    if oppdater_fasit:
        fasit.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert data == yaml.safe_load(fasit.read_text("utf-8"))


def test_malen_har_veiledning_forst_og_folger_saksmodellen(tmp_path: Path) -> None:
    fil = tmp_path / "mal.xlsx"
    skriv_registreringsark(fil)
    data = mal_som_data(fil)
    assert data["ark"][0] == "Veiledning"
    assert data["ark"][1:] == [a.navn for a in oppsett()]
    # every code list of the model has its drop-down, and the headings are the fields' titles
    assert data["Samtaler"]["nedtrekk"]["Tolk"] == (
        "ikke_behov,profesjonell,barn,annen_familie,behov_ikke_dekket"
    )
    assert data["Saker"]["nedtrekk"]["Tjeneste"] == (
        "okonomisk_stonad,opplysning_rad_veiledning,okonomisk_radgivning"
    )
    assert data["Saker"]["nedtrekk"]["Utfall"] == "innvilget,delvis_innvilget,avslag,henlagt"
    assert data["Barn"]["overskrifter"][:3] == ["Sak-id", "Barne-id", "Alder"]
    for navn in TEMA:
        assert data["Kartlegginger"]["nedtrekk"][f"Tema: {navn}"] == "ja"
    for arkoppsett in oppsett():
        for k in arkoppsett.kolonner:
            if k.nedtrekk():
                assert data[arkoppsett.navn]["nedtrekk"][k.overskrift] == ",".join(k.nedtrekk())
            if k.art is Art.dato:
                assert data[arkoppsett.navn]["nedtrekk"][k.overskrift] == "date greaterThan"
        assert data[arkoppsett.navn]["frosset"] == "B3"
    veiledning = openpyxl.load_workbook(fil)["Veiledning"]
    assert veiledning["A1"].value == "Slik fyller du ut arbeidsboken"


def test_en_tom_mal_leses_uten_saker(tmp_path: Path) -> None:
    fil = tmp_path / "mal.xlsx"
    skriv_registreringsark(fil)
    saker, avviste = les(fil)
    assert saker == []
    assert [str(a) for a in avviste] == [f"{fil}: regnearket har ingen saker på arket «Saker»"]


def test_datoceller_er_datoer(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)
    saker = openpyxl.load_workbook(fil)["Saker"]
    celle = saker[f"{kolonne('Saker', 'Søknad mottatt')}3"]
    assert celle.is_date and celle.value == dt.datetime(2024, 3, 4)


# --------------------------------------------------------------------------------------------
# Round trip


def vurder_alle(saker: list[Sak], standardsett: list[LastetSett]) -> dict[str, list[Any]]:
    kriterier = [k for s in standardsett for k in s.kriterier]
    return {
        s.sak_id: [(r.kriterium, r.status, r.begrunnelse) for r in (k.vurder(s) for k in kriterier)]
        for s in saker
    }


def test_eksemplene_gir_samme_dommer_etter_regnearket(
    tmp_path: Path, standardsett: list[LastetSett]
) -> None:
    original = [f.sak for f in les_saker([EKSEMPLER]) if isinstance(f, InnlestSak)]
    fil = tmp_path / "saker.xlsx"
    assert skriv_registreringsark(fil, original) == len(original) == 24
    lest, avviste = les(fil)
    assert avviste == []
    assert [s.sak_id for s in lest] == [s.sak_id for s in original]
    assert vurder_alle(lest, standardsett) == vurder_alle(original, standardsett)
    for a, b in zip(original, lest, strict=True):
        assert normalisert(b) == normalisert(Sak.model_validate(_som_data(a)))


def _som_data(sak: Any) -> Any:
    """A case read the fast way (a msgspec struct) as plain data for the model."""
    import msgspec

    return sak.model_dump() if isinstance(sak, Sak) else msgspec.to_builtins(sak)


FRI_TEKST = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f")
    | st.sampled_from(["\n", "\r", "\t", "=", "+", "-", "@", " "]),
    min_size=1,
    max_size=300,
).filter(lambda t: not inneholder_fodselsnummer(t))
ORD = st.from_regex(r"[A-Za-zæøåÆØÅ0-9_§ .,-]{0,19}[A-Za-zæøå0-9]", fullmatch=True).filter(
    lambda s: s == s.strip() and not inneholder_fodselsnummer(s)
)
DATOER = st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))
KRONER = st.integers(0, 10**9).map(lambda ore: ore / 100)
"""Amounts in kroner and øre: a workbook keeps 15 significant digits of a number, as Excel."""
BARN_ID = ["B1", "B2", "B3"]


@st.composite
def sak_data(draw: st.DrawFn, sak_id: str) -> dict[str, Any]:
    barn = draw(st.lists(st.sampled_from(BARN_ID), max_size=3, unique=True))
    ider = st.lists(st.sampled_from(barn), max_size=2, unique=True) if barn else st.just([])
    valgfri = lambda s: st.none() | s  # noqa: E731
    vedtak = draw(
        valgfri(
            st.fixed_dictionaries(
                {
                    "dato": DATOER,
                    "utfall": st.sampled_from(["innvilget", "delvis_innvilget", "avslag"]),
                    "hjemmel": st.lists(ORD, max_size=2),
                    "tekst": FRI_TEKST,
                    "beregning": valgfri(
                        st.fixed_dictionaries(
                            {
                                "inntekter": st.lists(
                                    st.fixed_dictionaries(
                                        {
                                            "type": st.sampled_from(["barnetrygd", "lonn"]),
                                            "belop": KRONER,
                                            "medregnet": valgfri(st.booleans()),
                                        }
                                    ),
                                    min_size=1,
                                    max_size=2,
                                ),
                                "utgifter": st.lists(
                                    st.fixed_dictionaries(
                                        {"type": ORD, "belop": st.integers(0, 20000), "barn": ider}
                                    ),
                                    max_size=2,
                                ),
                            }
                        )
                    ),
                }
            )
        )
    )
    data: dict[str, Any] = {
        "versjon": 1,
        "sak_id": sak_id,
        "kontor": draw(valgfri(ORD)),
        "tjeneste": draw(
            st.sampled_from(
                ["okonomisk_stonad", "opplysning_rad_veiledning", "okonomisk_radgivning"]
            )
        ),
        "soknad": {
            "mottatt": draw(DATOER),
            "forstegangssoker": draw(valgfri(st.booleans())),
            "gjelder": draw(st.lists(ORD, max_size=2)),
        },
        "husstand": {
            "voksne": draw(st.integers(1, 3)),
            "enslig_forsorger": draw(valgfri(st.booleans())),
            "barn": [
                {"id": i, "alder": draw(st.integers(0, 17)), "merknad": draw(valgfri(FRI_TEKST))}
                for i in barn
            ],
        },
        "journal": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "dato": DATOER,
                        "system": st.sampled_from(["socio", "modia"]),
                        "journaltype": valgfri(ORD),
                        "barn": ider,
                        "tekst": FRI_TEKST,
                    }
                ),
                max_size=2,
            )
        ),
        "samtaler": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "dato": DATOER,
                        "type": st.sampled_from(["kartleggingssamtale", "hjemmebesok"]),
                        "status": st.sampled_from(["gjennomfort", "avlyst"]),
                        "tolk": valgfri(st.sampled_from(["barn", "profesjonell"])),
                        "referat": valgfri(st.booleans()),
                    }
                ),
                max_size=2,
            )
        ),
        "kartlegginger": [
            {
                "dato": draw(DATOER),
                "barn": b,
                "kilde": draw(st.sampled_from(["forelder", "skole"])),
                "tema": draw(st.lists(st.sampled_from(TEMA), unique=True)),
            }
            for b in draw(ider)
        ],
        "tiltak": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"dato": DATOER, "type": ORD, "barn": ider, "merknad": valgfri(FRI_TEKST)}
                ),
                max_size=1,
            )
        ),
    }
    if vedtak is not None:
        data["vedtak"] = {k: v for k, v in vedtak.items() if v is not None}
    if draw(st.booleans()):
        data["radgivning"] = {"forste_samtale": draw(DATOER), "kartlagt": draw(st.lists(ORD))}
    return data


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_genererte_saker_gir_samme_saker_og_dommer_etter_regnearket(
    tmp_path: Path, standardsett: list[LastetSett], data: st.DataObject
) -> None:
    ider = data.draw(st.lists(ORD | st.just("=SUM(A1)"), min_size=1, max_size=3, unique=True))
    original = [Sak.model_validate(data.draw(sak_data(i))) for i in ider]
    fil = tmp_path / "genererte.xlsx"
    skriv_registreringsark(fil, original)
    lest, avviste = les(fil)
    assert [str(a) for a in avviste] == []
    assert [normalisert(s) for s in lest] == [normalisert(s) for s in original]
    assert vurder_alle(lest, standardsett) == vurder_alle(original, standardsett)


def test_lang_fritekst_med_linjeskift_beholdes_eksakt(tmp_path: Path) -> None:
    tekst = ("Første linje.\r\nAndre linje med  to mellomrom.\n\n\tInnrykk\n" * 400) + " "
    sak = lag_sak(vedtak={"dato": "2024-03-18", "utfall": "avslag", "tekst": tekst})
    [lest], _ = les(bok(tmp_path, sak))
    assert lest.vedtak is not None and lest.vedtak.tekst == tekst
    assert len(tekst) > 20_000


def test_en_tekst_som_ligner_en_formel_skrives_som_tekst(tmp_path: Path) -> None:
    sak = lag_sak(sak_id='=HYPERLINK("x")', kontor="+47 Nav", enhet="@enhet")
    fil = bok(tmp_path, sak)
    ark = openpyxl.load_workbook(fil)["Saker"]
    assert ark["A3"].data_type == "s" and ark["A3"].value == '=HYPERLINK("x")'
    [lest], _ = les(fil)
    assert (lest.sak_id, lest.kontor, lest.enhet) == ('=HYPERLINK("x")', "+47 Nav", "@enhet")


def test_en_verdi_regnearket_ikke_kan_holde_avvises_ved_skriving(tmp_path: Path) -> None:
    sak = lag_sak(soknad={"mottatt": "2024-03-04", "gjelder": ["husleie; strøm"]})
    with pytest.raises(Skrivefeil, match="sak «T-1», Saker, Søknaden gjelder"):
        bok(tmp_path, sak)
    assert not (tmp_path / "gjennomgang.xlsx").exists()


# --------------------------------------------------------------------------------------------
# A second library


def test_en_arbeidsbok_fylt_ut_med_et_annet_bibliotek_leses_likt(tmp_path: Path) -> None:
    """XlsxWriter (not openpyxl) writes the cases as a user's spreadsheet would hold them."""
    import xlsxwriter

    original = [f.sak for f in les_saker([EKSEMPLER]) if isinstance(f, InnlestSak)]
    fra_openpyxl = tmp_path / "openpyxl.xlsx"
    skriv_registreringsark(fra_openpyxl, original)
    kilde = openpyxl.load_workbook(fra_openpyxl)
    fil = tmp_path / "xlsxwriter.xlsx"
    annen = xlsxwriter.Workbook(str(fil))
    datoformat = annen.add_format({"num_format": "dd.mm.yyyy"})
    for ark in kilde.worksheets:
        ut = annen.add_worksheet(ark.title)
        for rad in ark.iter_rows():
            for celle in rad:
                r, k, verdi = celle.row - 1, celle.column - 1, celle.value
                if isinstance(verdi, dt.datetime):
                    ut.write_datetime(r, k, verdi, datoformat)
                elif isinstance(verdi, str):
                    ut.write_string(r, k, verdi)
                elif isinstance(verdi, int | float):
                    ut.write_number(r, k, verdi)
    annen.close()
    lest, avviste = les(fil)
    assert avviste == []
    forventet, _ = les(fra_openpyxl)
    assert [normalisert(s) for s in lest] == [normalisert(s) for s in forventet]


def test_calamine_leser_det_openpyxl_skrev(tmp_path: Path) -> None:
    """A second, independent reader sees the same sheets, headings, texts and dates."""
    from python_calamine import CalamineWorkbook

    tekst = "Linje én.\nLinje to,\r\nmed CRLF.\n"
    sak = lag_sak(sak_id="00123", vedtak={"dato": "2024-03-18", "utfall": "avslag", "tekst": tekst})
    fil = bok(tmp_path, sak)
    calamine = CalamineWorkbook.from_path(str(fil))
    assert calamine.sheet_names == ["Veiledning", *(a.navn for a in oppsett())]
    rader = calamine.get_sheet_by_name("Saker").to_python()
    overskrifter = rader[0]
    assert overskrifter == [k.overskrift for k in ark_etter_navn()["Saker"].kolonner]
    rad = dict(zip(overskrifter, rader[2], strict=False))
    assert rad["Sak-id"] == "00123"
    assert rad["Vedtakstekst"] == tekst
    assert rad["Søknad mottatt"] == dt.date(2024, 3, 4)
    assert rad["Tjeneste"] == "okonomisk_stonad"


# --------------------------------------------------------------------------------------------
# Rejections, each with sheet, cell and field


def test_en_feil_i_en_celle_nevner_ark_celle_og_felt_og_avviser_bare_saken(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)

    def for_gammel(b: Any) -> None:
        b["Barn"][f"{kolonne('Barn', 'Alder')}4"] = 18  # A-1's second child

    endre(fil, for_gammel)
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert [str(a) for a in avviste] == [f"{fil}:Barn!C4: alder: kan være høyst 17"]
    assert avviste[0].inndata == f"{fil}:Saker!A3"


def test_en_rad_med_ukjent_sak_id_avvises(tmp_path: Path) -> None:
    fil = endre(
        bok(tmp_path, *TO_SAKER),
        lambda b: b["Journal"].append(["A-9", dt.date(2024, 1, 2), "socio", None, None, None, "x"]),
    )
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-1", "A-2"]
    assert [str(a) for a in avviste] == [
        f"{fil}:Journal!A4: sak_id: saken med sak_id-en på denne raden står ikke på arket "
        "Saker; legg saken til der eller rett sak_id-en"
    ]
    assert not any("A-9" in str(a) for a in avviste)


def test_et_barn_som_ikke_er_i_husstanden_avvises_med_cellen(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)
    endre(fil, lambda b: b["Journal"].__setitem__(f"{kolonne('Journal', 'Barn')}3", "B1; B7"))
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert [str(a) for a in avviste] == [
        f"{fil}:Journal!F3: barn: viser til et barn som ikke finnes i husstand.barn "
        "(2 barn der); legg barnet til eller rett id-en"
    ]


def test_samme_sak_id_to_ganger_avviser_begge(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER, lag_sak(sak_id="A-3"))
    endre(fil, lambda b: b["Saker"].__setitem__("A5", "A-1"))
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert [str(a) for a in avviste[:2]] == [
        f"{fil}:Saker!A3: sak_id: samme sak_id står også på rad 5 på arket Saker; ingen av "
        "sakene er vurdert. Gi hver sak en unik sak_id",
        f"{fil}:Saker!A5: sak_id: samme sak_id står også på rad 3 på arket Saker; ingen av "
        "sakene er vurdert. Gi hver sak en unik sak_id",
    ]
    # the rows of the case whose sak_id was overwritten now belong to no case
    assert {a.celle for a in avviste[2:]} == {"Barn!A7", "Barn!A8"}


def test_et_ukjent_ark_avvises_med_forslag(tmp_path: Path) -> None:
    fil = endre(bok(tmp_path, *TO_SAKER), lambda b: b.create_sheet("Samtalar"))
    saker, avviste = les(fil)
    assert saker == []
    assert [str(a) for a in avviste] == [
        f"{fil}:Samtalar: arket «Samtalar» er ukjent; mente du «Samtaler»? Ingen saker i filen "
        "er lest"
    ]


def test_en_ukjent_kolonne_avvises_med_forslag(tmp_path: Path) -> None:
    fil = endre(bok(tmp_path, *TO_SAKER), lambda b: b["Barn"].__setitem__("C1", "Aldr"))
    saker, avviste = les(fil)
    assert saker == []
    assert [str(a) for a in avviste] == [
        f"{fil}:Barn!C1: kolonnen «Aldr» er ukjent; mente du «Alder»? Ingen saker i filen er lest"
    ]


def test_en_formel_avvises(tmp_path: Path) -> None:
    fil = endre(
        bok(tmp_path, *TO_SAKER),
        lambda b: b["Saker"].__setitem__(f"{kolonne('Saker', 'Voksne')}4", "=1+1"),
    )
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-1"]
    assert [str(a) for a in avviste] == [
        f"{fil}:Saker!H4: husstand.voksne: cellen har en formel; skriv inn selve verdien i stedet"
    ]


def test_flettede_celler_avvises(tmp_path: Path) -> None:
    fil = endre(bok(tmp_path, *TO_SAKER), lambda b: b["Barn"].merge_cells("D3:E3"))
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert [str(a) for a in avviste] == [
        f"{fil}:Barn!D3:E3: cellene er flettet; opphev flettingen og skriv verdien i hver celle"
    ]


def test_et_tall_der_det_skal_vaere_tekst_avvises(tmp_path: Path) -> None:
    fil = endre(bok(tmp_path, *TO_SAKER), lambda b: b["Barn"].__setitem__("B3", 1))
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert str(avviste[0]) == (
        f"{fil}:Barn!B3: id: er lagret som et tall, ikke som tekst, så innledende nuller kan ha "
        "falt bort; formater cellen som tekst og skriv verdien inn på nytt"
    )


def test_ja_nei_felt_far_norsk_melding(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)
    endre(
        fil, lambda b: b["Saker"].__setitem__(f"{kolonne('Saker', 'Førstegangssøker')}3", "kanskje")
    )
    _, avviste = les(fil)
    assert [str(a) for a in avviste] == [
        f"{fil}:Saker!F3: soknad.forstegangssoker: skal være «ja» eller «nei»"
    ]


def test_et_pakrevd_felt_som_mangler_nevner_cellen(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)
    endre(fil, lambda b: b["Saker"].__setitem__(f"{kolonne('Saker', 'Vedtaksdato')}3", None))
    _, avviste = les(fil)
    assert [str(a) for a in avviste] == [f"{fil}:Saker!K3: vedtak.dato: mangler; feltet er påkrevd"]


def test_norsk_dato_som_tekst_godtas(tmp_path: Path) -> None:
    fil = bok(tmp_path, *TO_SAKER)
    endre(fil, lambda b: b["Saker"].__setitem__(f"{kolonne('Saker', 'Vedtaksdato')}3", "18.3.2024"))
    saker, avviste = les(fil)
    assert avviste == [] and saker[0].vedtak is not None
    assert saker[0].vedtak.dato == dt.date(2024, 3, 18)


def test_en_fil_som_ikke_er_en_arbeidsbok_avvises(tmp_path: Path) -> None:
    fil = tmp_path / "uttrekk.xlsx"
    fil.write_text("versjon;sak_id\n1;T-9\n", "utf-8")
    _, [avvisning] = les(fil)
    assert "kan ikke leses som en Excel-arbeidsbok (.xlsx)" in avvisning.melding


def test_excels_laasefil_hoppes_over(tmp_path: Path) -> None:
    bok(tmp_path, *TO_SAKER)
    (tmp_path / "~$gjennomgang.xlsx").write_bytes(b"\x00" * 165)
    funnet = list(les_saker([tmp_path]))
    assert [f.sak.sak_id for f in funnet if isinstance(f, InnlestSak)] == ["A-1", "A-2"]
    assert [f for f in funnet if isinstance(f, Avvisning)] == []


# --------------------------------------------------------------------------------------------
# The fødselsnummer guard: every cell, sheet name and the file's properties


def test_fodselsnummer_i_en_celle_avviser_saken_uten_a_vise_nummeret(tmp_path: Path) -> None:
    nummer = lag_fodselsnummer()
    fil = bok(tmp_path, *TO_SAKER)
    endre(fil, lambda b: b["Journal"].__setitem__("G3", f"Mor har nr. {nummer}."))
    saker, avviste = les(fil)
    assert [s.sak_id for s in saker] == ["A-2"]
    assert [str(a) for a in avviste] == [
        f"{fil}:Journal!G3: tekst: inneholder noe som ligner et fødselsnummer eller D-nummer; "
        "saken er avvist uten å bli lest videre. Anonymiser uttrekket og fjern nummeret"
    ]
    assert nummer not in str(avviste)


def test_fodselsnummer_lagret_som_tall_avvises(tmp_path: Path) -> None:
    nummer = lag_fodselsnummer("050390")  # starts with 0: a number cell drops it
    fil = endre(bok(tmp_path, *TO_SAKER), lambda b: b["Barn"].__setitem__("E3", int(nummer)))
    _, avviste = les(fil)
    assert [a.celle for a in avviste] == ["Barn!E3"]


@pytest.mark.parametrize("hvor", ["arknavn", "egenskap", "veiledning"])
def test_fodselsnummer_utenfor_sakene_avviser_hele_filen(tmp_path: Path, hvor: str) -> None:
    nummer = lag_fodselsnummer()

    def legg_inn(b: Any) -> None:
        if hvor == "arknavn":
            b["Tiltak"].title = f"T {nummer}"
        elif hvor == "egenskap":
            b.properties.keywords = f"gjelder {nummer}"
        else:
            b["Veiledning"]["A40"] = nummer

    fil = endre(bok(tmp_path, *TO_SAKER), legg_inn)
    saker, avviste = les(fil)
    assert saker == [] and len(avviste) == 1
    assert "fødselsnummer" in avviste[0].melding and "ingen saker er lest" in avviste[0].melding
    assert nummer not in str(avviste)


def test_en_dårlig_rad_tar_ikke_med_seg_de_andre_sakene(tmp_path: Path) -> None:
    saker = [copy.deepcopy(lag_sak(sak_id=f"S-{i}")) for i in range(5)]
    fil = bok(tmp_path, *saker)
    endre(fil, lambda b: b["Barn"].__setitem__("C7", "ni"))  # S-2's first child
    lest, avviste = les(fil)
    assert [s.sak_id for s in lest] == ["S-0", "S-1", "S-3", "S-4"]
    assert [str(a) for a in avviste] == [f"{fil}:Barn!C7: alder: skal være et heltall"]


def test_stikkprove_trekker_fra_en_arbeidsbok_og_kopierer_bare_de_valgte(tmp_path: Path) -> None:
    from revisjon.kontroll.stikkprove import Stikkprove, trekk_stikkprove

    fil = bok(tmp_path, *(lag_sak(sak_id=f"S-{i}") for i in range(6)))
    kopi = tmp_path / "utvalg"
    resultat = trekk_stikkprove(
        Stikkprove(stier=[fil], antall=2, seed="s", manifest=tmp_path / "u.yaml", kopier_til=kopi)
    )
    assert len(resultat.manifest.valgt) == 2
    assert resultat.manifest.populasjon.antall == 6
    saker, avviste = les(kopi / "gjennomgang.xlsx")
    assert avviste == []
    assert sorted(s.sak_id for s in saker) == sorted(resultat.manifest.valgt)


def test_kommandoen_regneark_skriver_mal_og_saker(tmp_path: Path) -> None:
    from tests.cli_hjelp import kjor

    mal = kjor("regneark", "mal", "-o", str(tmp_path / "mal.xlsx"))
    assert mal.returncode == 0 and "tom arbeidsbok" in mal.stderr
    assert openpyxl.load_workbook(tmp_path / "mal.xlsx").sheetnames[0] == "Veiledning"
    saker = kjor("regneark", str(EKSEMPLER), "-o", str(tmp_path / "saker.xlsx"))
    assert saker.returncode == 0, saker.stderr
    assert f"Skrev {tmp_path / 'saker.xlsx'} (24 saker)." in saker.stderr
    vurdert = kjor("vurder", str(tmp_path / "saker.xlsx"), "--format", "json")
    assert vurdert.returncode == 0 and '"vurdert": 24' in vurdert.stdout
    feil = kjor("regneark", "mal", "-o", str(tmp_path / "mal.csv"))
    assert feil.returncode == 2 and "arbeidsboken skal ha endelsen .xlsx" in feil.stderr
