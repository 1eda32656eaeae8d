"""The forvaltningsrevisjon report: structure, figures, wording, traceability and safety.

Most tests build a run by hand (``kjoring``: one string of status codes per criterion, one
letter per case) against a small criteria file written to ``tmp_path``, so every count is known.
The tests that need the real pipeline (dates, exit codes, the terminal) run the CLI as a user does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from revisjon import __version__
from revisjon.feil import Avvisning, KriterieFeil, RevisjonFeil
from revisjon.jobb import rapportdato
from revisjon.kriteriesprak.lasting import LastetSett, last_kriterier, standard_kriteriefil
from revisjon.kriteriesprak.modell import STANDARD_GRADERING, STATUSER
from revisjon.norsk import intervall
from revisjon.rapport import Format, render
from revisjon.rapport.bygging import Rapport, bygg_rapport, velg_grad
from revisjon.rapport.json_format import som_dict
from revisjon.rapport.markdown import md
from revisjon.rapport.oppdrag import les_oppdrag
from revisjon.rapport.statistikk import clopper_pearson
from revisjon.resultat import Kjoring, Resultat, SakResultat
from revisjon.sak import TJENESTENAVN
from revisjon.vurdering.enhet import kriterieinfo
from tests.cli_hjelp import kjor
from tests.conftest import FAST_DATO, lag_sak

NB = "\u00a0"
"""The no-break space of counts and per cent signs."""

KODER = {
    "O": "oppfylt",
    "D": "delvis_oppfylt",
    "I": "ikke_oppfylt",
    "A": "ikke_aktuelt",
    "V": "ikke_vurdert",
}

# --- helpers -------------------------------------------------------------------------------------


def kriteriefil(mappe: Path, kriterier: list[dict[str, Any]] | None = None, **topp: Any) -> Path:
    """A small criteria file; each criterion is a dict with at least ``id``."""
    data = {
        "format": "revisjon-kriterier/1",
        "tittel": "Prøvesett",
        **topp,
        "kriterier": [
            {
                "tittel": f"Kriteriet {k['id']}",
                "kilde": ["prøveloven § 1"],
                "vurdering": {"oppfylt": {"finnes": "vedtak.dato"}},
                "begrunnelse": {"oppfylt": "ja", "ikke_oppfylt": "nei"},
                **k,
            }
            for k in (kriterier or [{"id": "T1"}])
        ],
    }
    fil = mappe / "kriterier.yaml"
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return fil


def last(fil: Path) -> list[LastetSett]:
    return last_kriterier([fil])


def kjoring(
    sett: list[LastetSett], koder: dict[str, str], saker: list[dict[str, Any]] | None = None
) -> Kjoring:
    """A run with one case per letter: ``{"T1": "OOIA"}`` is four cases, the first two met."""
    antall = len(next(iter(koder.values())))
    assert all(len(k) == antall for k in koder.values())
    saker = saker or [{} for _ in range(antall)]
    return Kjoring(
        kriterier=kriterieinfo(sett),
        saker=[
            SakResultat(
                sak_id=felt.get("sak_id", f"S-{i + 1:02d}"),
                fil=felt.get("fil", f"saker/s-{i + 1:02d}.yaml"),
                linje=None,
                tjeneste=felt.get("tjeneste", "okonomisk_stonad"),
                enhet=felt.get("enhet"),
                vedtaksdato=felt.get("vedtaksdato"),
                resultater=tuple(
                    Resultat(kid, KODER[koder[kid][i]], f"{kid} i sak {i + 1}")  # type: ignore[arg-type]
                    for kid in koder
                ),
            )
            for i, felt in enumerate(saker)
        ],
        filer=[
            (felt.get("fil", f"saker/s-{i + 1:02d}.yaml"), "0" * 64) for i, felt in enumerate(saker)
        ],
    )


def rapport(sett: list[LastetSett], koder: dict[str, str], **valg: Any) -> Rapport:
    saker = valg.pop("saker", None)
    return bygg_rapport(kjoring(sett, koder, saker), kriteriesett=sett, dato=FAST_DATO, **valg)


def markdown(sett: list[LastetSett], koder: dict[str, str], **valg: Any) -> str:
    return render(rapport(sett, koder, **valg), Format.markdown)


def avsnitt(tekst: str, overskrift: str) -> str:
    """The text under a heading (``## 4 Metode og data``), up to the next heading of that level."""
    niva = overskrift.split(" ")[0]
    start = tekst.index(overskrift + "\n")
    slutt = re.search(rf"^{niva} ", tekst[start + len(overskrift) :], re.MULTILINE)
    return tekst[start : start + len(overskrift) + slutt.start()] if slutt else tekst[start:]


def overskrifter(tekst: str, niva: str = "##") -> list[str]:
    return [linje for linje in tekst.splitlines() if linje.startswith(niva + " ")]


@pytest.fixture(scope="module")
def eksempelrapport() -> str:
    svar = kjor("vurder", "eksempler/", "--dato", "2024-10-01")
    assert svar.returncode == 0, svar.stderr
    return svar.stdout


# --- the share, its interval and its wording ------------------------------------------------------


@pytest.mark.parametrize(
    ("koder", "oppfylt", "vurdert"),
    [
        ("OOODIIAAVV", 3, 6),  # ikke_aktuelt and ikke_vurdert are counted, never in the share
        ("OOOO", 4, 4),
        ("IIII", 0, 4),
        ("DDDA", 0, 3),  # delvis oppfylt is not oppfylt
        ("AAAVV", 0, 0),  # nothing assessed: no share, no interval, no wording
        ("O", 1, 1),
    ],
)
def test_andel_oppfylt_og_json(tmp_path, koder, oppfylt, vurdert):
    sett = last(kriteriefil(tmp_path))
    r = rapport(sett, {"T1": koder})
    (funn,) = r.funn
    assert funn.antall == {s: koder.count(k) for k, s in KODER.items()}
    assert (funn.andel.oppfylt, funn.andel.vurdert) == (oppfylt, vurdert)
    (kriterium,) = json.loads(render(r, Format.json))["kriterier"]
    assert kriterium["antall"] == funn.antall
    if vurdert:
        assert kriterium["andel_oppfylt"] == oppfylt / vurdert
        assert kriterium["konfidensintervall"] == list(clopper_pearson(oppfylt, vurdert))
        assert kriterium["grad"] == velg_grad(oppfylt / vurdert, STANDARD_GRADERING)
    else:
        assert kriterium["andel_oppfylt"] is None
        assert kriterium["konfidensintervall"] is None
        assert kriterium["grad"] is None


def test_konfidensintervallet_i_json_er_brok(tmp_path):
    sett = last(kriteriefil(tmp_path))
    data = som_dict(rapport(sett, {"T1": "OIIIIIIIII"}))
    lav, hoy = data["kriterier"][0]["konfidensintervall"]
    assert (round(lav, 4), round(hoy, 4)) == (0.0025, 0.4450)
    assert data["konfidens"] == 0.95


def test_tellingene_i_fakta_og_vurdering(tmp_path):
    sett = last(kriteriefil(tmp_path))
    tekst = markdown(sett, {"T1": "OOODIIAAVV"})
    fakta = avsnitt(tekst, "### 5.1 T1 Kriteriet T1")
    assert "| Oppfylt | 3 av 6 |" in fakta
    assert "| Delvis oppfylt | 1 av 6 |" in fakta
    assert "| Ikke oppfylt | 2 av 6 |" in fakta
    assert "| Ikke aktuelt | 2 |" in fakta
    assert "| Ikke vurdert | 2 |" in fakta
    # 3 of 6 is no main feature: the split is given instead
    assert "hovedtrekk" not in fakta
    assert (
        "I de gjennomgåtte sakene er resultatet delt: oppfylt i 3 av 6 vurderte saker, delvis "
        "oppfylt i 1 og ikke oppfylt i 2." in fakta
    )
    assert "Ikke aktuelt i 2 saker: S-07, S-08." in fakta
    assert "| S-09 | ikke vurdert | T1 i sak 9 |" in fakta
    vurdering = avsnitt(tekst, "### 6.1 T1 Kriteriet T1")
    assert (
        "Andel oppfylt: 50,0 % (3 av 6 saker; 95 % konfidensintervall 11,8 %–88,2 %)."
        in vurdering.replace(NB, " ")
    )
    assert (
        "- T1 Kriteriet T1: oppfylt i 3 av 6 saker (50,0 %; 95 % konfidensintervall "
        "11,8 %–88,2 %) – i noen grad." in tekst.replace(NB, " ")
    )


@pytest.mark.parametrize(
    ("andel", "grad"),
    [
        (1.0, "i stor grad"),
        (0.9, "i stor grad"),  # exactly on the step
        (9 / 10, "i stor grad"),
        (0.8999999, "langt på veg"),
        (26 / 29, "langt på veg"),  # 89.7 %
        (0.6, "langt på veg"),
        (0.5999999, "i noen grad"),
        (0.3, "i noen grad"),
        (3 / 10, "i noen grad"),
        (0.2999999, "i begrenset grad"),
        (1 / 1000, "i begrenset grad"),
        (1e-12, "i begrenset grad"),  # any share above 0
        (0.0, "i liten grad"),  # exactly 0
        (None, None),
    ],
)
def test_standardskalaen_ved_kantene(andel, grad):
    assert velg_grad(andel, STANDARD_GRADERING) == grad


@pytest.mark.parametrize(
    ("koder", "grad"),
    [
        ("OOOOOOOOOI", "i stor grad"),  # 9 of 10 = 0.9
        ("OOOOOOIIII", "langt på veg"),  # 0.6
        ("OOOIIIIIII", "i noen grad"),  # 0.3
        ("O" + "I" * 99, "i begrenset grad"),  # 0.01
        ("IIIIIIIIII", "i liten grad"),
        ("DDDDDDDDDD", "i liten grad"),
    ],
)
def test_grad_fra_tellingene(tmp_path, koder, grad):
    sett = last(kriteriefil(tmp_path))
    r = rapport(sett, {"T1": koder})
    assert r.funn[0].grad == grad
    assert r.konklusjoner[0].grad == grad


EGEN_SKALA = [
    {"minst": 1, "tekst": "fullt ut"},
    {"over": 0.5, "tekst": "for det meste"},
    {"minst": 0.5, "tekst": "halvparten"},
    {"minst": 0, "tekst": "knapt"},
]


@pytest.mark.parametrize(
    ("koder", "grad"),
    [
        ("OOOOOOOOOO", "fullt ut"),
        ("OOOOOOOOOI", "for det meste"),
        ("OOOOOOIIII", "for det meste"),
        ("OOOOOIIIII", "halvparten"),  # exactly 0.5: «over» is strict, «minst» is not
        ("OOOOIIIIII", "knapt"),
        ("IIIIIIIIII", "knapt"),
    ],
)
def test_egen_skala_fra_kriteriefilen(tmp_path, koder, grad):
    sett = last(kriteriefil(tmp_path, gradering=EGEN_SKALA))
    tekst = markdown(sett, {"T1": koder})
    konklusjon = avsnitt(tekst, "## 7 Konklusjon")
    assert f"revisjonskriteriene samlet sett {grad} oppfylt: T1 {grad} oppfylt." in konklusjon
    assert konklusjon.rstrip().endswith(f"– {grad}.")


def _linje(fil: Path, linje: str) -> int:
    """The number of the line that is ``linje`` (leading spaces aside)."""
    linjer = [x.strip() for x in fil.read_text("utf-8").splitlines()]
    assert linjer.count(linje) == 1
    return linjer.index(linje) + 1


@pytest.mark.parametrize(
    ("skala", "trinn", "melding"),
    [
        (
            [
                {"minst": 0.3, "tekst": "noe"},
                {"minst": 0.6, "tekst": "mye"},
                {"minst": 0, "tekst": "lite"},
            ],
            1,
            "trinnene står ikke i synkende rekkefølge; skriv det høyeste trinnet først",
        ),
        (
            [{"minst": 0, "tekst": "lite"}, {"over": 0, "tekst": "noe"}],
            1,
            "trinnene står ikke i synkende rekkefølge; skriv det høyeste trinnet først",
        ),
        (
            [{"minst": 0.5, "tekst": "mye"}, {"over": 0, "tekst": "noe"}],
            1,
            "siste trinn må være «minst: 0», så hver andel får en formulering",
        ),
        (
            [{"minst": 0.5, "tekst": "mye"}, {"minst": 0.1, "tekst": "noe"}],
            1,
            "siste trinn må være «minst: 0», så hver andel får en formulering",
        ),
    ],
)
def test_ugyldig_skala_stopper_lastingen(tmp_path, skala, trinn, melding):
    fil = kriteriefil(tmp_path, gradering=skala)
    with pytest.raises(KriterieFeil) as feil:
        last(fil)
    ((nokkel, verdi), *_) = skala[trinn].items()
    linje = _linje(fil, f"- {nokkel}: {verdi}")
    assert f"{fil}:{linje}: gradering[{trinn}]: {melding}" in [str(p) for p in feil.value.problemer]


def test_ugyldig_skala_gir_kode_2_og_ingen_rapport(tmp_path):
    skala = [{"minst": 0.5, "tekst": "mye"}, {"minst": 0.1, "tekst": "noe"}]
    fil = kriteriefil(tmp_path, gradering=skala)
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak()), encoding="utf-8")
    svar = kjor("vurder", str(tmp_path / "sak.yaml"), "-k", str(fil))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert (
        f"{fil}:{_linje(fil, '- minst: 0.1')}: gradering[1]: siste trinn må være «minst: 0»"
        in svar.stderr
    )


