"""Builds the Word reference document shipped as ``revisjon/rapport/maler/referanse.docx``.

Run from the repository root after changing it: ``python tools/lag_referanse_docx.py``. It
starts from pandoc's own reference document (from pypandoc-binary, so the styles pandoc writes
are all there) and sets, with python-docx: Norwegian bokmål (nb-NO) as the language of every
style, a plain heading hierarchy, a small table font, A4 margins and a footer with page numbers.
The same pandoc gives the same file, so a rebuild is reproducible.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

MAL = Path(__file__).resolve().parent.parent / "revisjon" / "rapport" / "maler" / "referanse.docx"
SPRAK = "nb-NO"


def _pandocs_referanse() -> bytes:
    return subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout


def _sprak(dokument: docx.document.Document) -> None:
    """nb-NO in the document defaults and in every style that sets a language of its own."""
    stiler = dokument.styles.element
    standard = stiler.find(qn("w:docDefaults"))
    rpr = standard.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for element in [rpr, *stiler.iter(qn("w:rPr"))]:
        lang = element.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            element.append(lang)
        lang.set(qn("w:val"), SPRAK)
        lang.set(qn("w:eastAsia"), SPRAK)


def _sidetall(dokument: docx.document.Document) -> None:
    """A centred «Side N av M» in the footer of every page."""
    seksjon = dokument.sections[0]
    avsnitt = seksjon.footer.paragraphs[0]
    avsnitt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for del_ in ("Side ", "PAGE", " av ", "NUMPAGES"):
        if del_ in ("PAGE", "NUMPAGES"):
            for art, tekst in (("begin", None), (None, f" {del_} "), ("end", None)):
                kjoring = avsnitt.add_run()
                if art:
                    felt = OxmlElement("w:fldChar")
                    felt.set(qn("w:fldCharType"), art)
                    kjoring._r.append(felt)
                else:
                    instr = OxmlElement("w:instrText")
                    instr.set(qn("xml:space"), "preserve")
                    instr.text = tekst
                    kjoring._r.append(instr)
        else:
            avsnitt.add_run(del_)


def _stiler(dokument: docx.document.Document) -> None:
    stiler = dokument.styles
    for navn, storrelse in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        stil = stiler[navn]
        stil.font.size = Pt(storrelse)
        stil.font.bold = True
        stil.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    stiler["Title"].font.size = Pt(22)
    stiler["Body Text"].font.size = Pt(11)
    stiler["Compact"].font.size = Pt(9)  # pandoc's style for table cells and tight lists
    seksjon = dokument.sections[0]
    seksjon.page_width, seksjon.page_height = Cm(21), Cm(29.7)
    for kant in ("left_margin", "right_margin"):
        setattr(seksjon, kant, Cm(2.2))


def _uten_tidsstempler(innhold: bytes) -> bytes:
    """The package with fixed entry dates, so the same input gives the same bytes."""
    inn = zipfile.ZipFile(io.BytesIO(innhold))
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as pakke:
        for info in inn.infolist():
            ny = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            ny.compress_type = zipfile.ZIP_DEFLATED
            pakke.writestr(ny, inn.read(info.filename))
    return ut.getvalue()


def main() -> None:
    dokument = docx.Document(io.BytesIO(_pandocs_referanse()))
    _sprak(dokument)
    _stiler(dokument)
    _sidetall(dokument)
    dokument.core_properties.title = ""
    dokument.core_properties.language = SPRAK
    buffer = io.BytesIO()
    dokument.save(buffer)
    MAL.write_bytes(_uten_tidsstempler(buffer.getvalue()))
    print(f"Skrev {MAL}")


if __name__ == "__main__":
    main()
