"""The package's shape: no import cycles between modules, and few modules at the top.

Imports are read from each module's syntax tree, at any depth (an import inside a function is a
dependency too), except those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKKE = Path(__file__).resolve().parent.parent / "revisjon"


def _modulnavn(sti: Path) -> str:
    deler = sti.relative_to(PAKKE.parent).with_suffix("").parts
    return ".".join(deler[:-1] if deler[-1] == "__init__" else deler)


def _moduler() -> dict[str, Path]:
    return {_modulnavn(p): p for p in sorted(PAKKE.rglob("*.py"))}


def _typekontroll(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _importerte(navn: str, sti: Path, kjente: set[str]) -> set[str]:
    """The package's modules that ``navn`` imports (a package import counts as its __init__)."""
    pakke = navn if sti.name == "__init__.py" else navn.rpartition(".")[0]
    funnet: set[str] = set()

    def legg_til(mal: str) -> None:
        while mal and mal not in kjente:
            mal = mal.rpartition(".")[0]
        if mal and mal != navn:
            funnet.add(mal)

    def besok(node: ast.AST) -> None:
        for barn in ast.iter_child_nodes(node):
            if isinstance(barn, ast.If) and _typekontroll(barn):
                for annet in barn.orelse:
                    besok(annet)
                continue
            if isinstance(barn, ast.Import):
                for alias in barn.names:
                    legg_til(alias.name)
            elif isinstance(barn, ast.ImportFrom):
                if barn.level:
                    grunn = pakke.split(".")[: len(pakke.split(".")) - barn.level + 1]
                    modul = ".".join([*grunn, *([barn.module] if barn.module else [])])
                else:
                    modul = barn.module or ""
                for alias in barn.names:
                    # ``from pakke import modul`` imports the module, else the name's module
                    if f"{modul}.{alias.name}" in kjente:
                        legg_til(f"{modul}.{alias.name}")
                    else:
                        legg_til(modul)
            besok(barn)

    besok(ast.parse(sti.read_text("utf-8"), str(sti)))
    return funnet


def importgraf() -> dict[str, set[str]]:
    moduler = _moduler()
    kjente = set(moduler)
    return {navn: _importerte(navn, sti, kjente) for navn, sti in moduler.items()}


def sirkler(graf: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of two or more modules (Tarjan), each as a sorted list."""
    indeks: dict[str, int] = {}
    lav: dict[str, int] = {}
    stakk: list[str] = []
    pa_stakk: set[str] = set()
    funnet: list[list[str]] = []

    def koble(v: str) -> None:
        indeks[v] = lav[v] = len(indeks)
        stakk.append(v)
        pa_stakk.add(v)
        for w in sorted(graf.get(v, ())):
            if w not in indeks:
                koble(w)
                lav[v] = min(lav[v], lav[w])
            elif w in pa_stakk:
                lav[v] = min(lav[v], indeks[w])
        if lav[v] == indeks[v]:
            del_: list[str] = []
            while True:
                w = stakk.pop()
                pa_stakk.discard(w)
                del_.append(w)
                if w == v:
                    break
            if len(del_) > 1:
                funnet.append(sorted(del_))

    for v in sorted(graf):
        if v not in indeks:
            koble(v)
    return funnet


def test_ingen_importsirkler() -> None:
    assert sirkler(importgraf()) == []


def test_sirkelsjekken_finner_en_sirkel() -> None:
    assert sirkler({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importer_i_funksjoner_teller(tmp_path: Path) -> None:
    modul = tmp_path / "m.py"
    modul.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from revisjon import feil\n"
        "def f():\n    from revisjon.rapport import bygging\n",
        "utf-8",
    )
    kjente = {"revisjon.feil", "revisjon.rapport", "revisjon.rapport.bygging", "m"}
    assert _importerte("m", modul, kjente) == {"revisjon.rapport.bygging"}


@pytest.mark.parametrize("grense", [10])
def test_faa_moduler_paa_toppnivaa(grense: int) -> None:
    topp = [p.name for p in PAKKE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert len(topp) <= grense, sorted(topp)
