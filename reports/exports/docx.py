"""Word files: the council table as a landscape annex ("Phụ biểu"), and the generated paragraph
of results. Set in Times New Roman as Vietnamese administrative documents are (Nghị định
30/2020/NĐ-CP): A4, 2 cm top and bottom margins, the heading block of the issuing body and the
national motto.

Body rows are written as WordprocessingML directly: python-docx's cell API walks the whole
table for every cell it returns, which costs seconds on the 300-row table of every indicator.
"""

from __future__ import annotations

import io
from copy import deepcopy

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from reports.exports import layout
from reports.sentences import council_sentences
from reports.snapshot import Snapshot, SnapshotRow

TABLE_SIZE = Pt(11)
SECTOR_SHADE = "E7EEF7"
HEADER_SHADE = "F2F2F2"


def _document(*, landscape: bool, size: Pt) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.left_margin, section.right_margin = Cm(2.0), Cm(1.5)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.footer_distance = Cm(1.0)
    normal = doc.styles["Normal"]
    normal.font.name = layout.FONT
    normal.font.size = size
    # East Asian and complex-script slots too, or Word substitutes its own default there.
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), layout.FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(section)
    core = doc.core_properties
    core.author = " ".join(layout.ISSUER).title()
    core.language = "vi-VN"
    return doc


def _page_numbers(section: Section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(_("Trang "))
    _field(paragraph, "PAGE")
    paragraph.add_run("/")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _insert_before(parent: BaseOxmlElement, child: BaseOxmlElement, *later: str) -> None:
    """Insert where the schema wants it (Word rejects elements out of order): before the first
    of the `later` siblings present, else at the end."""
    for name in later:
        found = parent.find(qn(name))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _insert_before(table._tbl.tblPr, borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _heading_block(
    doc: DocxDocument, snapshot: Snapshot, widths: tuple[Cm, Cm], size: float = 12.5
) -> None:
    """ỦY BAN NHÂN DÂN / THÀNH PHỐ LAI CHÂU on the left, the national motto on the right."""
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    block.autofit = False
    left, right = block.rows[0].cells
    for index, width in enumerate(widths):
        block.columns[index].width = width  # the grid LibreOffice reads
    left.width, right.width = widths  # the cells Word reads
    for cell, lines in (
        (left, [(layout.ISSUER[0], "b"), (layout.ISSUER[1], "b"), ("———", "")]),
        (
            right,
            [
                (layout.NATION[0], "b"),
                (layout.NATION[1], "bu"),
                ("", ""),
                (layout.place_and_date(snapshot), "i"),
            ],
        ),
    ):
        first = True
        for text, style in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = "b" in style
            run.italic = "i" in style
            run.underline = "u" in style
            run.font.size = Pt(size) if "i" not in style else Pt(min(size, 12))


def _centered(
    doc: DocxDocument,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
    before: int = 0,
    after: int = 0,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = size
    return paragraph


# --- The council table ------------------------------------------------------------------------


def render(snapshot: Snapshot) -> bytes:
    """The annex table as a Word document."""
    doc = _document(landscape=True, size=Pt(13))
    usable = 29.7 - 2.0 - 1.5
    _heading_block(doc, snapshot, (Cm(usable * 0.42), Cm(usable * 0.58)))
    annex, title = layout.title(snapshot)
    _centered(doc, annex, bold=True, size=Pt(14), before=12)
    _centered(doc, title, bold=True, size=Pt(14))
    _centered(doc, layout.subtitle(snapshot), italic=True, size=Pt(12), after=8)

    total = sum(c.width for c in layout.COLUMNS)
    widths: list[Length] = [Emu(int(Cm(usable).emu * c.width / total)) for c in layout.COLUMNS]
    table = doc.add_table(rows=2, cols=layout.N_COLUMNS)
    table.style = doc.styles["Table Grid"]
    table.autofit = False  # a fixed layout: Word keeps the widths given
    for index, width in enumerate(widths):
        table.columns[index].width = width
    _header_rows(table, snapshot, widths)
    builder = _RowBuilder(widths)
    tbl = table._tbl
    for row in snapshot.rows:
        tbl.append(builder.row(layout.cell_texts(row, snapshot), row))

    note = doc.add_paragraph()
    note.paragraph_format.space_before = Pt(6)
    run = note.add_run(layout.footnote(snapshot))
    run.italic = True
    run.font.size = Pt(11)
    return _save(doc)


def _header_rows(table: Table, snapshot: Snapshot, widths: list[Length]) -> None:
    top, bottom = layout.header(snapshot)
    for r, labels in enumerate((top, bottom)):
        row = table.rows[r]
        _repeat_as_header(row._tr)
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _shade(cell._tc, HEADER_SHADE)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if labels[c]:
                run = paragraph.add_run(labels[c])
                run.bold = True
                run.font.size = TABLE_SIZE
    cells = [table.rows[0].cells, table.rows[1].cells]
    for c, label in enumerate(bottom):
        if label is None and top[c] is not None:
            cells[0][c].merge(cells[1][c])
    for first, last in (layout.YEAR_COLUMNS, layout.NEXT_COLUMNS):
        cells[0][first].merge(cells[0][last])
    # Merging keeps the text of every merged cell as empty paragraphs: drop them.
    for tc in table._tbl.iter(qn("w:tc")):
        paragraphs = tc.findall(qn("w:p"))
        for p in paragraphs[1:]:
            if not p.findall(qn("w:r")):
                tc.remove(p)


def _repeat_as_header(tr: CT_Row) -> None:
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))
    properties.append(OxmlElement("w:cantSplit"))


def _shade(tc: CT_Tc, fill: str) -> None:
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), fill)
    later = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
    _insert_before(tc.get_or_add_tcPr(), shade, *later)


