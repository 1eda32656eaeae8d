"""``vurder --avvik FILE.csv``: UTF-8 with BOM, the columns, one row per deviation, no free text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from revisjon.feil import RevisjonFeil
from revisjon.jobb import Oppsett, lag_rapport
from revisjon.kontroll.avvik import KOLONNER, avvikstekst, kontroller_avviksfil
from revisjon.rapport.format import Format
from revisjon.resultat import Kjoring, Resultat, SakResultat
from tests.cli_hjelp import kjor
from tests.conftest import EKSEMPLER, ROT, lag_sak


def les_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_csv_har_bom_kolonner_og_en_rad_per_avvik(tmp_path: Path):
    fil = tmp_path / "avvik.csv"
    svar = kjor("vurder", "eksempler/", "--avvik", str(fil), "--dato", "2024-06-01")
    assert svar.returncode == 0, svar.stderr
    data = fil.read_bytes()
    forste = data[3:].split(b"\r\n", 1)[0].decode()
    assert forste == ";".join(KOLONNER)
    assert KOLONNER == (
        "sak_id",
        "kontor",
        "enhet",
        "tjeneste",
        "tjenestenavn",
        "vedtaksdato",
        "kriterium",
        "status",
        "statusnavn",
        "begrunnelse",
    )
    rader = les_csv(data)
    resultat = json.loads(kjor("vurder", "eksempler/", "--format", "json").stdout)
    ventet = [
        (
            s["sak_id"],
            r["kriterium"],
            r["status"],
            r["begrunnelse"],
            s["vedtaksdato"] or "",
            s["enhet"] or "",
            s["kontor"] or "",
        )
        for s in resultat["saker"]
        for r in s["resultater"]
        if r["status"] in ("ikke_oppfylt", "delvis_oppfylt")
    ]
    assert [
        (
            r["sak_id"],
            r["kriterium"],
            r["status"],
            r["begrunnelse"],
            r["vedtaksdato"],
            r["enhet"],
            r["kontor"],
        )
        for r in rader
    ] == ventet
    # the codes stay in their columns, with their Norwegian names beside them
    navn = {(r["status"], r["statusnavn"]) for r in rader}
    assert navn == {("ikke_oppfylt", "ikke oppfylt"), ("delvis_oppfylt", "delvis oppfylt")}
    assert ("okonomisk_stonad", "økonomisk stønad") in {
        (r["tjeneste"], r["tjenestenavn"]) for r in rader
    }
    assert {r["status"] for r in rader} == {"ikke_oppfylt", "delvis_oppfylt"}
    assert f"Skrev {fil} ({len(rader)} avvik)." in svar.stderr


def test_csv_har_ingen_fritekst_fra_sakene(tmp_path: Path):
    hemmelig = "Kari Nordmann bor i Storgata 5 og sønnen Ola"
    sak = lag_sak(
        sak_id="T-1",
        enhet="Øst",
        vedtak={"dato": "2024-03-18", "utfall": "innvilget", "tekst": hemmelig},
        journal=[{"dato": "2024-03-06", "system": "socio", "tekst": hemmelig, "barn": ["B1"]}],
        husstand={"voksne": 1, "barn": [{"id": "B1", "alder": 9, "merknad": hemmelig}]},
    )
    (tmp_path / "s.json").write_text(json.dumps(sak, ensure_ascii=False), encoding="utf-8")
    rapport, _ = lag_rapport(Oppsett(stier=[tmp_path / "s.json"], format=Format.json))
    tekst = avvikstekst(rapport.kjoring)
    assert les_csv(tekst.encode("utf-8"))  # the case has deviations
    for ord_ in ("Kari", "Nordmann", "Storgata", "Ola"):
        assert ord_ not in tekst


def test_formler_blir_ikke_kjort_i_regnearket():
    kjoring = Kjoring(
        [],
        saker=[
            SakResultat(
                "=HYPERLINK(1)",
                "f",
                None,
                "okonomisk_stonad",
                "+Øst",
                dt.date(2024, 5, 1),
                (Resultat("K1", "ikke_oppfylt", "-ingen kartlegging"),),
            )
        ],
    )
    [rad] = les_csv(avvikstekst(kjoring).encode("utf-8"))
    assert rad["sak_id"] == "'=HYPERLINK(1)"
    assert rad["enhet"] == "'+Øst"
    assert rad["begrunnelse"] == "'-ingen kartlegging"


def test_overstyrt_vurdering_bruker_revisors_status_og_begrunnelse(tmp_path: Path):
    overstyring = tmp_path / "o.yaml"
    resultat = json.loads(kjor("vurder", "eksempler/", "--format", "json").stdout)
    sak = next(
        s for s in resultat["saker"] if any(r["status"] == "oppfylt" for r in s["resultater"])
    )
    kriterium = next(r["kriterium"] for r in sak["resultater"] if r["status"] == "oppfylt")
    overstyring.write_text(
        "overstyringer:\n"
        f"  - sak_id: {sak['sak_id']}\n    kriterium: {kriterium}\n    status: ikke_oppfylt\n"
        "    begrunnelse: Kartleggingen er datert etter vedtaket i papirmappen.\n"
        "    av: AB\n    dato: 2024-09-12\n",
        encoding="utf-8",
    )
    rapport, _ = lag_rapport(Oppsett(stier=[EKSEMPLER], overstyringer=overstyring))
    rader = les_csv(avvikstekst(rapport.kjoring).encode("utf-8"))
    [rad] = [r for r in rader if r["sak_id"] == sak["sak_id"] and r["kriterium"] == kriterium]
    assert rad["status"] == "ikke_oppfylt"
    assert rad["begrunnelse"] == (
        "Overstyrt av revisor (AB, 2024-09-12): Kartleggingen er datert etter vedtaket i papirmappen."
    )


def test_avviksfilen_kan_ikke_vaere_rapporten_eller_inndata(tmp_path: Path):
    with pytest.raises(RevisjonFeil, match="samme fil"):
        kontroller_avviksfil(tmp_path / "a.csv", stier=[EKSEMPLER], ut=tmp_path / "a.csv")
    with pytest.raises(RevisjonFeil, match="inndataene"):
        kontroller_avviksfil(EKSEMPLER / "a.csv", stier=[EKSEMPLER], ut=None)


def test_cli_avvik_i_inndatamappen_gir_kode_2(tmp_path: Path):
    svar = kjor("vurder", "eksempler/", "--avvik", "eksempler/avvik.csv")
    assert svar.returncode == 2
    assert not (ROT / "eksempler" / "avvik.csv").exists()


def test_ingen_avvik_gir_bare_overskriften(tmp_path: Path):
    [rad] = avvikstekst(Kjoring([])).splitlines()
    assert rad == "\ufeff" + ";".join(KOLONNER)
