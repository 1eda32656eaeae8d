"""Attacks on the Markdown report: text from cases (ids, kontor, enhet, file names) never
becomes a link, HTML or a control character in what GitHub, pandoc or markdown-it make of it."""

from __future__ import annotations

import re
from pathlib import Path

import pypandoc
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from revisjon.rapport import render
from revisjon.rapport.bygging import bygg_rapport
from revisjon.rapport.format import Format
from revisjon.rapport.markdown import md
from revisjon.styretegn import STYRETEGN
from revisjon.vurdering.kjoring import vurder
from tests.conftest import FAST_DATO, lag_sak

MARKDOWN_IT = MarkdownIt("gfm-like", {"linkify": True})

LENKER = [
    "https://evil.example/x?y=1",
    "http://1.2.3.4/",
    "ftp://files.example",
    "www.evil.example",
    "WWW.EVIL.EXAMPLE",
    "nav.no",
    "rapport.zip",
    "ola.nordmann@nav.no",
    "mailto:ola@nav.no",
    "javascript:alert(1)",
    "<https://evil.example>",
    "<ola@nav.no>",
    "[klikk](https://evil.example)",
    "![bilde](https://evil.example/x.png)",
    "https&#58;//evil.example",
    "ola&#64;nav.no",
    "\\https://evil.example",
    "xn--nav-hra.no",
    "bjørn.øst@nav.no",
    "https://evil.example\u202e",
    "www.\u200eevil.example",
    "<a href='https://evil.example'>x</a>",
    "doi:10.1000/182",
    "tel:+4712345678",
    "GJ-ØS-1 (se www.nav.no/sosial)",
    "www.-a",  # a hyphen after «www.»: found by the property test below
    "www._evil.example",
]


def _lenker_i(markdown: str) -> list[str]:
    """The links pandoc's GFM reader and markdown-it with linkify make of ``markdown``."""
    html = pypandoc.convert_text(markdown, "html", format="gfm") + MARKDOWN_IT.render(markdown)
    return re.findall(r"<a\b[^>]*>", html) + re.findall(r"<img\b[^>]*>", html)


@pytest.mark.parametrize("tekst", LENKER)
def test_md_lager_aldri_lenke(tekst):
    trygg = md(tekst)
    assert _lenker_i(trygg) == []
    assert _lenker_i(f"| a | {trygg} |\n|---|---|\n| {trygg} | b |\n") == []
    assert not STYRETEGN.search(trygg)


def test_saksdata_i_rapporten_blir_aldri_lenker(tmp_path: Path, standardsett):
    """Every link shape as a sak_id, kontor, enhet and file name, in one report."""
    mappe = tmp_path / "saker"
    mappe.mkdir()
    for i, tekst in enumerate(LENKER):
        navn = re.sub(r"[/\\\x00]", "_", tekst)[:80] + f".{i}.yaml"
        sak = lag_sak(sak_id=f"{tekst} {i}", kontor=tekst, enhet=tekst)
        (mappe / navn).write_text(yaml.safe_dump(sak, allow_unicode=True), "utf-8")
    (mappe / "www.evil.example.yaml").write_text("sak_id: [\n", "utf-8")  # a rejected file
    kjoring = vurder([mappe], kriteriesett=standardsett)
    assert len(kjoring.saker) == len(LENKER) and kjoring.avviste
    tekst = render(
        bygg_rapport(kjoring, kriteriesett=standardsett, dato=FAST_DATO), Format.markdown
    )
    assert "evil" in tekst  # the data is there, only inert
    assert _lenker_i(tekst) == []
    assert not STYRETEGN.search(tekst.replace("\n", ""))
    # the internal-control template too, with its own tables of cases and units
    ik = bygg_rapport(kjoring, kriteriesett=standardsett, dato=FAST_DATO, internkontroll=True)
    tekst = render(ik, Format.markdown)
    assert "evil" in tekst and _lenker_i(tekst) == []


LENKETEGN = st.lists(
    st.sampled_from(
        [
            *list("abcwWhtps:/.@-_<>[]()!&#;\\ 0123456789øæå\u202e\x00\u2066"),
            "www.",
            "http://",
            "https://",
            "mailto:",
            ".no",
            ".com",
            "&#64;",
            "&#58;",
        ]
    ),
    min_size=1,
    max_size=20,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LENKETEGN, min_size=1, max_size=8))
def test_ingen_tekst_blir_lenke(tekster: list[str]):
    """Any text with link-making characters, as cells and as lines: never a link."""
    linjer = [md(t) for t in tekster]
    dokument = "| id | enhet |\n|---|---|\n" + "".join(f"| {t} | {t} |\n" for t in linjer)
    dokument += "\n" + "\n\n".join(linjer) + "\n"
    assert _lenker_i(dokument) == []
    assert not STYRETEGN.search(dokument.replace("\n", ""))