# --- what the sample can support ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("koder", "konfidens", "setning"),
    [
        (
            "I" * 10,
            0.95,
            "Med 10 saker og ingen funnet i orden kan revisjonen med 95 % sikkerhet si at "
            "andelen er under 25,9 % (ensidig grense).",  # 1 - 0.05 ** (1 / 10)
        ),
        (
            "DDIIIIIIII",
            0.95,
            "Med 10 saker og ingen funnet i orden kan revisjonen med 95 % sikkerhet si at "
            "andelen er under 25,9 % (ensidig grense).",
        ),
        (
            "I" * 12,
            0.95,
            "Med 12 saker og ingen funnet i orden kan revisjonen med 95 % sikkerhet si at "
            "andelen er under 22,1 % (ensidig grense).",  # the oracle, not 26,5 %
        ),
        (
            "I" * 10,
            0.9,
            "Med 10 saker og ingen funnet i orden kan revisjonen med 90 % sikkerhet si at "
            "andelen er under 20,6 % (ensidig grense).",
        ),
        (
            "O" + "I" * 9,
            0.95,
            "Med 10 saker og 1 funnet i orden kan revisjonen med 95 % sikkerhet si at andelen "
            "ligger mellom 0,2 % og 44,6 %.",
        ),
        (
            "O" * 10,
            0.95,
            "Med 10 saker og 10 funnet i orden kan revisjonen med 95 % sikkerhet si at andelen "
            "er over 74,1 % (ensidig grense).",
        ),
        (
            "OAV",
            0.95,
            "Med 1 sak og 1 funnet i orden kan revisjonen med 95 % sikkerhet si at andelen er "
            "over 5,0 % (ensidig grense).",
        ),
        (
            "AAVV",
            0.95,
            "Kriteriet er ikke vurdert i noen sak, så utvalget sier ingenting om praksis.",
        ),
    ],
)
def test_hva_et_tilfeldig_utvalg_kan_bare(tmp_path, koder, konfidens, setning):
    sett = last(kriteriefil(tmp_path))
    tekst = markdown(sett, {"T1": koder}, konfidens=konfidens, tilfeldig=True)
    assert setning in avsnitt(tekst, "### 6.1 T1 Kriteriet T1").replace(NB, " ")


