"""Golden reports for the kontrollutvalg and for internal control, the Word document, and the
rules behind the report's words (grade of a problemstilling, «hovedtrekk», plurals).

The golden files are in tests/data/fasit/; ``pytest --oppdater-fasit`` writes them again (read
the diff as a kontrollutvalg member would before committing it).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest

from revisjon import norsk
from revisjon.jobb import Oppsett, lag_rapport
from revisjon.kriteriesprak.modell import STANDARD_GRADERING
from revisjon.rapport.bygging import (
    KLART_FLERTALL,
    hovedtrekk,
    kriteriegrader,
    samlet_grad,
)
from revisjon.rapport.format import Format
from revisjon.rapport.oppdrag import les_oppdrag
from revisjon.rapport.statistikk import Andel
from revisjon.resultat import SakResultat, naturlig_sakorden
from tests.cli_hjelp import kjor
from tests.conftest import DATA, ROT

FASIT = DATA / "fasit"
NB = "\u00a0"
DATO = dt.date(2024, 10, 1)

SCENARIER: dict[str, dict[str, object]] = {
    "rapport-oppdrag": {
        "stier": [Path("eksempler")],
        "oppdrag": Path("tests/data/oppdrag/oppdrag.yaml"),
    },
    "rapport-flere-kontor": {"stier": [Path("tests/data/flere-kontor")]},
    "rapport-overstyringer": {
        "stier": [Path("eksempler")],
        "overstyringer": Path("tests/data/overstyringer.yaml"),
    },
    "internkontroll": {
        "stier": [Path("eksempler")],
        "internkontroll": True,
        "toleranse": Fraction(1, 10),
        "tidligere": [Path("tests/data/resultat-august-2024.json")],
    },
}


def _tekst(monkeypatch: pytest.MonkeyPatch, **valg: object) -> str:
    monkeypatch.chdir(ROT)  # relative paths in the report, as a user in the repository sees
    _, deler = lag_rapport(Oppsett(dato=DATO, **valg))  # type: ignore[arg-type]
    return "".join(d if isinstance(d, str) else d.decode() for d in deler)


@pytest.mark.parametrize("navn", list(SCENARIER))
def test_rapporten_mot_fasit(monkeypatch, oppdater_fasit, navn):
    tekst = _tekst(monkeypatch, **SCENARIER[navn])
    fil = FASIT / f"{navn}.md"
    if oppdater_fasit:
        fil.write_text(tekst, encoding="utf-8")
    assert tekst == fil.read_text("utf-8"), "kjør pytest --oppdater-fasit og se over diffen"


# --- the assignment file -------------------------------------------------------------------------


def test_oppdraget_gir_tittel_bestilling_og_signatur(monkeypatch):
    tekst = _tekst(monkeypatch, **SCENARIER["rapport-oppdrag"])
    # the title names the kommune already («ved Nav Gjøvik»), so it is not added again
    assert tekst.startswith(
        "# Arbeidet mot barnefattigdom – de sosiale tjenestene ved Nav Gjøvik\n\n"
        "Forvaltningsrevisjon i Gjøvik kommune. Utført av Innlandet Revisjon IKS."
    )
    assert "mangler" not in tekst.split("## 1 Sammendrag")[0]
    assert (
        "Kontrollutvalget i Gjøvik kommune bestilte forvaltningsrevisjonen i møte 12. juni 2023, "
        "sak 31/2023." in tekst
    )
    assert "Per Kvalitet har kvalitetssikret rapporten." in tekst
    assert "kontroll av fakta 20. august 2024." in tekst
    assert "### 2.4 Om virksomheten\n\nNav Gjøvik er et partnerskap" in tekst
    assert "**Andre datakilder.** I tillegg til saksgjennomgangen" in tekst
    assert "Revisjonen har intervjuet avdelingsleder" in tekst
    assert "Revisjonen anbefaler at Gjøvik kommune:" in tekst
    # the report ends its body with place, date and names, as Gjøvik's does
    assert (
        "Lillehammer, 1. oktober 2024\n\nOla Oppdrag  \nOppdragsansvarlig revisor\n\n"
        "Kari Prosjekt  \nProsjektansvarlig revisor\n" in tekst
    )
    assert tekst.rstrip().endswith("tas i bruk i alle saker fra 1. oktober 2024.")


def test_uten_oppdrag_sier_rapporten_hva_som_mangler_pa_en_linje(monkeypatch):
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")])
    linjer = [linje for linje in tekst.splitlines() if "mangler:" in linjer_uten_kode(linje)]
    assert len(linjer) == 1
    assert "bestilling" in linjer[0] and "kommunedirektørens uttalelse" in linjer[0]
    assert "Lillehammer" not in tekst  # nothing invented


def linjer_uten_kode(linje: str) -> str:
    return re.sub(r"`[^`]*`", "", linje)


def test_oppdragsfil_med_feil_navngir_filen_og_feltet(tmp_path):
    fil = tmp_path / "oppdrag.yaml"
    fil.write_text("format: revisjon-oppdrag/1\ntype: tilsyn\nkomune: X\n", encoding="utf-8")
    svar = kjor("vurder", "eksempler/", "--oppdrag", str(fil))
    assert svar.returncode == 2
    assert f"{fil}:2: type" in svar.stderr
    assert "komune" in svar.stderr
    assert "Traceback" not in svar.stderr


def test_oppdragsfil_med_manglende_kapittelfil(tmp_path):
    fil = tmp_path / "oppdrag.yaml"
    fil.write_text(
        "format: revisjon-oppdrag/1\ndeler: {uttalelse: {fil: borte.md}}\n", encoding="utf-8"
    )
    svar = kjor("vurder", "eksempler/", "--oppdrag", str(fil))
    assert svar.returncode == 2
    assert "deler.uttalelse.fil: filen «borte.md» finnes ikke" in svar.stderr


def test_init_skriver_en_oppdragsfil_som_skjemaet_godtar(tmp_path):
    import json

    import jsonschema
    import yaml

    mappe = tmp_path / "ny"
    assert kjor("init", str(mappe)).returncode == 0
    oppdrag = les_oppdrag(mappe / "oppdrag.yaml")
    assert oppdrag.uttalelse and oppdrag.organisasjon and oppdrag.datakilder
    skjema = json.loads((mappe / "oppdrag.schema.json").read_text("utf-8"))
    data = yaml.safe_load((mappe / "oppdrag.yaml").read_text("utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), skjema)
    assert kjor("skjema", "oppdrag").stdout == (mappe / "oppdrag.schema.json").read_text("utf-8")


# --- offices, order, overrides -------------------------------------------------------------------


def test_flere_kontor_gir_kolonne_og_fordeling(monkeypatch):
    tekst = _tekst(monkeypatch, **SCENARIER["rapport-flere-kontor"])
    metode = tekst.split("## 4 Metode og data")[1].split("## 5 Fakta")[0]
    assert "| Kontor | Saker |\n|---|---:|\n| Nav Gjøvik | 4 |\n| Nav Vestre Toten | 4 |" in metode
    fakta = tekst.split("### 5.1 ")[1].split("### 5.2 ")[0]
    assert (
        "| Kontor | Oppfylt | Delvis oppfylt | Ikke oppfylt | Ikke aktuelt | Ikke vurdert |"
        in fakta
    )
    assert "| Sak | Kontor | Status | Begrunnelse |" in fakta
    assert "| GJ-ØS-03 | Nav Vestre Toten | " in fakta


def test_ett_kontor_gir_ingen_kontorkolonne(monkeypatch):
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")])
    assert "| Kontor |" not in tekst


def test_sakene_i_naturlig_rekkefolge_i_hver_tabell(monkeypatch):
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")])
    matrise = tekst.split("## Vedlegg 1 Saker og kriterier")[1]
    ider = re.findall(r"^\| (GJ-\S+) \|", matrise, re.MULTILINE)
    assert ider[:3] == ["GJ-RV-01", "GJ-RV-02", "GJ-RV-03"]
    assert ider.index("GJ-RV-12") == 11 and ider[-1] == "GJ-ØS-12"


def _sak(sak_id: str) -> SakResultat:
    return SakResultat(sak_id, f"{sak_id}.yaml", None, "okonomisk_stonad", None, None, ())


def test_naturlig_sakorden_sorterer_tall_som_tall():
    ider = ["S-10", "S-2", "s-1", "S-1b", "T-01", "S-100"]
    sortert = [s.sak_id for s in sorted(map(_sak, ider), key=naturlig_sakorden)]
    assert sortert == ["s-1", "S-1b", "S-2", "S-10", "S-100", "T-01"]


def test_avvikslisten_har_kontor_og_navn_ved_kodene(tmp_path, monkeypatch):
    monkeypatch.chdir(ROT)
    fil = tmp_path / "avvik.csv"
    svar = kjor(
        "vurder", "tests/data/flere-kontor", "--avvik", str(fil), "-o", str(tmp_path / "r.md")
    )
    assert svar.returncode == 0, svar.stderr
    linjer = fil.read_text("utf-8-sig").splitlines()
    assert linjer[0].startswith("sak_id;kontor;enhet;tjeneste;tjenestenavn;")
    assert any(";Nav Vestre Toten;" in linje for linje in linjer[1:])
    assert any(";ikke_oppfylt;ikke oppfylt;" in linje for linje in linjer[1:])


# --- internal control ----------------------------------------------------------------------------


def test_internkontroll_er_kontorets_egen_kontroll(monkeypatch):
    tekst = _tekst(monkeypatch, **SCENARIER["internkontroll"])
    assert tekst.startswith("# Internkontroll – stikkprøve september 2024\n")
    assert "Kontrollen viser 52 avvik i 18 saker." in tekst
    assert "kontrollutvalg" not in tekst.lower()
    assert "kommunedirektør" not in tekst.lower()
    assert "Revisjonen" not in tekst
    assert "| Skaffe arbeid over 30 | 25 | 8 |" in tekst  # deviations by caseworker unit


def test_internkontroll_viser_utviklingen_mot_tidligere_maneder(monkeypatch):
    tekst = _tekst(monkeypatch, **SCENARIER["internkontroll"])
    del_ = tekst.split("Utvikling over tid", 1)[1].split("## Vedlegg", 1)[0]
    assert "| Kriterium | august 2024 | september 2024 |" in del_
    # the month of the sample (the vedtak dates), not the day either report was written
    assert (
        "| K1 Hvert barns behov og livssituasjon kartlagt før vedtak | 41,7\u00a0% (5 av 12) |"
        in del_
    )
    assert "| 33,3\u00a0% (1 av 3), for få saker |" in del_  # K2 in August: three cases
    assert "K4 Dokumentert at barnas behov er vurdert | ikke vurdert |" in del_
    assert "| K5 Barn brukes ikke som tolk | ikke med |" in del_  # not in August's file
    assert "resultat-august-2024\\.json" in del_


def test_tidligere_maneder_bare_i_rapporten_for_internkontroll(monkeypatch):
    from revisjon.feil import RevisjonFeil

    with pytest.raises(RevisjonFeil, match=r"--tidligere: .*bare i rapporten for internkontroll"):
        _tekst(
            monkeypatch,
            stier=[Path("eksempler")],
            tidligere=[Path("tests/data/resultat-august-2024.json")],
        )


def test_internkontroll_valgt_i_oppdragsfilen(tmp_path, monkeypatch):
    fil = tmp_path / "oppdrag.yaml"
    fil.write_text(
        "format: revisjon-oppdrag/1\ntype: internkontroll\nkontor: Nav Gjøvik\n", encoding="utf-8"
    )
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")], oppdrag=fil)
    assert tekst.startswith("# Internkontroll – stikkprøve september 2024\n\nNav Gjøvik.")


def test_et_tilfeldig_utvalg_alene_gjor_ikke_kjoringen_til_internkontroll(monkeypatch):
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")])
    assert tekst.startswith("# Arbeidet mot barnefattigdom")


def test_mal_internkontroll_fra_kommandolinjen():
    svar = kjor("vurder", "eksempler/", "--mal", "internkontroll", "--dato", "2024-10-01")
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout.startswith("# Internkontroll – stikkprøve september 2024\n")


# --- Word ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("word") / "rapport.docx"
    svar = kjor(
        "vurder",
        "eksempler/",
        "--oppdrag",
        "tests/data/oppdrag/oppdrag.yaml",
        "--format",
        "docx",
        "-o",
        str(ut),
        "--dato",
        "2024-10-01",
    )
    assert svar.returncode == 0, svar.stderr
    return ut


def test_word_dokumentet_har_overskrifter_tabeller_og_sprak(word):
    docx = pytest.importorskip("docx")
    dokument = docx.Document(str(word))
    assert dokument.core_properties.title == (
        "Arbeidet mot barnefattigdom – de sosiale tjenestene ved Nav Gjøvik"
    )
    overskrifter = [p.text for p in dokument.paragraphs if p.style.name.startswith("Heading")]
    assert overskrifter[:2] == ["1 Sammendrag", "2 Innledning"]
    assert "8 Anbefalinger" in overskrifter and "7 Konklusjon" in overskrifter
    tabeller = dokument.tables
    fakta = next(
        t for t in tabeller if [c.text for c in t.rows[0].cells] == ["Sak", "Status", "Begrunnelse"]
    )
    bredder = [c.width for c in fakta.columns]
    assert bredder[2] > bredder[0] + bredder[1]  # the reason column is the wide one
    sporbarhet = next(t for t in tabeller if t.rows[0].cells[-1].text == "SHA-256")
    assert sporbarhet.columns[1].width > sporbarhet.columns[0].width
    with zipfile.ZipFile(word) as pakke:
        stiler = pakke.read("word/styles.xml").decode()
        bunntekst = "".join(
            pakke.read(n).decode() for n in pakke.namelist() if n.startswith("word/footer")
        )
    assert 'w:val="nb-NO"' in stiler
    assert "PAGE" in bunntekst  # page numbers


def test_word_med_kontorets_referansedokument(tmp_path):
    from revisjon.rapport.docx_format import referansedokument

    egen = tmp_path / "kontoret.docx"
    shutil.copyfile(referansedokument(), egen)
    ut = tmp_path / "r.docx"
    svar = kjor(
        "vurder", "eksempler/", "--format", "docx", "-o", str(ut), "--referanse-docx", str(egen)
    )
    assert svar.returncode == 0, svar.stderr
    assert zipfile.is_zipfile(io.BytesIO(ut.read_bytes()))
    borte = kjor(
        "vurder",
        "eksempler/",
        "--format",
        "docx",
        "-o",
        str(ut),
        "--referanse-docx",
        str(tmp_path / "x.docx"),
    )
    assert borte.returncode == 2 and "referansedokumentet finnes ikke" in borte.stderr


def test_word_krever_utfil():
    svar = kjor("vurder", "eksempler/", "--format", "docx")
    assert svar.returncode == 2
    assert "bruk -o rapport.docx" in svar.stderr


def _renderer() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _renderer() is None or shutil.which("pdftoppm") is None,
    reason="trenger LibreOffice og pdftoppm for å tegne en side",
)
def test_word_forsiden_kan_tegnes_som_png(word, tmp_path):
    renderer = _renderer()
    assert renderer is not None
    subprocess.run(
        [renderer, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(word)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "rapport.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "side")],
        check=True,
        timeout=60,
    )
    bilder = list(tmp_path.glob("side*.png"))
    assert bilder and bilder[0].stat().st_size > 1000


# --- the rules behind the words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("antall", "flertall"),
    [
        ({"oppfylt": 8, "delvis_oppfylt": 0, "ikke_oppfylt": 4}, True),  # exactly two in three
        ({"oppfylt": 7, "delvis_oppfylt": 1, "ikke_oppfylt": 4}, False),
        ({"oppfylt": 4, "delvis_oppfylt": 2, "ikke_oppfylt": 2}, False),  # half is no majority
        ({"oppfylt": 1, "delvis_oppfylt": 0, "ikke_oppfylt": 9}, True),
    ],
)
def test_hovedtrekk_bare_ved_klart_flertall(antall, flertall):
    vurdert = sum(antall.values())
    tekst = hovedtrekk({**antall, "ikke_aktuelt": 0, "ikke_vurdert": 0}, vurdert)
    assert ("hovedtrekk" in tekst) is flertall
    assert (Fraction(max(antall.values()), vurdert) >= KLART_FLERTALL) is flertall
    if not flertall:
        assert tekst.startswith("I de gjennomgåtte sakene er resultatet delt: ")


def test_hovedtrekk_med_en_sak():
    tekst = hovedtrekk({"oppfylt": 1, "delvis_oppfylt": 0, "ikke_oppfylt": 0}, 1)
    assert tekst.endswith("er oppfylt (1 av 1 sak).")


class _Funn:
    """The two things the grade rule reads of a criterion's findings."""

    def __init__(self, id_: str, oppfylt: int, vurdert: int) -> None:
        from revisjon.rapport.bygging import velg_grad

        self.id = id_
        self.andel = Andel(oppfylt, vurdert, 0.95)
        self.grad = velg_grad(self.andel.andel, STANDARD_GRADERING)


