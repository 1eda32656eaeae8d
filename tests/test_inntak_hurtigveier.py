"""The fast paths of intake answer exactly as the plain code they stand in for: the raw-bytes
identity-number pre-test, the date check, the child-id check, list defaults and file reading.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from revisjon.feil import Avvisning
from revisjon.inntak import fodselsnummer as fnr
from revisjon.inntak import lesing
from revisjon.inntak.lesing import InnlestSak, les_fil, valider_sak
from revisjon.sak import Sak, barnereferanser, refererte_barn
from tests.conftest import lag_sak
from tests.test_herding import NUMMER

# --------------------------------------------------------------------------------------------
# The JSON pre-test: never says "certainly not" where the walk through the data finds a number


BITER = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=12),
    st.sampled_from(["e", "E", ".", " ", "\\", "u", "\\u", "D", "X", "De", "\\\\u", '"', "-"]),
    st.sampled_from(["٣", "０", "𝟎", "æ", "ø", "å", "–", "…", "\u00a0", "\u202f", "\t", "/", "_"]),
    st.sampled_from(NUMMER),
    st.sampled_from(NUMMER).map(lambda n: n[:6] + "\t" + n[6:]),
    st.sampled_from(NUMMER).map(lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}"),
    st.text(max_size=6),
)


@settings(max_examples=1000, deadline=None)
@given(biter=st.lists(BITER, max_size=12), ascii_=st.booleans())
def test_json_forproven_overser_aldri_et_nummer_i_tekst(biter: list[str], ascii_: bool) -> None:
    tekst = "".join(biter)
    raa = json.dumps({"a": tekst, tekst: 1}, ensure_ascii=ascii_).encode("utf-8", "surrogatepass")
    if list(fnr.fodselsnummer_steder(json.loads(raa))):
        assert fnr.json_kan_ha_fodselsnummer(raa)


@pytest.mark.parametrize(
    ("raa", "svar"),
    [
        (b'{"a": 1e5}', True),  # an exponent
        (b'{"a": 1E5}', True),
        (b'{"a": "\\u0031"}', True),  # an escape
        (b'{"a": "\\\\u"}', True),  # an escaped backslash before u: still looked at
        ('{"a": "٣"}'.encode(), True),  # a digit other than 0-9
        (b'{"a": "e1", "b": "u\\\\", "c": "2024-03-04"}', False),
        (b'{"sak_id": "SYN-0000001"}', False),  # seven digits
        (b'{"a": 1234567890}', True),  # ten digits: a number that dropped its leading zero
        (b'{"a": "140786\\t12345"}', True),  # a tab, escaped
        (b'{"a": "14.07.86 12345"}', True),
        (b'{"a": "kr 12 345", "b": "2024-03-18"}', False),
    ],
)
def test_json_forproven_paa_kjente_former(raa: bytes, svar: bool) -> None:
    assert fnr.json_kan_ha_fodselsnummer(raa) is svar


# --------------------------------------------------------------------------------------------
# Dates: JSON strings take a short cut, with the same answers and messages as the full test


@pytest.mark.parametrize(
    ("verdi", "melding"),
    [
        ("2024-03-04", None),
        ("2024-02-29", None),
        ("2023-02-29", "er ikke en gyldig dato (finnes ikke i kalenderen)"),
        ("2024-1a-04", "er ikke en gyldig dato (finnes ikke i kalenderen)"),
        ("0000-01-01", "er ikke en gyldig dato (finnes ikke i kalenderen)"),
        ("２０２４-03-04", "er ikke en gyldig dato (finnes ikke i kalenderen)"),
        ("2024-03-4", "skal være en dato på formen ÅÅÅÅ-MM-DD"),
        ("2024/03/04", "skal være en dato på formen ÅÅÅÅ-MM-DD"),
        ("2024-03-04T00:00:00", "skal være en dato på formen ÅÅÅÅ-MM-DD"),
        (20240304, "skal være en dato på formen ÅÅÅÅ-MM-DD"),
        (None, "skal være en dato på formen ÅÅÅÅ-MM-DD"),
        (dt.date(2024, 3, 4), None),
        (dt.datetime(2024, 3, 4), "skal være en dato (ÅÅÅÅ-MM-DD) uten klokkeslett"),
    ],
)
def test_dato_gir_samme_svar_og_melding(verdi: Any, melding: str | None) -> None:
    sak = lag_sak()
    sak["soknad"]["mottatt"] = verdi
    funnet = valider_sak("sak", sak)
    if melding is None:
        assert isinstance(funnet, InnlestSak)
        assert funnet.sak.soknad.mottatt == dt.date(2024, 3, 4) or verdi == "2024-02-29"
    else:
        assert isinstance(funnet, list)
        assert [(a.felt, a.melding) for a in funnet] == [("soknad.mottatt", melding)]


def test_dato_som_underklasse_av_str_godtas() -> None:
    class Tekst(str):
        pass

    sak = lag_sak()
    sak["soknad"]["mottatt"] = Tekst("2024-03-04")
    funnet = valider_sak("sak", sak)
    assert isinstance(funnet, InnlestSak)
    assert funnet.sak.soknad.mottatt == dt.date(2024, 3, 4)


# --------------------------------------------------------------------------------------------
# Child ids and list defaults


REFERANSER = lag_sak(
    journal=[
        {"dato": "2024-03-05", "system": "socio", "barn": ["B1", "B2"], "tekst": "a"},
        {"dato": "2024-03-06", "system": "socio", "barn": ["B3"], "tekst": "b"},
    ],
    kartlegginger=[{"dato": "2024-03-06", "barn": "B4", "kilde": "forelder", "tema": []}],
    tiltak=[{"dato": "2024-03-07", "type": "x", "barn": ["B5"]}],
    vedtak={
        "dato": "2024-03-18",
        "utfall": "innvilget",
        "tekst": "t",
        "beregning": {"utgifter": [{"type": "y", "belop": 1, "barn": ["B6", "B1"]}]},
    },
)


def test_refererte_barn_er_idene_i_barnereferansene() -> None:
    sak = Sak.model_validate(REFERANSER)
    assert refererte_barn(sak) == {b for _, b in barnereferanser(sak)}
    assert refererte_barn(sak) == {"B1", "B2", "B3", "B4", "B5", "B6"}
    assert refererte_barn(Sak.model_validate(lag_sak())) == set()


def test_barnefeil_nevner_hver_ukjent_referanse() -> None:
    funnet = valider_sak("sak", REFERANSER)
    assert isinstance(funnet, list)
    assert [a.felt for a in funnet] == [
        "journal[1].barn",
        "kartlegginger[0].barn",
        "tiltak[0].barn",
        "vedtak.beregning.utgifter[0].barn",
    ]


def test_tomme_lister_er_nye_for_hver_sak_og_standardverdien_star_i_skjemaet() -> None:
    forste, andre = Sak.model_validate(lag_sak()), Sak.model_validate(lag_sak())
    assert forste.journal == [] and forste.journal is not andre.journal
    skjema = Sak.model_json_schema()
    assert skjema["properties"]["journal"]["default"] == []
    assert skjema["$defs"]["Soknad"]["properties"]["gjelder"]["default"] == []


# --------------------------------------------------------------------------------------------
# Reading a file


def test_en_fil_som_ikke_kan_apnes_men_er_for_stor_avvises_for_storrelsen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is named first, as when it was looked at before the file was opened."""
    stor = tmp_path / "stor.json"
    with stor.open("wb") as ut:
        ut.truncate(lesing.MAKS_FILSTORRELSE + 1)
    liten = tmp_path / "liten.json"
    liten.write_text(json.dumps(lag_sak()), "utf-8")

    def nekt(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, os.strerror(13))

    monkeypatch.setattr(lesing.os, "open", nekt)
    [for_stor] = list(les_fil(stor))
    [nektet] = list(les_fil(liten))
    assert isinstance(for_stor, Avvisning) and isinstance(nektet, Avvisning)
    assert f"over grensen på {lesing.MAKS_FILSTORRELSE} byte" in for_stor.melding
    assert nektet.melding == f"kan ikke leses ({os.strerror(13)})"


