"""Decoding case files: UTF-8 (with or without BOM) is read; anything else is named and refused."""

from __future__ import annotations

BOM = b"\xef\xbb\xbf"


class DekodingFeil(Exception):
    """The bytes are not UTF-8 text; the message names what they look like instead."""

    def __init__(self, melding: str, linje: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.linje = linje


def dekod(innhold: bytes) -> str:
    """The text of a case file, or DekodingFeil with a Norwegian message and the line."""
    if innhold.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DekodingFeil("filen er UTF-16; lagre den som UTF-8")
    if innhold.startswith(BOM):
        innhold = innhold[len(BOM) :]
    if b"\x00" in innhold:
        raise DekodingFeil("filen inneholder NUL-byte og er ikke en tekstfil")
    try:
        return innhold.decode("utf-8")
    except UnicodeDecodeError as feil:
        linje = innhold.count(b"\n", 0, feil.start) + 1
        byte = innhold[feil.start]
        try:
            tegn = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            tegn = ""
        if tegn and tegn.isprintable():
            raise DekodingFeil(
                f"filen er ikke UTF-8: byten 0x{byte:02X} ser ut som «{tegn}» i Windows-1252. "
                "Lagre filen som UTF-8 (for eksempel iconv -f WINDOWS-1252 -t UTF-8) og prøv igjen",
                linje,
            ) from None
        raise DekodingFeil(
            f"filen er ikke UTF-8 (ugyldig byte 0x{byte:02X}); lagre den som UTF-8", linje
        ) from None
