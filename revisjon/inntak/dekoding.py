"""Decoding case files: UTF-8 (with or without BOM) is read; anything else is named and refused."""

from __future__ import annotations

BOM = b"\xef\xbb\xbf"


class DekodingFeil(Exception):
    """The bytes are not UTF-8 text; the message names what they look like instead."""

    def __init__(self, melding: str, linje: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.linje = linje


def _utf16_uten_bom(innhold: bytes) -> str | None:
    """UTF-16LE or UTF-16BE when the start looks like UTF-16 text without a BOM, else None.

    Text below U+0100 (ASCII, æ, ø, å) has a NUL byte in every other position in UTF-16.
    """
    start = innhold[:512]
    partall, oddetall = start[0::2], start[1::2]
    if len(oddetall) < 2:
        return None
    nul_partall = partall.count(0) / len(partall)
    nul_oddetall = oddetall.count(0) / len(oddetall)
    if nul_oddetall > 0.5 and nul_partall < 0.1:
        return "UTF-16LE"
    if nul_partall > 0.5 and nul_oddetall < 0.1:
        return "UTF-16BE"
    return None


def lagre_som_utf8(koding: str) -> str:
    """How to save a file as UTF-8, on Windows and elsewhere."""
    return (
        "i Notisblokk: Fil → Lagre som, Koding: UTF-8; i Excel: Lagre som «CSV UTF-8»; "
        f"ellers iconv -f {koding} -t UTF-8"
    )


def sjekk_utf16(innhold: bytes) -> None:
    """Raise DekodingFeil when the bytes are UTF-16 or UTF-32, with or without a BOM."""
    if innhold.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DekodingFeil(f"filen er UTF-32; lagre den som UTF-8 ({lagre_som_utf8('UTF-32')})")
    if innhold.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DekodingFeil(f"filen er UTF-16; lagre den som UTF-8 ({lagre_som_utf8('UTF-16')})")
    if b"\x00" in innhold and (koding := _utf16_uten_bom(innhold)):
        raise DekodingFeil(
            f"filen ser ut til å være {koding} (uten BOM); lagre den som UTF-8 "
            f"({lagre_som_utf8(koding)})"
        )


def dekod(innhold: bytes) -> str:
    """The text of a case file, or DekodingFeil with a Norwegian message and the line."""
    sjekk_utf16(innhold)
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
                f"Lagre filen som UTF-8 ({lagre_som_utf8('WINDOWS-1252')}) og prøv igjen",
                linje,
            ) from None
        raise DekodingFeil(
            f"filen er ikke UTF-8 (ugyldig byte 0x{byte:02X}); lagre den som UTF-8 "
            f"({lagre_som_utf8('WINDOWS-1252')})",
            linje,
        ) from None
