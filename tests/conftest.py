"""Shared test helpers: paths, the default criteria loaded once, and a case factory."""

from __future__ import annotations

import copy
import inspect
from pathlib import Path
from typing import Any

import pytest

from revisjon.kriteriesprak.lasting import LastetSett, last_kriterier

ROT = Path(__file__).resolve().parent.parent
EKSEMPLER = ROT / "eksempler"
DATA = Path(__file__).resolve().parent / "data"

GRUNNSAK: dict[str, Any] = {
    "versjon": 1,
    "sak_id": "T-1",
    "tjeneste": "okonomisk_stonad",
    "soknad": {"mottatt": "2024-03-04", "forstegangssoker": False},
    "husstand": {"voksne": 1, "barn": [{"id": "B1", "alder": 9}, {"id": "B2", "alder": 4}]},
    "vedtak": {"dato": "2024-03-18", "utfall": "innvilget", "tekst": "Søknaden er innvilget."},
}


def lag_sak(**endringer: Any) -> dict[str, Any]:
    """A valid synthetic case; keyword arguments replace top-level fields (None removes one)."""
    sak = copy.deepcopy(GRUNNSAK)
    for nokkel, verdi in endringer.items():
        if verdi is None:
            sak.pop(nokkel, None)
        else:
            sak[nokkel] = verdi
    return sak


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow every test that runs the CLI as a separate process (``kjor``), so that
    ``pytest -m "not slow"`` gives a quick loop; CI runs them all."""
    for item in items:
        funksjon = getattr(item, "function", None)
        if funksjon is None or item.get_closest_marker("slow"):
            continue
        try:
            kilde = inspect.getsource(funksjon)
        except (OSError, TypeError):
            continue
        if "kjor(" in kilde or "subprocess." in kilde:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def standardsett() -> list[LastetSett]:
    return last_kriterier()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--oppdater-fasit",
        action="store_true",
        help="Skriv golden-filene i tests/data/fasit på nytt (se over diffen før commit).",
    )


@pytest.fixture
def oppdater_fasit(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--oppdater-fasit"))


FAST_DATO = __import__("datetime").date(2024, 10, 1)


def skriv_rapport(kjoring, kriteriesett, format_, **valg):  # type: ignore[no-untyped-def]
    """A run's report text in ``format_``, dated FAST_DATO (so tests are deterministic); for
    Word, the text of the document's body (word/document.xml)."""
    from revisjon.rapport import Format, render, render_deler
    from revisjon.rapport.bygging import bygg_rapport

    rapport = bygg_rapport(kjoring, kriteriesett=kriteriesett, dato=FAST_DATO, **valg)
    if format_ is Format.docx:
        import io
        import zipfile

        innhold = b"".join(d for d in render_deler(rapport, format_) if isinstance(d, bytes))
        return zipfile.ZipFile(io.BytesIO(innhold)).read("word/document.xml").decode("utf-8")
    return render(rapport, format_)
