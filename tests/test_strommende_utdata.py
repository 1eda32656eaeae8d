"""Output written in pieces: the same text as before, bounded reports for large runs, and
files that are either written whole or left as they were.

A large run is built by hand (``stor_kjoring``): 1 500 cases against the standard criteria, so
the report takes its large-run form without reading 1 500 files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

import pytest
import yaml
from rich.console import Console

from revisjon.cli.terminal import oppsummeringstabell, vis_oppsummering
from revisjon.feil import Avvisning, RevisjonFeil
from revisjon.jobb import Oppsett, lag_rapport
from revisjon.kontroll.rapportdel import med_internkontroll
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.norsk import heltall
from revisjon.rapport import Format, render, render_deler
from revisjon.rapport.bygging import LISTEGRENSE, STOR_KJORING, Rapport, bygg_rapport
from revisjon.rapport.json_format import som_dict
from revisjon.rapport.markdown import md
from revisjon.resultat import Kjoring, Overstyring, Resultat, SakResultat
from revisjon.skriving import skriv_atomisk, skriv_strom
from revisjon.vurdering.enhet import kriterieinfo
from tests.cli_hjelp import kjor
from tests.conftest import EKSEMPLER, FAST_DATO, lag_sak

NB = "\u00a0"
"""The no-break space a report writes between groups of digits: 1 500 is ``f"1{NB}500"``."""

STATUSRUNDE = (
    "oppfylt",
    "ikke_oppfylt",
    "delvis_oppfylt",
    "ikke_aktuelt",
    "oppfylt",
    "ikke_vurdert",
)


def dumpet(rapport: Rapport) -> str:
    """The result text as it was written before it came in pieces."""
    return json.dumps(som_dict(rapport), ensure_ascii=False, indent=2) + "\n"


def stor_kjoring(
    sett: list[LastetSett], saker: int, *, avviste: int = 0, overstyrte: int = 0
) -> Kjoring:
    """``saker`` synthetic cases, one file each; the first ``overstyrte`` have an override."""
    kriterier = kriterieinfo(sett)

    def resultat(i: int, j: int, kid: str) -> Resultat:
        status = STATUSRUNDE[(i + j) % len(STATUSRUNDE)]
        if i >= overstyrte or j:
            return Resultat(kid, status, f"{kid} i sak {i}")  # type: ignore[arg-type]
        endring = Overstyring("ikke_oppfylt", "nei", "Sett i papirmappen.", "AB", FAST_DATO)
        return Resultat(kid, "oppfylt", "Overstyrt.", endring)

    return Kjoring(
        kriterier=kriterier,
        saker=[
            SakResultat(
                f"S-{i:05d}",
                f"saker/s-{i:05d}.json",
                None,
                "okonomisk_stonad",
                "Oppfølging",
                dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
                tuple(resultat(i, j, k.id) for j, k in enumerate(kriterier)),
            )
            for i in range(saker)
        ],
        avviste=[
            Avvisning(f"feil/f-{i:04d}.json", None, None, "filen er tom") for i in range(avviste)
        ],
        filer=[(f"saker/s-{i:05d}.json", f"{i:064x}") for i in range(saker)],
    )


def rapport_for(kjoring: Kjoring, sett: list[LastetSett]) -> Rapport:
    return bygg_rapport(kjoring, kriteriesett=sett, dato=FAST_DATO)


def avsnitt(tekst: str, overskrift: str) -> str:
    """The text under a heading, up to the next heading of any level."""
    start = tekst.index(overskrift + "\n") + len(overskrift) + 1
    slutt = tekst.find("\n#", start)
    return tekst[start : slutt if slutt > 0 else None]


@pytest.fixture(scope="module")
def stor(standardsett) -> str:
    kjoring = stor_kjoring(standardsett, 1500, avviste=LISTEGRENSE + 50, overstyrte=3)
    return render(rapport_for(kjoring, standardsett), Format.markdown)


# --- JSON: the same bytes, written case by case ---------------------------------------------------


def test_json_i_biter_er_lik_den_hele_for_eksemplene(standardsett):
    rapport, deler = lag_rapport(Oppsett(stier=[EKSEMPLER], format=Format.json, dato=FAST_DATO))
    assert "".join(deler) == dumpet(rapport)


def test_json_i_biter_er_lik_den_hele_med_avviste_og_overstyringer(tmp_path):
    (tmp_path / "tom.yaml").write_text("", encoding="utf-8")
    (tmp_path / "feil.yaml").write_text(
        yaml.safe_dump(lag_sak(sak_id="FEIL-1", tjeneste="sosialhjelp")), encoding="utf-8"
    )
    overstyringer = tmp_path / "overstyringer.yaml"
    overstyringer.write_text(
        "overstyringer:\n"
        "  - sak_id: GJ-ØS-03\n    kriterium: K1\n    status: oppfylt\n"
        "    begrunnelse: Kartlegging av B2 ligger i papirmappen.\n    av: AB\n"
        "    dato: 2024-09-12\n",
        encoding="utf-8",
    )
    oppsett = Oppsett(
        stier=[EKSEMPLER, tmp_path / "tom.yaml", tmp_path / "feil.yaml"],
        format=Format.json,
        dato=FAST_DATO,
        overstyringer=overstyringer,
    )
    rapport, deler = lag_rapport(oppsett)
    tekst = "".join(deler)
    assert tekst == dumpet(rapport)
    data = json.loads(tekst)
    assert len(data["avviste"]) == 2
    assert any("overstyring" in r for s in data["saker"] for r in s["resultater"])


@pytest.mark.parametrize(
    "tekst",
    ["linje 1\nlinje 2", 'sitat " og \\ skråstrek', "æøå – «»", "\t\x00\u2028", ""],
)
def test_json_i_biter_med_tekst_som_json_ma_escape(tekst):
    kjoring = Kjoring(
        kriterier=[],
        saker=[
            SakResultat(
                tekst, tekst, 1, "radgivning", tekst, None, (Resultat("K", "oppfylt", tekst),)
            )
        ],
        avviste=[Avvisning(tekst, None, tekst, tekst)],
    )
    rapport = bygg_rapport(kjoring, kriteriesett=[], dato=FAST_DATO)
    assert render(rapport, Format.json) == dumpet(rapport)
    sak = json.dumps(som_dict(rapport)["saker"][0], ensure_ascii=False, separators=(",", ":"))
    assert render(rapport, Format.jsonl).split("\n")[0] == sak


def test_jsonl_har_en_sak_per_linje_og_resten_til_slutt(tmp_path):
    """``--format jsonl``: every case of the JSON result, in order and with its keys in the same
    order, one per line; then one line with the head and the rejections."""
    (tmp_path / "tom.yaml").write_text("", encoding="utf-8")
    overstyringer = tmp_path / "overstyringer.yaml"
    overstyringer.write_text(
        "overstyringer:\n"
        "  - sak_id: GJ-ØS-03\n    kriterium: K1\n    status: oppfylt\n"
        "    begrunnelse: Kartlegging av B2 ligger i papirmappen.\n    av: AB\n"
        "    dato: 2024-09-12\n",
        encoding="utf-8",
    )
    oppsett = Oppsett(
        stier=[EKSEMPLER, tmp_path / "tom.yaml"],
        format=Format.jsonl,
        dato=FAST_DATO,
        overstyringer=overstyringer,
    )
    rapport, deler = lag_rapport(oppsett)
    linjer = "".join(deler).split("\n")
    assert linjer[-1] == ""  # every line ends in a line break, the last one too
    helt = som_dict(rapport)
    saker = [json.loads(linje) for linje in linjer[:-2]]
    assert [list(s.items()) for s in saker] == [list(s.items()) for s in helt["saker"]]
    assert linjer[:-2] == [
        json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in helt["saker"]
    ]
    resten = json.loads(linjer[-2])
    assert list(resten) == [k for k in helt if k != "saker"]
    assert resten == {k: v for k, v in helt.items() if k != "saker"}
    assert resten["avviste"][0]["fil"].endswith("tom.yaml")
    assert any("overstyring" in r for s in saker for r in s["resultater"])


def test_jsonl_uten_saker_er_bare_linjen_med_resten():
    rapport = bygg_rapport(Kjoring(kriterier=[]), kriteriesett=[], dato=FAST_DATO)
    tekst = render(rapport, Format.jsonl)
    assert tekst.count("\n") == 1
    assert json.loads(tekst)["oppsummering"] == {"lest": 0, "vurdert": 0, "avvist": 0}


def test_json_uten_saker_og_avviste():
    rapport = bygg_rapport(Kjoring(kriterier=[]), kriteriesett=[], dato=FAST_DATO)
    assert render(rapport, Format.json) == dumpet(rapport)
    assert json.loads(render(rapport, Format.json))["saker"] == []


@pytest.mark.parametrize("grense", [1, 7, 10_000])
def test_json_er_den_samme_uansett_hvor_mange_domstekster_som_huskes(
    standardsett, monkeypatch, grense
):
    from revisjon.rapport import json_format

    kjoring = stor_kjoring(standardsett, 300, overstyrte=5)
    delt = Resultat("K1", "oppfylt", "Delt mellom sakene.")
    kjoring.saker = [replace(s, resultater=(delt, *s.resultater, delt)) for s in kjoring.saker]
    rapport = rapport_for(kjoring, standardsett)
    monkeypatch.setattr(json_format, "TEKSTGRENSE", grense)
    assert render(rapport, Format.json) == dumpet(rapport)
    saker = [json.loads(linje) for linje in render(rapport, Format.jsonl).splitlines()[:-1]]
    assert saker == som_dict(rapport)["saker"]


def test_json_skrives_sak_for_sak(standardsett):
    rapport = rapport_for(stor_kjoring(standardsett, 1500), standardsett)
    deler = list(render_deler(rapport, Format.json))
    assert max(del_.count('"sak_id"') for del_ in deler) == 1
    assert sum(del_.count('"sak_id"') for del_ in deler) == 1500


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_kommer_i_biter(standardsett):
    rapport = rapport_for(stor_kjoring(standardsett, 20), standardsett)
    deler = list(render_deler(rapport, Format.markdown))
    assert len(deler) > 20
    assert "".join(deler) == render(rapport, Format.markdown)


def test_stor_kjoring_viser_antall_og_sier_hvor_hver_sak_star(stor):
    fakta = avsnitt(stor, "## 5 Fakta")
    assert fakta.startswith(
        f"\nRevisjonen omfatter 1{NB}500 saker. Det er for mange til å vise hver sak her, så tabellene "
        "viser bare hvor mange saker som har hver status. Vurderingen og begrunnelsen for hver sak "
        "står i resultatet fra `revisjon vurder --format json`, og avvikene (ikke oppfylt og "
        "delvis oppfylt) kan skrives til en CSV-fil med `revisjon vurder --avvik FIL.csv`.\n"
    )
    # K1 in every sixth case from the first is oppfylt, and the three overrides make it so
    assert f"| Oppfylt | 502 av 1{NB}000 |\n| Delvis oppfylt | 249 av 1{NB}000 |" in stor
    vedlegg = avsnitt(stor, "## Vedlegg 1 Saker og kriterier")
    assert "tabellen med status for hver sak og hvert kriterium utelatt" in vedlegg
    assert "`revisjon vurder --format json`" in vedlegg


def test_stor_kjoring_har_ingen_rad_per_sak(stor):
    assert "| Sak | Status | Begrunnelse |" not in stor
    assert "Ikke aktuelt i" not in stor
    rader = [linje for linje in stor.splitlines() if linje.startswith("| S-")]
    assert len(rader) == 3  # the three overrides in their appendix, below
    assert len(stor) < 60_000  # the report of 1 500 cases is a few pages, not thousands


def test_stor_kjoring_lister_avviste_opp_til_grensen(stor):
    metode = avsnitt(stor, "## 4 Metode og data")
    rader = [linje for linje in metode.splitlines() if linje.startswith("| feil/")]
    assert len(rader) == LISTEGRENSE
    assert (
        "\n\n… og 50 til. Hele listen står i resultatet fra `revisjon vurder --format json` og i "
        "meldingene revisjon skriver i terminalen under kjøringen.\n"
    ) in metode


def test_stor_kjoring_lister_hver_overstyring(stor):
    metode = avsnitt(stor, "## 4 Metode og data")
    assert (
        "**Overstyringer.** Revisor har overstyrt 3 av verktøyets vurderinger etter faglig skjønn. "
        "De er listet med begrunnelse i vedlegget.\n"
    ) in metode
    vedlegg = avsnitt(stor, "## Vedlegg 2 Overstyrte vurderinger")
    assert [
        linje.split(" | ")[0] for linje in vedlegg.splitlines() if linje.startswith("| S-")
    ] == [
        "| S-00000",
        "| S-00001",
        "| S-00002",
    ]


def test_stor_kjoring_gir_fingeravtrykk_av_filene(stor):
    sporbarhet = avsnitt(stor, "## Vedlegg 3 Sporbarhet")
    assert "| Saksfil | SHA-256 |" not in sporbarhet
    # The fingerprint is sha256sum's output for the files, hashed: checkable without revisjon.
    linjer = "".join(f"{i:064x}  saker/s-{i:05d}.json\n" for i in range(1500))
    forventet = hashlib.sha256(linjer.encode()).hexdigest()
    assert (
        f"Revisjonen har lest 1{NB}500 saksfiler. Det er for mange til å liste hver fil med sjekksum "
        f"her. Fingeravtrykket av alle filene (SHA-256 av listen over filene med sjekksummene "
        f"deres) er `{forventet}`."
    ) in sporbarhet


def test_grensen_for_stor_kjoring(standardsett):
    rett_under = render(
        rapport_for(stor_kjoring(standardsett, STOR_KJORING), standardsett), Format.markdown
    )
    assert "| Sak | Status | Begrunnelse |" in rett_under
    assert f"| S-{STOR_KJORING - 1:05d} | " in rett_under
    assert "for mange til" not in rett_under
    over = render(
        rapport_for(stor_kjoring(standardsett, STOR_KJORING + 1), standardsett), Format.markdown
    )
    assert "| Sak | Status | Begrunnelse |" not in over
    assert f"Revisjonen omfatter {heltall(STOR_KJORING + 1)} saker." in over


def test_mange_avviste_forkortes_ogsa_i_en_liten_kjoring(standardsett):
    kjoring = stor_kjoring(standardsett, 5, avviste=STOR_KJORING + 1)
    tekst = render(rapport_for(kjoring, standardsett), Format.markdown)
    assert sum(linje.startswith("| feil/") for linje in tekst.splitlines()) == LISTEGRENSE
    assert f"… og {STOR_KJORING + 1 - LISTEGRENSE} til." in tekst
    assert "| S-00004 | " in tekst  # the five cases are still listed


def test_stor_kjoring_til_fil_fra_kommandolinjen(tmp_path):
    """A user's large run: the report file has the counts, the JSON has every case."""
    mappe = tmp_path / "saker"
    mappe.mkdir()
    with (mappe / "saker.jsonl").open("w", encoding="utf-8") as fil:
        for i in range(STOR_KJORING + 1):
            fil.write(json.dumps(lag_sak(sak_id=f"T-{i}"), ensure_ascii=False) + "\n")
    ut = tmp_path / "rapport.md"
    svar = kjor("vurder", str(mappe), "-o", str(ut), "--dato", "2024-10-01")
    assert svar.returncode == 0, svar.stderr
    tekst = ut.read_text("utf-8")
    assert f"Revisjonen omfatter {heltall(STOR_KJORING + 1)} saker." in tekst
    assert "| T-" not in tekst
    sha = hashlib.sha256((mappe / "saker.jsonl").read_bytes()).hexdigest()
    assert f"| {md(mappe / 'saker.jsonl')} | `{sha}` |" in tekst  # one file: still listed
    data = json.loads(kjor("vurder", str(mappe), "--format", "json").stdout)
    assert len(data["saker"]) == STOR_KJORING + 1
    antall = heltall(STOR_KJORING + 1)
    assert f"Lest {antall} inndata: {antall} saker vurdert, 0 avvist." in svar.stderr
    # every case is the same, so each criterion has all of them in one status
    tabell = svar.stderr[svar.stderr.index("Resultat per kriterium") :]
    assert f" {antall} " in tabell
    assert f" {STOR_KJORING + 1} " not in tabell


