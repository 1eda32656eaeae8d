"""The case-file format for people (docs/saksuttrekk.md): generated from the model, so it
never drifts from what the tool accepts."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from revisjon import saksdok
from revisjon.sak import Sak
from tests.cli_hjelp import kjor
from tests.conftest import ROT

DOKUMENT = ROT / "docs" / "saksuttrekk.md"


def test_dokumentet_i_repoet_er_det_som_genereres():
    svar = kjor("skjema", "saksuttrekk", "--format", "markdown")
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout == saksdok.saksuttrekk_markdown()
    assert DOKUMENT.read_text("utf-8") == svar.stdout, (
        "kjør: revisjon skjema saksuttrekk --format markdown > docs/saksuttrekk.md"
    )


def _modeller(modell: type[BaseModel], sett: set[type[BaseModel]]) -> set[type[BaseModel]]:
    sett.add(modell)
    for felt in modell.model_fields.values():
        for under in _typer(felt.annotation):
            if under not in sett:
                _modeller(under, sett)
    return sett


def _typer(annotasjon: object) -> list[type[BaseModel]]:
    import typing

    if isinstance(annotasjon, type) and issubclass(annotasjon, BaseModel):
        return [annotasjon]
    return [m for a in typing.get_args(annotasjon) for m in _typer(a)]


def test_hvert_felt_i_modellen_har_en_rad_og_en_forklaring():
    tekst = DOKUMENT.read_text("utf-8")
    for modell in _modeller(Sak, set()):
        assert f"### {modell.__name__}\n" in tekst
        for navn in modell.model_fields:
            assert f"{modell.__name__}.{navn}" in saksdok.BETYDNING
    assert "| `alder` | heltall (minst 0, høyst 17) | må med |" in tekst
    assert "| `tekst` | tekst, *fritekst* | må med |" in tekst
    assert "`okonomisk_stonad`, `opplysning_rad_veiledning`, `okonomisk_radgivning`" in tekst


def test_et_nytt_felt_uten_forklaring_stopper_genereringen(monkeypatch):
    monkeypatch.delitem(saksdok.BETYDNING, "Barn.alder")
    with pytest.raises(KeyError, match=r"Barn\.alder: feltet mangler en forklaring"):
        saksdok.saksuttrekk_markdown()


def test_readme_lenker_til_dokumentet_og_windows_rad():
    readme = (ROT / "README.md").read_text("utf-8")
    assert "(docs/saksuttrekk.md)" in readme
    assert "saksuttrekk.md` (format 1)" not in readme  # the old pointer to a file users lack
    assert ".venv\\Scripts\\activate" in readme
    assert "Notisblokk" in readme and "iconv" in readme
    assert not (ROT / "kriterier").is_symlink()


def test_markdown_finnes_bare_for_saksuttrekk():
    svar = kjor("skjema", "kriterier", "--format", "markdown")
    assert (svar.returncode, svar.stdout) == (2, "")
    assert svar.stderr == (
        "--format markdown finnes bare for saksuttrekk; kriteriespråket står i README\n"
    )
