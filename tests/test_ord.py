"""The lemma dictionaries: simplemma's own forms, from a cache that is written whole or not at all."""

from __future__ import annotations

import logging

import pytest
import simplemma

from revisjon.tekst.ord import _TrieFabrikk, nokler

ORD = ["barnas", "borna", "vektlagt", "omsynet", "dottera", "ungenes"]


@pytest.mark.parametrize("ord_", ORD)
def test_grunnformene_er_simplemmas_egne(ord_: str) -> None:
    assert {simplemma.lemmatize(ord_, lang=s).lower() for s in ("nb", "nn")} <= nokler(ord_)


def test_hurtigbufferen_skrives_hel_og_brukes_neste_gang(tmp_path) -> None:
    _TrieFabrikk(disk_cache_dir=str(tmp_path)).get_dictionary("nn")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nn.dic"]  # no half-written leftovers
    ordbok = _TrieFabrikk(disk_cache_dir=str(tmp_path)).get_dictionary("nn")
    assert ordbok.get("borna") == simplemma.lemmatize("borna", lang="nn")


def test_uten_skrivbar_hurtigbuffer_virker_ordboken_uten_meldinger(tmp_path, caplog) -> None:
    fil = tmp_path / "fil"
    fil.write_text("ikke en mappe")
    with caplog.at_level(logging.DEBUG):
        ordbok = _TrieFabrikk(disk_cache_dir=str(fil / "buffer")).get_dictionary("nn")
    assert ordbok.get("borna") == simplemma.lemmatize("borna", lang="nn")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
