"""``revisjon trend``: share met per criterion and period, warnings for small N, the SVG chart."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from revisjon.feil import RevisjonFeil
from revisjon.kontroll.trend import (
    ResultatFeil,
    Trendoppdrag,
    lag_trend,
    lag_trendrapport,
    les_resultater,
)
from revisjon.rapport.statistikk import clopper_pearson
from tests.cli_hjelp import kjor

SVG = "{http://www.w3.org/2000/svg}"


def resultat(
    rapportdato: str | None, saker: list[tuple[str, str | None, dict[str, str]]], **ekstra: Any
) -> dict[str, Any]:
    """A minimal revisjon-resultat/1: (sak_id, vedtaksdato, {kriterium: status})."""
    data: dict[str, Any] = {
        "format": "revisjon-resultat/1",
        "oppsummering": {"lest": len(saker), "vurdert": len(saker), "avvist": 0},
        "kriterier": [
            {"id": "K1", "tittel": "Barnas behov kartlagt", "kilde": ["x"], "antall": {}},
            {
                "id": "K2",
                "tittel": "Barnets beste <vurdert> | synlig",
                "kilde": ["x"],
                "antall": {},
            },
        ],
        "saker": [
            {
                "sak_id": sid,
                "fil": f"{sid}.yaml",
                "linje": None,
                "tjeneste": "okonomisk_stonad",
                "enhet": None,
                "vedtaksdato": dato,
                "resultater": [
                    {"kriterium": k, "status": s, "begrunnelse": "…"} for k, s in dommer.items()
                ],
            }
            for sid, dato, dommer in saker
        ],
        "avviste": [],
        **ekstra,
    }
    if rapportdato is not None:
        data["rapportdato"] = rapportdato
    return data


def skriv(mappe: Path, navn: str, data: dict[str, Any]) -> Path:
    fil = mappe / navn
    fil.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return fil


def maned(prefiks: str, dato: str, oppfylt: int, ikke: int, aktuelt: int = 0) -> list[Any]:
    saker = [(f"{prefiks}-O{i}", dato, {"K1": "oppfylt", "K2": "oppfylt"}) for i in range(oppfylt)]
    saker += [
        (f"{prefiks}-I{i}", dato, {"K1": "ikke_oppfylt", "K2": "delvis_oppfylt"})
        for i in range(ikke)
    ]
    saker += [
        (f"{prefiks}-A{i}", dato, {"K1": "ikke_aktuelt", "K2": "ikke_vurdert"})
        for i in range(aktuelt)
    ]
    return saker


@pytest.fixture
def tre_maneder(tmp_path: Path) -> list[Path]:
    # given out of order on purpose: periods are sorted by date
    return [
        skriv(tmp_path, "juni.json", resultat("2024-07-02", maned("JUN", "2024-06-10", 12, 3))),
        skriv(tmp_path, "april.json", resultat("2024-05-03", maned("APR", "2024-04-10", 5, 5, 2))),
        skriv(tmp_path, "mai.json", resultat("2024-06-04", maned("MAI", "2024-05-10", 4, 2))),
    ]


def test_trendtabellen_per_kriterium(tre_maneder: list[Path], tmp_path: Path):
    rapport = lag_trendrapport(Trendoppdrag(filer=tre_maneder, ut=tmp_path / "trend.md"))
    tekst = (tmp_path / "trend.md").read_text(encoding="utf-8")
    assert tekst == rapport.markdown
    k1 = tekst.split("## K1 Barnas behov kartlagt\n\n", 1)[1].split("\n\n", 1)[0]
    lo, hi = clopper_pearson(12, 15)
    assert k1.replace("\u00a0%", " %").splitlines() == [
        "| Periode | Oppfylt | Vurdert | Andel oppfylt | 95 % KI | Merknad |",
        "|---|---:|---:|---:|---|---|",
        # named by the month of the sample (the vedtak dates), not the day the report was written
        "| april 2024 | 5 | 10 | 50,0 % | 18,7 %–81,3 % |  |",
        "| mai 2024 | 4 | 6 | 66,7 % | 22,2 %–95,7 % | For få saker (under 10) til å si noe sikkert |",
        "| juni 2024 | 12 | 15 | 80,0 % | 51,9 %–95,7 % |  |",
    ]
    assert lo == pytest.approx(0.5191, abs=1e-4) and hi == pytest.approx(0.9567, abs=1e-4)
    assert "![Andel oppfylt per periode med 95\u00a0% konfidensintervall](trend.svg)" in tekst
    # text from the result files is escaped
    assert "## K2 Barnets beste \\<vurdert\\> \\| synlig" in tekst
    assert any("For få saker" in linje for linje in rapport.oppsummering)


def test_grafen_er_gyldig_svg_ved_siden_av_tabellene(tre_maneder: list[Path], tmp_path: Path):
    (tmp_path / "ut").mkdir()
    lag_trendrapport(Trendoppdrag(filer=tre_maneder, ut=tmp_path / "ut" / "trend.md"))
    graf = tmp_path / "ut" / "trend.svg"
    rot = ET.parse(graf).getroot()
    assert rot.tag == f"{SVG}svg"
    assert rot.findtext(f"{SVG}title") == "Andel oppfylt per periode"
    paneler = rot.findall(f"{SVG}g")
    assert len(paneler) == 2
    punkter = paneler[0].findall(f"{SVG}circle")
    assert len(punkter) == 3
    assert [p.get("fill") for p in punkter] == ["#1f5f99", "#ffffff", "#1f5f99"]  # N = 6 hollow
    # no line joins a period with too few cases to its neighbours
    assert paneler[0].findall(f"{SVG}polyline") == []
    tekster = "".join(paneler[1].itertext())
    assert "K2 Barnets beste <vurdert> | synlig" in tekster


def test_store_antall_skrives_med_tusenskille(tmp_path: Path):
    stor = skriv(
        tmp_path, "stor.json", resultat("2024-07-02", maned("JUL", "2024-06-10", 1200, 300))
    )
    rapport = lag_trendrapport(Trendoppdrag(filer=[stor], ut=tmp_path / "trend.md"))
    nb = "\u00a0"  # the no-break space between groups of digits
    assert f"| juni 2024 | 1{nb}200 | 1{nb}500 | 80,0{nb}% |" in rapport.markdown
    assert "1 resultatfil og 1 periode (" in rapport.markdown
    assert f"| 1{nb}500 | `" in rapport.markdown  # the cases of the file, under Kilder
    tekster = "".join(ET.parse(tmp_path / "trend.svg").getroot().itertext())
    assert f"N = 1{nb}500" in tekster


def test_graf_kan_velges_og_lenken_er_relativ(tre_maneder: list[Path], tmp_path: Path):
    (tmp_path / "md").mkdir()
    (tmp_path / "bilder").mkdir()
    rapport = lag_trendrapport(
        Trendoppdrag(
            filer=tre_maneder, ut=tmp_path / "md" / "t.md", graf=tmp_path / "bilder" / "g.svg"
        )
    )
    assert "](../bilder/g.svg)" in rapport.markdown
    ET.parse(tmp_path / "bilder" / "g.svg")


def test_manedsvis_etter_vedtaksdato(tmp_path: Path):
    a = skriv(
        tmp_path,
        "a.json",
        resultat("2024-06-30", maned("A", "2024-04-03", 2, 1) + maned("B", "2024-05-20", 1, 0)),
    )
    b = skriv(
        tmp_path,
        "b.json",
        resultat(None, [*maned("C", "2024-05-02", 0, 2), ("D", None, {"K1": "oppfylt"})]),
    )
    trend = lag_trend(les_resultater([a, b]), inndeling="maned")
    assert [p.etikett for p in trend.perioder] == ["april 2024", "mai 2024"]
    k1 = trend.kriterier[0]
    assert [(p.andel.oppfylt, p.andel.vurdert) for p in k1.punkter] == [(2, 3), (1, 3)]
    assert trend.uten_dato == 1
    kvartal = lag_trend(les_resultater([a, b]), inndeling="kvartal")
    assert [p.etikett for p in kvartal.perioder] == ["2. kvartal 2024"]


def test_samme_sak_i_to_filer_er_feil_ved_manedsvis(tmp_path: Path):
    a = skriv(tmp_path, "a.json", resultat("2024-06-30", maned("A", "2024-04-03", 1, 0)))
    b = skriv(tmp_path, "b.json", resultat("2024-07-30", maned("A", "2024-04-03", 1, 0)))
    with pytest.raises(RevisjonFeil, match="telt to ganger"):
        lag_trend(les_resultater([a, b]), inndeling="maned")
    assert len(lag_trend(les_resultater([a, b])).perioder) == 2  # fine per report date


def test_kriterium_som_mangler_i_en_periode(tmp_path: Path):
    gammel = resultat("2024-05-01", maned("A", "2024-04-03", 3, 0))
    gammel["kriterier"] = gammel["kriterier"][:1]
    for s in gammel["saker"]:
        s["resultater"] = s["resultater"][:1]
    a = skriv(tmp_path, "a.json", gammel)
    b = skriv(tmp_path, "b.json", resultat("2024-06-01", maned("B", "2024-05-03", 3, 0)))
    trend = lag_trend(les_resultater([a, b]))
    k2 = trend.kriterier[1]
    assert [p.med for p in k2.punkter] == [False, True]
    assert k2.punkter[0].merknad == "Kriteriet er ikke med i resultatene for perioden"


def test_eldre_resultat_uten_rapportdato(tmp_path: Path):
    a = skriv(tmp_path, "a.json", resultat(None, maned("A", "2024-04-03", 1, 0)))
    with pytest.raises(RevisjonFeil, match="mangler «rapportdato»"):
        lag_trend(les_resultater([a]))


def test_ugyldige_resultatfiler_samles_i_en_feil(tmp_path: Path):
    a = tmp_path / "a.json"
    a.write_text("{", encoding="utf-8")
    b = skriv(tmp_path, "b.json", {"format": "noe-annet"})
    with pytest.raises(ResultatFeil) as feil:
        les_resultater([a, b])
    assert {p.fil for p in feil.value.problemer} == {str(a), str(b)}


def test_rekkefolgen_pa_kommandolinjen_spiller_ingen_rolle(tre_maneder: list[Path]):
    en = lag_trend(les_resultater(tre_maneder))
    to = lag_trend(les_resultater(list(reversed(tre_maneder))))
    assert [p.etikett for p in en.perioder] == [p.etikett for p in to.perioder]
    assert [k.id for k in en.kriterier] == [k.id for k in to.kriterier]


def test_cli_trend_fra_ekte_vurder_resultater(tmp_path: Path):
    for dato in ("2024-05-31", "2024-06-30"):
        svar = kjor(
            "vurder",
            "eksempler/",
            "--format",
            "json",
            "-o",
            str(tmp_path / f"{dato}.json"),
            "--dato",
            dato,
        )
        assert svar.returncode == 0, svar.stderr
    svar = kjor("trend", "2024-06-30.json", "2024-05-31.json", cwd=tmp_path)
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout.startswith("# Utvikling per kriterium\n")
    # the same sample, reported twice: both named by its month, told apart by the file
    assert "| september 2024 (2024-05-31.json) |" in svar.stdout
    assert "| september 2024 (2024-06-30.json) |" in svar.stdout
    assert "| 31.05.2024 |" not in svar.stdout
    assert "](trend.svg)" in svar.stdout
    ET.parse(tmp_path / "trend.svg")
    assert "Skrev trend.svg." in svar.stderr


def test_cli_trend_skriver_ikke_over_inndata(tmp_path: Path):
    a = skriv(tmp_path, "a.json", resultat("2024-05-01", maned("A", "2024-04-03", 1, 0)))
    svar = kjor("trend", str(a), "-o", str(a), cwd=tmp_path)
    assert svar.returncode == 2
    assert json.loads(a.read_text(encoding="utf-8"))["format"] == "revisjon-resultat/1"
    svar = kjor("trend", str(a), "--graf", "graf.png", cwd=tmp_path)
    assert svar.returncode == 2 and "SVG" in svar.stderr


def test_rapportdato_i_json_folger_datoen():
    data = json.loads(
        kjor("vurder", "eksempler/", "--format", "json", "--dato", "2024-02-29").stdout
    )
    assert data["rapportdato"] == "2024-02-29"
    assert dt.date.fromisoformat(data["rapportdato"])


def test_panel_uten_data_sier_ikke_vurdert(tmp_path: Path):
    fil = skriv(tmp_path, "a.json", resultat("2024-05-01", maned("A", "2024-04-03", 0, 0, 3)))
    lag_trendrapport(Trendoppdrag(filer=[fil], ut=tmp_path / "trend.md"))
    rot = ET.parse(tmp_path / "trend.svg").getroot()
    paneler = rot.findall(f"{SVG}g")
    assert all("ikke vurdert" in "".join(p.itertext()) for p in paneler)


def test_linjen_binder_perioder_med_nok_saker(tmp_path: Path):
    filer = [
        skriv(tmp_path, "a.json", resultat("2024-05-01", maned("A", "2024-04-03", 8, 4))),
        skriv(tmp_path, "b.json", resultat("2024-06-01", maned("B", "2024-05-03", 9, 3))),
    ]
    lag_trendrapport(Trendoppdrag(filer=filer, ut=tmp_path / "trend.md"))
    rot = ET.parse(tmp_path / "trend.svg").getroot()
    assert len(rot.findall(f"{SVG}g")[0].findall(f"{SVG}polyline")) == 1
