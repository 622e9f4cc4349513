"""The council table and the generated paragraph in Word, read back with python-docx."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from indicators.display import figure, format_number
from reports.council_table import council_table
from reports.exports import render_export, render_snapshot
from reports.selectors import council_snapshot
from reports.sentences import council_sentences


@pytest.fixture
def annex(lai_chau):
    return Document(io.BytesIO(render_export("docx", year=2024)))


def test_the_annex_is_a4_landscape_in_times_new_roman(annex):
    section = annex.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    normal = annex.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Times New Roman"
    runs = [r for p in annex.paragraphs for r in p.runs]
    assert all(r.font.name in (None, "Times New Roman") for r in runs)


def test_the_annex_has_the_heading_block_and_title(annex):
    block = annex.tables[0]
    left, right = (cell.text for cell in block.rows[0].cells)
    assert left.startswith("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LAI CHÂU")
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    texts = [p.text for p in annex.paragraphs]
    assert "PHỤ BIỂU" in texts
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024 VÀ KẾ HOẠCH NĂM 2025" in texts


def test_the_table_shows_every_figure_in_vietnamese_format(annex):
    table = annex.tables[1]
    header_rows = [
        r
        for r in table.rows
        if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
    ]
    assert len(header_rows) == 2, "both header rows repeat on every page"
    body = {}
    for r in table.rows[2:]:
        cells = [c.text for c in r.cells]
        if cells[2]:
            body[cells[1]] = cells
    rows = council_table(year=2024)
    assert len(body) == len(rows)
    for council_row in rows:
        y, i = council_row.row, council_row.indicator
        cells = body[i.name]
        assert cells[2] == i.unit
        mark = "*" if y.plan is not None and y.plan_target and y.plan_target.is_derived else ""
        assert cells[3] == figure(y.plan, i.decimals, lang="vi") + mark  # * derived (footnote)
        assert cells[4] == figure(y.actual, i.decimals, lang="vi")
        expected = "–" if y.completion_pct is None else format_number(y.completion_pct, 1) + "%"
        assert cells[5] == expected
        assert cells[7] == figure(y.next_plan, i.decimals, lang="vi")
    budget = body["Thu ngân sách nhà nước trên địa bàn"]
    assert budget[3:6] == ["182*", "122,195", "67,1%"]
    assert body["Thu nhập bình quân đầu người"][9] == "Đạt KH"


def test_stt_numbers_sectors_groups_and_components(annex):
    stt = [(r.cells[0].text, r.cells[1].text) for r in annex.tables[1].rows[2:]]
    assert stt[:6] == [
        ("I", "KINH TẾ"),
        ("1", "Thu nhập bình quân đầu người"),
        ("2", "Thu ngân sách nhà nước trên địa bàn"),
        ("a", "Thu cân đối ngân sách"),
        ("b", "Thu tiền sử dụng đất"),
        ("3", "Giá trị sản xuất bình quân trên 1ha đất trồng trọt và nuôi trồng thủy sản"),
    ]
    assert ("4", "Y tế, dân số") in stt  # a council group of several becomes a heading


def test_the_sentences_download_holds_the_generated_paragraphs(lai_chau):
    snapshot = council_snapshot(year=2024)
    doc = Document(io.BytesIO(render_snapshot("docx", snapshot, kind="sentences")))
    text = [p.text for p in doc.paragraphs]
    generated = council_sentences(snapshot)
    for paragraph in generated.results:
        assert paragraph in text
    assert "- " + generated.shortfalls in text
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_files_stay_vietnamese_when_the_page_is_in_english(lai_chau):
    from django.utils import translation

    with translation.override("en"):
        doc = Document(io.BytesIO(render_export("docx", year=2024)))
    cells = {r.cells[1].text: [c.text for c in r.cells] for r in doc.tables[1].rows[2:]}
    assert cells["Thu ngân sách nhà nước trên địa bàn"][3:6] == ["182*", "122,195", "67,1%"]
