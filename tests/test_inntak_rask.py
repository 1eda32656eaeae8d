"""The fast path for JSON cases (jiter + msgspec) accepts only what the exact path (json +
pydantic) accepts, and then gives the same values, of the same types; everything else is left
to the exact path and gets its messages."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from revisjon.feil import Avvisning
from revisjon.inntak import lesing
from revisjon.inntak.fodselsnummer import json_kan_ha_fodselsnummer
from revisjon.inntak.lesing import InnlestSak, les_fil, valider_sak
from revisjon.inntak.rask import SAKSTRUCT, STRUCTER, rask_sak
from revisjon.sak import Sak
from tests.test_inntak_egenskaper import GRUNNSAKER, hent, stier

INNSTILLINGER = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def verdier(objekt: Any) -> Any:
    """A model or struct as nested dicts, with every leaf as (type, value), so that 1 and 1.0
    or a date and its text are told apart."""
    if isinstance(objekt, BaseModel):
        return {navn: verdier(getattr(objekt, navn)) for navn in type(objekt).model_fields}
    if isinstance(objekt, msgspec.Struct):
        return {navn: verdier(getattr(objekt, navn)) for navn in objekt.__struct_fields__}
    if isinstance(objekt, list):
        return [verdier(v) for v in objekt]
    return (type(objekt), objekt)


def eksakt(raa: bytes) -> Sak | None:
    """The case as the exact path reads it, or None when it is rejected."""
    try:
        data = json.loads(raa)
    except ValueError:
        return None
    funnet = valider_sak("sak.json", data)
    return funnet.sak if isinstance(funnet, InnlestSak) else None


def test_hver_modell_i_en_sak_har_en_struct_med_samme_felt_og_standardverdier() -> None:
    from revisjon import sak as saksmodul

    modeller = {
        m
        for m in vars(saksmodul).values()
        if isinstance(m, type) and issubclass(m, saksmodul.Modell) and m is not saksmodul.Modell
    }
    assert set(STRUCTER) == modeller
    for modell, struct in STRUCTER.items():
        info = msgspec.structs.fields(struct)
        assert [f.name for f in info] == list(modell.model_fields), modell
        for felt in info:
            modellfelt = modell.model_fields[felt.name]
            assert felt.required == modellfelt.is_required(), felt.name
            if modellfelt.default_factory is not None:
                assert felt.default_factory is modellfelt.default_factory
            elif not modellfelt.is_required():
                assert felt.default == modellfelt.default
    assert STRUCTER[Sak] is SAKSTRUCT


@pytest.mark.parametrize("navn", sorted(GRUNNSAKER))
def test_en_gyldig_sak_leses_raskt_med_samme_verdier(navn: str) -> None:
    raa = json.dumps(GRUNNSAKER[navn], ensure_ascii=False).encode("utf-8")
    rask = rask_sak(raa)
    assert isinstance(rask, msgspec.Struct), "en gyldig sak skal gå den raske veien"
    assert verdier(rask) == verdier(eksakt(raa))


@pytest.mark.parametrize(
    ("endring", "sti", "verdi"),
    [
        ("tall med desimaler der et heltall skal stå", ("husstand", "voksne"), 1.0),
        ("sannhetsverdi for heltall", ("husstand", "voksne"), True),
        ("sannhetsverdi for versjon", ("versjon",), True),
        ("tom sak-id", ("sak_id",), ""),
        ("dato som ikke finnes", ("soknad", "mottatt"), "2024-02-30"),
        ("dato med klokkeslett", ("soknad", "mottatt"), "2024-02-01T10:00:00"),
        ("dato uten bindestrek", ("soknad", "mottatt"), "20240201"),
        ("alder over 17", ("husstand", "barn", 0, "alder"), 18),
        ("ukjent kode", ("tjeneste",), "sosialhjelp"),
    ],
)
def test_det_den_raske_veien_avviser_avvises_eller_godtas_av_den_eksakte(
    endring: str, sti: tuple[str | int, ...], verdi: Any
) -> None:
    sak = copy.deepcopy(GRUNNSAKER["lag_sak"])
    hent(sak, sti[:-1])[sti[-1]] = verdi
    raa = json.dumps(sak).encode("utf-8")
    assert rask_sak(raa) is None, endring


@pytest.mark.parametrize(
    ("endring", "raa", "melding"),
    [
        (
            "dobbel nøkkel",
            b'{"versjon": 1, "versjon": 1}',
            "«versjon» står to ganger i samme objekt; fjern den ene",
        ),
        ("NaN", b'{"versjon": NaN}', "versjon"),
        ("uendelig stort tall", b'{"versjon": 1, "belop": 1e999}', "belop"),
        ("byte-rekkefølgemerke midt i", b'{"versjon": 1}\xef\xbb\xbf', "ugyldig JSON"),
    ],
)
def test_fila_faar_den_eksakte_veiens_melding(
    tmp_path: Path, endring: str, raa: bytes, melding: str
) -> None:
    assert rask_sak(raa) is None, endring
    fil = tmp_path / "sak.json"
    fil.write_bytes(raa)
    avvisninger = [a for a in les_fil(fil) if isinstance(a, Avvisning)]
    assert avvisninger, endring
    assert any(melding in str(a) for a in avvisninger), [str(a) for a in avvisninger]


def test_en_jsonl_linje_leses_raskt_med_linjenummer(tmp_path: Path) -> None:
    fil = tmp_path / "saker.jsonl"
    linje = json.dumps(GRUNNSAKER["lag_sak"], ensure_ascii=False)
    fil.write_text(f"\n{linje}\n", "utf-8")
    (sak,) = les_fil(fil)
    assert isinstance(sak, InnlestSak)
    assert isinstance(sak.sak, msgspec.Struct)
    assert sak.linje == 2


# Values that lie on the edges where jiter and msgspec could differ from json and pydantic.
KANTVERDI = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, 17, 18, -1, 2**63, 10**308, 10**400, 0.0, -0.0, 1.0, 1e308, 1e-320]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            "x",
            "2024-01-31",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "2024-01-01 ",
            "１２３",
            "okonomisk_stonad",
            "innvilget",
            "socio",
            "B1",
            "B9",
            "gjennomfort",
            "fritid",
            "\u00e6\u00f8\u00e5",
            "a\u0000b",
        ]
    ),
    st.text(max_size=12),
    st.lists(st.sampled_from(["B1", "B2", "fritid", "x", ""]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "alder", "dato", "x"]), st.integers(0, 20), max_size=2),
)


def lik_verdi(gammel: Any) -> st.SearchStrategy[Any]:
    """Another value of the kind ``gammel`` is: text (a date when it is one), integer, float,
    boolean."""
    if isinstance(gammel, bool):
        return st.booleans()
    if isinstance(gammel, int):
        return st.integers(-2, 20)
    if isinstance(gammel, float):
        return st.floats(-1, 1e9)
    if isinstance(gammel, str) and len(gammel) == 10 and gammel[4] == "-":
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str)
    if isinstance(gammel, str):
        return st.text(max_size=40)
    return st.just(gammel)


@st.composite
def mutert_json(
    draw: st.DrawFn, arter: tuple[str, ...] = ("bytt", "likt", "fjern", "legg_til")
) -> bytes:
    """A valid case with one to three values changed (to one of the same kind or of any
    kind), removed or added, as JSON bytes."""
    sak = copy.deepcopy(GRUNNSAKER[draw(st.sampled_from(sorted(GRUNNSAKER)))])
    for _ in range(draw(st.integers(1, 3))):
        alle = [(s, v) for s, v in stier(sak) if s]
        sti, _gammel = draw(st.sampled_from(alle))
        art = draw(st.sampled_from(arter))
        forelder = hent(sak, sti[:-1])
        if art == "likt":  # a value of the same kind, so that the case often stays valid
            forelder[sti[-1]] = draw(lik_verdi(_gammel))
        elif art == "bytt":
            forelder[sti[-1]] = draw(KANTVERDI)
        elif art == "fjern" and isinstance(forelder, dict):
            del forelder[sti[-1]]
        elif isinstance(forelder, dict):
            forelder[draw(st.sampled_from(["merknad", "skjema", "x", "barn", "tolk"]))] = draw(
                KANTVERDI
            )
    return json.dumps(sak, ensure_ascii=draw(st.booleans())).encode("utf-8")


@INNSTILLINGER
@given(raa=st.one_of(mutert_json(), mutert_json(arter=("likt",))))
def test_den_raske_veien_godtar_bare_det_den_eksakte_godtar_og_med_samme_verdier(
    raa: bytes,
) -> None:
    rask = None if json_kan_ha_fodselsnummer(raa) else lesing._rask_sak(raa)
    if rask is not None:
        eksakt_sak = eksakt(raa)
        assert eksakt_sak is not None, "den raske veien godtok en sak som den eksakte avviser"
        assert verdier(rask) == verdier(eksakt_sak)


@settings(max_examples=300, deadline=None)
@given(
    tall=st.one_of(
        st.integers(0, 10**6),
        st.floats(0, 1e6),
        st.integers(-(10**400), 10**400),
        st.floats(allow_nan=False),
    )
)
def test_et_belop_godtas_av_begge_veier_eller_av_ingen(tall: float) -> None:
    sak = copy.deepcopy(GRUNNSAKER["lag_sak"])
    sak["vedtak"] = {
        "dato": "2024-03-01",
        "utfall": "innvilget",
        "tekst": "Innvilget.",
        "beregning": {"utgifter": [{"type": "husleie", "belop": tall}]},
    }
    raa = json.dumps(sak).encode("utf-8")
    if json_kan_ha_fodselsnummer(raa):
        return  # then the exact path reads it, whatever the fast path would say
    rask, eksakt_sak = lesing._rask_sak(raa), eksakt(raa)
    assert (rask is None) == (eksakt_sak is None), raa
    if rask is not None:
        assert verdier(rask) == verdier(eksakt_sak)


def test_datoene_er_datoer() -> None:
    raa = json.dumps(GRUNNSAKER["lag_sak"]).encode("utf-8")
    rask = rask_sak(raa)
    assert rask is not None
    assert isinstance(rask.soknad.mottatt, dt.date)
