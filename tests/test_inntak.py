"""Intake of case extracts (saksuttrekk.md): what a user sees when a file is read or rejected.

Every rejection is checked for what the user needs to act on it: the file, the line, the field
path and a Norwegian message that says what is wrong. Every test that rejects a file also reads
a good file beside it, to show that one bad input never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from stdnum.no import fodselsnummer

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import Innlest, InnlestSak, les_saker
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.rapport import Format
from revisjon.vurdering.kjoring import vurder
from tests.conftest import lag_sak, skriv_rapport

# --------------------------------------------------------------------------------------------
# Helpers


def lag_fodselsnummer(dato: str = "150390") -> str:
    """A fødselsnummer (or D-nummer, day + 40) with valid check digits, made at run time.

    No valid number is ever written in the repository; the individual number is the first
    one whose check digits are both single digits.
    """
    for individ in range(100, 1000):
        ni = f"{dato}{individ}"
        k1 = fodselsnummer.calc_check_digit1(ni)
        if len(k1) == 1 and len(k2 := fodselsnummer.calc_check_digit2(ni + k1)) == 1:
            return ni + k1 + k2
    raise AssertionError(f"ingen gyldige kontrollsifre for {dato}")


def med_feil_kontrollsiffer(nummer: str) -> str:
    """The same 11 digits with the last check digit changed, so that it is not valid."""
    return nummer[:10] + str((int(nummer[10]) + 1) % 10)


def dump(sak: Any, suffiks: str) -> str:
    if suffiks in (".json", ".jsonl"):
        return json.dumps(sak, ensure_ascii=False)
    return yaml.safe_dump(sak, allow_unicode=True, sort_keys=False)


def skriv(mappe: Path, navn: str, innhold: str | bytes | dict[str, Any]) -> Path:
    """Write a file: bytes as they are, text as UTF-8, a case dict as YAML or JSON by suffix."""
    fil = mappe / navn
    fil.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(innhold, dict):
        innhold = dump(innhold, fil.suffix)
    fil.write_bytes(innhold if isinstance(innhold, bytes) else innhold.encode("utf-8"))
    return fil


def les(*stier: Path) -> list[Innlest]:
    return list(les_saker(stier))


def avvist(innlest: Iterable[Innlest]) -> list[Avvisning]:
    return [i for i in innlest if isinstance(i, Avvisning)]


def lest(innlest: Iterable[Innlest]) -> list[InnlestSak]:
    return [i for i in innlest if isinstance(i, InnlestSak)]


def les_med_nabo(mappe: Path, fil: Path) -> list[Avvisning]:
    """Read ``fil`` and a good case after it; return the rejections of ``fil``.

    Asserts that ``fil`` gave no case and that the good neighbour was still read.
    """
    nabo = skriv(mappe / "nabo", "god.yaml", lag_sak(sak_id="NABO"))
    innlest = les(fil, nabo)
    assert [s.sak.sak_id for s in lest(innlest)] == ["NABO"], innlest
    avvisninger = avvist(innlest)
    assert avvisninger, f"{fil.name} skulle vært avvist"
    assert {a.fil for a in avvisninger} == {str(fil)}
    for a in avvisninger:
        assert a.melding.strip()
        assert str(a).startswith(str(fil))
    return avvisninger


def rik_sak() -> dict[str, Any]:
    """A valid case with every list and section filled in, so that any field can be changed."""
    return lag_sak(
        soknad={
            "mottatt": "2024-03-04",
            "forstegangssoker": False,
            "gjelder": ["livsopphold", "husleie"],
        },
        vedtak={
            "dato": "2024-03-18",
            "utfall": "innvilget",
            "hjemmel": ["sosialtjenesteloven § 18"],
            "tekst": "Søknaden er innvilget.",
            "beregning": {
                "inntekter": [{"type": "barnetrygd", "belop": 3532, "medregnet": False}],
                "utgifter": [{"type": "barns_fritidsaktiviteter", "belop": 450, "barn": ["B1"]}],
            },
        },
        journal=[
            {"dato": "2024-03-06", "system": "socio", "barn": ["B1"], "tekst": "Samtale med mor."}
        ],
        samtaler=[
            {
                "dato": "2024-03-06",
                "type": "kartleggingssamtale",
                "tolk": "ikke_behov",
                "referat": True,
            }
        ],
        kartlegginger=[
            {"dato": "2024-03-06", "barn": "B2", "kilde": "forelder", "tema": ["fritid", "skole"]}
        ],
        brev=[{"dato": "2024-03-05", "type": "sporsmal_om_barn", "besvart": False}],
        tiltak=[
            {"dato": "2024-04-02", "type": "familieveileder", "barn": ["B2"], "merknad": "Avtalt."}
        ],
        radgivning={"forste_samtale": "2024-03-20", "kartlagt": ["inntekter", "gjeld"]},
    )


def sett(sak: dict[str, Any], felt: str, verdi: Any) -> dict[str, Any]:
    """Set the field at a path like ``journal[0].tekst`` (adding a missing key) and return the case."""
    ledd: list[str | int] = []
    for del_ in felt.replace("]", "").split("."):
        navn, *indekser = del_.split("[")
        ledd += [navn, *(int(i) for i in indekser)]
    forelder: Any = sak
    for neste in ledd[:-1]:
        forelder = forelder[neste]
    forelder[ledd[-1]] = verdi
    return sak


def finn(avvisninger: list[Avvisning], felt: str | None) -> Avvisning:
    treff = [a for a in avvisninger if a.felt == felt]
    assert treff, f"ingen avvisning for {felt!r}: {[str(a) for a in avvisninger]}"
    return treff[0]


# A small valid case written by hand, so that line numbers in the table below can be read off.
GRUNN_YAML = """\
versjon: 1
sak_id: T-1
tjeneste: okonomisk_stonad
soknad:
  mottatt: 2024-03-04