# --- counts as a Norwegian report writes them: 1 500, with a no-break space ----------------------

UFORMATERT = re.compile(
    r"(?<![.\d])\d{4,} (?:av|saker|sak|inndata|til|saksfiler|vurderinger|avvik)\b"
    r"|\b(?:av|Med|omfatter|gjennom|lest|og|overstyrt) \d{4,}\b|\| \d{4,} \|"
)
"""A count of four digits or more written without a thousands separator (not a year, as in
«fra 01.01.2024 til» or «i 2023»)."""


def test_stor_kjoring_skriver_antall_med_tusenskille(stor):
    sammendrag = avsnitt(stor, "## 1 Sammendrag")
    assert f"Revisjonen har gått gjennom 1{NB}500 saker mot 10 revisjonskriterier." in sammendrag
    # the criteria file's conclusion names the criteria by grade, no pooled count
    assert "vurderinger i de gjennomgåtte sakene er oppfylt" not in sammendrag
    assert "I de gjennomgåtte sakene er K" in sammendrag
    metode = avsnitt(stor, "## 4 Metode og data")
    assert f"Revisjonen har gått gjennom 1{NB}500 saker med vedtak fra 01.01.2024" in metode
    assert "vurderinger i de gjennomgåtte sakene er oppfylt" not in sammendrag
    assert f"| økonomisk stønad | 1{NB}500 |" in metode
    assert f"| Oppfølging | 1{NB}500 |" in metode
    k1 = "K1 Hvert barns behov og livssituasjon kartlagt før vedtak"
    fakta = avsnitt(stor, f"### 5.1 {k1}")
    assert f"oppfylt i 502 av 1{NB}000 vurderte saker" in fakta
    vurdering = avsnitt(stor, f"### 6.1 {k1}")
    assert f"bare er kartlagt før vedtak i 502 av 1{NB}000 saker (50,2{NB}%)" in vurdering
    assert (
        f"Andel oppfylt: 50,2{NB}% (502 av 1{NB}000 saker; 95{NB}% konfidensintervall" in vurdering
    )
    konklusjon = avsnitt(stor, "### 7.1 Problemstilling 1")
    assert f": oppfylt i 502 av 1{NB}000 saker (50,2{NB}%; 95{NB}% konfidensintervall" in konklusjon
    assert f"Med 1{NB}500 saker er tabellen med status" in stor
    assert not UFORMATERT.findall(stor)


