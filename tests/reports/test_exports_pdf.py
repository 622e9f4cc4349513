"""The council table as PDF: the text read back, A4 landscape, fonts that carry every
Vietnamese diacritic (no fallback to another font)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from indicators.display import figure, format_number
from reports.council_table import council_table
from reports.exports import render_export


@pytest.fixture
def pdf(lai_chau):
    return PdfReader(io.BytesIO(render_export("pdf", year=2024)))


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_is_a4_landscape(pdf):
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_the_pdf_says_every_figure_of_the_table(pdf):
    text = _text(pdf)
    assert "ỦY BAN NHÂN DÂN" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024" in text
    for council_row in council_table(year=2024):
        y, i = council_row.row, council_row.indicator
        if y.actual is not None:
            assert figure(y.actual, i.decimals, lang="vi") in text, i.code
        if y.completion_pct is not None:
            assert format_number(y.completion_pct, 1) + "%" in text, i.code
    assert "122,195" in text and "67,1%" in text and "9,73" in text


def test_every_glyph_comes_from_the_vendored_times_twin(pdf):
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts, "the PDF embeds no font"
    # WeasyPrint names an @font-face font after its family: anything else is a fallback to a
    # system font, which happens when the vendored one lacks a glyph.
    others = {f for f in fonts if not re.search(r"\+Chitieu-Serif", f)}
    assert not others, f"Glyphs fell back to {others}: static/fonts/ lacks Vietnamese letters."


def test_the_command_writes_the_pdf(lai_chau, tmp_path, capsys):
    out = tmp_path / "phu-bieu.pdf"
    call_command("export_council_table", "--year", "2024", "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK")):
        target = tmp_path / f"t.{fmt}"
        call_command("export_council_table", "--year", "2024", "--format", fmt, "-o", str(target))
        assert target.read_bytes().startswith(magic)
