"""``revisjon sjekk``, ``skjema`` and ``init`` as an auditor and a CI pipeline use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli_hjelp import kjor
from tests.conftest import GRUNNSAK, ROT

GYLDIG = """format: revisjon-kriterier/1
tittel: Testsett
kriterier:
  - id: T1
    tittel: Saken har vedtak
    kilde: [forvaltningsloven § 17]
    vurdering:
      oppfylt: {finnes: vedtak.dato}
    begrunnelse:
      oppfylt: "Vedtak {vedtak.dato}."
      ikke_oppfylt: Saken har ikke vedtak.
"""


def skriv(mappe: Path, navn: str, tekst: str) -> Path:
    fil = mappe / navn
    fil.write_text(tekst, encoding="utf-8")
    return fil


def med_tester(tester: list[dict[str, object]]) -> str:
    return GYLDIG + yaml.safe_dump({"tester": tester}, allow_unicode=True, sort_keys=False)


UTEN_VEDTAK = {k: v for k, v in GRUNNSAK.items() if k != "vedtak"}


# (name, file text, expected line fragment)  — every class of error, each on its own broken file
FEILFILER = [
    ("yaml-syntaks", "format: [\n", "k.yaml:2: ugyldig YAML-syntaks"),
    ("ukjent-nokkel", GYLDIG.replace("    tittel: Saken", "    titel: Saken"), "k.yaml:5: T1: titel: ukjent felt; mente du «tittel»?"),
    ("ukjent-operasjon", GYLDIG.replace("{finnes: vedtak.dato}", "{finns: vedtak.dato}"), "k.yaml:8: T1: vurdering.oppfylt: ukjent operasjon «finns»; mente du «finnes»?"),
    ("ugyldig-regex", GYLDIG.replace("{finnes: vedtak.dato}", "{tekst: {felt: vedtak.tekst, regex: ['(']}}"), "k.yaml:8: T1: vurdering.oppfylt.tekst.regex[0]: ugyldig regulært uttrykk «(»"),
    ("ukjent-felt", GYLDIG.replace("{finnes: vedtak.dato}", "{finnes: vedtak.datoo}"), "k.yaml:8: T1: vurdering.oppfylt.finnes: «vedtak» har ikke feltet «datoo» (i «vedtak.datoo»); mente du «dato»?"),
    ("mangler-kilde", GYLDIG.replace("    kilde: [forvaltningsloven § 17]\n", ""), "k.yaml:4: T1: kilde: mangler; feltet er påkrevd"),
    ("tom-kilde", GYLDIG.replace("[forvaltningsloven § 17]", "[]"), "k.yaml:6: T1: kilde: kan ikke være tom"),
    ("gradering-rekkefolge", GYLDIG.replace("kriterier:\n", "gradering:\n  - {minst: 0.3, tekst: i noen grad}\n  - {minst: 0.9, tekst: i stor grad}\n  - {minst: 0, tekst: i liten grad}\nkriterier:\n"), "k.yaml:5: gradering[1]: trinnene står ikke i synkende rekkefølge"),
    ("dublett-id", GYLDIG + GYLDIG.split("kriterier:\n")[1], "k.yaml:12: T1: id-en er brukt på linje 4 i samme fil"),
]  # fmt: skip


@pytest.mark.parametrize(("navn", "tekst", "forventet"), FEILFILER, ids=[f[0] for f in FEILFILER])
def test_hver_feilklasse_gir_fil_linje_id_og_kode_1(tmp_path, navn, tekst, forventet):
    skriv(tmp_path, "k.yaml", tekst)
    svar = kjor("sjekk", str(tmp_path / "k.yaml"))
    assert svar.returncode == 1, svar.stdout + svar.stderr
    assert any(linje.startswith(f"{tmp_path}/{forventet}") for linje in svar.stdout.splitlines()), (
        svar.stdout
    )


def test_gyldig_fil_gir_kode_0(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG)
    svar = kjor("sjekk", str(tmp_path))
    assert svar.returncode == 0  # a file without tests is a warning, not a failure
    *advarsler, oppsummering = svar.stdout.strip().split("\n")
    assert oppsummering == (
        "1 kriteriefil sjekket: 0 feil, 0 av 0 forventede statuser i testene stemmer."
    )
    assert [a.split(": ", 1)[1] for a in advarsler] == [
        "advarsel: filen har ingen tester («tester:»); legg til minst én eksempelsak per "
        "kriterium med forventet status, så sjekkes kriteriene mot dem"
    ]


def test_kriterietest_som_bestar_og_en_som_feiler(tmp_path):
    tekst = med_tester(
        [
            {"navn": "med vedtak", "sak": GRUNNSAK, "forventet": {"T1": "oppfylt"}},
            {"navn": "uten vedtak", "sak": UTEN_VEDTAK, "forventet": {"T1": "oppfylt"}},
        ]
    )
    skriv(tmp_path, "k.yaml", tekst)
    svar = kjor("sjekk", str(tmp_path / "k.yaml"))
    assert svar.returncode == 1
    nr = [i for i, rad in enumerate(tekst.splitlines(), 1) if rad.strip() == "T1: oppfylt"][1]
    assert (
        f"{tmp_path}/k.yaml:{nr}: T1: test «uten vedtak»: forventet oppfylt, fikk ikke_oppfylt "
        "(Saken har ikke vedtak.)"
    ) in svar.stdout
    assert svar.stdout.strip().endswith("1 av 2 forventede statuser i testene stemmer.")


def test_kriterietest_med_saksfil_og_ugyldig_sak(tmp_path):
    (tmp_path / "tester").mkdir()
    skriv(tmp_path / "tester", "sak.yaml", yaml.safe_dump(GRUNNSAK, allow_unicode=True))
    tekst = med_tester(
        [
            {"navn": "fra fil", "fil": "tester/sak.yaml", "forventet": {"T1": "oppfylt"}},
            {
                "navn": "ugyldig",
                "sak": {**GRUNNSAK, "tjeneste": "sosialhjelp"},
                "forventet": {"T1": "oppfylt"},
            },
            {"navn": "ukjent kriterium", "sak": GRUNNSAK, "forventet": {"T9": "oppfylt"}},
        ]
    )
    skriv(tmp_path, "k.yaml", tekst)
    data = json.loads(kjor("sjekk", "--format", "json", str(tmp_path)).stdout)
    assert data["ok"] is False
    assert [t["test"] for t in data["tester"] if t["ok"]] == ["fra fil"]
    meldinger = [p["melding"] for p in data["problemer"]]
    assert any(
        "«ugyldig»: eksempelsaken er ugyldig: tjeneste: ugyldig verdi" in m for m in meldinger
    )
    assert any("«ukjent kriterium»: kriteriet finnes ikke i filen" in m for m in meldinger)


def test_github_format_gir_annotasjoner(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG.replace("{finnes: vedtak.dato}", "{finns: vedtak.dato}"))
    svar = kjor("sjekk", "--format", "github", str(tmp_path / "k.yaml"))
    assert svar.returncode == 1
    forste = svar.stdout.splitlines()[0]
    assert forste.startswith(f"::error file={tmp_path}/k.yaml,line=8,title=revisjon sjekk T1::")
    assert "ukjent operasjon «finns»" in forste


def test_json_format_er_stabilt(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG)
    data = json.loads(kjor("sjekk", "--format", "json", str(tmp_path)).stdout)
    assert data == {
        "format": "revisjon-sjekk/1",
        "ok": True,
        "filer": [f"{tmp_path}/k.yaml"],
        "problemer": [],
        "advarsler": [
            {
                "fil": str(tmp_path / "k.yaml"),
                "linje": None,
                "kriterium": None,
                "melding": "advarsel: filen har ingen tester («tester:»); legg til minst én "
                "eksempelsak per kriterium med forventet status, så sjekkes kriteriene mot dem",
            }
        ],
        "tester": [],
    }


def test_dublett_id_pa_tvers_av_filer(tmp_path):
    skriv(tmp_path, "a.yaml", GYLDIG)
    skriv(tmp_path, "b.yaml", GYLDIG)
    svar = kjor("sjekk", str(tmp_path))
    assert svar.returncode == 1
    assert f"{tmp_path}/b.yaml:4: T1: id-en er også brukt i {tmp_path}/a.yaml" in svar.stdout


def test_bruksfeil_gir_kode_2(tmp_path):
    svar = kjor("sjekk", str(tmp_path / "finnes-ikke"))
    assert svar.returncode == 2
    assert svar.stderr.startswith(f"{tmp_path / 'finnes-ikke'}: finnes ikke")
    assert kjor("sjekk", "--format", "xml").returncode == 2
    tom = tmp_path / "tom"
    tom.mkdir()
    assert "ingen kriteriefiler" in kjor("sjekk", str(tom)).stderr


def test_standard_er_kriterier_mappen_og_de_innebygde_settene_holder():
    svar = kjor("sjekk", cwd=ROT)
    assert svar.returncode == 0, svar.stdout


@pytest.mark.parametrize(("navn", "rot"), [("saksuttrekk", "Sak"), ("kriterier", "Kriteriesett")])
def test_skjema(navn, rot):
    svar = kjor("skjema", navn)
    assert svar.returncode == 0
    data = json.loads(svar.stdout)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["additionalProperties"] is False
    assert "description" not in json.dumps(data["$defs"])  # no English docstrings for auditors


def test_skjemaet_godtar_eksemplene_og_avviser_feil():
    jsonschema = pytest.importorskip("jsonschema")
    skjema = json.loads(kjor("skjema", "saksuttrekk").stdout)
    for fil in sorted((ROT / "eksempler").glob("*.yaml")):
        data = yaml.safe_load(fil.read_text("utf-8"))
        data = json.loads(json.dumps(data, default=str))  # YAML dates → ISO strings, as in JSON
        jsonschema.validate(data, skjema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**GRUNNSAK, "ukjent": 1}, skjema)


def test_init_lager_en_ny_revisjon_som_sjekker_gront(tmp_path):
    mappe = tmp_path / "ny"
    svar = kjor("init", str(mappe))
    assert svar.returncode == 0
    assert (mappe / "kriterier" / "barnefattigdom-nav.yaml").is_file()
    assert (mappe / "saker" / "README.md").read_text("utf-8").startswith("# Saker")
    assert "revisjon sjekk kriterier/" in (mappe / "VEILEDNING.md").read_text("utf-8")
    assert kjor("sjekk", cwd=mappe).returncode == 0
    igjen = kjor("init", str(mappe))
    assert igjen.returncode == 2
    assert "finnes allerede og er ikke tom" in igjen.stderr


def test_pre_commit_kroken_kjorer_sjekk():
    kroker = yaml.safe_load((ROT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert kroker[0]["id"] == "revisjon-sjekk"
    assert kroker[0]["entry"] == "revisjon sjekk"


# --- sjekk --vis-kode ------------------------------------------------------------------------------

T1_KODE = """\
def vurder(sak):
    r4 = sak.vedtak
    r5 = None if r4 is None else r4.dato
    if ((v3 := r5) is not None and v3 != [] and v3 != ''):
        t9 = ''.join((c6, (DG(t7 := r5) or F(t7)), c8,))
        return G(('oppfylt', t9)) or R('oppfylt', t9)
    t11 = c10
    return G(('ikke_oppfylt', t11)) or R('ikke_oppfylt', t11)