@pytest.mark.parametrize("koder", ["I" * 10, "O" + "I" * 9, "O" * 10])
def test_uten_tilfeldig_utvalg_ingen_setning_om_sikkerhet(tmp_path, koder):
    """Without a random sample the intervals stand in the tables, and the method chapter says
    once what they mean; no sentence claims «med 95 % sikkerhet»."""
    sett = last(kriteriefil(tmp_path))
    tekst = markdown(sett, {"T1": koder}).replace(NB, " ")
    assert not re.search(r"\bsikkerhet\b", tekst)
    metode = avsnitt(tekst, "## 4 Metode og data")
    assert metode.count("beskriver intervallene usikkerheten bare under forutsetning") == 1
    assert "konfidensintervall" in avsnitt(tekst, "### 6.1 T1 Kriteriet T1") or (
        "ensidig 95 % " in avsnitt(tekst, "### 6.1 T1 Kriteriet T1")
    )


@pytest.mark.parametrize(
    ("koder", "grense"),
    [("I" * 12, "ensidig 95 % øvre grense 22,1 %"), ("O" * 12, "ensidig 95 % nedre grense 77,9 %")],
)
def test_ingen_eller_alle_i_orden_gir_ensidig_grense_i_tabellene(tmp_path, koder, grense):
    sett = last(kriteriefil(tmp_path))
    tekst = markdown(sett, {"T1": koder}).replace(NB, " ")
    assert grense in avsnitt(tekst, "### 6.1 T1 Kriteriet T1")
    assert grense in avsnitt(tekst, "## 7 Konklusjon")


def test_rapporten_sier_revisjonen_aldri_vi(eksempelrapport):
    assert not re.search(r"\b[Vv]i\b", eksempelrapport)


