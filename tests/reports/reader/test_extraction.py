"""The text of each file kind the reader takes, and the errors of those it cannot read."""

from __future__ import annotations

from decimal import Decimal as D

import docx
import pytest
from weasyprint import HTML

from reports.reader.document import read_file
from reports.reader.extraction import ReaderError, reflowed, text_of
from reports.reader.matching import Catalogue, CatalogueEntry

CATALOGUE = Catalogue(
    [
        CatalogueEntry("KT-NS-THU", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng"),
        CatalogueEntry("XH-NGHEO", "Tỷ lệ hộ nghèo", "%"),
    ]
)


def _word_report(path):
    document = docx.Document()
    document.add_paragraph("Số: 123/BC-UBND")
    document.add_paragraph("Huyện Tam Đường, ngày 05 tháng 10 năm 2024")
    document.add_heading("Báo cáo tình hình kinh tế - xã hội 9 tháng đầu năm 2024", level=1)
    document.add_paragraph(
        "Thu ngân sách nhà nước trên địa bàn ước đạt 95,2 tỷ đồng, bằng 74,2% dự toán tỉnh giao."
    )
    table = document.add_table(rows=3, cols=5)
    for row, cells in zip(
        table.rows,
        [
            ("Chỉ tiêu", "ĐVT", "Kế hoạch 2024", "Ước TH 9 tháng", "So với KH (%)"),
            ("Tỷ lệ hộ nghèo", "%", "2,5", "2,8", "89,3"),
            ("Số hộ thoát nghèo", "hộ", "120", "95", "79,2"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(path))


def test_a_word_report_gives_its_paragraphs_headings_and_table_rows(tmp_path):
    path = tmp_path / "bao-cao.docx"
    _word_report(path)
    text = text_of(path)
    assert "## Báo cáo tình hình kinh tế - xã hội 9 tháng đầu năm 2024" in text
    assert "Tỷ lệ hộ nghèo | % | 2,5 | 2,8 | 89,3" in text


def test_a_word_reports_figures_in_sentences_and_in_its_table(tmp_path):
    path = tmp_path / "bao-cao.docx"
    _word_report(path)
    read = read_file(path, catalogue=CATALOGUE)
    assert read["report"] == {"number": "123/BC-UBND", "date": "2024-10-05", "period": "2024-M9"}
    revenue, poverty_plan, poverty, *rest = read["figures"]
    assert (revenue["value"], revenue["period"], revenue["kind"]) == ("95.2", "2024-M9", "estimate")
    assert revenue["completion"] == [{"pct": "74.2", "baseline": "province"}]
    assert revenue["indicator_code"] == "KT-NS-THU"
    assert (poverty_plan["value"], poverty_plan["kind"], poverty_plan["period"]) == (
        "2.5",
        "plan",
        "2024",
    )
    assert (poverty["value"], poverty["kind"], poverty["unit"]) == ("2.8", "estimate", "%")
    assert poverty["completion"] == [{"pct": "89.3", "baseline": "plan"}]
    assert poverty["indicator_code"] == "XH-NGHEO"
    assert [(f["value"], f["unit"]) for f in rest] == [("120", "hộ"), ("95", "hộ")]


def test_a_text_pdf_is_read_back(tmp_path):
    path = tmp_path / "bao-cao.pdf"
    HTML(
        string=(
            "<html><body style='font-family: DejaVu Sans'>"
            "<p>Số: 77/BC-UBND</p><p>Xã San Thàng, ngày 20 tháng 12 năm 2024</p>"
            "<p>Thu ngân sách nhà nước trên địa bàn đạt 12 tỷ 305 triệu đồng, tăng 9,2% so với "
            "cùng kỳ.</p></body></html>"
        )
    ).write_pdf(str(path))
    read = read_file(path, catalogue=CATALOGUE)
    assert read["report"]["number"] == "77/BC-UBND"
    [figure] = read["figures"]
    assert (D(figure["value"]), figure["unit"], figure["yoy_pct"]) == (
        D("12.305"),
        "tỷ đồng",
        "9.2",
    )


def test_a_pdf_sentence_wrapped_before_a_capital_stays_one_sentence(tmp_path):
    path = tmp_path / "hep.pdf"
    HTML(
        string=(
            "<html><body style='font-family: DejaVu Sans; width: 9cm'>"
            "<p>II. KẾT QUẢ NĂM 2024</p>"
            "<p>Tổng thu ngân sách nhà nước trên địa bàn huyện Tam Đường tỉnh Lai Châu ước đạt "
            "95,2 tỷ đồng, bằng 81,3% dự toán tỉnh giao và tăng 9,2% so với cùng kỳ.</p>"
            "<p>- Đón 12.000 lượt khách.</p></body></html>"
        )
    ).write_pdf(str(path))
    assert text_of(path).count("\n") > 2  # the heading and the list item stay apart
    revenue, visitors = read_file(path, catalogue=CATALOGUE)["figures"]
    assert revenue["quote"].startswith("Tổng thu ngân sách nhà nước trên địa bàn huyện Tam Đường")
    assert revenue["completion"] == [{"pct": "81.3", "baseline": "province"}]
    assert revenue["yoy_pct"] == "9.2"
    assert (visitors["value"], visitors["unit"]) == ("12000", "lượt khách")
    # A break before a capital, as a narrower column would put it:
    assert reflowed(
        "II. KẾT QUẢ\nThu ngân sách huyện\nTam Đường đạt 95 tỷ đồng.\n- Đón 12 lượt."
    ) == ("II. KẾT QUẢ\n\nThu ngân sách huyện Tam Đường đạt 95 tỷ đồng.\n\n- Đón 12 lượt.")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "Không tìm thấy tệp"),
        ("bao-cao.xlsx", b"PK", "chỉ đọc được các tệp"),
        ("hong.docx", b"not a zip", "bị hỏng"),
        ("hong.pdf", b"%PDF-garbage", "bị hỏng"),
        ("latin1.txt", "Thu ngân sách".encode("cp1258", errors="replace") + b"\xff", "UTF-8"),
        ("trong.txt", b"   \n", "không có chữ"),
    ],
)
def test_a_file_that_cannot_be_read_says_why_in_vietnamese(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReaderError) as raised:
        text_of(path)
    assert message in raised.value.message