def test_en_mappe_gitt_som_fil_kan_ikke_leses(tmp_path: Path) -> None:
    mappe = tmp_path / "sak.json"
    mappe.mkdir()
    [avvisning] = list(les_fil(mappe))
    assert isinstance(avvisning, Avvisning)
    assert avvisning.melding == f"kan ikke leses ({os.strerror(21)})"


# --------------------------------------------------------------------------------------------
# er_jsonl: the same answer as Path.suffix


@pytest.mark.parametrize(
    "sti",
    [
        "a.jsonl",
        "a.JSONL",
        "mappe/a.Jsonl",
        ".jsonl",
        "mappe/.jsonl",
        "a.json",
        "ajsonl",
        "a.jsonl.json",
        "a..jsonl",
        "a.jsonl.",
    ],
)
def test_er_jsonl_som_path_suffix(sti: str) -> None:
    assert lesing.er_jsonl(sti) == (Path(sti).suffix.lower() == ".jsonl")


@settings(max_examples=300, deadline=None)
@given(sti=st.text(alphabet="abJSONLjsonl./", max_size=14))
def test_er_jsonl_som_path_suffix_for_vilkarlige_stier(sti: str) -> None:
    if sti and not sti.endswith("/"):
        assert lesing.er_jsonl(sti) == (Path(sti).suffix.lower() == ".jsonl")


@settings(max_examples=500, deadline=None)
@given(
    navn=st.lists(
        st.sampled_from(["a", ".", "json", "jsonl", "JSON", "/", "x", "yaml", "æ", " "]),
        min_size=1,
        max_size=8,
    )
)
def test_endelsen_er_som_path_suffix(navn: list[str]) -> None:
    sti = "".join(navn)
    assume(str(Path(sti)) == sti)  # a path as ``finn_inndata`` gives it (``str(Path)``)
    assert lesing._endelse(sti) == Path(sti).suffix.lower()
