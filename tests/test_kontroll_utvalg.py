"""The reproducible draw (stikkprove): ranking, N, seeds, strata, filters, exclusions, the
manifest, copying, and the sample described in the report (vurder --utvalg)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from revisjon.feil import RevisjonFeil
from revisjon.jobb import Oppsett, lag_rapport
from revisjon.kontroll.beskrivelse import beskriv_utvalg
from revisjon.kontroll.manifest import ManifestFeil, les_manifest
from revisjon.kontroll.stikkprove import Stikkprove, trekk_stikkprove
from revisjon.kontroll.utvalg import Filtre, populasjonshash, rangeringsnokkel, trekk
from revisjon.rapport.format import Format
from revisjon.resultat import SakResultat
from tests.cli_hjelp import kjor
from tests.conftest import EKSEMPLER, lag_sak

D = dt.date
MAI = D(2024, 5, 14)


def sak(
    sak_id: str,
    tjeneste: str = "okonomisk_stonad",
    enhet: str | None = "A",
    dato: D | None = MAI,
) -> SakResultat:
    return SakResultat(sak_id, f"{sak_id}.json", None, tjeneste, enhet, dato, ())


def saker(antall: int, **kw: Any) -> list[SakResultat]:
    return [sak(f"S-{i:03d}", **kw) for i in range(antall)]


def ider(liste: list[SakResultat]) -> list[str]:
    return [s.sak_id for s in liste]


def skriv_sak(mappe: Path, sak_id: str, **endringer: Any) -> Path:
    data = lag_sak(sak_id=sak_id, **endringer)
    fil = mappe / f"{sak_id}.json"
    fil.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return fil


def vedtak(dato: str) -> dict[str, Any]:
    return {"dato": dato, "utfall": "innvilget", "tekst": "Søknaden er innvilget."}


# --- the ranking ---------------------------------------------------------------------------


def test_rangeringen_er_sha256_av_fro_linjeskift_og_sak_id():
    """Fixed bytes, so any machine and any Python gives the same order (see the docstring)."""
    assert rangeringsnokkel("2024-05", "GJ-ØS-01") == (
        "4ca761bc85094db9e8eed84bcd1fc2d4292653f928f514c1cf44a4b07f38975e"
    )
    assert rangeringsnokkel("s", "x") == hashlib.sha256(b"s\nx").hexdigest()


def test_populasjonshash_er_sortert_og_uavhengig_av_rekkefolge():
    assert populasjonshash(["b", "a"]) == populasjonshash(["a", "b"])
    assert populasjonshash(["a", "b"]) == hashlib.sha256(b"a\nb\n").hexdigest()


def test_samme_fro_gir_samme_utvalg_uansett_rekkefolge():
    alle = saker(50)
    en = trekk(alle, antall=10, seed="mai")
    to = trekk(list(reversed(alle)), antall=10, seed="mai")
    assert ider(en.valgt) == ider(to.valgt)
    assert ider(en.valgt) == sorted(ider(en.valgt), key=lambda i: rangeringsnokkel("mai", i))


def test_ulike_fro_gir_ulike_utvalg():
    alle = saker(50)
    utvalg = {tuple(ider(trekk(alle, antall=10, seed=f"fro-{i}").valgt)) for i in range(5)}
    assert len(utvalg) == 5


@pytest.mark.parametrize("seed", ["1", "2024-05", "Gjøvik mai"])
def test_storre_n_beholder_de_forste(seed):
    alle = saker(80)
    forrige: list[str] = []
    for n in (1, 5, 20, 40, 80, 100):
        valgt = ider(trekk(alle, antall=n, seed=seed).valgt)
        assert valgt[: len(forrige)] == forrige
        assert len(valgt) == min(n, 80)
        forrige = valgt


def test_lagdeling_gir_n_per_lag_og_beholder_de_forste_i_hvert_lag():
    alle = saker(30, tjeneste="okonomisk_stonad") + [
        sak(f"R-{i}", tjeneste="okonomisk_radgivning") for i in range(4)
    ]
    trekning = trekk(alle, antall=5, seed="x", lagdelt_etter="tjeneste")
    per_lag = {lag.navn: (lag.populasjon, lag.valgt) for lag in trekning.lag}
    assert per_lag == {"okonomisk_radgivning": (4, 4), "okonomisk_stonad": (30, 5)}
    stonad = [s for s in trekning.valgt if s.tjeneste == "okonomisk_stonad"]
    assert ider(stonad) == ider(trekk(alle[:30], antall=5, seed="x").valgt)
    storre = trekk(alle, antall=8, seed="x", lagdelt_etter="tjeneste")
    assert set(ider(trekning.valgt)) <= set(ider(storre.valgt))


def test_lagdeling_etter_enhet_har_eget_lag_for_manglende_enhet():
    alle = [*saker(3, enhet="Øst"), sak("U-1", enhet=None)]
    trekning = trekk(alle, antall=2, seed="x", lagdelt_etter="enhet")
    assert [(lag.navn, lag.valgt) for lag in trekning.lag] == [("Øst", 2), (None, 1)]


def test_filtre():
    alle = [
        sak("A", tjeneste="okonomisk_stonad", enhet="Øst", dato=D(2024, 5, 1)),
        sak("B", tjeneste="okonomisk_stonad", enhet="Vest", dato=D(2024, 5, 31)),
        sak("C", tjeneste="okonomisk_radgivning", enhet="øst", dato=D(2024, 6, 1)),
        sak("D", tjeneste="okonomisk_stonad", enhet="Øst", dato=None),
    ]

    def pop(**f: Any) -> set[str]:
        return set(ider(trekk(alle, antall=10, seed="s", filtre=Filtre(**f)).populasjon))

    assert pop() == {"A", "B", "C", "D"}
    assert pop(tjeneste=("okonomisk_stonad",)) == {"A", "B", "D"}
    assert pop(enhet=("ØST",)) == {"A", "C", "D"}
    assert pop(fra=D(2024, 5, 1), til=D(2024, 5, 31)) == {"A", "B"}  # both ends included
    assert pop(fra=D(2024, 5, 31)) == {"B", "C"}
    assert pop(dag=D(2024, 5, 31)) == {"B"}


def test_ugyldige_filtre():
    with pytest.raises(RevisjonFeil, match="--dag kan ikke brukes sammen med --fra"):
        Filtre(dag=D(2024, 5, 1), fra=D(2024, 5, 1))
    with pytest.raises(RevisjonFeil, match="er etter --til"):
        Filtre(fra=D(2024, 6, 1), til=D(2024, 5, 1))
    with pytest.raises(RevisjonFeil, match="ukjent tjeneste «sosialhjelp»"):
        Filtre(tjeneste=("sosialhjelp",))


def test_ekskludering_tar_ut_tidligere_trukne_saker():
    alle = saker(20)
    april = ider(trekk(alle, antall=5, seed="april").valgt)
    mai = trekk(alle, antall=5, seed="mai", ekskluder=april)
    assert not set(april) & set(ider(mai.valgt))
    assert len(mai.populasjon) == 15


# --- stikkprove end to end: manifest, copies, exclusions ----------------------------------


@pytest.fixture
def populasjon(tmp_path: Path) -> Path:
    mappe = tmp_path / "saker"
    (mappe / "mai").mkdir(parents=True)
    for i in range(12):
        skriv_sak(
            mappe / "mai",
            f"S-{i:02d}",
            enhet="Øst" if i % 2 else "Vest",
            vedtak=vedtak(f"2024-05-{i + 1:02d}"),
        )
    linjer = [
        json.dumps(lag_sak(sak_id=f"L-{i}", vedtak=vedtak("2024-05-20")), ensure_ascii=False)
        for i in range(4)
    ]
    (mappe / "flere.jsonl").write_text("\n".join(linjer) + "\n", encoding="utf-8")
    return mappe


def test_manifestet_har_alle_nokler_og_leses_tilbake(populasjon: Path, tmp_path: Path):
    manifestfil = tmp_path / "utvalg.yaml"
    resultat = trekk_stikkprove(
        Stikkprove(
            stier=[populasjon],
            antall=5,
            seed="2024-05",
            manifest=manifestfil,
            filtre=Filtre(fra=D(2024, 5, 3)),
        )
    )
    data = yaml.safe_load(manifestfil.read_text(encoding="utf-8"))
    assert list(data) == [
        "format", "verktoy", "metode", "rangering", "seed", "antall", "lagdelt_etter", "filtre",
        "ekskludert", "inndata", "lest", "avvist", "populasjon", "valgt",
    ]  # fmt: skip
    assert data["format"] == "revisjon-utvalg/1"
    assert data["metode"] == "sha256-rangering"
    assert data["seed"] == "2024-05"
    assert data["filtre"]["fra"] == "2024-05-03"
    assert data["lest"] == 16 and data["avvist"] == 0
    assert data["populasjon"]["antall"] == 14  # S-00 and S-01 are before --fra
    assert data["populasjon"]["sha256"] == populasjonshash(
        s.sak_id for s in resultat.trekning.populasjon
    )
    assert data["valgt"] == resultat.manifest.valgt and len(data["valgt"]) == 5
    lest = les_manifest(manifestfil)
    assert lest.data == resultat.manifest
    assert lest.sha256 == hashlib.sha256(manifestfil.read_bytes()).hexdigest()


def test_manifest_som_json(populasjon: Path, tmp_path: Path):
    fil = tmp_path / "utvalg.json"
    trekk_stikkprove(Stikkprove(stier=[populasjon], antall=3, seed="s", manifest=fil))
    assert json.loads(fil.read_text(encoding="utf-8"))["format"] == "revisjon-utvalg/1"
    assert len(les_manifest(fil).data.valgt) == 3


def test_manifest_skrives_aldri_over(populasjon: Path, tmp_path: Path):
    fil = tmp_path / "utvalg.yaml"
    fil.write_text("gammelt", encoding="utf-8")
    with pytest.raises(RevisjonFeil, match="skrives ikke over"):
        trekk_stikkprove(Stikkprove(stier=[populasjon], antall=3, seed="s", manifest=fil))
    assert fil.read_text(encoding="utf-8") == "gammelt"


def test_ekskluder_manifest_fra_forrige_maned(populasjon: Path, tmp_path: Path):
    april = trekk_stikkprove(
        Stikkprove(stier=[populasjon], antall=6, seed="april", manifest=tmp_path / "april.yaml")
    )
    mai = trekk_stikkprove(
        Stikkprove(
            stier=[populasjon],
            antall=6,
            seed="mai",
            manifest=tmp_path / "mai.yaml",
            ekskluder=[tmp_path / "april.yaml"],
        )
    )
    assert not set(april.manifest.valgt) & set(mai.manifest.valgt)
    assert mai.manifest.populasjon.antall == 10
    [eks] = mai.manifest.ekskludert
    assert eks.antall == 6
    assert eks.sha256 == hashlib.sha256((tmp_path / "april.yaml").read_bytes()).hexdigest()


def test_ugyldig_manifest_gir_feil_med_felt(tmp_path: Path):
    fil = tmp_path / "m.yaml"
    fil.write_text("format: revisjon-utvalg/1\nseed: 3\n", encoding="utf-8")
    with pytest.raises(ManifestFeil) as feil:
        les_manifest(fil)
    felt = {p.felt for p in feil.value.problemer}
    assert {"seed", "valgt", "populasjon"} <= felt


def test_kopier_til_kopierer_filer_og_jsonl_linjer(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "utvalg"
    resultat = trekk_stikkprove(
        Stikkprove(
            stier=[populasjon], antall=16, seed="s", manifest=tmp_path / "u.yaml", kopier_til=kopi
        )
    )
    assert len(resultat.manifest.valgt) == 16
    filer = sorted(p.relative_to(kopi).as_posix() for p in kopi.rglob("*") if p.is_file())
    assert filer == ["flere.jsonl"] + [f"mai/S-{i:02d}.json" for i in range(12)]
    assert (kopi / "mai" / "S-03.json").read_bytes() == (
        populasjon / "mai" / "S-03.json"
    ).read_bytes()
    assert (kopi / "flere.jsonl").read_bytes() == (populasjon / "flere.jsonl").read_bytes()


def test_kopier_til_bare_de_valgte_og_vurder_leser_dem(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "utvalg"
    resultat = trekk_stikkprove(
        Stikkprove(
            stier=[populasjon], antall=7, seed="7", manifest=tmp_path / "u.yaml", kopier_til=kopi
        )
    )
    rapport, _ = lag_rapport(Oppsett(stier=[kopi], format=Format.json, dato=D(2024, 6, 1)))
    assert sorted(s.sak_id for s in rapport.kjoring.saker) == sorted(resultat.manifest.valgt)
    assert not rapport.kjoring.avviste


def test_kopimappen_ma_vaere_ny_eller_tom(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "utvalg"
    kopi.mkdir()
    (kopi / "rest.yaml").write_text("x", encoding="utf-8")
    with pytest.raises(RevisjonFeil, match="ikke en tom mappe"):
        trekk_stikkprove(
            Stikkprove(
                stier=[populasjon],
                antall=2,
                seed="s",
                manifest=tmp_path / "u.yaml",
                kopier_til=kopi,
            )
        )
    assert not (tmp_path / "u.yaml").exists()
    with pytest.raises(RevisjonFeil, match="overlapper"):
        trekk_stikkprove(
            Stikkprove(
                stier=[populasjon],
                antall=2,
                seed="s",
                manifest=tmp_path / "u.yaml",
                kopier_til=populasjon / "ut",
            )
        )


def test_tom_populasjon_er_en_feil(populasjon: Path, tmp_path: Path):
    with pytest.raises(RevisjonFeil, match="ingen saker å trekke fra"):
        trekk_stikkprove(
            Stikkprove(
                stier=[populasjon],
                antall=2,
                seed="s",
                manifest=tmp_path / "u.yaml",
                filtre=Filtre(dag=D(2020, 1, 1)),
            )
        )


# --- the CLI ------------------------------------------------------------------------------


def test_cli_stikkprove_skriver_id_ene_og_manifestet(populasjon: Path, tmp_path: Path):
    svar = kjor("stikkprove", str(populasjon), "--antall", "4", "--seed", "2024-05", cwd=tmp_path)
    assert svar.returncode == 0, svar.stderr
    valgt = svar.stdout.splitlines()
    assert len(valgt) == 4
    assert les_manifest(tmp_path / "utvalg.yaml").data.valgt == valgt
    assert "Valgte 4 av 16 saker" in svar.stderr
    igjen = kjor(
        "stikkprove", str(populasjon), "-n", "6", "--seed", "2024-05", "-m", "to.yaml", cwd=tmp_path
    )
    assert igjen.stdout.splitlines()[:4] == valgt


def test_cli_stikkprove_dag_og_lagdeling(populasjon: Path, tmp_path: Path):
    svar = kjor(
        "stikkprove",
        str(populasjon),
        "--antall",
        "50",
        "--seed",
        "x",
        "--dag",
        "2024-05-20",
        cwd=tmp_path,
    )
    assert sorted(svar.stdout.splitlines()) == ["L-0", "L-1", "L-2", "L-3"]
    assert "alle er valgt" in svar.stderr
    svar = kjor(
        "stikkprove",
        str(populasjon),
        "-n",
        "2",
        "--seed",
        "x",
        "--lagdelt-etter",
        "enhet",
        "-m",
        "lag.yaml",
        cwd=tmp_path,
    )
    assert svar.returncode == 0, svar.stderr
    lag = les_manifest(tmp_path / "lag.yaml").data.populasjon.lag
    assert [(x.navn, x.populasjon, x.valgt) for x in lag] == [
        ("Vest", 6, 2),
        ("Øst", 6, 2),
        (None, 4, 2),
    ]


def test_cli_stikkprove_avviste_inndata_gir_kode_1_og_telles(populasjon: Path, tmp_path: Path):
    (populasjon / "feil.yaml").write_text("versjon: 1\n", encoding="utf-8")
    svar = kjor("stikkprove", str(populasjon), "-n", "3", "--seed", "x", cwd=tmp_path)
    assert svar.returncode == 1
    assert "feil.yaml" in svar.stderr
    manifest = les_manifest(tmp_path / "utvalg.yaml").data
    assert manifest.avvist == 1 and manifest.populasjon.antall == 16


def test_cli_stikkprove_bruksfeil(populasjon: Path, tmp_path: Path):
    svar = kjor("stikkprove", str(populasjon), "-n", "0", "--seed", "x", cwd=tmp_path)
    assert svar.returncode == 2 and "--antall må være minst 1" in svar.stderr
    svar = kjor(
        "stikkprove",
        str(populasjon),
        "-n",
        "1",
        "--seed",
        "x",
        "--tjeneste",
        "sosial",
        cwd=tmp_path,
    )
    assert svar.returncode == 2 and "ukjent tjeneste" in svar.stderr
    assert not (tmp_path / "utvalg.yaml").exists()


def test_cli_stikkprove_hjelp_er_norsk():
    svar = kjor("stikkprove", "--help")
    assert "Trekk et tilfeldig og etterprøvbart utvalg" in svar.stdout
    assert "--lagdelt-etter" in svar.stdout and "--ekskluder" in svar.stdout


# --- the sample in the report --------------------------------------------------------------


def _rapport(stier: list[Path], manifest: Path) -> str:
    _, deler = lag_rapport(Oppsett(stier=stier, utvalg=manifest, dato=D(2024, 6, 1)))
    tekst = "".join(deler)
    return tekst


def _utvalgsavsnitt(tekst: str) -> str:
    return next(linje for linje in tekst.splitlines() if linje.startswith("**Utvalg.**"))


def test_manifestet_beskriver_utvalget_i_rapporten(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "kopi"
    trekk_stikkprove(
        Stikkprove(
            stier=[populasjon],
            antall=5,
            seed="2024-05",
            manifest=tmp_path / "u.yaml",
            kopier_til=kopi,
            filtre=Filtre(fra=D(2024, 5, 1), til=D(2024, 5, 31)),
        )
    )
    avsnitt = _utvalgsavsnitt(_rapport([kopi], tmp_path / "u.yaml"))
    assert "5 av 16 saker i populasjonen (vedtak fra 01.05.2024 til 31.05.2024)" in avsnitt
    assert "frøet «2024-05»" in avsnitt
    assert les_manifest(tmp_path / "u.yaml").data.populasjon.sha256 in avsnitt
    assert "kan resultatene generaliseres til de 16 sakene i populasjonen" in avsnitt


def test_rapporten_sier_fra_nar_sakene_ikke_er_utvalget(populasjon: Path, tmp_path: Path):
    trekk_stikkprove(
        Stikkprove(stier=[populasjon], antall=3, seed="s", manifest=tmp_path / "u.yaml")
    )
    avsnitt = _utvalgsavsnitt(_rapport([populasjon], tmp_path / "u.yaml"))
    assert "13 av de gjennomgåtte sakene er ikke med i utvalget" in avsnitt
    assert "kan resultatene ikke uten videre generaliseres" in avsnitt


def test_rapporten_sier_fra_om_manglende_saker(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "kopi"
    resultat = trekk_stikkprove(
        Stikkprove(
            stier=[populasjon], antall=4, seed="s", manifest=tmp_path / "u.yaml", kopier_til=kopi
        )
    )
    borte = next(i for i in resultat.manifest.valgt if i.startswith("S-"))
    (kopi / "mai" / f"{borte}.json").unlink()
    avsnitt = _utvalgsavsnitt(_rapport([kopi], tmp_path / "u.yaml"))
    assert f"1 av de 4 trukne sakene er ikke med i gjennomgangen: {borte}." in avsnitt


def test_lagdelt_utvalg_generaliseres_ikke_samlet(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "kopi"
    trekk_stikkprove(
        Stikkprove(
            stier=[populasjon],
            antall=2,
            seed="s",
            manifest=tmp_path / "u.yaml",
            kopier_til=kopi,
            lagdelt_etter="enhet",
        )
    )
    avsnitt = _utvalgsavsnitt(_rapport([kopi], tmp_path / "u.yaml"))
    assert (
        "lagdelt etter enhet med inntil 2 saker per lag (Vest: 2 av 6; Øst: 2 av 6; enhet ikke oppgitt: 2 av 4)"
        in avsnitt
    )
    assert "kan derfor ikke uten videre generaliseres til populasjonen samlet" in avsnitt


def test_dag_og_totalundersokelse(populasjon: Path, tmp_path: Path):
    kopi = tmp_path / "kopi"
    trekk_stikkprove(
        Stikkprove(
            stier=[populasjon],
            antall=20,
            seed="s",
            manifest=tmp_path / "u.yaml",
            kopier_til=kopi,
            filtre=Filtre(dag=D(2024, 5, 20)),
        )
    )
    avsnitt = _utvalgsavsnitt(_rapport([kopi], tmp_path / "u.yaml"))
    assert "(vedtak fattet 20.05.2024)" in avsnitt
    assert "Alle de 4 sakene i populasjonen er gjennomgått" in avsnitt
    assert "om den dagen er representativ for andre dager" in avsnitt


def test_beskrivelsen_bruker_sakene_etter_overstyring(tmp_path: Path):
    """beskriv_utvalg compares ids only; the JSON carries the same facts."""
    (tmp_path / "s").mkdir()
    skriv_sak(tmp_path / "s", "A")
    trekk_stikkprove(
        Stikkprove(stier=[tmp_path / "s"], antall=1, seed="s", manifest=tmp_path / "u.yaml")
    )
    rapport, deler = lag_rapport(
        Oppsett(
            stier=[tmp_path / "s"],
            utvalg=tmp_path / "u.yaml",
            format=Format.json,
            dato=D(2024, 6, 1),
        )
    )
    tekst = "".join(deler)
    data = json.loads(tekst)
    assert data["utvalg"]["generaliserbar"] is True
    assert data["utvalg"]["populasjon"] == 1
    assert data["utvalg"]["mangler"] == [] and data["utvalg"]["ekstra"] == []
    assert rapport.utvalgsbeskrivelse is not None
    assert beskriv_utvalg(les_manifest(tmp_path / "u.yaml"), rapport.kjoring).generaliserbar


def test_uten_manifest_er_utvalget_udokumentert():
    _, deler = lag_rapport(Oppsett(stier=[EKSEMPLER], dato=D(2024, 6, 1)))
    tekst = "".join(deler)
    assert "Utvalget av saker er ikke dokumentert som tilfeldig" in _utvalgsavsnitt(tekst)


def test_cli_vurder_utvalg(populasjon: Path, tmp_path: Path):
    kjor(
        "stikkprove",
        str(populasjon),
        "-n",
        "3",
        "--seed",
        "s",
        "--kopier-til",
        "kopi",
        cwd=tmp_path,
    )
    svar = kjor("vurder", "kopi", "--utvalg", "utvalg.yaml", "--dato", "2024-06-01", cwd=tmp_path)
    assert svar.returncode == 0, svar.stderr
    assert "kan resultatene generaliseres til de 16 sakene i populasjonen" in svar.stdout
    svar = kjor("vurder", "kopi", "--utvalg", "finnes-ikke.yaml", cwd=tmp_path)
    assert svar.returncode == 2 and "finnes-ikke.yaml" in svar.stderr