def test_antall_under_tusen_er_uten_skille(stor):
    assert "| Oppfylt | 502 av" in stor
    assert "Revisor har overstyrt 3 av verktøyets vurderinger" in stor
    assert not re.search(r"\d \d{3}\b", stor)  # a separator is never a plain space


def test_mange_avviste_og_overstyrte_med_tusenskille(standardsett):
    kjoring = stor_kjoring(standardsett, 1100, avviste=1234, overstyrte=1100)
    tekst = render(rapport_for(kjoring, standardsett), Format.markdown)
    sammendrag = avsnitt(tekst, "## 1 Sammendrag")
    assert (
        f"Revisjonen har gått gjennom 1{NB}100 saker mot 10 revisjonskriterier. 1{NB}234 inndata "
        f"kunne ikke leses og er ikke med i gjennomgangen. 1{NB}100 vurderinger er overstyrt av "
        "revisor."
    ) in sammendrag
    metode = avsnitt(tekst, "## 4 Metode og data")
    assert f"**Avviste inndata.** 1{NB}234 inndata kunne ikke leses og er ikke vurdert:" in metode
    assert f"… og 1{NB}134 til. Hele listen står" in metode
    assert f"Revisor har overstyrt 1{NB}100 av verktøyets vurderinger" in metode
    assert f"(de første {LISTEGRENSE}; alle står i resultatet" in metode
    vedlegg = avsnitt(tekst, "## Vedlegg 2 Overstyrte vurderinger")
    assert f"… og 1{NB}000 til. Alle står med begrunnelse" in vedlegg
    assert not UFORMATERT.findall(tekst)


