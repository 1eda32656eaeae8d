"""Attacks from the adversarial review, as a table: each puts one bad input beside good cases
and runs the command as a user would. An identity number (generated, with valid check digits,
in the spelling the attack uses) never reaches stdout, stderr or any file written; the exit
code is the documented one; and the good cases in the same run are still judged.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from stdnum.no import fodselsnummer

from revisjon.inntak import fodselsnummer as fnr
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.vurdering.kjoring import vurder
from tests.cli_hjelp import kjor
from tests.conftest import lag_sak


def lag_nummer(dato: str) -> str:
    """A fødselsnummer (or D-nummer: day + 40) with valid check digits, made at run time."""
    for individ in range(100, 1000):
        ni = f"{dato}{individ}"
        k1 = fodselsnummer.calc_check_digit1(ni)
        if len(k1) == 1 and len(k2 := fodselsnummer.calc_check_digit2(ni + k1)) == 1:
            return ni + k1 + k2
    raise AssertionError("unreachable")


N = lag_nummer("140786")
DNR = lag_nummer("540786")

SKRIVEMATER = {
    "sammenhengende": N,
    "mellomrom": f"{N[:6]} {N[6:]}",
    "to-mellomrom": f"{N[:6]}  {N[6:]}",
    "tabulator": f"{N[:6]}\t{N[6:]}",
    "nbsp": f"{N[:6]}\u00a0{N[6:]}",
    "smal-nbsp": f"{N[:6]}\u202f{N[6:]}",
    "strek": f"{N[:6]}-{N[6:]}",
    "punktum-i-dato": f"{N[:2]}.{N[2:4]}.{N[4:6]} {N[6:]}",
    "skraastrek": f"{N[:2]}/{N[2:4]}/{N[4:6]} {N[6:]}",
    "understrek": f"{N[:6]}_{N[6:]}",
    "strek-med-mellomrom": f"{N[:6]} - {N[6:]}",
    "d-nummer-strek": f"{DNR[:6]}-{DNR[6:]}",
}


def lekker(tekst: str) -> bool:
    """Whether ``tekst`` shows a generated number in any spelling: the digits of each line
    without anything between them hold it."""
    if any(s in tekst for s in SKRIVEMATER.values()):
        return True
    return any(
        N in re.sub(r"\D", "", linje) or DNR in re.sub(r"\D", "", linje)
        for linje in tekst.splitlines()
    )


GOD = "\n".join(
    f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in lag_sak(sak_id="GOD-1").items()
)


def sak_yaml(**endringer: object) -> str:
    """A case as YAML, one top-level key a line (JSON values are valid YAML)."""
    return (
        "\n".join(
            f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in lag_sak(**endringer).items()
        )
        + "\n"
    )


@dataclass(frozen=True)
class Angrep:
    navn: str
    lag: Callable[[Path], list[str]]
    """Writes the bad input below the folder and gives the command's arguments; the good cases
    are in ``saker/`` already."""
    kode: int
    gode_vurdert: bool = True
    melding: str = ""
    """A phrase the message on stderr must have."""
    ikke_vist: str = ""
    """Text from the input that must not be shown (a name)."""


def _sak(navn: str, tekst: str, args: tuple[str, ...] = ()) -> Callable[[Path], list[str]]:
    def lag(mappe: Path) -> list[str]:
        (mappe / "saker" / navn).write_text(tekst, encoding="utf-8")
        return ["vurder", "saker", "-o", "ut.md", *args]

    return lag


FRASER = "fraser: ["
K2_LESING = "tekst: {felt: vedtak.tekst, lesing: barnets_beste, krav: vektet}"


def _med_regex(tekst: str, regex: str) -> str:
    """The default set with K2's weighing read by a phrase and a regex from the criteria file."""
    assert K2_LESING in tekst
    return tekst.replace(
        K2_LESING, "tekst: {felt: vedtak.tekst, fraser: [barnets beste], " + regex + "}", 1
    )


def _kriterier(erstatt: tuple[str, str]) -> Callable[[Path], list[str]]:
    def lag(mappe: Path) -> list[str]:
        fra = Path(__file__).parents[1] / "revisjon" / "kriterier" / "barnefattigdom-nav.yaml"
        tekst = fra.read_text(encoding="utf-8")
        assert erstatt[0] in tekst or erstatt[0] == FRASER
        # FRASER: a regex beside a phrase list
        ny = _med_regex(tekst, erstatt[1]) if erstatt[0] == FRASER else tekst.replace(*erstatt, 1)
        (mappe / "k.yaml").write_text(ny, encoding="utf-8")
        return ["vurder", "saker", "-k", "k.yaml", "-o", "ut.md"]

    return lag