@pytest.mark.parametrize(
    ("andeler", "regel", "ventet"),
    [
        ([(11, 12), (9, 10), (12, 18), (4, 8)], "median", "langt på veg"),  # weaker middle
        ([(11, 12), (9, 10), (12, 18), (4, 8)], "svakeste", "i noen grad"),
        ([(3, 10), (2, 10), (16, 22)], "median", "i noen grad"),
        ([(3, 10), (0, 0)], "median", "i noen grad"),  # not assessed: not counted
        ([(0, 0)], "median", None),
    ],
)
def test_graden_for_en_problemstilling(andeler, regel, ventet):
    funn = [_Funn(f"K{i}", o, v) for i, (o, v) in enumerate(andeler, 1)]
    valgt = samlet_grad(funn, regel)  # type: ignore[arg-type]
    assert (valgt.grad if valgt else None) == ventet


def test_kriteriene_navngis_etter_grad():
    funn = [
        _Funn("K1", 3, 10),
        _Funn("K2", 2, 10),
        _Funn("K4", 16, 22),
        _Funn("K9", 3, 9),
        _Funn("K3", 0, 0),
    ]
    assert kriteriegrader(funn, STANDARD_GRADERING) == (  # type: ignore[arg-type]
        "K4 langt på veg oppfylt, K1 og K9 i noen grad og K2 i begrenset grad; "
        "K3 kunne ikke vurderes"
    )


