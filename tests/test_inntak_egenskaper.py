"""Properties of intake (hypothesis): no input crashes it, and no bad input affects the others."""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import InnlestSak, les_saker
from revisjon.inntak.meldinger import felt_sti
from revisjon.inntak.yamllast import les_yaml
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.vurdering.kjoring import vurder
from tests.conftest import EKSEMPLER, lag_sak

INNSTILLINGER = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

Sti = tuple[str | int, ...]


@pytest.fixture(scope="module")
def mappe() -> Iterator[Path]:
    """A scratch directory that each example empties first (tmp_path is per test, not example)."""
    with tempfile.TemporaryDirectory() as navn:
        yield Path(navn)


def tom(mappe: Path) -> Path:
    for del_ in mappe.iterdir():
        if del_.is_dir():
            shutil.rmtree(del_)
        else:
            del_.unlink()
    return mappe


def eksempel(navn: str) -> dict[str, Any]:
    """A shipped example as plain data (dates as strings, as in JSON)."""
    data = les_yaml((EKSEMPLER / navn).read_text("utf-8")).data
    assert isinstance(data, dict)
    return data


GRUNNSAKER = {navn: eksempel(navn) for navn in ("os-01.yaml", "os-05.yaml", "rv-01.yaml")}
GRUNNSAKER["lag_sak"] = lag_sak()


def skriv_sak(fil: Path, sak: dict[str, Any]) -> None:
    if fil.suffix in (".json", ".jsonl"):
        fil.write_text(json.dumps(sak, ensure_ascii=False), "utf-8")
    else:
        fil.write_text(yaml.safe_dump(sak, allow_unicode=True, sort_keys=False), "utf-8")


# --------------------------------------------------------------------------------------------
# (1) Arbitrary bytes never crash intake

GYLDIG_YAML = yaml.safe_dump(lag_sak(), allow_unicode=True, sort_keys=False).encode("utf-8")
GYLDIG_JSON = json.dumps(lag_sak(), ensure_ascii=False).encode("utf-8")


@st.composite
def skadet(draw: st.DrawFn, gyldig: bytes) -> bytes:
    """A valid case with a random slice replaced by random bytes."""
    start = draw(st.integers(0, len(gyldig)))
    slutt = draw(st.integers(start, min(len(gyldig), start + 40)))
    return gyldig[:start] + draw(st.binary(max_size=40)) + gyldig[slutt:]


VILKARLIGE_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    st.text(alphabet="{}[]:,\"'&*!-#| \n\t0123456789abyæø\\", max_size=300).map(str.encode),
    skadet(GYLDIG_YAML),
    skadet(GYLDIG_JSON),
    st.lists(skadet(GYLDIG_JSON), max_size=4).map(b"\n".join),
)


@INNSTILLINGER
@given(innhold=VILKARLIGE_BYTES, suffiks=st.sampled_from([".yaml", ".yml", ".json", ".jsonl"]))
def test_vilkarlige_bytes_gir_sak_eller_avvisning_aldri_krasj(
    mappe: Path, innhold: bytes, suffiks: str
) -> None:
    fil = tom(mappe) / f"sak{suffiks}"
    fil.write_bytes(innhold)
    innlest = list(les_saker([fil]))
    assert innlest, "hver fil gir minst én sak eller én avvisning"
    for element in innlest:
        assert isinstance(element, InnlestSak | Avvisning)
        assert element.fil == str(fil)
        if isinstance(element, Avvisning):
            assert element.melding.strip()
            assert str(element).startswith(str(fil))


# --------------------------------------------------------------------------------------------
# (2) Mutated valid cases: a valid case, or rejections that name the field


def stier(data: Any, sti: Sti = ()) -> Iterator[tuple[Sti, Any]]:
    """Every path in ``data`` with its value, parents before children."""
    yield sti, data
    if isinstance(data, dict):
        for nokkel, verdi in data.items():
            yield from stier(verdi, (*sti, nokkel))
    elif isinstance(data, list):
        for i, verdi in enumerate(data):
            yield from stier(verdi, (*sti, i))


def hent(data: Any, sti: Sti) -> Any:
    for ledd in sti:
        data = data[ledd]
    return data


ANNEN_VERDI = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.lists(st.integers(0, 20), max_size=3),
    st.dictionaries(st.sampled_from(["id", "dato", "x"]), st.integers(0, 20), max_size=2),
)


def samme_type(a: Any, b: Any) -> bool:
    return type(a) is type(b)


@st.composite
def mutert_sak(draw: st.DrawFn) -> tuple[dict[str, Any], str, Sti]:
    """(case, kind of mutation, the path it touched)."""
    sak = copy.deepcopy(GRUNNSAKER[draw(st.sampled_from(sorted(GRUNNSAKER)))])
    alle = list(stier(sak))
    art = draw(st.sampled_from(["fjern", "bytt", "legg_til"]))
    if art == "fjern":
        sti = draw(st.sampled_from([s for s, _ in alle if s and isinstance(s[-1], str)]))
        del hent(sak, sti[:-1])[sti[-1]]
    elif art == "bytt":
        sti, gammel = draw(
            st.sampled_from([(s, v) for s, v in alle if s and not isinstance(v, dict | list)])
        )
        ny = draw(ANNEN_VERDI.filter(lambda v: not samme_type(v, gammel)))
        hent(sak, sti[:-1])[sti[-1]] = ny
    else:
        foreldre = [s for s, v in alle if isinstance(v, dict)]
        forelder = draw(st.sampled_from(foreldre))
        nokkel = "x_" + draw(st.from_regex(r"[a-z_]{1,12}", fullmatch=True))
        hent(sak, forelder)[nokkel] = draw(ANNEN_VERDI)
        sti = (*forelder, nokkel)
    return sak, art, sti


