"""A report file's text: plain text and markdown as they are, Word documents paragraph by
paragraph with their tables row by row, PDFs page by page (text PDFs only: a scan has no text).

Table rows come out as one line with the cells joined by " | ", the form `sentences` reads as a
table row; Word headings come out as markdown headings, so the sections of a Word report carry
their period and kind just like a markdown one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")
CELL_SEPARATOR = " | "


class ReaderError(Exception):
    """A file the reader cannot read, with a message for the person who gave it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_of(path: Path) -> str:
    """The text of a report file; `ReaderError` when it is missing, unsupported or unreadable."""
    if not path.is_file():
        raise ReaderError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReaderError(
            _("Không đọc được tệp “%(name)s”: chỉ đọc được các tệp %(suffixes)s.")
            % {"name": path.name, "suffixes": ", ".join(SUPPORTED_SUFFIXES)}
        )
    try:
        if suffix in TEXT_SUFFIXES:
            text = _plain_text(path)
        elif suffix == ".docx":
            text = _docx_text(path)
        else:
            text = _pdf_text(path)
    except ReaderError:
        raise
    except Exception as exc:  # any library's failure on a damaged file is the same to the user
        raise ReaderError(
            _("Tệp “%(name)s” bị hỏng hoặc không đúng định dạng %(suffix)s.")
            % {"name": path.name, "suffix": suffix}
        ) from exc
    if not text.strip():
        raise ReaderError(
            _("Tệp “%(name)s” không có chữ (bản scan cần được nhận dạng chữ trước).")
            % {"name": path.name}
        )
    return text


def _plain_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            _("Tệp “%(name)s” không phải văn bản UTF-8.") % {"name": path.name}
        ) from exc


def _docx_text(path: Path) -> str:
    import docx  # imported here: only Word files need it

    document = docx.Document(str(path))
    return "\n\n".join(_docx_blocks(document))


def _docx_blocks(document: object) -> Iterator[str]:
    """Paragraphs and tables in the order of the document's body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            style = (block.style.name if block.style is not None else "") or ""
            yield f"## {text}" if style.lower().startswith(("heading", "title")) else text
        elif isinstance(block, Table):
            yield "\n".join(_table_rows(block))


def _table_rows(table: object) -> Iterator[str]:
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell repeats in every column it spans: keep it once.
            if not cells or cells[-1] != text:
                cells.append(text)
        if any(cells):
            yield CELL_SEPARATOR.join(cells)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n\n".join(reflowed(page.extract_text() or "") for page in reader.pages)


_LINE_START_OF_ITEM = re.compile(r"^(?:[-–•+*]|\(?\d+(?:\.\d+)*[.)]|[IVX]+\.|[a-zđ]\))\s")


def reflowed(page: str) -> str:
    """A PDF page's lines joined back into paragraphs: a PDF breaks lines where the page is full,
    even before a capital ("... trên địa bàn\nLai Châu ..."). A line ends its paragraph when it
    ends a sentence or is a heading (all capitals), or when the next opens a list item."""
    paragraphs: list[str] = []
    current = ""
    for raw in page.splitlines():
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and not _ends_paragraph(current) and not _LINE_START_OF_ITEM.match(line):
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _ends_paragraph(line: str) -> bool:
    return line.endswith((".", "!", "?", ":", ";")) or (line.upper() == line and len(line) < 200)
