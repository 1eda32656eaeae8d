"""The command line as a user runs it: output, messages on stderr, and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from revisjon import __version__
from revisjon.resultat import STATUSTEKST
from tests.cli_hjelp import kjor
from tests.conftest import ROT, lag_sak


def skriv(sti: Path, data: object) -> Path:
    sti.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sti


def test_readme_kommandoen_gir_markdown_og_kode_0():
    svar = kjor("vurder", "eksempler/")
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout.startswith("# Arbeidet mot barnefattigdom – de sosiale tjenestene i Nav\n")
    assert "### 5.1 K1 Hvert barns behov og livssituasjon kartlagt før vedtak" in svar.stdout
    assert svar.stderr.strip().endswith("Lest 24 inndata: 24 saker vurdert, 0 avvist.")


def _markdown_dommer(md: str) -> dict[tuple[str, str], str]:
    """(sak_id, kriterium) → status text, read back from the per-criterion tables."""
    dommer: dict[tuple[str, str], str] = {}
    kriterium = ""
    for linje in md.splitlines():
        if linje.startswith("## "):
            kriterium = ""
        elif linje.startswith("### 5."):
            kriterium = linje.split()[2]
        elif kriterium and linje.startswith("Ikke aktuelt i ") and ": " in linje:
            for sak_id in linje.split(": ", 1)[1].rstrip(".").split(", "):
                dommer[(sak_id, kriterium)] = "ikke aktuelt"
        elif kriterium and linje.startswith("| ") and not linje.startswith("| Sak "):
            celler = [c.strip() for c in linje.strip("|").split("|")]
            if len(celler) == 3:
                dommer[(celler[0].replace("\\", ""), kriterium)] = celler[1]
    return dommer


def test_json_har_de_samme_dommene_som_markdown():
    md = kjor("vurder", "eksempler/").stdout
    data = json.loads(kjor("vurder", "eksempler/", "--format", "json").stdout)
    fra_json = {
        (sak["sak_id"], r["kriterium"]): STATUSTEKST[r["status"]]
        for sak in data["saker"]
        for r in sak["resultater"]
    }
    assert len(fra_json) == 240
    assert _markdown_dommer(md) == fra_json


def test_avvist_inndata_gir_kode_1_men_resten_skrives(tmp_path):
    skriv(tmp_path / "god.yaml", lag_sak(sak_id="GOD-1"))
    skriv(tmp_path / "feil.yaml", lag_sak(sak_id="FEIL-1", tjeneste="sosialhjelp"))
    svar = kjor("vurder", str(tmp_path), "--format", "json")
    assert svar.returncode == 1
    data = json.loads(svar.stdout)
    assert [s["sak_id"] for s in data["saker"]] == ["GOD-1"]
    assert data["oppsummering"] == {"lest": 2, "vurdert": 1, "avvist": 1}
    assert f"{tmp_path / 'feil.yaml'}:3: tjeneste: ugyldig verdi" in svar.stderr
    assert "Lest 2 inndata: 1 saker vurdert, 1 avvist." in svar.stderr


@pytest.mark.parametrize("kommando", [["vurder"], ["stikkprove", "-n", "1", "--seed", "s"]])
def test_sti_som_ikke_finnes_er_en_bruksfeil_og_ingenting_skrives(tmp_path, kommando):
    """A mistyped path is a usage error, not a report on the cases that happened to exist."""
    saker = tmp_path / "saker"
    saker.mkdir()
    skriv(saker / "god.yaml", lag_sak())
    borte = tmp_path / "borte.yaml"
    ut = (
        ["-o", str(tmp_path / "r.md")]
        if kommando == ["vurder"]
        else ["-m", str(tmp_path / "u.yaml")]
    )
    svar = kjor(*kommando, str(saker), str(borte), *ut)
    assert svar.returncode == 2
    assert (
        svar.stderr == f"{borte}: finnes ikke; kontroller stien (ingenting er lest eller skrevet)\n"
    )
    assert svar.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saker"]


def test_skriver_til_fil_med_oppsummeringstabell_pa_stderr(tmp_path):
    ut = tmp_path / "funn.md"
    svar = kjor("vurder", "eksempler/", "-o", str(ut))
    assert svar.returncode == 0
    assert svar.stdout == ""
    assert ut.read_text("utf-8") == kjor("vurder", "eksempler/").stdout
    assert "Resultat per kriterium" in svar.stderr
    assert f"Skrev {ut}." in svar.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_nekter_a_skrive_over_inndata(tmp_path):
    sak = skriv(tmp_path / "sak.yaml", lag_sak())
    for ut in (sak, tmp_path / "ny.md"):
        svar = kjor("vurder", str(tmp_path), "-o", str(ut))
        assert svar.returncode == 2
        assert svar.stderr.startswith(f"{ut}: utfilen er en av inndataene")
    assert yaml.safe_load(sak.read_text("utf-8")) == lag_sak()


def test_ugyldig_kriteriefil_stopper_for_noen_sak_er_vurdert(tmp_path):
    kriterier = tmp_path / "k.yaml"
    kriterier.write_text("format: revisjon-kriterier/1\ntittel: T\nkriterier: []\n", "utf-8")
    svar = kjor("vurder", "eksempler/", "-k", str(kriterier))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert f"{kriterier}:3: kriterier: kan ikke være tom" in svar.stderr
    assert "Kriteriene kan ikke brukes; rett feilene over og prøv igjen." in svar.stderr


def test_egne_kriterier_fra_mappe(tmp_path):
    mappe = tmp_path / "kriterier"
    mappe.mkdir()
    (mappe / "a.yaml").write_text(
        """format: revisjon-kriterier/1
