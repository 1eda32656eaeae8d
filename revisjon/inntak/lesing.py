"""Reading case extracts: files and directories in, validated cases or rejections out.

Each input is judged on its own: a bad file or a bad JSON Lines line becomes one or more
Avvisning values, and reading goes on with the next input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from revisjon.feil import Avvisning
from revisjon.inntak.dekoding import DekodingFeil, dekod, sjekk_utf16
from revisjon.inntak.fodselsnummer import fodselsnummer_steder
from revisjon.meldinger import felt_sti, oversett, vis_nokkel
from revisjon.sak import Sak, barnereferanser
from revisjon.yamllast import YamlDokument, YamlFeil, les_yaml

FILTYPER = (".yaml", ".yml", ".json", ".jsonl")
HOPP_OVER = (".md", ".txt")
"""Documentation beside the cases in a directory: skipped, not rejected."""

MAKS_FILSTORRELSE = 32 * 1024 * 1024
MAKS_FEIL_PER_SAK = 20


@dataclass(frozen=True)
class InnlestSak:
    """A valid case and where it came from (``linje`` is set for JSON Lines)."""

    sak: Sak
    fil: str
    linje: int | None = None


Innlest = InnlestSak | Avvisning


def finn_filer(stier: Iterable[Path]) -> Iterator[Path | Avvisning]:
    """Expand arguments into case files: directories recursively, in sorted path order."""
    for sti in stier:
        if sti.is_dir():
            for fil in sorted(p for p in sti.rglob("*") if p.is_file()):
                relativ = fil.relative_to(sti)
                if any(del_.startswith(".") for del_ in relativ.parts):
                    continue
                if fil.suffix.lower() in HOPP_OVER:
                    continue
                yield fil if fil.suffix.lower() in FILTYPER else _feil_filtype(fil)
        elif sti.is_file():
            yield sti if sti.suffix.lower() in FILTYPER else _feil_filtype(sti)
        else:
            yield Avvisning(str(sti), None, None, "finnes ikke; kontroller stien")


def _feil_filtype(fil: Path) -> Avvisning:
    return Avvisning(
        str(fil),
        None,
        None,
        f"ukjent filtype «{fil.suffix or '(ingen)'}»; saksuttrekk skal være "
        ".yaml, .yml, .json eller .jsonl",
    )


def les_saker(
    stier: Iterable[Path], *, filsummer: dict[str, str] | None = None
) -> Iterator[Innlest]:
    """Every case in ``stier``, validated, or the reasons it was rejected.

    When ``filsummer`` is given, the SHA-256 of every file read is recorded in it (for the
    report's traceability appendix), without reading any file twice.
    """
    for funnet in finn_filer(stier):
        if isinstance(funnet, Avvisning):
            yield funnet
        else:
            yield from les_fil(funnet, filsummer=filsummer)


def les_fil(fil: Path, *, filsummer: dict[str, str] | None = None) -> Iterator[Innlest]:
    """The case(s) in one file."""
    navn = str(fil)
    try:
        storrelse = fil.stat().st_size
        if storrelse > MAKS_FILSTORRELSE and fil.suffix.lower() != ".jsonl":
            yield Avvisning(
                navn,
                None,
                None,
                f"filen er på {storrelse} byte, over grensen på {MAKS_FILSTORRELSE} byte for én "
                "sak; del den opp eller bruk .jsonl med én sak per linje",
            )
            return
        innhold = fil.read_bytes()
    except OSError as feil:
        yield Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")
        return
    if filsummer is not None:
        filsummer[navn] = hashlib.sha256(innhold).hexdigest()
    if fil.suffix.lower() == ".jsonl":
        yield from _les_jsonl(navn, innhold)
        return
    try:
        tekst = dekod(innhold)
    except DekodingFeil as feil:
        yield Avvisning(navn, feil.linje, None, feil.melding)
        return
    if fil.suffix.lower() == ".json":
        yield from _fra_json(navn, tekst, linje=None)
    else:
        yield from _fra_yaml(navn, tekst)


def _les_jsonl(navn: str, innhold: bytes) -> Iterator[Innlest]:
    try:
        sjekk_utf16(innhold)  # split into lines, UTF-16 would give one NUL-byte error per line
    except DekodingFeil as feil:
        yield Avvisning(navn, feil.linje, None, feil.melding)
        return
    tomt = True
    for nr, radlinje in enumerate(innhold.splitlines(), start=1):
        if nr == 1 and radlinje.startswith(b"\xef\xbb\xbf"):
            radlinje = radlinje[3:]
        if not radlinje.strip():
            continue
        tomt = False
        try:
            tekst = dekod(radlinje)
        except DekodingFeil as feil:
            yield Avvisning(navn, nr, None, feil.melding, inndata=f"{navn}:{nr}")
            continue
        yield from _fra_json(navn, tekst, linje=nr)
    if tomt:
        yield Avvisning(navn, None, None, "filen er tom; den skal ha én sak per linje")


class _DuplisertNokkel(ValueError):
    pass


def _ingen_dubletter(par: list[tuple[str, Any]]) -> dict[str, Any]:
    ut: dict[str, Any] = {}
    for nokkel, verdi in par:
        if nokkel in ut:
            raise _DuplisertNokkel(
                f"{vis_nokkel(nokkel)} står to ganger i samme objekt; fjern den ene"
            )
        ut[nokkel] = verdi
    return ut


def _fra_json(navn: str, tekst: str, linje: int | None) -> Iterator[Innlest]:
    inndata = f"{navn}:{linje}" if linje else navn
    if not tekst.strip():
        yield Avvisning(navn, linje, None, "filen er tom; den skal inneholde én sak")
        return
    try:
        data = json.loads(tekst, object_pairs_hook=_ingen_dubletter)
    except json.JSONDecodeError as feil:
        yield Avvisning(
            navn,
            linje or feil.lineno,
            None,
            f"ugyldig JSON ved kolonne {feil.colno}; kontroller komma, klammer og anførselstegn",
            inndata=inndata,
        )
        return
    except _DuplisertNokkel as feil:
        yield Avvisning(navn, linje, None, str(feil), inndata=inndata)
        return
    except ValueError:  # an integer with more digits than Python will convert
        yield Avvisning(
            navn, linje, None, "et tall i JSON-en har for mange siffer", inndata=inndata
        )
        return
    except RecursionError:
        yield Avvisning(navn, linje, None, "JSON-en er nøstet for dypt", inndata=inndata)
        return
    yield from _valider(navn, data, linje_av=lambda _sti: linje, jsonl_linje=linje)


def _fra_yaml(navn: str, tekst: str) -> Iterator[Innlest]:
    try:
        dokument: YamlDokument = les_yaml(tekst)
    except YamlFeil as feil:
        yield Avvisning(navn, feil.linje, None, feil.melding)
        return
    yield from _valider(navn, dokument.data, linje_av=dokument.linje, jsonl_linje=None)


def _valider(
    navn: str,
    data: Any,
    *,
    linje_av: Any,
    jsonl_linje: int | None,
) -> Iterator[Innlest]:
    inndata = f"{navn}:{jsonl_linje}" if jsonl_linje else navn

    def avvis(sti: tuple[str | int, ...], felt: str | None, melding: str) -> Avvisning:
        return Avvisning(navn, linje_av(sti), felt, melding, inndata=inndata)

    if not isinstance(data, dict):
        hva = "en liste" if isinstance(data, list) else "en enkeltverdi"
        yield avvis((), None, f"toppnivået er {hva}; en sak skal være en mapping (nøkkel: verdi)")
        return
    if fnr_steder := list(dict.fromkeys(fodselsnummer_steder(data))):
        for sti in fnr_steder:
            yield avvis(
                sti,
                felt_sti(sti) or "(toppnivå)",
                "inneholder noe som ligner et fødselsnummer eller D-nummer; saken er avvist "
                "uten å bli lest videre. Anonymiser uttrekket og fjern nummeret",
            )
        return
    try:
        sak = Sak.model_validate(data)
    except ValidationError as feil:
        problemer = oversett(feil, Sak)
        for loc, melding in problemer[:MAKS_FEIL_PER_SAK]:
            yield avvis(loc, felt_sti(loc) or None, melding)
        if len(problemer) > MAKS_FEIL_PER_SAK:
            yield avvis((), None, f"… og {len(problemer) - MAKS_FEIL_PER_SAK} feil til")
        return
    barnefeil = _barnefeil(sak)
    for felt, melding in barnefeil:
        yield avvis(_sti_av(felt), felt, melding)
    if not barnefeil:
        yield InnlestSak(sak, navn, jsonl_linje)


def _barnefeil(sak: Sak) -> list[tuple[str, str]]:
    """Child ids that are duplicated in husstand.barn or referred to without being there."""
    problemer: list[tuple[str, str]] = []
    sett: set[str] = set()
    for i, barn in enumerate(sak.husstand.barn):
        if barn.id in sett:
            problemer.append(
                (f"husstand.barn[{i}].id", f"barne-id-en «{barn.id}» er brukt to ganger")
            )
        sett.add(barn.id)
    for felt, barne_id in barnereferanser(sak):
        if barne_id not in sett:
            kjente = ", ".join(sorted(sett)) or "ingen barn"
            problemer.append(
                (
                    felt,
                    f"viser til barnet «{barne_id}», som ikke finnes i husstand.barn "
                    f"({kjente}); legg barnet til eller rett id-en",
                )
            )
    return problemer


def _sti_av(felt: str) -> tuple[str | int, ...]:
    """``journal[2].dato`` → ``('journal', 2, 'dato')`` (for line look-up)."""
    ut: list[str | int] = []
    for del_ in felt.replace("]", "").split("."):
        navn, *indekser = del_.split("[")
        if navn and navn != "(toppnivå)":
            ut.append(navn)
        ut += [int(i) for i in indekser]
    return tuple(ut)


def valider_sak(navn: str, data: Any) -> InnlestSak | list[Avvisning]:
    """A case given as data (a criteria test's inline case): validated exactly like a file."""
    funnet = list(_valider(navn, data, linje_av=lambda _sti: None, jsonl_linje=None))
    saker = [f for f in funnet if isinstance(f, InnlestSak)]
    return saker[0] if saker else [f for f in funnet if isinstance(f, Avvisning)]