husstand:
  voksne: 1
  barn:
    - id: B1
      alder: 9
    - id: B2
      alder: 4
vedtak:
  dato: 2024-03-18
  utfall: innvilget
  tekst: Søknaden er innvilget.
"""


def test_grunnsakene_i_tabellene_er_gyldige(tmp_path: Path) -> None:
    [sak] = les(skriv(tmp_path, "grunn.yaml", GRUNN_YAML))
    assert isinstance(sak, InnlestSak)
    assert sak.sak.husstand.barn[1].alder == 4
    [rik] = les(skriv(tmp_path, "rik.json", rik_sak()))
    assert isinstance(rik, InnlestSak)
    assert rik.sak.radgivning is not None


# --------------------------------------------------------------------------------------------
# Formats and files


@pytest.mark.parametrize("navn", ["sak.yaml", "sak.yml", "sak.json", "SAK.YAML"])
def test_en_sak_per_fil_leses_i_alle_formater(tmp_path: Path, navn: str) -> None:
    fil = skriv(tmp_path, navn, lag_sak(kontor="Nav Gjøvik"))
    [sak] = les(fil)
    assert isinstance(sak, InnlestSak)
    assert (sak.sak.sak_id, sak.sak.kontor, sak.fil, sak.linje) == (
        "T-1",
        "Nav Gjøvik",
        str(fil),
        None,
    )


def test_json_lines_gir_en_sak_per_linje_med_linjenummer(tmp_path: Path) -> None:
    linjer = [dump(lag_sak(sak_id=f"L{i}"), ".jsonl") for i in (1, 2, 3)]
    fil = skriv(tmp_path, "mange.jsonl", "\n".join(linjer) + "\n")
    innlest = les(fil)
    assert [(s.sak.sak_id, s.linje, s.fil) for s in lest(innlest)] == [
        ("L1", 1, str(fil)),
        ("L2", 2, str(fil)),
        ("L3", 3, str(fil)),
    ]


def test_tomme_linjer_i_json_lines_hoppes_over_men_teller_i_linjenummeret(tmp_path: Path) -> None:
    tekst = (
        "\n"
        + dump(lag_sak(sak_id="A"), ".jsonl")
        + "\r\n\r\n"
        + dump(lag_sak(sak_id="B"), ".jsonl")
    )
    innlest = les(skriv(tmp_path, "tomme.jsonl", tekst))
    assert [(s.sak.sak_id, s.linje) for s in lest(innlest)] == [("A", 2), ("B", 4)]
    assert avvist(innlest) == []


def test_en_mappe_betyr_alle_filer_under_den_i_sortert_rekkefolge(tmp_path: Path) -> None:
    skriv(tmp_path, "d.yaml", lag_sak(sak_id="D"))
    skriv(tmp_path, "b/c.json", lag_sak(sak_id="C"))
    skriv(tmp_path, "a.yml", lag_sak(sak_id="A"))
    skriv(tmp_path, "b/b.yaml", lag_sak(sak_id="B"))
    skriv(
        tmp_path,
        "e.jsonl",
        dump(lag_sak(sak_id="E1"), ".jsonl") + "\n" + dump(lag_sak(sak_id="E2"), ".jsonl"),
    )
    innlest = les(tmp_path)
    assert avvist(innlest) == []
    assert [s.sak.sak_id for s in lest(innlest)] == ["A", "B", "C", "D", "E1", "E2"]


def test_skjulte_filer_og_dokumentasjon_i_en_mappe_hoppes_over(tmp_path: Path) -> None:
    skriv(tmp_path, "sak.yaml", lag_sak())
    skriv(tmp_path, ".skjult.yaml", "dette: er ikke en sak")
    skriv(tmp_path, ".git/config.json", "{ikke json")
    skriv(tmp_path, "undermappe/.ds.yaml", "x: 1")
    skriv(tmp_path, "LESMEG.md", "# Uttrekk fra Socio")
    skriv(tmp_path, "notater.TXT", "bare tekst")
    innlest = les(tmp_path)
    assert avvist(innlest) == []
    assert [s.fil for s in lest(innlest)] == [str(tmp_path / "sak.yaml")]


@pytest.mark.parametrize("navn", ["uttrekk.csv", "uttrekk.yaml.bak", "uttrekk"])
def test_andre_filtyper_i_en_mappe_avvises_med_melding(tmp_path: Path, navn: str) -> None:
    skriv(tmp_path, navn, "versjon;sak_id\n1;T-9\n")
    skriv(tmp_path, "god.yaml", lag_sak())
    innlest = les(tmp_path)
    [avvisning] = avvist(innlest)
    assert avvisning.fil == str(tmp_path / navn)
    assert "ukjent filtype" in avvisning.melding
    assert ".yaml, .yml, .json, .jsonl eller .xlsx" in avvisning.melding
    assert len(lest(innlest)) == 1


def test_en_fil_med_feil_filtype_som_argument_avvises(tmp_path: Path) -> None:
    fil = skriv(tmp_path, "sak.csv", "a;b\n")
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert "ukjent filtype «.csv»" in avvisning.melding


def test_en_sti_som_ikke_finnes_avvises_og_resten_leses(tmp_path: Path) -> None:
    borte = tmp_path / "finnes-ikke.yaml"
    [avvisning] = les_med_nabo(tmp_path, borte)
    assert str(avvisning) == f"{borte}: finnes ikke; kontroller stien"


# --------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("navn", ["sak.yaml", "sak.json", "sak.jsonl"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["uten-bom", "med-bom"])
def test_utf8_med_og_uten_bom_leses_med_aeoeaa_intakt(
    tmp_path: Path, navn: str, bom: bytes
) -> None:
    sak = lag_sak(kontor="Nav Søndre Ås", enhet="Ærlig æøå ÆØÅ")
    fil = skriv(tmp_path, navn, bom + dump(sak, Path(navn).suffix).encode("utf-8"))
    [innlest] = les(fil)
    assert isinstance(innlest, InnlestSak)
    assert (innlest.sak.kontor, innlest.sak.enhet) == ("Nav Søndre Ås", "Ærlig æøå ÆØÅ")


@pytest.mark.parametrize("navn", ["sak.yaml", "sak.json"])
def test_windows_1252_avvises_med_navnet_paa_kodingen_og_hvordan_den_konverteres(
    tmp_path: Path, navn: str
) -> None:
    tekst = dump(lag_sak(kontor="Nav Gjøvik"), Path(navn).suffix)
    fil = skriv(tmp_path, navn, tekst.encode("cp1252"))
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert "Windows-1252" in avvisning.melding
    assert "«ø»" in avvisning.melding
    assert "iconv -f WINDOWS-1252 -t UTF-8" in avvisning.melding
    forste_ikke_ascii = next(i for i, tegn in enumerate(tekst) if not tegn.isascii())
    assert avvisning.linje == 1 + tekst[:forste_ikke_ascii].count("\n")


def test_windows_1252_paa_en_json_lines_linje_avviser_bare_den_linjen(tmp_path: Path) -> None:
    god = dump(lag_sak(sak_id="A"), ".jsonl").encode("utf-8")
    daarlig = dump(lag_sak(sak_id="B", kontor="Nav Gjøvik"), ".jsonl").encode("cp1252")
    fil = skriv(
        tmp_path, "blandet.jsonl", god + b"\n" + daarlig + b"\n" + god.replace(b'"A"', b'"C"')
    )
    innlest = les(fil)
    assert [s.sak.sak_id for s in lest(innlest)] == ["A", "C"]
    [avvisning] = avvist(innlest)
    assert (avvisning.fil, avvisning.linje) == (str(fil), 2)
    assert "Windows-1252" in avvisning.melding


@pytest.mark.parametrize("koding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("navn", ["sak.yaml", "sak.json", "saker.jsonl"])
def test_utf16_avvises_med_navnet_paa_kodingen(tmp_path: Path, koding: str, navn: str) -> None:
    tekst = dump(lag_sak(kontor="Nav Gjøvik"), Path(navn).suffix)
    if navn.endswith(".jsonl"):
        tekst += "\n" + dump(lag_sak(sak_id="T-2"), ".jsonl") + "\n"
    fil = skriv(tmp_path, navn, tekst.encode(koding))
    [avvisning] = les_med_nabo(tmp_path, fil)  # the whole file, not one rejection per line
    assert "UTF-16" in avvisning.melding
    assert "UTF-8" in avvisning.melding


# --------------------------------------------------------------------------------------------
# Field validation: input → field path, message fragment, line (yamllint style)

# Sections added at the end of GRUNN_YAML (line 17 on), each referring to a child B3 that the
# household does not have.
JOURNAL_B3 = """\
journal:
  - dato: 2024-03-05
    system: socio
    barn: [B1, B3]
    tekst: Samtale.