@pytest.mark.parametrize(
    ("n", "ventet"),
    [(0, "0 saker"), (1, "1 sak"), (2, "2 saker"), (1500, f"1{NB}500 saker")],
)
def test_antall_i_riktig_tall(n, ventet):
    assert norsk.antall(n, "sak", "saker") == ventet


@pytest.mark.parametrize(
    ("inn", "ut"),
    [
        ("I 1 saker er", "I 1 sak er"),
        ("i 11 saker", "i 11 saker"),
        ("av 1 vurderinger", "av 1 vurdering"),
        ("1 familier", "1 familie"),
        ("1 kriteriefiler", "1 kriteriefil"),
        (f"1{NB}001 saker", f"1{NB}001 saker"),
        ("0,1 saker", "0,1 saker"),
    ],
)
def test_entall_etter_en(inn, ut):
    assert norsk.entall_etter_en(inn) == ut


def test_entall_i_rapporten(monkeypatch, tmp_path):
    """«Ikke aktuelt i 1 sak», «1 sak», «1 revisjonskriterium» – never «1 saker»."""
    monkeypatch.chdir(ROT)
    (tmp_path / "en").mkdir()
    shutil.copyfile("eksempler/os-04.yaml", tmp_path / "en" / "os-04.yaml")
    _, deler = lag_rapport(Oppsett(stier=[tmp_path / "en"], dato=DATO))
    tekst = "".join(d if isinstance(d, str) else d.decode() for d in deler)
    assert "Revisjonen har gått gjennom 1 sak mot 10 revisjonskriterier." in tekst
    assert "Ikke aktuelt i 1 sak:" in tekst
    assert not re.search(r"(?<![\d,\u00a0])1 (saker|vurderinger|saksfiler|kriterier)\b", tekst)


