"""The fast constructors of verdicts give exactly what the dataclasses' own constructors give."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revisjon.kriteriesprak.modell import STATUSER
from revisjon.resultat import (
    Resultat,
    SakResultat,
    nytt_resultat,
    nytt_sakresultat,
)

tekst = st.text(max_size=20)


@given(tekst, st.sampled_from(STATUSER), tekst)
def test_nytt_resultat_er_som_resultat(kriterium: str, status: str, begrunnelse: str) -> None:
    ny = nytt_resultat(kriterium, status, begrunnelse)  # type: ignore[arg-type]
    assert ny == Resultat(kriterium, status, begrunnelse)  # type: ignore[arg-type]
    assert dataclasses.astuple(ny) == (kriterium, status, begrunnelse, None, (), None, None)


@given(
    st.sampled_from(STATUSER),
    st.lists(st.integers(1, 99), max_size=4).map(tuple),
    st.none() | tekst,
    st.none() | tekst,
)
def test_nytt_resultat_med_setninger_er_som_resultat(
    status: str, setninger: tuple[int, ...], felt: str | None, kontroll: str | None
) -> None:
    ny = nytt_resultat("K2", status, "x", setninger, felt, kontroll)  # type: ignore[arg-type]
    assert ny == Resultat("K2", status, "x", None, setninger, felt, kontroll)  # type: ignore[arg-type]


@given(
    tekst,
    tekst,
    st.none() | st.integers(1, 10**6),
    tekst,
    st.none() | tekst,
    st.none() | st.dates(),
    st.none() | tekst,
)
def test_nytt_sakresultat_er_som_sakresultat(
    sak_id: str,
    fil: str,
    linje: int | None,
    tjeneste: str,
    enhet: str | None,
    vedtaksdato: dt.date | None,
    kontor: str | None,
) -> None:
    resultater = (Resultat("K1", "oppfylt", "x"),)
    verdier = (sak_id, fil, linje, tjeneste, enhet, vedtaksdato, resultater, kontor)
    ny = nytt_sakresultat(*verdier)
    assert ny == SakResultat(*verdier)
    assert tuple(getattr(ny, f.name) for f in dataclasses.fields(SakResultat)) == verdier


def test_de_raske_resultatene_er_like_frosne() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        nytt_resultat("K1", "oppfylt", "x").status = "ikke_oppfylt"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Resultat)] == [
        "kriterium",
        "status",
        "begrunnelse",
        "overstyring",
        "setninger",
        "tekstfelt",
        "til_kontroll",
    ]