def _mal(tekst: str) -> Callable[[Path], list[str]]:
    def lag(mappe: Path) -> list[str]:
        (mappe / "maler").mkdir()
        (mappe / "maler" / "r.md.j2").write_text(tekst, encoding="utf-8")
        (mappe / "maler" / "sak.yaml").write_text(sak_yaml(kontor=N), encoding="utf-8")
        (mappe / "maler" / "del.j2").write_text(f"# {N}\n", encoding="utf-8")
        return ["vurder", "saker", "--mal", "maler/r.md.j2", "-o", "ut.md"]

    return lag


def _overstyring(tekst: str) -> Callable[[Path], list[str]]:
    def lag(mappe: Path) -> list[str]:
        (mappe / "o.yaml").write_text(tekst, encoding="utf-8")
        return ["vurder", "saker", "--overstyringer", "o.yaml", "-o", "ut.md"]

    return lag


def _manifest(mappe: Path) -> list[str]:
    svar = kjor("stikkprove", "saker", "-n", "2", "--seed", "a", "-m", "m.yaml", cwd=mappe)
    assert svar.returncode == 0, svar.stderr
    tekst = (mappe / "m.yaml").read_text(encoding="utf-8")
    (mappe / "m.yaml").write_text(tekst.replace("seed: a", f"seed: {N[:6]}-{N[6:]}"), "utf-8")
    return ["vurder", "saker", "--utvalg", "m.yaml", "-o", "ut.md"]


def _trend(mappe: Path) -> list[str]:
    svar = kjor("vurder", "saker", "--format", "json", "-o", "r.json", cwd=mappe)
    assert svar.returncode == 0, svar.stderr
    data = json.loads((mappe / "r.json").read_text(encoding="utf-8"))
    data["saker"][0]["sak_id"] = f"X {N[:6]} {N[6:]}"
    (mappe / "r.json").write_text(json.dumps(data), encoding="utf-8")
    return ["trend", "r.json", "-o", "ut.md"]


def _stikkprove_kopi(mappe: Path) -> list[str]:
    (mappe / "saker" / "a.yaml").write_text(sak_yaml(sak_id="K") + f"# {N}\n", "utf-8")
    return ["stikkprove", "saker", "-n", "5", "--seed", "a", "-m", "m.yaml", "--kopier-til", "kopi"]


def _fifo(mappe: Path) -> list[str]:
    os.mkfifo(mappe / "saker" / "ror.yaml")
    return ["vurder", "saker", "-o", "ut.md"]


def _lenke(mappe: Path) -> list[str]:
    (mappe / "saker" / "brutt.yaml").symlink_to(mappe / "finnes-ikke.yaml")
    return ["vurder", "saker", "-o", "ut.md"]


def _fil_med_nummer_i_navnet(mappe: Path) -> list[str]:
    (mappe / "saker" / f"{N[:6]}-{N[6:]}.yaml").write_text(sak_yaml(sak_id="X"), "utf-8")
    return ["vurder", "saker", "-o", "ut.md"]


def _mappe_med_nummer_i_navnet(mappe: Path) -> list[str]:
    (mappe / "saker" / N).mkdir()
    (mappe / "saker" / N / "a.yaml").write_text(sak_yaml(sak_id="X"), "utf-8")
    return ["vurder", "saker", "-o", "ut.md"]


def _mange_ukjente_nokler(mappe: Path) -> list[str]:
    sak = lag_sak(sak_id="MANGE")
    sak.update({f"x{i}": i for i in range(100_000)})
    (mappe / "saker" / "mange.json").write_text(json.dumps(sak), encoding="utf-8")
    return ["vurder", "saker", "-o", "ut.md"]


def _binar_nokkel() -> str:
    return sak_yaml() + f"!!binary {base64.b64encode(N.encode()).decode()}: 1\n"