def test_oppsummering_i_terminalen_med_tusenskille(standardsett):
    # the overrides make K1 oppfylt in all 1 100 cases
    kjoring = stor_kjoring(standardsett, 1100, avviste=1234, overstyrte=1100)
    skjerm = io.StringIO()
    konsoll = Console(file=skjerm, width=120)
    vis_oppsummering(konsoll, kjoring)
    konsoll.print(oppsummeringstabell(rapport_for(kjoring, standardsett)))
    tekst = skjerm.getvalue()
    assert tekst.startswith(f"Lest 2{NB}334 inndata: 1{NB}100 saker vurdert, 1{NB}234 avvist.\n")
    k1 = next(linje for linje in tekst.splitlines() if linje.startswith("K1 "))
    assert f" 1{NB}100 │      0 │" in k1


@pytest.mark.parametrize("bredde", [40, 60, 72, 80, 100, 120])
def test_smal_terminal_deler_ikke_et_antall_over_to_linjer(standardsett, bredde):
    """Readable from 40 columns: ids first, every count whole on its line (never «1» over
    «100»), no line wider than the terminal; a table where it fits uncut, else a list."""
    kjoring = stor_kjoring(standardsett, 1100, overstyrte=1100)
    skjerm = io.StringIO()
    konsoll = Console(file=skjerm, width=bredde)
    konsoll.print(oppsummeringstabell(rapport_for(kjoring, standardsett), bredde=bredde))
    linjer = skjerm.getvalue().splitlines()
    assert max(len(linje.rstrip()) for linje in linjer) <= bredde
    k1 = next(linje for linje in linjer if linje.startswith("K1"))
    assert "…" not in skjerm.getvalue()
    if bredde >= 80:
        assert [c.strip() for c in k1.split("│")][:2] == ["K1", f"1{NB}100"]
    else:
        assert k1.startswith(f"K1: 1{NB}100 oppfylt, 0 delvis oppfylt")
    assert ("Hvert barns behov" in skjerm.getvalue()) == (bredde >= 110)


