"""Auditor overrides (``--overstyringer``): counted, marked in every output, and strictly checked.

The override files are written as text, so each error's line number is known from the test.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from revisjon.feil import OverstyringFeil
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.rapport.markdown import md
from revisjon.rapport.overstyring import bruk_overstyringer
from revisjon.vurdering.kjoring import vurder
from tests.cli_hjelp import kjor
from tests.conftest import lag_sak

SAK, KRITERIUM = "GJ-ØS-03", "K1"  # K1 is delvis oppfylt in GJ-ØS-03 (1 of 3 children mapped)
BEGRUNNELSE = "Kartlegging av B2 og B3 ligger i papirmappen (sett 12.09.2024)."


def overstyringsfil(mappe: Path, tekst: str) -> Path:
    fil = mappe / "overstyringer.yaml"
    fil.write_text(textwrap.dedent(tekst), encoding="utf-8")
    return fil


GYLDIG = f"""\
overstyringer:
  - sak_id: {SAK}
    kriterium: {KRITERIUM}
    status: oppfylt
    begrunnelse: {BEGRUNNELSE}
    av: AB
    dato: 2024-09-12
"""


@pytest.fixture(scope="module")
def for_og_etter(tmp_path_factory):
    """The example run as JSON and Markdown, without and with one override."""
    fil = overstyringsfil(tmp_path_factory.mktemp("overstyring"), GYLDIG)
    felles = ("vurder", "eksempler/", "--dato", "2024-10-01")
    ut = {
        "json_for": json.loads(kjor(*felles, "--format", "json").stdout),
        "fil": fil,
    }
    etter = kjor(*felles, "--format", "json", "--overstyringer", str(fil))
    assert etter.returncode == 0, etter.stderr
    ut["json_etter"] = json.loads(etter.stdout)
    md_etter = kjor(*felles, "--overstyringer", str(fil))
    assert md_etter.returncode == 0, md_etter.stderr
    ut["md_etter"] = md_etter.stdout
    return ut


def _resultat(data: dict, sak_id: str, kriterium: str) -> dict:
    sak = next(s for s in data["saker"] if s["sak_id"] == sak_id)
    return next(r for r in sak["resultater"] if r["kriterium"] == kriterium)


def _kriterium(data: dict, kriterium: str) -> dict:
    return next(k for k in data["kriterier"] if k["id"] == kriterium)


def _avsnitt(tekst: str, overskrift: str) -> str:
    start = tekst.index(overskrift + "\n")
    niva = overskrift.split(" ")[0] + " "
    slutt = tekst.find("\n" + niva, start + 1)
    return tekst[start : slutt if slutt > 0 else None]


def test_endret_status_telles(for_og_etter):
    for_, etter = for_og_etter["json_for"], for_og_etter["json_etter"]
    assert _resultat(for_, SAK, KRITERIUM)["status"] == "delvis_oppfylt"
    foer, naa = _kriterium(for_, KRITERIUM)["antall"], _kriterium(etter, KRITERIUM)["antall"]
    assert naa["oppfylt"] == foer["oppfylt"] + 1
    assert naa["delvis_oppfylt"] == foer["delvis_oppfylt"] - 1
    assert {k: v for k, v in naa.items() if k not in ("oppfylt", "delvis_oppfylt")} == {
        k: v for k, v in foer.items() if k not in ("oppfylt", "delvis_oppfylt")
    }
    vurdert = naa["oppfylt"] + naa["delvis_oppfylt"] + naa["ikke_oppfylt"]
    assert _kriterium(etter, KRITERIUM)["andel_oppfylt"] == naa["oppfylt"] / vurdert
    # nothing else changed
    for k in ("K2", "K3", "K10"):
        assert _kriterium(etter, k) == _kriterium(for_, k)


def test_overstyringen_i_json(for_og_etter):
    for_, etter = for_og_etter["json_for"], for_og_etter["json_etter"]
    opprinnelig = _resultat(for_, SAK, KRITERIUM)
    assert _resultat(etter, SAK, KRITERIUM) == {
        "kriterium": KRITERIUM,
        "status": "oppfylt",
        "begrunnelse": opprinnelig["begrunnelse"],
        "overstyring": {
            "opprinnelig_status": "delvis_oppfylt",
            "opprinnelig_begrunnelse": opprinnelig["begrunnelse"],
            "begrunnelse": BEGRUNNELSE,
            "av": "AB",
            "dato": "2024-09-12",
        },
    }
    antall = sum("overstyring" in r for s in etter["saker"] for r in s["resultater"])
    assert antall == 1


def test_overstyringen_er_merket_i_tabellene(for_og_etter):
    tekst = for_og_etter["md_etter"]
    fakta = _avsnitt(tekst, "### 5.1 K1 Hvert barns behov og livssituasjon kartlagt før vedtak")
    # the auditor's status and reason, with the tool's status beside it (not the tool's reason)
    rad = next(r for r in fakta.splitlines() if r.startswith(f"| {SAK} |"))
    assert rad.startswith(
        f"| {SAK} | oppfylt (overstyrt av revisor; verktøyet: delvis oppfylt) | "
        f"Kartlegging av B2 og B3 ligger i papirmappen (sett 12.09.2024). (revisor AB, 12.09.2024) |"
    )
    assert "barn er kartlagt" not in rad
    assert fakta.count("overstyrt av revisor;") == 1
    matrise = _avsnitt(tekst, "## Vedlegg 1 Saker og kriterier")
    rad = next(r for r in matrise.splitlines() if r.startswith(f"| {SAK} |"))
    assert rad.split(" | ")[1] == "O\\*"
    assert matrise.count("\\*") == 1
    assert "* = overstyrt av revisor" in matrise


def test_overstyringen_i_metode_sammendrag_og_vedlegg(for_og_etter):
    tekst = for_og_etter["md_etter"]
    assert "1 vurdering er overstyrt av revisor." in _avsnitt(tekst, "## 1 Sammendrag")
    assert (
        "**Overstyringer.** Revisor har overstyrt 1 av verktøyets vurderinger etter faglig skjønn."
        in _avsnitt(tekst, "## 4 Metode og data")
    )
    vedlegg = _avsnitt(tekst, "## Vedlegg 2 Overstyrte vurderinger")
    assert (
        f"| {SAK} | {KRITERIUM} | delvis oppfylt | oppfylt | {md(BEGRUNNELSE)} | AB | 12.09.2024 |"
        in vedlegg
    )
    overskrifter = [linje for linje in tekst.splitlines() if linje.startswith("## Vedlegg")]
    assert overskrifter == [
        "## Vedlegg 1 Saker og kriterier",
        "## Vedlegg 2 Overstyrte vurderinger",
        "## Vedlegg 3 Sporbarhet",
        "## Vedlegg 4 Kommunedirektørens uttalelse",
    ]
    assert f"overstyringer = {md(for_og_etter['fil'])}" in _avsnitt(
        tekst, "## Vedlegg 3 Sporbarhet"
    )


def test_uten_overstyringer_er_det_ikke_noe_vedlegg_for_dem(for_og_etter):
    tekst = kjor("vurder", "eksempler/", "--dato", "2024-10-01").stdout
    assert "Overstyrte vurderinger" not in tekst
    assert "(overstyrt)" not in tekst.replace("«(overstyrt)»", "")
    assert "**Overstyringer.** Ingen vurderinger er overstyrt." in tekst
    assert "overstyringer = ingen" in tekst


def test_terminaltabellen_teller_overstyringen(tmp_path, for_og_etter):
    svar = kjor(
        "vurder", "eksempler/", "-o", str(tmp_path / "r.md"),
        "--overstyringer", str(for_og_etter["fil"]),
    )  # fmt: skip
    assert svar.returncode == 0, svar.stderr
    k1 = next(linje for linje in svar.stderr.splitlines() if linje.startswith("│ K1 "))
    antall = _kriterium(for_og_etter["json_etter"], "K1")["antall"]
    celler = [c.strip() for c in k1.strip("│").split("│")]
    assert celler[1:3] == [str(antall["oppfylt"]), str(antall["delvis_oppfylt"])]


def test_flere_overstyringer_i_samme_sak_og_til_ikke_aktuelt(tmp_path, standardsett):
    saker = tmp_path / "saker"
    saker.mkdir()
    (saker / "t.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="T-1")), encoding="utf-8")
    kjoring = vurder([saker], kriteriesett=standardsett)
    fil = overstyringsfil(
        tmp_path,
        """\
        overstyringer:
          - {sak_id: T-1, kriterium: K1, status: ikke_aktuelt, begrunnelse: Feil tjeneste., av: Revisor, dato: 2024-09-12}
          - {sak_id: T-1, kriterium: K2, status: ikke_oppfylt, begrunnelse: Se vedtaket., av: AB, dato: 2024-09-13}
        """,
    )
    ny = bruk_overstyringer(kjoring, fil)
    statuser = {r.kriterium: r.status for r in ny.saker[0].resultater}
    assert (statuser["K1"], statuser["K2"]) == ("ikke_aktuelt", "ikke_oppfylt")
    assert ny.antall("K1")["ikke_aktuelt"] == 1
    uendret = [r for r in ny.saker[0].resultater if r.kriterium not in ("K1", "K2")]
    assert all(r.overstyring is None for r in uendret)
    assert kjoring.saker[0].resultater[0].overstyring is None  # the run itself is not changed


# --- errors: each stops the run with exit code 2, file:line on stderr, nothing on stdout ----------


def _oppforing(**felt: str) -> str:
    standard = {
        "sak_id": "T-1",
        "kriterium": "K1",
        "status": "oppfylt",
        "begrunnelse": "Sett i papirmappen.",
        "av": "AB",
        "dato": "2024-09-12",
    }
    standard.update(felt)
    linjer = [f"{k}: {v}" for k, v in standard.items() if v != "<ingen>"]
    return "  - " + "\n    ".join(linjer) + "\n"


GOD = _oppforing()
FEIL = [
    (
        "ukjent sak",
        GOD + _oppforing(sak_id="T-9"),
        8,
        "sak_id: saken det vises til, er ikke blant de vurderte sakene",
    ),
    (
        "ukjent kriterium",
        _oppforing(kriterium="K99"),
        2,
        "kriterium: kriteriet «K99» er ikke lastet; kjente: K1, K10, K2",
    ),
    (
        "samme sak og kriterium to ganger",
        GOD + _oppforing(status="ikke_oppfylt"),
        8,
        "samme sak og kriterium er overstyrt to ganger",
    ),
    (
        "begrunnelse mangler",
        _oppforing(begrunnelse="<ingen>"),
        2,
        "overstyringer[0].begrunnelse: mangler; feltet er påkrevd",
    ),
    (
        "tom begrunnelse",
        _oppforing(begrunnelse="''"),
        5,
        "overstyringer[0].begrunnelse: kan ikke være tom",
    ),
    (
        "begrunnelse med bare mellomrom",
        _oppforing(begrunnelse="'   '"),
        5,
        "overstyringer[0].begrunnelse: kan ikke være tom",
    ),
    (
        "hvem mangler",
        _oppforing(av="<ingen>"),
        2,
        "overstyringer[0].av: mangler; feltet er påkrevd",
    ),
    (
        "ugyldig status",
        _oppforing(status="godkjent"),
        4,
        "overstyringer[0].status: ugyldig verdi «godkjent»; gyldige verdier: oppfylt, "
        "delvis_oppfylt, ikke_oppfylt, ikke_aktuelt, ikke_vurdert",
    ),
    (
        "status med skrivefeil",
        _oppforing(status="opfylt"),
        4,
        "overstyringer[0].status: ugyldig verdi «opfylt»; mente du «oppfylt»?",
    ),
    (
        "umulig dato",
        _oppforing(dato="2024-02-30"),
        7,
        "overstyringer[0].dato: ",
    ),
    (
        "ukjent felt",
        _oppforing(grunn="x"),
        8,
        "overstyringer[0].grunn: ukjent felt",
    ),
]


@pytest.mark.parametrize(
    ("navn", "oppforinger", "linje", "melding"), FEIL, ids=[f[0] for f in FEIL]
)
def test_feil_i_overstyringene(tmp_path, navn, oppforinger, linje, melding):
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="T-1")), encoding="utf-8")
    fil = overstyringsfil(tmp_path, "overstyringer:\n" + oppforinger)
    svar = kjor("vurder", str(tmp_path / "sak.yaml"), "--overstyringer", str(fil))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert f"{fil}:{linje}: {melding}" in svar.stderr
    assert svar.stderr.rstrip().endswith(
        "Overstyringene kan ikke brukes; rett feilene over og prøv igjen."
    )
    assert "Traceback" not in svar.stderr


def test_alle_feilene_meldes_samtidig(tmp_path, standardsett):
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="T-1")), encoding="utf-8")
    kjoring = vurder([tmp_path / "sak.yaml"], kriteriesett=standardsett)
    fil = overstyringsfil(
        tmp_path, "overstyringer:\n" + _oppforing(sak_id="X") + _oppforing(kriterium="K0")
    )
    with pytest.raises(OverstyringFeil) as feil:
        bruk_overstyringer(kjoring, fil)
    assert [(p.linje, p.felt) for p in feil.value.problemer] == [(2, "sak_id"), (8, "kriterium")]


@pytest.mark.parametrize(
    ("innhold", "melding"),
    [
        ("", "filen er tom"),
        ("overstyringer: {sak_id: T-1}\n", "overstyringer: skal være en liste"),
        ("- sak_id: T-1\n", "skal være en mapping"),
    ],
)
def test_feil_form_pa_filen(tmp_path, standardsett, innhold, melding):
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak(sak_id="T-1")), encoding="utf-8")
    fil = overstyringsfil(tmp_path, innhold)
    svar = kjor("vurder", str(tmp_path / "sak.yaml"), "--overstyringer", str(fil))
    assert (svar.returncode, svar.stdout) == (2, "")
    assert melding in svar.stderr
    assert svar.stderr.startswith(str(fil))
    assert "Traceback" not in svar.stderr


def test_overstyringsfil_som_ikke_finnes(tmp_path):
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak()), encoding="utf-8")
    borte = tmp_path / "borte.yaml"
    svar = kjor("vurder", str(tmp_path / "sak.yaml"), "--overstyringer", str(borte))
    assert (svar.returncode, svar.stdout) == (2, "")
    assert svar.stderr.startswith(f"{borte}: kan ikke leses")


def test_egne_kriterier_kan_overstyres(tmp_path):
    kriterier = tmp_path / "k.yaml"
    kriterier.write_text(
        yaml.safe_dump(
            {
                "format": "revisjon-kriterier/1",
                "tittel": "Prøve",
                "kriterier": [
                    {
                        "id": "T1",
                        "tittel": "Prøve",
                        "kilde": ["prøve"],
                        "vurdering": {"oppfylt": {"finnes": "vedtak.dato"}},
                        "begrunnelse": {"oppfylt": "ja", "ikke_oppfylt": "nei"},
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (sett,) = last_kriterier([kriterier])
    assert sett.kriterier[0].id == "T1"
    (tmp_path / "sak.yaml").write_text(yaml.safe_dump(lag_sak()), encoding="utf-8")
    fil = overstyringsfil(
        tmp_path, "overstyringer:\n" + _oppforing(kriterium="T1", status="ikke_oppfylt")
    )
    svar = kjor(
        "vurder", str(tmp_path / "sak.yaml"), "-k", str(kriterier), "--format", "json",
        "--overstyringer", str(fil),
    )  # fmt: skip
    assert svar.returncode == 0, svar.stderr
    data = json.loads(svar.stdout)
    assert data["kriterier"][0]["antall"]["ikke_oppfylt"] == 1
    assert data["saker"][0]["resultater"][0]["overstyring"]["opprinnelig_status"] == "oppfylt"
    # K1 belongs to the default set, which is not loaded here
    fil = overstyringsfil(tmp_path, "overstyringer:\n" + _oppforing(kriterium="K1"))
    svar = kjor(
        "vurder", str(tmp_path / "sak.yaml"), "-k", str(kriterier), "--overstyringer", str(fil)
    )
    assert svar.returncode == 2
    assert f"{fil}:2: kriterium: kriteriet «K1» er ikke lastet; kjente: T1" in svar.stderr