# Konstanter:
# c1 = <class 'datetime.date'>
# c6 = 'Vedtak '
# c8 = '.'
# c10 = 'Saken har ikke vedtak.'
"""


def test_vis_kode_skriver_den_genererte_funksjonen_og_konstantene(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG)
    svar = kjor("sjekk", "--vis-kode", "T1", str(tmp_path / "k.yaml"))
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout == T1_KODE
    assert svar.stderr == ""
    compile(svar.stdout, "<vist>", "exec")  # what is shown is the source itself


def test_vis_kode_er_koden_som_vurderer_sakene():
    from revisjon.kriteriesprak.lasting import last_kriterier

    fil = ROT / "revisjon" / "kriterier" / "barnefattigdom-nav.yaml"
    svar = kjor("sjekk", "--vis-kode", "K2", str(fil))
    assert svar.returncode == 0, svar.stderr
    (sett,) = last_kriterier([fil])
    k2 = next(k for k in sett.kriterier if k.id == "K2")
    kode, konstanter = svar.stdout.split("\n# Konstanter:\n")
    assert kode == k2.kode
    assert any(linje.endswith(" = 'Vedtaket '") for linje in konstanter.splitlines())
    assert any(" = Leser(omtale og vekting: " in linje for linje in konstanter.splitlines())


def test_vis_kode_med_ukjent_id_foreslaar_og_gir_kode_2(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG)
    svar = kjor("sjekk", "--vis-kode", "T11", str(tmp_path))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert svar.stderr.strip() == (
        f"{tmp_path}/k.yaml: kriteriet «T11» finnes ikke; mente du «T1»? (kriteriene her: T1)"
    )


def test_vis_kode_naar_filene_har_feil_eller_mangler_gir_kode_2(tmp_path):
    skriv(tmp_path, "k.yaml", GYLDIG.replace("{finnes: vedtak.dato}", "{finnes: vedtak.datoo}"))
    svar = kjor("sjekk", "--vis-kode", "T1", str(tmp_path / "k.yaml"))
    assert svar.returncode == 2
    assert svar.stdout == ""
    assert "k.yaml:8: T1: vurdering.oppfylt.finnes: «vedtak» har ikke feltet «datoo»" in svar.stderr
    svar = kjor("sjekk", "--vis-kode", "T1", str(tmp_path / "finnes-ikke.yaml"))
    assert svar.returncode == 2
    assert "finnes-ikke.yaml: finnes ikke" in svar.stderr