def test_json_har_tall_som_tall_og_tekst_uten_skille(standardsett):
    rapport = med_internkontroll(
        rapport_for(stor_kjoring(standardsett, 1500), standardsett),
        utvalg=None,
        toleranse=Fraction(1, 2),
    )
    data = som_dict(rapport)
    assert data["oppsummering"] == {"lest": 1500, "vurdert": 1500, "avvist": 0}
    k1 = data["kriterier"][0]
    assert k1["antall"]["oppfylt"] == 500
    assert k1["toleranse"]["vurdert"] == 1000
    assert k1["toleranse"]["tekst"].startswith("Ikke vist: med 500 avvik i 1000 saker")
    # the report writes the same verdict with a separator
    markdown = render(rapport, Format.markdown)
    assert f"| K1 | 500 | 1{NB}000 | 50,0{NB}% |" in markdown
    assert f"Ikke vist: med 500 avvik i 1{NB}000 saker kan avviksandelen" in markdown


# --- writing ----------------------------------------------------------------------------------


def _feiler_etter(deler: list[str]) -> Iterator[str]:
    yield from deler
    raise RevisjonFeil("malen feilet midt i rapporten")


def test_atomisk_skriving_i_biter(tmp_path):
    ut = tmp_path / "rapport.md"
    skriv_atomisk(ut, iter(["# Rapport\n", "\n", "æøå\n"]))
    assert ut.read_text("utf-8") == "# Rapport\n\næøå\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]