"""
KARTLEGGING_B3 = """\
kartlegginger:
  - dato: 2024-03-05
    barn: B3
    kilde: forelder
    tema: [fritid]
"""
TILTAK_B3 = """\
tiltak:
  - dato: 2024-04-02
    type: familieveileder
    barn: [B3]
"""
UTGIFT_B3 = """\
  beregning:
    utgifter:
      - type: barns_fritidsaktiviteter
        belop: 450
        barn: [B3]
"""

# fmt: off
FELTFEIL = [
    # (id, replace this line, with this, field path, message fragment, line)
    ("ukjent-felt", "      alder: 9\n", "      alderr: 9\n", "husstand.barn[0].alderr", "ukjent felt; mente du «alder»?", 10),
    ("ukjent-toppfelt", "sak_id: T-1\n", "sak_id: T-1\nsakid: T-1\n", "sakid", "ukjent felt; mente du «sak_id»?", 3),
    ("ukjent-uten-forslag", "  voksne: 1\n", "  voksne: 1\n  qqqqqq: 1\n", "husstand.qqqqqq", "gyldige felt her: barn, enslig_forsorger", 8),
    ("feil-type-tekst-for-tall", "  voksne: 1\n", "  voksne: en\n", "husstand.voksne", "skal være et heltall", 7),
    ("feil-type-desimaltall", "      alder: 9\n", "      alder: 9.5\n", "husstand.barn[0].alder", "skal være et heltall", 10),
    ("feil-type-bool", "  voksne: 1\n", "  voksne: true\n", "husstand.voksne", "skal være et heltall", 7),
    ("feil-type-tall-for-tekst", "sak_id: T-1\n", "sak_id: 17\n", "sak_id", "skal være tekst", 2),
    ("feil-type-tekst-for-liste", "  mottatt: 2024-03-04\n", "  mottatt: 2024-03-04\n  gjelder: husleie\n", "soknad.gjelder", "skal være en liste", 6),
    ("feil-type-tekst-for-mapping", "  tekst: Søknaden er innvilget.\n", "  tekst: x\n  beregning: ja\n", "vedtak.beregning", "skal være en mapping", 17),
    ("alder-18", "      alder: 9\n", "      alder: 18\n", "husstand.barn[0].alder", "kan være høyst 17", 10),
    ("alder-negativ", "      alder: 4\n", "      alder: -1\n", "husstand.barn[1].alder", "må være minst 0", 12),
    ("voksne-0", "  voksne: 1\n", "  voksne: 0\n", "husstand.voksne", "må være minst 1", 7),
    ("negativt-belop", "  tekst: Søknaden er innvilget.\n", "  tekst: x\n  beregning:\n    inntekter:\n      - {type: barnetrygd, belop: -5}\n", "vedtak.beregning.inntekter[0].belop", "må være minst 0", 19),
    ("umulig-dato", "  mottatt: 2024-03-04\n", "  mottatt: 2024-02-30\n", "soknad.mottatt", "er ikke en gyldig dato (finnes ikke i kalenderen)", 5),
    ("norsk-datoform", "  mottatt: 2024-03-04\n", "  mottatt: 04.03.2024\n", "soknad.mottatt", "skal være en dato på formen ÅÅÅÅ-MM-DD", 5),
    ("dato-uten-null", "  dato: 2024-03-18\n", "  dato: 2024-3-18\n", "vedtak.dato", "skal være en dato på formen ÅÅÅÅ-MM-DD", 14),
    ("dato-med-klokkeslett", "  dato: 2024-03-18\n", "  dato: 2024-03-18T10:00:00\n", "vedtak.dato", "skal være en dato på formen ÅÅÅÅ-MM-DD", 14),
    ("ukjent-kodeverdi", "tjeneste: okonomisk_stonad\n", "tjeneste: okonomisk_stonadd\n", "tjeneste", "ugyldig verdi «okonomisk_stonadd»; mente du «okonomisk_stonad»?", 3),
    ("ukjent-utfall", "  utfall: innvilget\n", "  utfall: innvilga\n", "vedtak.utfall", "mente du «innvilget»?", 15),
    ("blokkverdi-pa-nokkelens-linje", "    - id: B1\n      alder: 9\n    - id: B2\n      alder: 4\n", "    id: B1\n", "husstand.barn", "skal være en liste", 8),
    ("versjon-2", "versjon: 1\n", "versjon: 2\n", "versjon", "ugyldig verdi; gyldige verdier: 1", 1),
    ("mangler-sak-id", "sak_id: T-1\n", "", "sak_id", "mangler; feltet er påkrevd", 1),
    ("mangler-vedtakstekst", "  tekst: Søknaden er innvilget.\n", "", "vedtak.tekst", "mangler; feltet er påkrevd", 13),  # på «vedtak:», der feltet mangler
    ("tom-sak-id", "sak_id: T-1\n", "sak_id: ''\n", "sak_id", "kan ikke være tom", 2),
    ("dobbel-barne-id", "    - id: B2\n", "    - id: B1\n", "husstand.barn[1].id", "barne-id-en er brukt før, i husstand.barn[0].id", 11),
    ("ukjent-barn-i-journal", None, JOURNAL_B3, "journal[0].barn", "viser til et barn som ikke finnes i husstand.barn (2 barn der)", 20),
    ("ukjent-barn-i-kartlegging", None, KARTLEGGING_B3, "kartlegginger[0].barn", "et barn som ikke finnes i husstand.barn", 19),
    ("ukjent-barn-i-tiltak", None, TILTAK_B3, "tiltak[0].barn", "et barn som ikke finnes i husstand.barn", 20),
    ("ukjent-barn-i-utgift", "  tekst: Søknaden er innvilget.\n", "  tekst: x\n" + UTGIFT_B3, "vedtak.beregning.utgifter[0].barn", "et barn som ikke finnes i husstand.barn", 21),
    ("ukjent-tema", None, KARTLEGGING_B3.replace("B3", "B1").replace("[fritid]", "[fritid, skolee]"), "kartlegginger[0].tema[1]", "mente du «skole»?", 21),
]
# fmt: on


@pytest.mark.parametrize(
    ("erstatt", "med", "felt", "melding", "linje"),
    [pytest.param(*rad[1:], id=rad[0]) for rad in FELTFEIL],
)
def test_feil_i_et_felt_gir_feltsti_melding_og_linje(
    tmp_path: Path, erstatt: str | None, med: str, felt: str, melding: str, linje: int
) -> None:
    tekst = GRUNN_YAML + med if erstatt is None else GRUNN_YAML.replace(erstatt, med, 1)
    assert tekst != GRUNN_YAML
    fil = skriv(tmp_path, "sak.yaml", tekst)
    avvisning = finn(les_med_nabo(tmp_path, fil), felt)
    assert melding in avvisning.melding
    assert avvisning.linje == linje
    assert str(avvisning) == f"{fil}:{linje}: {felt}: {avvisning.melding}"


# fmt: off
JSON_FEIL = [
    # (field path, value written there in a JSON case, message fragment)
    ("soknad.mottatt", "2024-02-30", "er ikke en gyldig dato (finnes ikke i kalenderen)"),
    ("soknad.mottatt", "2024/03/04", "skal være en dato på formen ÅÅÅÅ-MM-DD"),
    ("soknad.mottatt", 20240304, "skal være en dato på formen ÅÅÅÅ-MM-DD"),
    ("tjeneste", "okonomisk_stonadd", "ugyldig verdi «okonomisk_stonadd»; mente du «okonomisk_stonad»?"),
    ("husstand.voksne", 0, "må være minst 1"),
    ("husstand.voksne", "1", "skal være et heltall"),
    ("husstand.barn[0].alder", 18, "kan være høyst 17"),
    ("husstand.barn[0].alder", 9.0, "skal være et heltall"),
    ("journal[0].barn", ["B7"], "viser til et barn som ikke finnes i husstand.barn"),
    ("samtaler[0].tolk", "barnn", "ugyldig verdi «barnn»; mente du «barn»?"),
]
# fmt: on


@pytest.mark.parametrize(("felt", "verdi", "melding"), JSON_FEIL)
def test_json_valideres_som_yaml(tmp_path: Path, felt: str, verdi: Any, melding: str) -> None:
    fil = skriv(tmp_path, "sak.json", sett(rik_sak(), felt, verdi))
    avvisning = finn(les_med_nabo(tmp_path, fil), felt)
    assert melding in avvisning.melding
    assert avvisning.linje is None


def test_alle_feil_i_en_fil_meldes_ikke_bare_den_forste(tmp_path: Path) -> None:
    tekst = GRUNN_YAML.replace("  voksne: 1", "  voksne: 0").replace("alder: 9", "alder: 99")
    fil = skriv(tmp_path, "sak.yaml", tekst)
    avvisninger = les_med_nabo(tmp_path, fil)
    assert {a.felt for a in avvisninger} == {"husstand.voksne", "husstand.barn[0].alder"}
    assert {a.inndata_id for a in avvisninger} == {str(fil)}


# --------------------------------------------------------------------------------------------
# File-level errors: the file cannot be read as one case


# fmt: off
FILFEIL = [
    # (id, file name, content, message fragment, line or None when there is none to give)
    ("duplisert-yaml-nokkel", "sak.yaml", GRUNN_YAML.replace("  voksne: 1\n", "  voksne: 1\n  voksne: 2\n"), "nøkkelen «voksne» står to ganger i samme mapping", 8),
    ("duplisert-yaml-toppnokkel", "sak.yaml", GRUNN_YAML + "sak_id: T-2\n", "nøkkelen «sak_id» står to ganger", 17),
    ("duplisert-json-nokkel", "sak.json", '{"versjon": 1,\n "sak_id": "A",\n "sak_id": "B"}', "nøkkelen «sak_id» står to ganger i samme objekt", None),
    ("tom-yaml", "sak.yaml", "", "filen er tom", None),
    ("bare-kommentarer", "sak.yaml", "# eksportert fra Socio\n\n", "filen er tom", None),
    ("tom-json", "sak.json", "  \n", "filen er tom", None),
    ("tom-jsonl", "saker.jsonl", "\n\n", "filen er tom", None),
    ("yaml-liste", "sak.yaml", "- versjon: 1\n- versjon: 1\n", "toppnivået er en liste; en sak skal være en mapping", 1),
    ("json-liste", "sak.json", json.dumps([lag_sak()]), "toppnivået er en liste", None),
    ("yaml-tekst", "sak.yaml", "bare en setning\n", "toppnivået er en enkeltverdi", 1),
    ("flere-dokumenter", "sak.yaml", GRUNN_YAML + "---\n" + GRUNN_YAML, "flere YAML-dokumenter", 17),
    ("yaml-syntaks", "sak.yaml", GRUNN_YAML.replace("  voksne: 1", "  voksne: [1"), "ugyldig YAML-syntaks", None),
    ("json-syntaks", "sak.json", '{\n  "versjon": 1,\n  "sak_id" "A"\n}', "ugyldig JSON ved kolonne 12", 3),
    ("tabulator", "sak.yaml", "versjon: 1\nhusstand:\n\tvoksne: 1\n", "ugyldig YAML-syntaks", 3),
    ("kontrolltegn", "sak.yaml", "versjon: 1\nkontor: Nav\x07\n", "kontrolltegn (U+0007)", 2),
    ("udefinert-alias", "sak.yaml", "versjon: 1\nkontor: *x\n", "viser til et anker (&) som ikke finnes", 2),
    ("nul-byte", "sak.yaml", b"versjon: 1\x00\x00\x00\x00\x00\x00\nkontor: x\n", "NUL-byte", None),
    ("for-mange-siffer", "sak.yaml", "versjon: " + "9" * 5000 + "\n", "et tall i filen har for mange siffer", None),
    ("for-mange-siffer-json", "sak.json", '{"versjon": ' + "9" * 5000 + "}", "et tall i JSON-en har for mange siffer", None),
    ("for-dyp-json", "sak.json", '{"a": ' * 50_000 + "1" + "}" * 50_000, "JSON-en er nøstet for dypt", None),
]
# fmt: on


@pytest.mark.parametrize(
    ("navn", "innhold", "melding", "linje"),
    [pytest.param(*rad[1:], id=rad[0]) for rad in FILFEIL],
)
def test_en_fil_som_ikke_kan_leses_som_en_sak_avvises(
    tmp_path: Path, navn: str, innhold: str | bytes, melding: str, linje: int | None
) -> None:
    fil = skriv(tmp_path, navn, innhold)
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert melding in avvisning.melding
    assert avvisning.felt is None
    if linje is not None:
        assert avvisning.linje == linje


@pytest.mark.parametrize("dybde", [500, 900, 950, 970, 980, 990, 995])
def test_dypt_nostet_json_avvises_uten_krasj(tmp_path: Path, dybde: int) -> None:
    # Near the recursion limit: the parser may accept it, and then nothing after it may crash.
    fil = skriv(tmp_path, "dyp.json", '{"a": ' * dybde + "1" + "}" * dybde)
    avvisninger = les_med_nabo(tmp_path, fil)
    meldinger = {(a.felt, a.melding.split(";")[0]) for a in avvisninger}
    assert ("a", "ukjent felt") in meldinger or meldinger == {(None, "JSON-en er nøstet for dypt")}


def test_yaml_tagg_som_lager_objekter_avvises_og_ingenting_kjores(tmp_path: Path) -> None:
    spor = tmp_path / "kjort"
    fil = skriv(
        tmp_path,
        "sak.yaml",
        GRUNN_YAML + f"kontor: !!python/object/apply:os.system ['touch {spor}']\n",
    )
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert "en YAML-tagg (!…) er ikke tillatt" in avvisning.melding
    assert "os.system" not in str(avvisning)  # the tag is input: never shown
    assert avvisning.linje == 17
    assert not spor.exists()


@pytest.mark.parametrize(
    "tagg",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!set {a, b}",
        "!!binary aGVp",
    ],
)
def test_ingen_yaml_tagg_gir_en_gyldig_sak(tmp_path: Path, tagg: str) -> None:
    fil = skriv(tmp_path, "sak.yaml", GRUNN_YAML.replace("sak_id: T-1", f"sak_id: {tagg}"))
    les_med_nabo(tmp_path, fil)


def test_alias_bombe_avvises(tmp_path: Path) -> None:
    linjer = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for forrige, navn in zip("abcdefgh", "bcdefghi", strict=True):
        linjer.append(f"{navn}: &{navn} [" + ",".join([f"*{forrige}"] * 9) + "]")
    fil = skriv(tmp_path, "bombe.yaml", "\n".join(linjer) + "\n")
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert "gjennom YAML-alias (*)" in avvisning.melding
    assert "lol" not in str(avvisning)


def test_dupliserte_nokler_som_ikke_er_feltnavn_gjentas_ikke(tmp_path: Path) -> None:
    nummer = lag_fodselsnummer()
    tekst = GRUNN_YAML + "Kari Nordmann: a\nKari Nordmann: b\n"
    fil = skriv(tmp_path, "sak.yaml", tekst)
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert "en nøkkel står to ganger" in avvisning.melding
    assert avvisning.linje == 18
    assert "Kari" not in str(avvisning)
    # A key that is a number is found by the identity-number guard before anything else.
    fil = skriv(tmp_path, "sak.yaml", GRUNN_YAML + f"{nummer}: a\n{nummer}: b\n")
    avvisninger = les_med_nabo(tmp_path, fil)
    assert [a.linje for a in avvisninger] == [17, 18]
    assert all("fødselsnummer" in a.melding and nummer not in str(a) for a in avvisninger)
    json_fil = skriv(
        tmp_path, "sak.json", f'{{"Kari Nordmann": 1, "Kari Nordmann": 2, "{nummer}": 3}}'
    )
    [avvisning] = les_med_nabo(tmp_path, json_fil)
    assert "Kari" not in str(avvisning)


# --------------------------------------------------------------------------------------------
# JSON Lines: a bad line is rejected on its own


def test_en_daarlig_linje_i_json_lines_avvises_alene_med_linjenummer(tmp_path: Path) -> None:
    nummer = lag_fodselsnummer()
    linjer = [
        dump(lag_sak(sak_id="L1"), ".jsonl"),
        '{"versjon": 1, "sak_id": ',
        dump(lag_sak(sak_id="L3"), ".jsonl"),
        dump(lag_sak(sak_id="L4", husstand={"voksne": 0, "barn": []}), ".jsonl"),
        "",
        dump(lag_sak(sak_id="L6", kontor=nummer), ".jsonl"),
        "[1, 2]",
        dump(lag_sak(sak_id="L8"), ".jsonl"),
    ]
    fil = skriv(tmp_path, "saker.jsonl", "\n".join(linjer) + "\n")
    innlest = les(fil)
    assert [(s.sak.sak_id, s.linje) for s in lest(innlest)] == [("L1", 1), ("L3", 3), ("L8", 8)]
    avvisninger = avvist(innlest)
    assert [(a.linje, a.felt) for a in avvisninger] == [
        (2, None),
        (4, "husstand.voksne"),
        (6, "kontor"),
        (7, None),
    ]
    assert all(a.fil == str(fil) for a in avvisninger)
    assert "ugyldig JSON" in avvisninger[0].melding
    assert str(avvisninger[1]) == f"{fil}:4: husstand.voksne: må være minst 1"
    assert "fødselsnummer" in avvisninger[2].melding
    assert "toppnivået er en liste" in avvisninger[3].melding
    assert {a.inndata_id for a in avvisninger} == {f"{fil}:{n}" for n in (2, 4, 6, 7)}
    assert nummer not in " ".join(str(a) for a in avvisninger)


# --------------------------------------------------------------------------------------------
# Duplicate sak_id across inputs


def test_samme_sak_id_i_to_filer_avviser_begge_og_vurderer_resten(
    tmp_path: Path, standardsett: list[LastetSett]
) -> None:
    forste = skriv(tmp_path, "a.yaml", lag_sak(sak_id="GJ-ØS-07"))
    andre = skriv(tmp_path, "b.json", lag_sak(sak_id="GJ-ØS-07", kontor="Nav Gjøvik"))
    tredje = skriv(tmp_path, "c.yaml", lag_sak(sak_id="GJ-ØS-08"))
    kjoring = vurder([tmp_path], kriteriesett=standardsett)
    assert [(s.sak_id, s.fil) for s in kjoring.saker] == [("GJ-ØS-08", str(tredje))]
    assert len(kjoring.saker[0].resultater) == len(kjoring.kriterier)
    meldinger = {a.fil: a for a in kjoring.avviste}
    assert set(meldinger) == {str(forste), str(andre)}
    assert meldinger[str(forste)].felt == meldinger[str(andre)].felt == "sak_id"
    assert f"finnes også i {andre}" in meldinger[str(forste)].melding
    assert f"finnes også i {forste}" in meldinger[str(andre)].melding
    assert "GJ-ØS-07" not in meldinger[str(forste)].melding  # an id is input: never echoed
    assert kjoring.antall_lest == 3
    assert kjoring.antall_avviste_inndata == 2


def test_samme_sak_id_tre_ganger_og_i_json_lines_nevner_linjen(
    tmp_path: Path, standardsett: list[LastetSett]
) -> None:
    skriv(tmp_path, "a.yaml", lag_sak(sak_id="X"))
    linjer = [dump(lag_sak(sak_id=i), ".jsonl") for i in ("Y", "X", "X")]
    jsonl = skriv(tmp_path, "b.jsonl", "\n".join(linjer))
    kjoring = vurder([tmp_path], kriteriesett=standardsett)
    assert [s.sak_id for s in kjoring.saker] == ["Y"]
    assert sorted((a.fil, a.linje) for a in kjoring.avviste) == [
        (str(tmp_path / "a.yaml"), None),
        (str(jsonl), 2),
        (str(jsonl), 3),
    ]
    assert all(a.felt == "sak_id" for a in kjoring.avviste)
    assert f"finnes også i {jsonl}:2" in next(a.melding for a in kjoring.avviste if a.linje is None)
    assert kjoring.antall_lest == 4


# --------------------------------------------------------------------------------------------
# Fødselsnummer and D-nummer

FNR = lag_fodselsnummer("150390")
FNR_NULL = lag_fodselsnummer("010190")
DNR = lag_fodselsnummer("550390")


def _i_journal(tekst: str) -> dict[str, Any]:
    return {"journal": [{"dato": "2024-03-05", "system": "socio", "tekst": tekst}]}


# fmt: off
FNR_STEDER: list[tuple[str, Callable[[], dict[str, Any]], str, str]] = [
    # (id, the case, field path named, the number as written)
    ("toppniva-tekst", lambda: lag_sak(kontor=FNR), "kontor", FNR),
    ("d-nummer", lambda: lag_sak(enhet=DNR), "enhet", DNR),
    ("listeelement", lambda: sett(rik_sak(), "soknad.gjelder[1]", FNR), "soknad.gjelder[1]", FNR),
    ("heltall", lambda: sett(rik_sak(), "vedtak.beregning.inntekter[0].belop", int(FNR)), "vedtak.beregning.inntekter[0].belop", FNR),
    ("heltall-uten-ledende-null", lambda: sett(rik_sak(), "vedtak.beregning.inntekter[0].belop", int(FNR_NULL)), "vedtak.beregning.inntekter[0].belop", str(int(FNR_NULL))),
    ("desimaltall", lambda: sett(rik_sak(), "vedtak.beregning.inntekter[0].belop", float(FNR)), "vedtak.beregning.inntekter[0].belop", FNR),
    ("fritekst-med-mellomrom", lambda: sett(rik_sak(), "journal[0].tekst", f"Mor ({FNR[:6]} {FNR[6:]}) ringte."), "journal[0].tekst", f"{FNR[:6]} {FNR[6:]}"),
    ("fritekst-uten-mellomrom", lambda: sett(rik_sak(), "journal[0].tekst", f"Fnr:{FNR}."), "journal[0].tekst", FNR),
    ("d-nummer-i-merknad", lambda: sett(rik_sak(), "tiltak[0].merknad", f"D-nr. {DNR[:6]} {DNR[6:]}"), "tiltak[0].merknad", f"{DNR[:6]} {DNR[6:]}"),
    ("barnets-id", lambda: sett(rik_sak(), "husstand.barn[0].id", DNR), "husstand.barn[0].id", DNR),
    ("alder", lambda: sett(rik_sak(), "husstand.barn[0].alder", int(FNR)), "husstand.barn[0].alder", FNR),
    ("ukjent-felt", lambda: lag_sak(fodselsnummer=FNR), "fodselsnummer", FNR),
    ("som-nokkel", lambda: sett(rik_sak(), f"husstand.{FNR}", {"x": FNR_NULL}), "husstand", FNR),
    ("som-toppnokkel", lambda: lag_sak(**{FNR: "mor"}), "(toppnivå)", FNR),
]
# fmt: on


@pytest.mark.parametrize("navn", ["sak.yaml", "sak.json", "saker.jsonl"])
@pytest.mark.parametrize(
    ("sak", "felt", "nummer"),
    [pytest.param(*rad[1:], id=rad[0]) for rad in FNR_STEDER],
)
def test_fodselsnummer_avviser_saken_nevner_feltet_men_aldri_nummeret(
    tmp_path: Path, navn: str, sak: Callable[[], dict[str, Any]], felt: str, nummer: str
) -> None:
    fil = skriv(tmp_path, navn, sak())
    avvisninger = les_med_nabo(tmp_path, fil)
    assert [a.felt for a in avvisninger] == [felt]
    assert "fødselsnummer eller D-nummer" in avvisninger[0].melding
    for a in avvisninger:
        for form in {nummer, nummer.replace(" ", ""), FNR, DNR, FNR_NULL}:
            assert form not in str(a)


def test_fodselsnummer_i_yaml_gir_linjen_det_staar_paa(tmp_path: Path) -> None:
    tekst = GRUNN_YAML.replace(
        "  tekst: Søknaden er innvilget.", f"  tekst: |\n    Søknaden er innvilget.\n    Ref {FNR}"
    )
    fil = skriv(tmp_path, "sak.yaml", tekst)
    [avvisning] = les_med_nabo(tmp_path, fil)
    assert (avvisning.felt, avvisning.linje) == ("vedtak.tekst", 16)
    assert FNR not in str(avvisning)


def test_fodselsnummer_foran_andre_feil_gir_bare_fodselsnummermeldingen(tmp_path: Path) -> None:
    # The case is not read further, so no other message can quote a neighbouring value.
    sak = lag_sak(kontor=FNR, tjeneste="ukjent", husstand={"voksne": 0, "barn": []})
    avvisninger = les_med_nabo(tmp_path, skriv(tmp_path, "sak.json", sak))
    assert [a.felt for a in avvisninger] == ["kontor"]


@pytest.mark.parametrize(
    "tekst",
    [
        f"Ref {med_feil_kontrollsiffer(FNR)}.",
        f"Ref {med_feil_kontrollsiffer(FNR)[:6]} {med_feil_kontrollsiffer(FNR)[6:]}.",
        f"Kontonummer {FNR}9 og {FNR[:10]}.",  # 12 and 10 digits: not shaped like a number
    ],
    ids=["feil-kontrollsiffer", "feil-kontrollsiffer-mellomrom", "feil-lengde"],
)
def test_elleve_siffer_uten_gyldige_kontrollsifre_avvises_ikke(
    tmp_path: Path, standardsett: list[LastetSett], tekst: str
) -> None:
    skriv(tmp_path, "sak.yaml", lag_sak(**_i_journal(tekst)))
    kjoring = vurder([tmp_path], kriteriesett=standardsett)
    assert kjoring.avviste == []
    [sak] = kjoring.saker
    assert sak.sak_id == "T-1"
    assert len(sak.resultater) == len(kjoring.kriterier)


@pytest.mark.parametrize("format_", list(Format))
def test_fodselsnummer_kommer_aldri_i_rapporten(
    tmp_path: Path, standardsett: list[LastetSett], format_: Format
) -> None:
    for i, (_id, sak, _felt, _nummer) in enumerate(FNR_STEDER):
        skriv(tmp_path, f"fnr-{i:02}.yaml", {**sak(), "sak_id": f"F{i}"})
    skriv(tmp_path, "god.yaml", lag_sak(sak_id="GOD"))
    kjoring = vurder([tmp_path], kriteriesett=standardsett)
    assert [s.sak_id for s in kjoring.saker] == ["GOD"]
    assert kjoring.antall_avviste_inndata == len(FNR_STEDER)
    rapport = skriv_rapport(kjoring, standardsett, format_)
    assert "fødselsnummer eller D-nummer" in rapport
    for nummer in (FNR, DNR, FNR_NULL, str(int(FNR_NULL)), FNR[:6] + " " + FNR[6:]):
        assert nummer not in rapport
    if format_ is Format.json:
        data = json.loads(rapport)
        assert {a["felt"] for a in data["avviste"]} == {rad[2] for rad in FNR_STEDER}


# --------------------------------------------------------------------------------------------
# Nothing is lost; nothing is echoed


def test_ingenting_gaar_tapt_i_en_mappe_med_gode_og_daarlige_filer(
    tmp_path: Path, standardsett: list[LastetSett]
) -> None:
    gode = [skriv(tmp_path, f"god-{i}.yaml", lag_sak(sak_id=f"G{i}")) for i in range(3)]
    daarlige = [
        skriv(tmp_path, "tom.yaml", ""),
        skriv(tmp_path, "liste.json", "[]"),
        skriv(
            tmp_path, "typo.yaml", GRUNN_YAML.replace("alder: 9", "alderr: 9").replace("T-1", "D1")
        ),
        skriv(tmp_path, "cp1252.yaml", GRUNN_YAML.replace("T-1", "D2").encode("cp1252")),
        skriv(tmp_path, "fnr.json", lag_sak(sak_id="D3", kontor=FNR)),
        skriv(tmp_path, "regneark.csv", "a;b"),
        skriv(tmp_path, "dublett-1.yaml", lag_sak(sak_id="DUP")),
        skriv(tmp_path, "dublett-2.yaml", lag_sak(sak_id="DUP")),
    ]
    skriv(tmp_path, "LESMEG.md", "# ikke en sak")
    jsonl = skriv(
        tmp_path,
        "mange.jsonl",
        "\n".join(
            [
                dump(lag_sak(sak_id="J1"), ".jsonl"),
                "{",
                dump(lag_sak(sak_id="J3"), ".jsonl"),
                "null",
            ]
        ),
    )
    borte = tmp_path / "borte.yaml"
    kjoring = vurder([tmp_path, borte], kriteriesett=standardsett)
    assert sorted(s.sak_id for s in kjoring.saker) == ["G0", "G1", "G2", "J1", "J3"]
    inndata = len(gode) + len(daarlige) + 4 + 1  # four .jsonl lines, one missing path
    assert kjoring.antall_lest == inndata
    assert kjoring.antall_lest == len(kjoring.saker) + kjoring.antall_avviste_inndata
    avviste_filer = {a.fil for a in kjoring.avviste}
    assert {str(f) for f in daarlige} | {str(borte), str(jsonl)} == avviste_filer
    assert {a.inndata_id for a in kjoring.avviste if a.fil == str(jsonl)} == {
        f"{jsonl}:2",
        f"{jsonl}:4",
    }


FRITEKST = "Kari Nordmann"


@pytest.mark.parametrize(
    "felt",
    [
        "husstand.barn[0].alder",
        "husstand.voksne",
        "husstand.barn",
        "tjeneste",
        "versjon",
        "soknad.mottatt",
        "soknad.forstegangssoker",
        "vedtak.utfall",
        "vedtak.beregning",
        "vedtak.beregning.inntekter[0].belop",
        "samtaler[0].tolk",
        "samtaler[0].referat",
        "journal[0].system",
        "kartlegginger[0].tema[0]",
        "radgivning.forste_samtale",
    ],
)
def test_ingen_melding_gjentar_fritekst(tmp_path: Path, felt: str) -> None:
    for navn in ("sak.yaml", "sak.json"):
        fil = skriv(tmp_path, navn, sett(rik_sak(), felt, FRITEKST))
        avvisninger = les_med_nabo(tmp_path, fil)
        assert felt in {a.felt for a in avvisninger}
        for a in avvisninger:
            assert "Kari" not in str(a)
            assert "Nordmann" not in str(a)