tittel: Eget sett
kriterier:
  - id: E1
    tittel: Saken har vedtak
    kilde: [forvaltningsloven § 17]
    vurdering:
      oppfylt: {finnes: vedtak.dato}
    begrunnelse:
      oppfylt: "Vedtak {vedtak.dato}."
      ikke_oppfylt: Saken har ikke vedtak.
""",
        "utf-8",
    )
    skriv(tmp_path / "sak.yaml", lag_sak())
    data = json.loads(
        kjor("vurder", str(tmp_path / "sak.yaml"), "-k", str(mappe), "--format", "json").stdout
    )
    assert data["kriterier"][0]["id"] == "E1"
    assert data["saker"][0]["resultater"] == [
        {"kriterium": "E1", "status": "oppfylt", "begrunnelse": "Vedtak 18.03.2024."}
    ]


@pytest.mark.parametrize(
    ("argumenter", "melding"),
    [
        (["vurder"], "Feil: mangler STI..."),
        (
            ["vurder", "--formt", "json", "eksempler/"],
            "Feil: ukjent valg «--formt»; mente du --format?",
        ),
        (
            ["vurder", "--format", "xml", "eksempler/"],
            "Feil: ugyldig verdi «xml» for --format; velg en av: markdown, json, jsonl, docx",
        ),
        (["vurd"], "Feil: ukjent kommando «vurd»; mente du «vurder»?"),
        (["vurder", "eksempler/", "-o"], "Feil: -o mangler verdi"),
        (["--versjon=ja"], "Feil: --versjon tar ingen verdi"),
        (["skjema", "kriterier", "ekstra"], "Feil: for mange argumenter: ekstra"),
        (["init"], "Feil: mangler MAPPE"),
        (
            ["skjema", "xml"],
            "Feil: ugyldig verdi «xml» for NAVN; velg en av: saksuttrekk, kriterier, oppdrag",
        ),
        (
            ["vurder", "eksempler/", "--dato", "2024"],
            "Feil: ugyldig verdi for --dato; forventet ÅÅÅÅ-MM-DD",
        ),
        (
            ["stikkprove", "eksempler/", "--seed", "1", "-n", "to"],
            "Feil: ugyldig verdi for --antall; forventet HELTALL",
        ),
        (["utvalgsstorrelse"], "Feil: mangler --toleranse"),
    ],
)
def test_bruksfeil_gir_norsk_melding_og_kode_2(argumenter, melding):
    svar = kjor(*argumenter)
    assert svar.returncode == 2
    assert svar.stderr.splitlines() == [melding, "Se 'revisjon --help' for hjelp."]


def test_versjon_og_hjelp():
    assert kjor("--versjon").stdout == f"revisjon {__version__}\n"
    hjelp = kjor("vurder", "--help")
    assert hjelp.returncode == 0
    assert "Saksfiler (.yaml, .yml, .json, .jsonl, .xlsx) eller mapper med slike" in hjelp.stdout


KOMMANDOER = [
    "vurder",
    "sjekk",
    "skjema",
    "init",
    "stikkprove",
    "utvalgsstorrelse",
    "trend",
    "regneark",
]
ENGELSK = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "[required]",
    "[default",
    "<",
    "PATH",
    "TEXT",
    "INTEGER",
    "FLOAT",
]
"""What click and Typer write in their own help, in English: none of it may show."""


@pytest.mark.parametrize("kommando", ["", *KOMMANDOER])
def test_hjelpen_er_pa_norsk(kommando):
    svar = kjor(*kommando.split(), "--help")
    assert svar.returncode == 0 and svar.stderr == ""
    assert svar.stdout.startswith(f"Bruk: {' '.join(['revisjon', *kommando.split()])} [VALG]")
    assert "\nValg:\n" in svar.stdout
    assert re.search(r"^  -h, --help +Vis denne hjelpen og avslutt\.$", svar.stdout, re.MULTILINE)
    if kommando:
        assert "\nArgumenter:\n" in svar.stdout or kommando == "utvalgsstorrelse"
    else:
        assert "\nKommandoer:\n" in svar.stdout
        for navn in KOMMANDOER:
            assert f"\n  {navn} " in svar.stdout
    for ord_ in ENGELSK:
        assert ord_ not in svar.stdout


def test_hjelpen_for_en_kommando():
    assert kjor("skjema", "--help").stdout == (
        "Bruk: revisjon skjema [VALG] NAVN\n"
        "\n"
        "  Skriv JSON-skjemaet for saksuttrekk eller kriteriefiler (for editorer og\n"
        "  validering), eller saksformatet som Markdown.\n"
        "\n"
        "Argumenter:\n"
        "  NAVN  Hvilket skjema: saksuttrekk eller kriterier. [påkrevd]\n"
        "\n"
        "Valg:\n"
        "  --format [json|markdown]  json: JSON-skjemaet; markdown: saksformatet\n"
        "                            beskrevet for mennesker (docs/saksuttrekk.md).\n"
        "                            [standard: json]\n"
        "  -h, --help                Vis denne hjelpen og avslutt.\n"
    )


def test_hjelpen_viser_typer_standarder_og_valgfrie_argumenter_pa_norsk():
    vurder = kjor("vurder", "--help").stdout
    assert vurder.startswith("Bruk: revisjon vurder [VALG] STI...\n")
    assert "  -o, --ut STI " in vurder
    assert "  --format [markdown|json|jsonl|docx]\n" in vurder
    assert "  --konfidens ANDEL " in vurder and "[standard: 0.95]" in vurder
    assert "[påkrevd]" in vurder
    assert kjor("sjekk", "--help").stdout.startswith("Bruk: revisjon sjekk [VALG] [STI...]\n")
    assert "  -n, --antall HELTALL " in kjor("stikkprove", "--help").stdout


def test_uten_argumenter_vises_hjelpen_med_kode_2():
    svar = kjor()
    assert svar.returncode == 2
    assert svar.stdout == kjor("--help").stdout
    assert svar.stderr == ""


def test_hjelpen_importerer_verken_rich_eller_pydantic():
    """What keeps ``revisjon --help`` fast (rich and pydantic cost ~0.2 s of imports)."""
    for kommando in (["--help"], ["vurder", "--help"]):
        svar = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys\n"
                "from revisjon.cli.app import main\n"
                f"sys.argv = ['revisjon', *{kommando!r}]\n"
                "try:\n"
                "    main()\n"
                "finally:\n"
                "    print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)\n",
            ],
            cwd=ROT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert svar.returncode == 0, svar.stderr
        moduler = svar.stderr
        assert "'rich'" not in moduler and "'pydantic'" not in moduler, moduler


def test_fremdriftslinjen_tegnes_uten_egen_trad(monkeypatch: pytest.MonkeyPatch) -> None:
    # Worker processes are forked only when the CLI has no other thread: the bar must not
    # start rich's refresh thread, and is still drawn on a terminal.
    import io
    import threading

    from rich.console import Console

    from revisjon.cli import terminal

    monkeypatch.setattr(terminal, "OPPFRISKING", 0.0)
    utdata = io.StringIO()
    konsoll = Console(file=utdata, force_terminal=True, width=60)
    trader = threading.active_count()
    with terminal.fremdriftslinje(konsoll) as ett_til:
        for _ in range(128):
            ett_til()
        assert threading.active_count() == trader
        assert "128 lest" in utdata.getvalue()