def test_atomisk_skriving_som_feiler_midt_i_lar_den_gamle_filen_sta(tmp_path):
    ut = tmp_path / "rapport.md"
    ut.write_text("gammel rapport\n", encoding="utf-8")
    with pytest.raises(RevisjonFeil, match="midt i rapporten"):
        skriv_atomisk(ut, _feiler_etter(["# Ny rapport\n"] * 10_000))
    assert ut.read_text("utf-8") == "gammel rapport\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]


def test_feil_i_egen_mal_midt_i_rapporten_lar_utfilen_sta(tmp_path):
    mal = tmp_path / "sen-feil.md.j2"
    mal.write_text("# {{ rapport.tittel }}\n" * 50 + "{{ 1 / 0 }}\n", encoding="utf-8")
    ut = tmp_path / "rapport.md"
    ut.write_text("gammel rapport\n", encoding="utf-8")
    svar = kjor("vurder", "eksempler/", "--mal", str(mal), "-o", str(ut))
    assert svar.returncode == 2
    assert svar.stderr.startswith(f"{mal}:51: feil under utfylling av malen (ZeroDivisionError")
    assert ut.read_text("utf-8") == "gammel rapport\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.md", "sen-feil.md.j2"]


def test_skjermen_far_ingenting_nar_en_kort_tekst_feiler():
    skjerm = io.StringIO()
    with pytest.raises(RevisjonFeil):
        skriv_strom(skjerm, _feiler_etter(["# Rapport\n", "linje\n"]))
    assert skjerm.getvalue() == ""


def test_skjermen_far_lang_tekst_i_biter():
    skrevet: list[str] = []

    class Skjerm(io.StringIO):
        def write(self, tekst: str) -> int:
            skrevet.append(tekst)
            return super().write(tekst)

    skjerm = Skjerm()
    deler = [f"linje {i}\n" for i in range(1000)]
    skriv_strom(skjerm, iter(deler), hold_tilbake=100)
    assert skjerm.getvalue() == "".join(deler)
    assert len(skrevet) > 900  # held back only at the start, then piece by piece
    assert len(skrevet[0]) <= 120