ANGREP = [
    *(
        Angrep(f"journal-{navn}", _sak("a.yaml", sak_yaml(kontor=f"Ref {s}")), 1)
        for navn, s in SKRIVEMATER.items()
    ),
    *(
        Angrep(f"json-{navn}", _sak("a.json", json.dumps(lag_sak(enhet=f"x {s}"))), 1)
        for navn, s in SKRIVEMATER.items()
        if navn in ("tabulator", "nbsp", "punktum-i-dato", "understrek")
    ),
    Angrep("i-en-nokkel", _sak("a.yaml", sak_yaml() + f'"{N[:6]} {N[6:]}": 1\n'), 1),
    Angrep("i-sak-id", _sak("a.yaml", sak_yaml(sak_id=f"S-{N[:6]}-{N[6:]}")), 1),
    Angrep("i-en-kode", _sak("a.yaml", sak_yaml(tjeneste=f"{N[:6]}_{N[6:]}")), 1),
    Angrep("yaml-heltall-med-understrek", _sak("a.yaml", sak_yaml() + f"x: {N[:3]}_{N[3:6]}_{N[6:]}\n"), 1),
    Angrep("yaml-oktalt-tall", _sak("a.yaml", sak_yaml() + "x: 01017012345\n".replace("01017012345", lag_nummer("010170"))), 1),
    Angrep("i-en-kommentar", _sak("a.yaml", sak_yaml() + f"# {N[:6]} {N[6:]}\n"), 1),
    Angrep("i-et-taggnavn", _sak("a.yaml", sak_yaml() + f"x: !{N} a\n"), 1),
    Angrep("taggnavn-uten-gyldig-nummer", _sak("a.yaml", sak_yaml() + "x: !Ola_Nordmann a\n"), 1, ikke_vist="Ola_Nordmann"),
    Angrep("binaer-nokkel", _sak("a.yaml", _binar_nokkel()), 1),
    Angrep("navn-som-nokkel", _sak("a.yaml", sak_yaml(husstand={"voksne": 1, "barn": [], "Ola Nordmann": 1})), 1, melding="ukjent nøkkel", ikke_vist="Ola Nordmann"),
    Angrep("navn-som-kode", _sak("a.yaml", sak_yaml(tjeneste="Kari Hansen")), 1, ikke_vist="Kari Hansen"),
    Angrep("navn-som-barne-id", _sak("a.yaml", sak_yaml(husstand={"voksne": 1, "barn": [{"id": "Per Hansen", "alder": 3}, {"id": "Per Hansen", "alder": 4}]})), 1, ikke_vist="Per Hansen"),
    *(
        Angrep(f"tagg-{navn}", _sak("a.yaml", sak_yaml() + f"x: {tagg}\n"), 1, melding="YAML-tagg")
        for navn, tagg in [
            ("bool", "!!bool maybe"), ("timestamp", "!!timestamp x"), ("set", "!!set {a, b}"),
            ("map", "!!map [1]"), ("int", "!!int abc"), ("float", "!!float x"),
        ]
    ),
    Angrep("filnavn-med-nummer", _fil_med_nummer_i_navnet, 1, melding="navnet inneholder"),
    Angrep("mappenavn-med-nummer", _mappe_med_nummer_i_navnet, 1, melding="navnet inneholder"),
    Angrep("fifo", _fifo, 1, melding="FIFO"),
    Angrep("brutt-lenke", _lenke, 1, melding="symbolsk lenke"),
    Angrep("hundre-tusen-ukjente-nokler", _mange_ukjente_nokler, 1, melding="feil til"),
    Angrep("kriterietittel", _kriterier(("tittel: Hvert barns", f"tittel: {N[:6]} {N[6:]} Hvert barns")), 2, gode_vurdert=False),
    Angrep("kriteriekommentar", _kriterier(("kriterier:\n", f"kriterier:  # {N[:6]}-{N[6:]}\n")), 2, gode_vurdert=False),
    Angrep("kriterietagg", _kriterier(("tittel: Hvert barns", "tittel: !!bool maybe\n    x: Hvert barns")), 2, gode_vurdert=False, melding="YAML-tagg"),
    Angrep("regex-tilbakereferanse", _kriterier((FRASER, r"regex: ['(a)\1']")), 2, gode_vurdert=False, melding="tilbakereferanser"),
    Angrep("plassholder-journal", _kriterier(('tekst_mangler: "', 'tekst_mangler: "{journal} ')), 2, gode_vurdert=False, melding="hel struktur"),
    Angrep("plassholder-barn", _kriterier(('tekst_mangler: "', 'tekst_mangler: "{husstand.barn} ')), 2, gode_vurdert=False, melding="hel struktur"),
    Angrep("mal-inkluderer-sak", _mal('{% include "sak.yaml" %}'), 2, gode_vurdert=False),
    Angrep("mal-inkluderer-utenfor", _mal('{% include "../saker/a.yaml" %}'), 2, gode_vurdert=False),
    Angrep("mal-inkluderer-mal-med-nummer", _mal('{% include "del.j2" %}'), 2, gode_vurdert=False),
    Angrep("mal-med-nummer", _mal(f"{{# {N} #}}x"), 2, gode_vurdert=False),
    Angrep("mal-stor-streng", _mal('{{ "x" * 10000000000 }}'), 2, gode_vurdert=False, melding="malen"),
    Angrep("mal-stor-bredde", _mal('{{ "{:>9999999999}".format(1) }}'), 2, gode_vurdert=False, melding="malen"),
    Angrep("manifest-seed", _manifest, 2, gode_vurdert=False),
    Angrep("trend-resultatfil", _trend, 2, gode_vurdert=False),
    Angrep("stikkprove-seed", lambda m: ["stikkprove", "saker", "-n", "1", "--seed", f"{N[:6]}-{N[6:]}", "-m", "m.yaml"], 2, gode_vurdert=False),
    Angrep("stikkprove-kopierer-ikke-kommentar", _stikkprove_kopi, 1, gode_vurdert=False),
    Angrep("overstyring-kommentar", _overstyring(f"# {N[:6]} {N[6:]}\noverstyringer: []\n"), 2, gode_vurdert=False),
    Angrep("overstyring-sak-id", _overstyring("overstyringer:\n  - sak_id: Ola Nordmann\n    kriterium: K1\n    status: oppfylt\n    begrunnelse: x\n    av: AB\n    dato: 2024-01-01\n"), 2, gode_vurdert=False, ikke_vist="Ola Nordmann"),
]  # fmt: skip