@pytest.mark.parametrize("n", [1, 3, 10, 24, 57])
@pytest.mark.parametrize("konfidens", [0.9, 0.95, 0.99])
def test_setningen_sier_aldri_mer_enn_utvalget_baerer(tmp_path, n, konfidens):
    """A limit in the sentence is the computed limit rounded outwards: «under 25,9 %» for
    25.89 %, never «under 25,8 %»; with none or all in order it is the one-sided limit, else
    the two-sided interval printed beside it."""
    sett = last(kriteriefil(tmp_path))
    for oppfylt in sorted({0, 1, n // 2, n - 1, n}):
        koder = {"T1": "O" * oppfylt + "I" * (n - oppfylt)}
        f = rapport(sett, koder, konfidens=konfidens, tilfeldig=True).funn[0]
        assert f.stotte is not None
        stotte = f.stotte.replace(NB, " ")
        lav, hoy = clopper_pearson(oppfylt, n, konfidens)
        tall = [float(t.replace(",", ".")) for t in re.findall(r"(\d+,\d) %", stotte)]
        if oppfylt == 0:
            ovre = 1 - (1 - konfidens) ** (1 / n)
            assert tall[-1] >= ovre * 100 - 1e-9 and "ensidig" in stotte
            assert tall[-1] - ovre * 100 < 0.1
        elif oppfylt == n:
            nedre = (1 - konfidens) ** (1 / n)
            assert tall[-1] <= nedre * 100 + 1e-9 and "ensidig" in stotte
            assert nedre * 100 - tall[-1] < 0.1
        else:
            assert tall[0] <= lav * 100 and tall[1] >= hoy * 100
            assert stotte.endswith(
                " og ".join(intervall((lav, hoy)).replace(NB, " ").split("–")) + "."
            )


# --- the report's structure ---------------------------------------------------------------------


def test_overskriftene_i_riktig_rekkefolge(eksempelrapport):
    assert overskrifter(eksempelrapport, "#") == [
        "# Arbeidet mot barnefattigdom – de sosiale tjenestene i Nav"
    ]
    assert overskrifter(eksempelrapport) == [
        "## 1 Sammendrag",
        "## 2 Innledning",
        "## 3 Revisjonskriterier",
        "## 4 Metode og data",
        "## 5 Fakta",
        "## 6 Revisjonens vurdering",
        "## 7 Konklusjon",
        "## 8 Anbefalinger",
        "## Vedlegg 1 Saker og kriterier",
        "## Vedlegg 2 Sporbarhet",
        "## Vedlegg 3 Kommunedirektørens uttalelse",
    ]
    assert [o.split(" ", 2)[1] for o in overskrifter(eksempelrapport, "###")][:3] == [
        "2.1",
        "2.2",
        "5.1",
    ]


def test_hvert_kriterium_har_fakta_og_vurdering(eksempelrapport):
    ider = [f"K{i}" for i in range(1, 11)]
    fakta = [o.split()[2] for o in overskrifter(eksempelrapport, "###") if o.startswith("### 5.")]
    vurdering = [
        o.split()[2] for o in overskrifter(eksempelrapport, "###") if o.startswith("### 6.")
    ]
    assert fakta == ider
    assert vurdering == ider


def test_kriteriene_med_kilder(tmp_path):
    sett = last(
        kriteriefil(
            tmp_path,
            [
                {
                    "id": "T1",
                    "kilde": ["forvaltningsloven § 17", "rundskriv R35-00"],
                    "beskrivelse": "Slik.",
                }
            ],
        )
    )
    kriterier = avsnitt(markdown(sett, {"T1": "O"}), "## 3 Revisjonskriterier")
    assert (
        "- **T1 Kriteriet T1** – utledet fra forvaltningsloven § 17; rundskriv R35-00. Slik."
        in kriterier
    )


PROBLEMSTILLINGER = [
    {"tekst": "I hvilken grad kartlegges barna?", "kriterier": ["T1"]},
    {
        "tekst": "I hvilken grad følges familiene opp?",
        "kriterier": ["T2", "T3"],
        "konklusjon": "Familiene følges {grad} opp: {kriteriegrader}.",
    },
]


def test_problemstillingene_samler_kriteriene(tmp_path):
    sett = last(
        kriteriefil(
            tmp_path,
            [{"id": "T1"}, {"id": "T2"}, {"id": "T3"}],
            problemstilling=PROBLEMSTILLINGER,
            formaal="Å finne ut om barna blir sett.",
        )
    )
    tekst = markdown(sett, {"T1": "OOOO", "T2": "OIIA", "T3": "OOIV"})
    sammendrag = avsnitt(tekst, "## 1 Sammendrag")
    assert "**Problemstilling 1: I hvilken grad kartlegges barna?**" in sammendrag
    assert "**Problemstilling 2: I hvilken grad følges familiene opp?**" in sammendrag
    # T2 (1 of 3) and T3 (2 of 3) are named by grade, not pooled into 3 of 6; the grade of
    # the problemstilling is the median criterion's, with two criteria the weaker one
    assert (
        "Familiene følges i noen grad opp: T3 langt på veg oppfylt og T2 i noen grad." in sammendrag
    )
    assert "vurderinger" not in sammendrag
    assert (
        "I de gjennomgåtte sakene er revisjonskriteriene samlet sett i stor grad oppfylt: T1 i "
        "stor grad oppfylt." in sammendrag
    )
    innledning = avsnitt(tekst, "## 2 Innledning")
    assert "Å finne ut om barna blir sett." in innledning
    assert (
        "1. I hvilken grad kartlegges barna?\n2. I hvilken grad følges familiene opp?" in innledning
    )
    forste = avsnitt(tekst, "### 7.1 Problemstilling 1")
    andre = avsnitt(tekst, "### 7.2 Problemstilling 2")
    assert "- T1 " in forste and "- T2 " not in forste
    assert "- T2 Kriteriet T2: oppfylt i 1 av 3 saker" in andre
    assert "- T3 Kriteriet T3: oppfylt i 2 av 3 saker" in andre
    assert "- T1 " not in andre


def test_uten_problemstilling_er_det_en_for_alle_kriteriene(tmp_path):
    sett = last(kriteriefil(tmp_path, [{"id": "T1"}, {"id": "T2"}]))
    tekst = markdown(sett, {"T1": "OI", "T2": "OO"})
    konklusjon = avsnitt(tekst, "## 7 Konklusjon")
    assert overskrifter(konklusjon, "###") == ["### 7.1 Problemstilling 1"]
    assert "- T1 " in konklusjon and "- T2 " in konklusjon
    assert (
        "revisjonskriteriene samlet sett i noen grad oppfylt: T2 i stor grad oppfylt og T1 i "
        "noen grad." in konklusjon
    )


# --- Metode og data -----------------------------------------------------------------------------


SAKER = [
    {"tjeneste": "okonomisk_stonad", "enhet": "Enhet B", "vedtaksdato": dt.date(2024, 2, 18)},
    {"tjeneste": "okonomisk_stonad", "enhet": "Enhet A", "vedtaksdato": dt.date(2023, 6, 12)},
    {"tjeneste": "okonomisk_radgivning", "enhet": None, "vedtaksdato": None},
    {
        "tjeneste": "opplysning_rad_veiledning",
        "enhet": "Enhet B",
        "vedtaksdato": dt.date(2024, 9, 10),
    },
]


def test_metode_og_data(tmp_path):
    sett = last(kriteriefil(tmp_path))
    metode = avsnitt(markdown(sett, {"T1": "OIAV"}, saker=SAKER), "## 4 Metode og data")
    assert metode.startswith(
        "## 4 Metode og data\n\n**Saksgjennomgang.** Revisjonen har gått gjennom 4 saker med "
        "vedtak fra 12.06.2023 til 10.09.2024."
    )
    assert f"revisjon {__version__}" in metode
    for tjeneste, antall in [
        ("okonomisk_stonad", 2),
        ("okonomisk_radgivning", 1),
        ("opplysning_rad_veiledning", 1),
    ]:
        assert f"| {TJENESTENAVN[tjeneste]} | {antall} |" in metode
    assert "| Enhet A | 1 |\n| Enhet B | 2 |\n| ikke oppgitt | 1 |" in metode
    assert (
        "**Utvalg.** Utvalget av saker er ikke dokumentert som tilfeldig. Funnene gjelder derfor "
        "de gjennomgåtte sakene og kan ikke uten videre generaliseres" in metode
    )
    assert f"tosidig 95{NB}% eksakt konfidensintervall (Clopper-Pearson)" in metode
    assert "Et hovedtrekk nevnes bare når minst to av tre vurderte saker har samme status" in metode
    assert "regelen «median» i kriteriefilen" in metode
    assert "**Avviste inndata.** Ingen inndata ble avvist." in metode
    assert "**Overstyringer.** Ingen vurderinger er overstyrt." in metode


def test_uten_vedtak_er_det_ingen_periode(tmp_path):
    sett = last(kriteriefil(tmp_path))
    metode = avsnitt(markdown(sett, {"T1": "A"}, saker=[SAKER[2]]), "## 4 Metode og data")
    assert "Revisjonen har gått gjennom 1 sak. Sakene er vurdert" in metode


def test_funnene_gjelder_de_gjennomgatte_sakene(eksempelrapport):
    for f in overskrifter(eksempelrapport, "###"):
        if f.startswith("### 5."):
            avsnittet = avsnitt(eksempelrapport, f).split("\n\n")[1]
            assert "i de gjennomgåtte sakene" in avsnittet.lower()
    konklusjoner = [
        a
        for a in avsnitt(eksempelrapport, "## 1 Sammendrag").split("\n\n")[1:]
        if a.strip()
        and not a.startswith(("**", "Revisjonen har gått gjennom", "Revisjonen anbefaler", "- "))
    ]
    assert len(konklusjoner) == 3
    for konklusjon in konklusjoner:
        assert "i de gjennomgåtte sakene" in konklusjon.lower()


def test_avviste_inndata_med_arsak(tmp_path):
    (tmp_path / "god.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="GOD-1")), encoding="utf-8")
    feil = tmp_path / "feil.yaml"
    feil.write_text(
        yaml.safe_dump(lag_sak(sak_id="FEIL-1", tjeneste="sosialhjelp")), encoding="utf-8"
    )
    tom = tmp_path / "tom.yaml"
    tom.write_text("", encoding="utf-8")
    svar = kjor("vurder", str(tmp_path), "--dato", "2024-10-01")
    assert svar.returncode == 1
    metode = avsnitt(svar.stdout, "## 4 Metode og data")
    assert "**Avviste inndata.** 2 inndata kunne ikke leses og er ikke vurdert:" in metode
    rader = [linje for linje in metode.splitlines() if linje.startswith(f"| {md(tmp_path)}")]
    assert len(rader) == 2
    linje = feil.read_text("utf-8").splitlines().index("tjeneste: sosialhjelp") + 1
    assert rader[0].startswith(f"| {md(feil)} | {linje} | tjeneste | ugyldig verdi «sosialhjelp»")
    assert rader[1].startswith(f"| {md(tom)} | – | – | ")
    assert "2 inndata kunne ikke leses og er ikke med i gjennomgangen." in avsnitt(
        svar.stdout, "## 1 Sammendrag"
    )


# --- recommendations ----------------------------------------------------------------------------


def test_anbefalinger_bare_for_kriterier_som_ikke_er_oppfylt(tmp_path):
    sett = last(
        kriteriefil(
            tmp_path,
            [
                {"id": "T1", "anbefaling": "gjør T1 i alle saker."},
                {"id": "T2", "anbefaling": "gjør T2 ({oppfylt} av {vurdert} nå)."},
                {"id": "T3", "anbefaling": "gjør T3."},
                {"id": "T4"},
            ],
        )
    )
    tekst = markdown(sett, {"T1": "OOOA", "T2": "OIDV", "T3": "AAVV", "T4": "IIII"})
    anbefalinger = avsnitt(tekst, "## 8 Anbefalinger")
    assert anbefalinger.split("\n\n")[1:3] == [
        "**Anbefalinger til problemstilling 1.** Revisjonen anbefaler at kommunen:",
        "- gjør T2 (1 av 3 nå). (T2)",
    ]
    assert "T1" not in anbefalinger  # met in every case where it was assessed
    assert "T3" not in anbefalinger  # never assessed
    # repeated in the summary, under the problemstilling
    sammendrag = avsnitt(tekst, "## 1 Sammendrag")
    assert "Revisjonen anbefaler at kommunen:\n\n- gjør T2 (1 av 3 nå). (T2)" in sammendrag


@pytest.mark.parametrize(
    ("koder", "ved_avvik", "anbefales"),
    [
        ("O" * 11 + "I", False, False),  # 1 deviation in 12 (91,7 %): above the 90 % line
        ("O" * 11 + "I", True, True),  # unless every deviation counts for this criterion
        ("O" * 9 + "I", False, False),  # 90,0 %: at the line is not below it
        ("O" * 8 + "II", False, True),  # 80,0 %
        ("O" * 12, True, False),  # nothing to follow up
    ],
)
def test_anbefalingsregelen_fra_kriteriefilen(tmp_path, koder, ved_avvik, anbefales):
    kriterium = {"id": "T1", "anbefaling": "gjør T1.", "anbefaling_ved_avvik": ved_avvik}
    sett = last(kriteriefil(tmp_path, [kriterium]))
    r = rapport(sett, {"T1": koder})
    assert (r.funn[0].anbefaling is not None) is anbefales
    assert bool(r.anbefalinger) is anbefales


def test_anbefalingsgrensen_kan_settes_i_kriteriefilen(tmp_path):
    sett = last(
        kriteriefil(tmp_path, [{"id": "T1", "anbefaling": "gjør T1."}], anbefaling_under=0.7)
    )
    assert rapport(sett, {"T1": "OOOOOOOIII"}).funn[0].anbefaling is None  # 70 %
    assert rapport(sett, {"T1": "OOOOOOIIII"}).funn[0].anbefaling == "gjør T1."  # 60 %
    metode = avsnitt(markdown(sett, {"T1": "OI"}), "## 4 Metode og data")
    assert f"oppfylt i under 70,0{NB}% av sakene" in metode


def test_anbefalingene_rettes_til_enheten_i_oppdraget(tmp_path):
    sett = last(kriteriefil(tmp_path, [{"id": "T1", "anbefaling": "gjør T1."}]))
    oppdrag = tmp_path / "oppdrag.yaml"
    oppdrag.write_text(
        "format: revisjon-oppdrag/1\nkommune: Gjøvik kommune\nanbefalinger_til: Gjøvik kommune\n",
        encoding="utf-8",
    )
    tekst = markdown(sett, {"T1": "OI"}, oppdrag=les_oppdrag(oppdrag))
    assert "Revisjonen anbefaler at Gjøvik kommune:" in avsnitt(tekst, "## 8 Anbefalinger")


def test_ingen_anbefalinger_nar_alt_er_oppfylt(tmp_path):
    sett = last(kriteriefil(tmp_path, [{"id": "T1", "anbefaling": "Gjør T1."}]))
    anbefalinger = avsnitt(markdown(sett, {"T1": "OOA"}), "## 8 Anbefalinger")
    assert "Revisjonen har ingen anbefalinger: alle kriterier er oppfylt" in anbefalinger


def test_kriterier_uten_anbefalingstekst_som_ikke_er_oppfylt(tmp_path):
    """The report must not claim everything is met when the criteria file just has no texts."""
    sett = last(kriteriefil(tmp_path, [{"id": "T1"}]))
    anbefalinger = avsnitt(markdown(sett, {"T1": "OII"}), "## 8 Anbefalinger")
    assert "alle kriterier er oppfylt" not in anbefalinger
    assert "revisor vurderer om det skal gis anbefalinger" in anbefalinger


def test_revisjonens_vurdering_velges_etter_resultatet(tmp_path):
    tekster = {
        "alle": "Alle {vurdert} er i orden.",
        "noen": "{oppfylt} av {vurdert} ({andel}; KI {intervall}) er i orden, {grad}.",
        "ingen": "Ingen av {vurdert} er i orden.",
    }
    sett = last(kriteriefil(tmp_path, [{"id": "T1", "revisjonens_vurdering": tekster}]))
    for koder, tekst in [
        ("OOA", "Alle 2 er i orden."),
        ("OIA", f"1 av 2 (50,0{NB}%; KI 1,2{NB}%–98,8{NB}%) er i orden, i noen grad."),
        ("IDA", "Ingen av 2 er i orden."),
    ]:
        assert tekst in avsnitt(markdown(sett, {"T1": koder}), "### 6.1 T1 Kriteriet T1")


# --- appendices ---------------------------------------------------------------------------------


def test_matrisen_i_vedlegget(tmp_path):
    sett = last(kriteriefil(tmp_path, [{"id": "T1"}, {"id": "T2"}]))
    vedlegg = avsnitt(
        markdown(sett, {"T1": "ODIAV", "T2": "VAIDO"}), "## Vedlegg 1 Saker og kriterier"
    )
    assert (
        "O = oppfylt, D = delvis oppfylt, I = ikke oppfylt, – = ikke aktuelt, ? = ikke vurdert"
        in vedlegg
    )
    assert (
        "| Sak | T1 | T2 |\n|---|:-:|:-:|\n"
        "| S-01 | O | ? |\n| S-02 | D | – |\n| S-03 | I | I |\n| S-04 | – | D |\n| S-05 | ? | O |\n"
    ) in vedlegg


def test_sporbarhet_med_sha256_av_hver_fil(tmp_path):
    saker = tmp_path / "saker"
    saker.mkdir()
    (saker / "a.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="A-1")), encoding="utf-8")
    (saker / "b.json").write_text(json.dumps(lag_sak(sak_id="B-1")), encoding="utf-8")
    (saker / "c.jsonl").write_text(
        "\n".join(json.dumps(lag_sak(sak_id=f"C-{i}")) for i in (1, 2)) + "\n", encoding="utf-8"
    )
    egen = kriteriefil(tmp_path)
    for kriterier, fil, navn in [
        ([], standard_kriteriefil(), "revisjon:kriterier/barnefattigdom-nav.yaml"),
        (["-k", str(egen)], egen, str(egen)),
    ]:
        svar = kjor("vurder", str(saker), *kriterier, "--dato", "2024-10-01")
        assert svar.returncode == 0, svar.stderr
        vedlegg = avsnitt(svar.stdout, "## Vedlegg 2 Sporbarhet")
        assert f"- Verktøy: revisjon {__version__}" in vedlegg
        assert "- Rapportdato: 01.10.2024" in vedlegg
        assert f"saker = {md(saker)}" in vedlegg
        assert "konfidens = 0.95" in vedlegg
        assert f"| {md(navn)} | `{hashlib.sha256(fil.read_bytes()).hexdigest()}` |" in vedlegg
        filrader = [r for r in vedlegg.splitlines() if r.startswith(f"| {md(saker)}")]
        assert filrader == [
            f"| {md(saker / n)} | `{hashlib.sha256((saker / n).read_bytes()).hexdigest()}` |"
            for n in ("a.yaml", "b.json", "c.jsonl")
        ]


def test_plass_til_kommunedirektorens_uttalelse(eksempelrapport):
    assert eksempelrapport.endswith(
        "## Vedlegg 3 Kommunedirektørens uttalelse\n\n"
        "*Kommunedirektørens uttalelse til rapportutkastet settes inn her.*\n"
    )


# --- determinism and the report date ------------------------------------------------------------


def test_to_kjoringer_gir_like_bytes(eksempelrapport):
    andre = kjor("vurder", "eksempler/", "--dato", "2024-10-01")
    assert andre.stdout.encode("utf-8") == eksempelrapport.encode("utf-8")


def test_rapportdato_fra_valg_og_fra_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727740800")  # 2024-10-01T00:00:00Z
    fra_miljo = kjor("vurder", "eksempler/")
    assert fra_miljo.returncode == 0
    assert "Rapportdato: 01.10.2024" in fra_miljo.stdout
    valgt = kjor("vurder", "eksempler/", "--dato", "2024-02-18")  # --dato wins
    assert "Rapportdato: 18.02.2024" in valgt.stdout
    assert "- Rapportdato: 18.02.2024" in valgt.stdout
    assert fra_miljo.stdout == kjor("vurder", "eksempler/", "--dato", "2024-10-01").stdout


@pytest.mark.parametrize("verdi", ["i går", "1.5", "1e9", "99999999999999999999"])
def test_ugyldig_source_date_epoch_gir_ren_feil(monkeypatch, verdi):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", verdi)
    svar = kjor("vurder", "eksempler/")
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert f"SOURCE_DATE_EPOCH: «{verdi}» er ikke et antall sekunder siden 1970" in svar.stderr
    assert "Traceback" not in svar.stderr


def test_rapportdato():
    assert rapportdato(None, {"SOURCE_DATE_EPOCH": "1727740800"}) == dt.date(2024, 10, 1)
    assert rapportdato(None, {"SOURCE_DATE_EPOCH": "1727740799"}) == dt.date(2024, 9, 30)  # UTC
    assert rapportdato(dt.date(2024, 2, 18), {"SOURCE_DATE_EPOCH": "x"}) == dt.date(2024, 2, 18)
    assert rapportdato(None, {}) == dt.date.today()
    with pytest.raises(RevisjonFeil):
        rapportdato(None, {"SOURCE_DATE_EPOCH": "-"})


def test_konfidens_endrer_intervallet_og_merkelappen():
    svar = kjor("vurder", "eksempler/", "--dato", "2024-10-01", "--konfidens", "0.9")
    assert svar.returncode == 0
    data = json.loads(kjor("vurder", "eksempler/", "--format", "json", "--konfidens", "0.9").stdout)
    k1 = data["kriterier"][0]
    oppfylt = k1["antall"]["oppfylt"]
    vurdert = oppfylt + k1["antall"]["delvis_oppfylt"] + k1["antall"]["ikke_oppfylt"]
    assert k1["konfidensintervall"] == list(clopper_pearson(oppfylt, vurdert, 0.9))
    assert data["konfidens"] == 0.9
    assert "tosidig 90 % eksakt konfidensintervall" in svar.stdout.replace(NB, " ")
    assert (
        f"90{NB}% konfidensintervall {intervall(clopper_pearson(oppfylt, vurdert, 0.9))}"
        in svar.stdout
    )
    assert "95 %" not in svar.stdout
    assert "konfidens = 0.9" in svar.stdout


@pytest.mark.parametrize("verdi", ["1", "0.3", "nan"])
def test_ugyldig_konfidens(verdi):
    svar = kjor("vurder", "eksempler/", "--konfidens", verdi)
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert "--konfidens" in svar.stderr
    assert "Traceback" not in svar.stderr


# --- escaping -----------------------------------------------------------------------------------

FARLIG = [
    "A|B",
    "<script>alert(1)</script>",
    "[x](y)",
    "![bilde](http://x/y.png)",
    "# overskrift",
    "```",
    "~~~python",
    "- punkt",
    "1. punkt",
    "> sitat",
    "*fet* og __fet__",
    "<img src=x onerror=alert(1)>",
    "linje\n\n## ny overskrift",
    "slutt \\",
]


def _skillestreker(linje: str) -> int:
    """The pipes that end a table cell (a backslash escapes the next character)."""
    antall, i = 0, 0
    while i < len(linje):
        if linje[i] == "\\":
            i += 2
            continue
        antall += linje[i] == "|"
        i += 1
    return antall


def skjelett(tekst: str) -> list[str]:
    """What each line is, as a Markdown reader sees it: heading, table row (and its cells), …"""
    ut = []
    for linje in tekst.splitlines():
        if not linje.strip():
            ut.append("tom")
        elif m := re.match(r"(#{1,6})(\s|$)", linje):
            ut.append(f"h{len(m.group(1))}")
        elif linje.startswith("|"):
            ut.append(f"rad{_skillestreker(linje)}")
        elif re.match(r"\s*(`{3,}|~{3,})", linje):
            ut.append("kode")
        elif re.match(r"\s*([-+*]|\d+[.)])(\s|$)", linje):
            ut.append("liste")
        elif re.match(r"\s*>", linje):
            ut.append("sitat")
        else:
            ut.append("avsnitt")
    return ut


def _farlig_rapport(tmp_path: Path, tekst: str, nr: int) -> str:
    mappe = tmp_path / f"sett{nr}"
    mappe.mkdir()
    sett = last(
        kriteriefil(
            mappe,
            [
                {"id": "T1", "tittel": tekst, "kilde": [tekst, "lov"], "beskrivelse": tekst},
                {"id": "T2", "anbefaling": "Gjør dette."},
            ],
            tittel=tekst,
            formaal=tekst,
            bakgrunn=tekst,
            problemstilling=[{"tekst": tekst}],
            gradering=[{"minst": 0.5, "tekst": tekst}, {"minst": 0, "tekst": tekst}],
        )
    )
    saker = [
        {"sak_id": tekst, "enhet": tekst, "fil": f"saker/{tekst}.yaml"},
        {"sak_id": "S-2", "enhet": tekst},
    ]
    r = rapport(sett, {"T1": "OI", "T2": "IA"}, saker=saker)
    r.kjoring.avviste.append(Avvisning(tekst, 3, tekst, tekst))
    return render(r, Format.markdown)


@pytest.mark.parametrize("tekst", FARLIG)
def test_tekst_fra_inndata_kan_ikke_endre_rapportens_form(tmp_path, tekst):
    farlig = _farlig_rapport(tmp_path, tekst, 1)
    ufarlig = _farlig_rapport(tmp_path, "vanlig tekst", 2)
    assert skjelett(farlig) == skjelett(ufarlig)
    # what the input tried, with no backslash in front, must not be in the report
    for raa in (
        r"<script",
        r"<img",
        r"\[x\]\(y\)",
        r"\]\(http",
        r"```",
        r"~~~",
        r"\*fet\*",
        r"__fet__",
    ):
        if re.search(raa, tekst):
            assert not re.search(r"(?<!\\)" + raa, farlig), raa


def test_rommende_tegn_er_synlige_som_tekst(tmp_path):
    farlig = _farlig_rapport(tmp_path, "<script>alert(1)</script> [x](y) A|B", 1)
    assert "\\<script\\>alert(1)\\</script\\> \\[x\\](y) A\\|B" in farlig
    assert (
        "| \\<script\\>alert(1)\\</script\\> \\[x\\](y) A\\|B | ikke oppfylt | T2 i sak 1 |"
        in farlig
    )
    assert "| S-2 | ikke oppfylt | T1 i sak 2 |" in farlig


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc er ikke installert")
@pytest.mark.parametrize("tekst", FARLIG)
def test_pandoc_ser_ingen_html_eller_lenker_fra_inndata(tmp_path, tekst):
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=_farlig_rapport(tmp_path, tekst, 1),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<pre" not in html and "<blockquote" not in html


# --- own templates (--mal) ----------------------------------------------------------------------


def test_egen_mal_far_samme_kontekst(tmp_path):
    mal = tmp_path / "kontor.md.j2"
    mal.write_text(
        "{% include 'topp.md.j2' %}\n\n"
        "{% for f in rapport.funn %}{{ f.id }} {{ f.andel.oppfylt }}/{{ f.andel.vurdert }} "
        "{{ f.andel_tekst }} {{ f.intervall_tekst }} {{ f.grad }}\n{% endfor %}"
        "{{ rapport.konfidens_tekst }} {{ statuser | join(',') }} {{ 'a|b' | md }} "
        "{{ 0.3085 | prosent }} {{ rapport.dato | dato }}\n",
        encoding="utf-8",
    )
    (tmp_path / "topp.md.j2").write_text("# {{ rapport.tittel | md }}", encoding="utf-8")
    svar = kjor("vurder", "eksempler/", "--mal", str(mal), "--dato", "2024-10-01")
    assert svar.returncode == 0, svar.stderr
    data = json.loads(kjor("vurder", "eksempler/", "--format", "json").stdout)
    linjer = svar.stdout.splitlines()
    assert linjer[0] == "# Arbeidet mot barnefattigdom – de sosiale tjenestene i Nav"
    for linje, k in zip(linjer[1:11], data["kriterier"], strict=True):
        oppfylt = k["antall"]["oppfylt"]
        vurdert = oppfylt + k["antall"]["delvis_oppfylt"] + k["antall"]["ikke_oppfylt"]
        assert linje.startswith(f"{k['id']} {oppfylt}/{vurdert} ")
        assert linje.endswith(f"{intervall(tuple(k['konfidensintervall']))} {k['grad']}")
    assert linjer[11] == f"95{NB}% {','.join(STATUSER)} a\\|b 30,9{NB}% 01.10.2024"


@pytest.mark.parametrize(
    "innhold",
    [
        "{{ rapport.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ rapport.funn[0].__init__.__globals__ }}",
        "{{ rapport.kjoring.saker.append(1) }}",
        "{{ rapport.valg.clear() }}",
    ],
)
def test_mal_som_prover_a_ga_ut_av_sandkassen_avvises(tmp_path, innhold):
    mal = tmp_path / "ond.md.j2"
    mal.write_text(f"Tittel\n{innhold}\n", encoding="utf-8")
    svar = kjor("vurder", "eksempler/", "--mal", str(mal))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert svar.stderr.startswith(f"{mal}: malen gjør noe sandkassen ikke tillater")
    assert "Traceback" not in svar.stderr


@pytest.mark.parametrize(
    ("innhold", "melding"),
    [
        ("linje 1\nlinje 2\n{% for x in %}\n", "{mal}:3: feil i malen: "),
        ("{% if true %}\nuten slutt\n", "{mal}:2: feil i malen: "),
        ("linje 1\n{{ 1 / 0 }}\n", "{mal}:2: feil under utfylling av malen (ZeroDivisionError"),
        ("{{ rapport.finnes_ikke }}\n", "{mal}: malen bruker en verdi som ikke finnes"),
        ("{% include 'borte.md.j2' %}\n", "{mappe}/borte.md.j2: malen finnes ikke"),
    ],
)
def test_feil_i_malen_gir_fil_og_linje(tmp_path, innhold, melding):
    mal = tmp_path / "feil.md.j2"
    mal.write_text(innhold, encoding="utf-8")
    svar = kjor("vurder", "eksempler/", "--mal", str(mal))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert svar.stderr.startswith(melding.format(mal=mal, mappe=tmp_path))
    assert "Traceback" not in svar.stderr


def test_mal_som_ikke_finnes_eller_ikke_er_utf8(tmp_path):
    borte = tmp_path / "borte.md.j2"
    svar = kjor("vurder", "eksempler/", "--mal", str(borte))
    assert (svar.returncode, svar.stdout) == (2, "")
    assert svar.stderr.startswith(f"{borte}: malen finnes ikke")
    latin = tmp_path / "latin.md.j2"
    latin.write_bytes("Rapport for kontoret på Gjøvik\n".encode("latin-1"))
    svar = kjor("vurder", "eksempler/", "--mal", str(latin))
    assert (svar.returncode, svar.stdout) == (2, "")
    assert svar.stderr.startswith(f"{latin}: malen er ikke lagret som UTF-8")


# --- pandoc -------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc er ikke installert")
def test_pandoc_lager_docx_uten_advarsler(tmp_path, eksempelrapport):
    kilde = tmp_path / "rapport.md"
    kilde.write_text(eksempelrapport, encoding="utf-8")
    svar = subprocess.run(
        ["pandoc", "-f", "gfm", "--fail-if-warnings", str(kilde), "-o", str(tmp_path / "r.docx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert svar.returncode == 0, svar.stderr
    assert svar.stderr == ""
    assert (tmp_path / "r.docx").stat().st_size > 0


# --- the terminal -------------------------------------------------------------------------------


def _rad(stderr: str, kriterium: str) -> list[str]:
    linje = next(linje for linje in stderr.splitlines() if linje.startswith(f"│ {kriterium} "))
    return [celle.strip() for celle in linje.strip("│").split("│")]


def test_tabell_per_kriterium_pa_stderr(tmp_path):
    ut = tmp_path / "rapport.md"
    svar = kjor("vurder", "eksempler/", "-o", str(ut), "--dato", "2024-10-01")
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout == ""
    assert ut.read_text("utf-8") == kjor("vurder", "eksempler/", "--dato", "2024-10-01").stdout
    assert "Resultat per kriterium" in svar.stderr
    assert "95 % KI" in svar.stderr.replace(NB, " ")
    rad = _rad(svar.stderr, "K1")
    assert rad[0].startswith("K1 Hvert barns")
    assert rad[1:] == ["3", "3", "4", "14", "0", f"30,0{NB}%", f"6,6{NB}%–65,3{NB}%", "i noen grad"]
    k10 = ["3", "0", "5", "13", "3", f"37,5{NB}%", f"8,5{NB}%–75,6{NB}%", "i noen grad"]
    assert _rad(svar.stderr, "K10")[1:] == k10
    assert svar.stderr.rstrip().endswith(
        f"Skrev {ut}.\nLest 24 inndata: 24 saker vurdert, 0 avvist."
    )


def test_tabellen_folger_konfidensen(tmp_path):
    svar = kjor("vurder", "eksempler/", "-o", str(tmp_path / "r.md"), "--konfidens", "0.9")
    assert "90 % KI" in svar.stderr.replace(NB, " ")
    assert _rad(svar.stderr, "K1")[7] == intervall(clopper_pearson(3, 10, 0.9))


def test_uten_utfil_ingen_tabell():
    svar = kjor("vurder", "eksempler/", "--dato", "2024-10-01")
    assert "Resultat per kriterium" not in svar.stderr


def test_statusnavn_fra_kriteriefilen_brukes_i_rapporten_og_json():
    """Helsetilsynet's set reads «lovbrudd» / «ikke lovbrudd» where the audit set says
    ikke oppfylt / oppfylt: the wording is data in the criteria file, not code."""
    sett = "kriterier/helsetilsynet-2023-barn.yaml"
    md = kjor("vurder", "eksempler/", "-k", sett, "--dato", "2024-10-01")
    assert md.returncode == 0, md.stderr
    assert "| Ikke lovbrudd | " in md.stdout
    assert "| Lovbrudd | " in md.stdout
    assert " | lovbrudd | " in md.stdout
    assert "| ikke oppfylt |" not in md.stdout
    data = json.loads(kjor("vurder", "eksempler/", "-k", sett, "--format", "json").stdout)
    assert data["kriterier"][0]["statusnavn"]["ikke_oppfylt"] == "lovbrudd"
    assert data["saker"][0]["resultater"][0]["status"] in STATUSER  # codes stay the same
