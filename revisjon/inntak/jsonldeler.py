"""A large JSON Lines file in pieces that worker processes read themselves.

The parent reads the file once, block by block, for its SHA-256 (the report's traceability
appendix) and to find where the pieces start: a piece is whole lines of about ``DEL_BYTE``
bytes, and its first line's number is counted on the way (line breaks as
``bytes.splitlines()`` splits them, like ``lesing._linjer``). Only the pieces' places go
through the queues, never the lines. A worker reads its piece from the file and splits and
judges its lines the way a whole file is split (``lesing._linjer``, ``lesing._linjene``).

The file may change between the parent's read and a worker's: each piece carries the file's
size and modification time (ns) as the parent found them when it opened the file, and a worker
that finds others, before or after reading its piece, rejects the piece rather than judge
bytes the checksum does not cover; the parent compares them again after its own read too.
(Size and time, not a checksum per piece: a checksum would cost the parent a second pass over
the bytes, and the parent's time is what a run over one large file waits for.)

A file too small to share, or one the first block shows is not UTF-8, goes to one worker
whole, which reads it as any JSON Lines file is read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from revisjon.feil import Avvisning
from revisjon.inntak.dekoding import BOM, DekodingFeil, sjekk_utf16
from revisjon.inntak.lesing import (
    BLOKK,
    TOM_JSONL,
    Innlest,
    _linjene,
    _linjer,
    les_jsonl_linje,
)

DEL_BYTE = BLOKK
"""Bytes in one piece, some 140 cases of 7 kB."""


class JsonlDel(NamedTuple):
    """Bytes ``start`` to ``slutt`` of a JSON Lines file, whole lines, the first of them line
    ``forste_linje``; ``storrelse`` and ``endret`` are the file's size and modification time
    (ns) when the parent opened it."""

    fil: str
    start: int
    slutt: int
    forste_linje: int
    storrelse: int
    endret: int


def _linjeskift(data: bytes, fra: int, til: int) -> int:
    """Line breaks in ``data[fra:til]`` as ``splitlines`` counts them (``\\r\\n`` is one)."""
    return data.count(b"\n", fra, til) + data.count(b"\r", fra, til) - data.count(b"\r\n", fra, til)


def _endret(navn: str) -> Avvisning:
    return Avvisning(
        navn,
        None,
        None,
        "filen ble endret mens den ble lest; kjør på nytt når uttrekket er ferdig skrevet",
    )


def jsonl_deler(
    navn: str, filsummer: dict[str, str], byte_per_del: int | None = None
) -> Iterator[str | JsonlDel | Avvisning]:
    """The pieces of the JSON Lines file ``navn`` in file order (or ``navn`` itself, for a
    worker to read whole); its SHA-256 is put in ``filsummer`` once it has been read to the end.
    """
    byte_per_del = byte_per_del or DEL_BYTE
    try:
        with open(navn, "rb", buffering=0) as kilde:
            for_ = os.fstat(kilde.fileno())
            forste = kilde.read(BLOKK)
            try:
                sjekk_utf16(forste)
            except DekodingFeil:
                yield navn
                return
            if for_.st_size < 2 * byte_per_del:
                yield navn
                return
            yield from _del_opp(navn, kilde, forste, for_, filsummer, byte_per_del)
    except OSError:
        yield navn  # the worker names the error, as for any file


def _del_opp(
    navn: str,
    kilde: BinaryIO,
    forste: bytes,
    for_: os.stat_result,
    filsummer: dict[str, str],
    byte_per_del: int,
) -> Iterator[JsonlDel | Avvisning]:
    sjekksum = hashlib.sha256()
    tomt = True
    start = pos = 0
    nr = forste_nr = 1  # the line the next byte is on; the first line of the piece at ``start``
    cr_for = False  # the bytes so far end in \r (a \n first in the next block is the same break)
    blokk = forste
    while blokk:
        sjekksum.update(blokk)
        if tomt:
            tomt = not (blokk.removeprefix(BOM) if pos == 0 else blokk).strip()
        i = 0  # the bytes of the block before this are counted
        while (mal := start + byte_per_del - pos - 1) < len(blokk):
            # the first line break from where the piece would be large enough
            kutt = blokk.find(b"\n", max(i, mal))
            if kutt < 0:
                break
            nr += _linjeskift(blokk, i, kutt + 1) - (i == 0 and cr_for and blokk[:1] == b"\n")
            yield JsonlDel(navn, start, pos + kutt + 1, forste_nr, for_.st_size, for_.st_mtime_ns)
            start, forste_nr, i, cr_for = pos + kutt + 1, nr, kutt + 1, False
        if i < len(blokk):
            nr += _linjeskift(blokk, i, len(blokk)) - (i == 0 and cr_for and blokk[:1] == b"\n")
            cr_for = blokk.endswith(b"\r")
        pos += len(blokk)
        blokk = kilde.read(BLOKK)
    if start < pos:
        yield JsonlDel(navn, start, pos, forste_nr, for_.st_size, for_.st_mtime_ns)
    if pos != for_.st_size or not _uendret(
        os.fstat(kilde.fileno()), for_.st_size, for_.st_mtime_ns
    ):
        yield _endret(navn)
        return
    filsummer[navn] = sjekksum.hexdigest()
    if tomt:
        yield Avvisning(navn, None, None, TOM_JSONL)


def _uendret(stat: os.stat_result, storrelse: int, endret: int) -> bool:
    return stat.st_size == storrelse and stat.st_mtime_ns == endret


class _Utsnitt:
    """Reads at most ``antall`` bytes of ``fil`` from where it stands."""

    def __init__(self, fil: BinaryIO, antall: int) -> None:
        self.fil, self.igjen = fil, antall

    def read(self, n: int) -> bytes:
        data = self.fil.read(min(n, self.igjen)) if self.igjen > 0 else b""
        self.igjen -= len(data)
        return data


class _IngenSum:
    """A piece's bytes are not summed again (the parent sums the whole file)."""

    def update(self, data: bytes) -> None:
        pass


def les_del(d: JsonlDel) -> Iterable[Innlest]:
    """The cases and rejections on the lines of one piece, in order (a worker's side); only
    a rejection of the piece when the file is not as the parent found it."""
    try:
        with open(d.fil, "rb") as kilde:
            if not _uendret(os.fstat(kilde.fileno()), d.storrelse, d.endret):
                return (_endret(d.fil),)
            kilde.seek(d.start)
            utsnitt = _Utsnitt(kilde, d.slutt - d.start)
            forste = utsnitt.read(BLOKK)
            linjer = list(_linjene(d.fil, _linjer(forste, utsnitt, _IngenSum()), d.forste_linje))
            # Checked again after the read: the bytes judged are those the parent summed.
            if not _uendret(os.fstat(kilde.fileno()), d.storrelse, d.endret):
                return (_endret(d.fil),)
    except OSError as feil:
        return (Avvisning(d.fil, None, None, f"kan ikke leses ({feil.strerror})"),)
    return (
        element
        for linje in linjer
        for element in (
            (linje,) if isinstance(linje, Avvisning) else les_jsonl_linje(d.fil, *linje)
        )
    )