def test_en_kriteriefil_i_entall():
    svar = kjor("sjekk", "revisjon/kriterier/barnefattigdom-nav.yaml")
    assert "1 kriteriefil sjekket" in svar.stdout + svar.stderr


def test_json_har_kontor_og_ensidig_grense(monkeypatch):
    import json

    data = json.loads(
        _tekst(monkeypatch, stier=[Path("tests/data/flere-kontor")], format=Format.json)
    )
    assert {s["kontor"] for s in data["saker"]} == {"Nav Gjøvik", "Nav Vestre Toten"}
    for k in data["kriterier"]:
        a = k["antall"]
        vurdert = a["oppfylt"] + a["delvis_oppfylt"] + a["ikke_oppfylt"]
        if vurdert and a["oppfylt"] in (0, vurdert):
            assert k["ensidig_grense"]["side"] in ("ovre", "nedre")
        else:
            assert k["ensidig_grense"] is None


def test_tittelen_far_kommunen_nar_den_ikke_nevner_den(tmp_path, monkeypatch):
    fil = tmp_path / "oppdrag.yaml"
    fil.write_text("format: revisjon-oppdrag/1\nkommune: Østre Toten kommune\n", encoding="utf-8")
    tekst = _tekst(monkeypatch, stier=[Path("eksempler")], oppdrag=fil)
    assert tekst.startswith(
        "# Arbeidet mot barnefattigdom – de sosiale tjenestene i Nav – Østre Toten kommune\n"
    )