@INNSTILLINGER
@given(mutasjon=mutert_sak(), suffiks=st.sampled_from([".yaml", ".json", ".jsonl"]))
def test_en_mutert_sak_er_gyldig_eller_avvist_med_feltsti(
    mappe: Path, mutasjon: tuple[dict[str, Any], str, Sti], suffiks: str
) -> None:
    sak, art, sti = mutasjon
    fil = tom(mappe) / f"sak{suffiks}"
    skriv_sak(fil, sak)
    innlest = list(les_saker([fil]))
    saker = [i for i in innlest if isinstance(i, InnlestSak)]
    avvisninger = [i for i in innlest if isinstance(i, Avvisning)]
    assert (len(saker), avvisninger) == (1, []) or (saker == [] and avvisninger), innlest
    for a in avvisninger:
        assert a.felt, f"avvisningen nevner ikke et felt: {a}"
        assert a.melding.strip()
        assert a.fil == str(fil)
        if suffiks == ".jsonl":
            assert a.linje == 1
    if art == "legg_til":
        assert avvisninger, "et ukjent felt skal alltid avvises"
        assert felt_sti(sti) in {a.felt for a in avvisninger}
    if avvisninger:
        # The message points at the field that was changed (or, for a child id, at a field
        # that refers to it); never somewhere unrelated.
        ramt = felt_sti(sti)
        assert any(
            a.felt == ramt
            or (a.felt or "").startswith((ramt + ".", ramt + "["))
            or ramt.startswith((f"{a.felt}.", f"{a.felt}["))
            or ".barn" in (a.felt or "")
            for a in avvisninger
        ), (ramt, [str(a) for a in avvisninger])


@INNSTILLINGER
@given(
    grunn=st.sampled_from(sorted(GRUNNSAKER)),
    endringer=st.lists(st.tuples(st.integers(min_value=0), ANNEN_VERDI), min_size=1, max_size=5),
)
def test_mange_endringer_krasjer_aldri(
    mappe: Path, grunn: str, endringer: list[tuple[int, Any]]
) -> None:
    sak = copy.deepcopy(GRUNNSAKER[grunn])
    for valg, verdi in endringer:
        kandidater = [s for s, _ in stier(sak) if s]
        if not kandidater:
            break
        sti = kandidater[valg % len(kandidater)]
        hent(sak, sti[:-1])[sti[-1]] = verdi
    fil = tom(mappe) / "sak.json"
    skriv_sak(fil, sak)
    for element in les_saker([fil]):
        if isinstance(element, Avvisning):
            assert element.melding.strip()


# --------------------------------------------------------------------------------------------
# (3) A bad file beside good ones never changes the verdicts on the good ones

GODE = ["os-01.yaml", "os-05.yaml", "os-09.yaml", "rv-01.yaml", "rv-04.yaml", "flere-saker.jsonl"]


def dommer(mappe: Path, standardsett: list[LastetSett]) -> dict[str, dict[str, str]]:
    kjoring = vurder([mappe], kriteriesett=standardsett)
    return {s.sak_id: {r.kriterium: r.status for r in s.resultater} for s in kjoring.saker}


@pytest.fixture(scope="module")
def gode_dommer(
    tmp_path_factory: pytest.TempPathFactory, standardsett: list[LastetSett]
) -> dict[str, dict[str, str]]:
    mappe = tmp_path_factory.mktemp("gode")
    for navn in GODE:
        shutil.copy(EKSEMPLER / navn, mappe / navn)
    dommene = dommer(mappe, standardsett)
    assert len(dommene) == len(GODE) + 1  # flere-saker.jsonl holds two cases
    return dommene


@st.composite
def daarlig_fil(draw: st.DrawFn) -> tuple[str, bytes]:
    """(path in the directory, content) of an input that is bad, or at least not a duplicate."""
    navn = draw(st.sampled_from(["0", "os-05b", "rv-02", "zz", "under/mappe/x"]))
    suffiks = draw(st.sampled_from([".yaml", ".json", ".jsonl", ".csv", ".txt"]))
    if draw(st.booleans()):
        sak, _art, _sti = draw(mutert_sak())
        sak["sak_id"] = "DÅRLIG"
        if suffiks in (".json", ".jsonl"):
            return navn + suffiks, json.dumps(sak, ensure_ascii=False).encode("utf-8")
        return navn + suffiks, yaml.safe_dump(sak, allow_unicode=True).encode("utf-8")
    return navn + suffiks, draw(VILKARLIGE_BYTES)


@INNSTILLINGER
@given(daarlig=daarlig_fil())
def test_en_daarlig_fil_endrer_ikke_dommene_over_de_gode(
    mappe: Path,
    standardsett: list[LastetSett],
    gode_dommer: dict[str, dict[str, str]],
    daarlig: tuple[str, bytes],
) -> None:
    tom(mappe)
    for navn in GODE:
        shutil.copy(EKSEMPLER / navn, mappe / navn)
    navn, innhold = daarlig
    (mappe / navn).parent.mkdir(parents=True, exist_ok=True)
    (mappe / navn).write_bytes(innhold)
    etter = dommer(mappe, standardsett)
    assert {sak_id: etter.get(sak_id) for sak_id in gode_dommer} == gode_dommer