@pytest.mark.parametrize("angrep", ANGREP, ids=[a.navn for a in ANGREP])
def test_angrep(tmp_path: Path, angrep: Angrep) -> None:
    (tmp_path / "saker").mkdir()
    (tmp_path / "saker" / "god-1.yaml").write_text(sak_yaml(sak_id="GOD-1"), "utf-8")
    (tmp_path / "saker" / "god-2.json").write_text(json.dumps(lag_sak(sak_id="GOD-2")), "utf-8")
    argumenter = angrep.lag(tmp_path)
    for_ = {p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    svar = kjor(*argumenter, cwd=tmp_path)
    assert svar.returncode == angrep.kode, svar.stderr
    assert "Traceback" not in svar.stderr
    assert not lekker(svar.stdout), svar.stdout
    assert not lekker(svar.stderr), svar.stderr
    skrevet = {p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()} - for_
    for fil in skrevet:
        assert not lekker(fil.read_text(encoding="utf-8", errors="replace")), fil
    if angrep.melding:
        assert angrep.melding in svar.stderr, svar.stderr
    if angrep.ikke_vist:
        assert angrep.ikke_vist not in svar.stderr + svar.stdout
        assert all(angrep.ikke_vist not in f.read_text("utf-8", "replace") for f in skrevet)
    if angrep.gode_vurdert:
        rapport = (tmp_path / "ut.md").read_text(encoding="utf-8")
        assert "GOD-1" in rapport and "GOD-2" in rapport
    elif argumenter[0] != "stikkprove":
        assert not (tmp_path / "ut.md").exists()
    if (tmp_path / "kopi").exists():  # the good cases are copied, the one with a number is not
        assert sorted(p.name for p in (tmp_path / "kopi").iterdir()) == ["god-1.yaml", "god-2.json"]


def test_en_tagg_tar_ikke_ned_kjoringen_med_arbeidsprosesser(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"god-{i:02}.json").write_text(json.dumps(lag_sak(sak_id=f"G-{i}")), "utf-8")
    for i, tagg in enumerate(["!!bool maybe", "!!timestamp x", "!!set {a}", "!!map [1]"]):
        (tmp_path / f"tagg-{i}.yaml").write_text(sak_yaml(sak_id=f"T{i}") + f"x: {tagg}\n")
    kjoring = vurder([tmp_path], kriteriesett=last_kriterier(), terskel=1, arbeidere=2, bit=5)
    assert len(kjoring.saker) == 30
    assert sorted(a.fil.rsplit("/", 1)[1] for a in kjoring.avviste) == [
        f"tagg-{i}.yaml" for i in range(4)
    ]
    assert all("YAML-tagg" in a.melding for a in kjoring.avviste)


def test_regex_som_kan_backtracke_henger_ikke(tmp_path: Path) -> None:
    fra = Path(__file__).parents[1] / "revisjon" / "kriterier" / "barnefattigdom-nav.yaml"
    tekst = fra.read_text(encoding="utf-8")
    ny = _med_regex(tekst, "regex: ['(a+)+$']")
    (tmp_path / "k.yaml").write_text(ny, "utf-8")
    sak = lag_sak(sak_id="LANG")
    sak["vedtak"]["tekst"] = "a" * 100_000 + "b"
    (tmp_path / "lang.json").write_text(json.dumps(sak), "utf-8")
    start = time.perf_counter()
    kjoring = vurder([tmp_path / "lang.json"], kriteriesett=last_kriterier([tmp_path / "k.yaml"]))
    # Python's engine takes longer than the universe's age here; RE2 a few milliseconds.
    assert time.perf_counter() - start < 30
    assert [s.sak_id for s in kjoring.saker] == ["LANG"]


@pytest.mark.parametrize("skrivemate", list(SKRIVEMATER), ids=list(SKRIVEMATER))
def test_vakten_finner_hver_skrivemate_og_maskerer_den(skrivemate: str) -> None:
    tekst = f"Ref {SKRIVEMATER[skrivemate]}."
    assert fnr.inneholder_fodselsnummer(tekst)
    assert not lekker(fnr.masker(tekst))


@pytest.mark.parametrize(
    "tekst",
    [
        "Husleie kr 12 345 og strøm kr 1 500.",
        "Møte 14.07.2024 kl. 10.30, ny samtale 18.03.2024.",
        "Telefon 22 33 44 55 eller 99 88 77 66.",
        f"Saksnr. 2024-{N[:5]}",
        f"{N}9",  # twelve digits: not shaped like a number
    ],
)
def test_vanlig_innhold_er_ikke_et_nummer(tekst: str) -> None:
    assert not fnr.inneholder_fodselsnummer(tekst)


def test_en_mal_som_gaar_i_loekke_uten_aa_skrive_stoppes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revisjon.feil import RevisjonFeil
    from revisjon.rapport import Format, markdown, render
    from revisjon.rapport.bygging import bygg_rapport
    from tests.conftest import FAST_DATO

    monkeypatch.setattr(markdown, "MAKS_SEKUNDER", 1.0)
    mal = tmp_path / "r.md.j2"
    mal.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    (tmp_path / "a.json").write_text(json.dumps(lag_sak()), encoding="utf-8")
    sett = last_kriterier()
    rapport = bygg_rapport(
        vurder([tmp_path / "a.json"], kriteriesett=sett), kriteriesett=sett, dato=FAST_DATO
    )
    start = time.perf_counter()
    with pytest.raises(RevisjonFeil, match="stoppet"):
        render(rapport, Format.markdown, mal=mal)
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize(
    ("monster", "tekst"),
    [
        (r"^\w+$", "søknadsår"),
        (r"barn\w* beste", "Barnas beste"),
        (r"[\w-]+ø", "fem-år-ø"),
        (r"a\s+b", "a\u00a0b"),
        (r"\d{2}", "٣٤"),
        (r"^\W+$", "«»"),
        (r"[^\d]x", "ax"),
        (r"særlige\s+behov", "SÆRLIGE  behov"),
    ],
)
def test_re2_treffer_som_python(monster: str, tekst: str) -> None:
    from revisjon.kriteriesprak.regex import kompiler_regex

    forventet = re.search(monster, tekst, re.IGNORECASE) is not None
    assert (kompiler_regex(monster).search(tekst) is not None) == forventet


@pytest.mark.parametrize(
    ("monster", "melding"),
    [
        ("(?=a)b", "blikk fremover eller bakover"),
        ("(?<!a)b", "blikk fremover eller bakover"),
        (r"(a)\1", "tilbakereferanser"),
        ("(a", "en parentes er ikke lukket"),  # both engines reject it: Python's message
        ("a**", "to gjentakelser står etter hverandre"),
    ],
)
def test_regex_som_ikke_kan_brukes_forklares_paa_norsk(monster: str, melding: str) -> None:
    from revisjon.kriteriesprak.regex import RegexFeil, kompiler_regex

    with pytest.raises(RegexFeil, match=re.escape(melding)):
        kompiler_regex(monster)