class _RowBuilder:
    """Builds a table row (w:tr) from templates prepared once: fixed widths, centred vertically,
    numbers right-aligned, 11-point text; components in italics, headings in bold."""

    def __init__(self, widths: list[Length]) -> None:
        self.tc_templates: list[CT_Tc] = []
        for c, width in enumerate(widths):
            tc = OxmlElement("w:tc")
            tc_pr = OxmlElement("w:tcPr")
            tc_w = OxmlElement("w:tcW")
            tc_w.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point
            tc_w.set(qn("w:type"), "dxa")
            v_align = OxmlElement("w:vAlign")
            v_align.set(qn("w:val"), "center")
            tc_pr.append(tc_w)
            tc_pr.append(v_align)
            tc.append(tc_pr)
            p = OxmlElement("w:p")
            p_pr = OxmlElement("w:pPr")
            jc = OxmlElement("w:jc")
            column = layout.COLUMNS[c]
            if column.key in ("stt", "unit", "note"):
                jc.set(qn("w:val"), "center")
            elif column.numeric:
                jc.set(qn("w:val"), "right")
            else:
                jc.set(qn("w:val"), "left")
            p_pr.append(jc)
            p.append(p_pr)
            tc.append(p)
            self.tc_templates.append(tc)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(int(TABLE_SIZE.pt * 2)))
        self.size = size

    def row(self, texts: list[str], row: SnapshotRow) -> BaseOxmlElement:
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:cantSplit"))
        tr.append(tr_pr)
        bold = row.is_heading
        italic = not row.is_heading and row.depth > 0
        for c, text in enumerate(texts):
            tc = deepcopy(self.tc_templates[c])
            if row.is_heading and row.level == 0:
                _shade(tc, SECTOR_SHADE)
            p = tc.find(qn("w:p"))
            if c == 1 and row.indent:
                indent = OxmlElement("w:ind")
                indent.set(qn("w:left"), str(200 * row.indent))
                p.find(qn("w:pPr")).insert(0, indent)
            if text:
                r = OxmlElement("w:r")
                r_pr = OxmlElement("w:rPr")
                if bold:
                    r_pr.append(OxmlElement("w:b"))
                if italic:
                    r_pr.append(OxmlElement("w:i"))
                r_pr.append(deepcopy(self.size))
                r.append(r_pr)
                t = OxmlElement("w:t")
                t.text = text
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
                p.append(r)
            tr.append(tc)
        return tr


def _save(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- The generated paragraph ------------------------------------------------------------------


def render_sentences(snapshot: Snapshot) -> bytes:
    """Section III of the report, its shortfall summary and next year's list, written from the
    data, ready to paste into the report (portrait A4, 14-point text, justified)."""
    text = council_sentences(snapshot)
    doc = _document(landscape=False, size=Pt(14))
    _heading_block(doc, snapshot, (Cm(5.8), Cm(10.2)), size=12)
    _centered(
        doc,
        _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM %(year)s") % {"year": text.year},
        bold=True,
        before=12,
    )
    _centered(
        doc,
        _("(Dự thảo tạo từ số liệu ngày %(date)s; kế hoạch so sánh: %(baseline)s)")
        % {
            "date": layout.local(snapshot.made_at).strftime("%d/%m/%Y"),
            "baseline": layout.baseline_label(snapshot.baseline),
        },
        italic=True,
        size=Pt(12),
        after=12,
    )
    sections = [
        (_("1. Kết quả thực hiện các chỉ tiêu chủ yếu"), text.results),
        (_("2. Tồn tại, hạn chế"), ["- " + text.shortfalls]),
        (
            _("3. Các chỉ tiêu chủ yếu năm %(year)s") % {"year": text.next_year},
            ["- " + t for t in text.targets],
        ),
    ]
    for heading, paragraphs in sections:
        _body(doc, heading, bold=True, before=6)
        for paragraph in paragraphs:
            _body(doc, paragraph)
    return _save(doc)


def _body(doc: DocxDocument, text: str, *, bold: bool = False, before: int = 0) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(1.0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    run = paragraph.add_run(text)
    run.bold = bold
