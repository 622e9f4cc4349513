"""`import_values` rejects every malformed file with the lines at fault, never a traceback, and
saves nothing: bad encodings, NUL and control characters, numbers that are not finite or do not
fit, wrong column counts, a missing header, figures the entry form would refuse."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.models import Indicator, Sector, SourceReport, Target, Value

HEADER = (
    "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,plan_source,"
    "value,source,quote\n"
)
GOOD = "N-1,Thu ngân sách,Kinh tế,tỷ đồng,higher,sum,2024,actual,,122.195,5268/BC-UBND,\n"


def row(value: str = "10", *, unit: str = "người", name: str = "Số hộ", quote: str = "") -> str:
    return f"N-2,{name},Kinh tế,{unit},higher,last,2024-Q1,actual,,{value},R1,{quote}\n"


# (name, the whole file, the line at fault, a part of its message)
CASES = [
    (
        "Windows-1252",
        (HEADER + "N-1,Thu ngân sách,KT,ha,higher,sum,2024,actual,,1,R1,\n").encode("cp1252"),
        2,
        "không phải văn bản UTF-8",
    ),
    (
        "utf-16",
        (HEADER + GOOD).encode("utf-16"),
        1,
        "không phải văn bản UTF-8",
    ),
    (
        "one bad byte",
        (HEADER + GOOD).encode()
        + b"N-2,S\xe1 h\xf4,Kinh t\xea,ng\xb0\xe1i,higher,last,2024,actual,,1,R1,\n",
        3,
        "không phải văn bản UTF-8",
    ),
    ("NUL byte", (HEADER + GOOD + row(name="Số\x00hộ")).encode(), 3, "U+0000"),
    ("escape character", (HEADER + GOOD + row(name="Số \x1b[31mhộ")).encode(), 3, "U+001B"),
    ("bell in the quote", (HEADER + GOOD + row(quote="báo\x07cáo")).encode(), 3, "U+0007"),
    ("DEL", (HEADER + GOOD + row(name="Số\x7fhộ")).encode(), 3, "U+007F"),
    ("noncharacter U+FFFE", (HEADER + GOOD + row(name="Số\ufffehộ")).encode(), 3, "U+FFFE"),
    ("1e400", (HEADER + GOOD + row("1e400")).encode(), 3, "giá trị “1e400” không hợp lệ"),
    ("NaN", (HEADER + GOOD + row("NaN")).encode(), 3, "giá trị “NaN” không hợp lệ"),
    ("Infinity", (HEADER + GOOD + row("Infinity")).encode(), 3, "“Infinity” không hợp lệ"),
    ("-inf", (HEADER + GOOD + row("-inf")).encode(), 3, "“-inf” không hợp lệ"),
    ("Arabic-Indic digits", (HEADER + GOOD + row("١٢٣")).encode(), 3, "không hợp lệ"),
    ("full-width digits", (HEADER + GOOD + row("１２３")).encode(), 3, "không hợp lệ"),
    ("grouped thousands", (HEADER + GOOD + row('"4,475"')).encode(), 3, "“4,475” không hợp lệ"),
    ("spaces in a number", (HEADER + GOOD + row("4 475")).encode(), 3, "“4 475” không hợp lệ"),
    ("15 digits", (HEADER + GOOD + row("123456789012345")).encode(), 3, "Số quá lớn"),
    ("400 digits", (HEADER + GOOD + row("9" * 400)).encode(), 3, "Số quá lớn"),
    ("7 decimals", (HEADER + GOOD + row("1.1234567")).encode(), 3, "Nhiều nhất 6 chữ số"),
    ("250 %", (HEADER + GOOD + row("250", unit="%")).encode(), 3, "Tỷ lệ phải nằm trong khoảng"),
    ("1 500 ‰", (HEADER + GOOD + row("1500", unit="‰")).encode(), 3, "từ 0 đến 1.000‰"),
    ("negative rate", (HEADER + GOOD + row("-0.5", unit="%")).encode(), 3, "Tỷ lệ phải"),
    ("negative count", (HEADER + GOOD + row("-5")).encode(), 3, "không thể âm"),
    ("too many columns", (HEADER + GOOD + row().rstrip("\n") + ",x\n").encode(), 3, "có 13 cột"),
    ("too few columns", (HEADER + GOOD + "N-2,Số hộ,Kinh tế,người\n").encode(), 3, "có 4 cột"),
    ("unterminated quote", (HEADER + GOOD + row(quote='"báo cáo')).encode(), 3, "không đọc được"),
    ("empty file", b"", 1, "tệp trống"),
    ("header only", HEADER.encode(), 2, "không có dòng số liệu"),
    ("no header", (GOOD + GOOD).encode(), 1, "thiếu cột indicator_code"),
    ("a column twice", (HEADER.rstrip("\n") + ",value\n" + GOOD).encode(), 1, "value có hai lần"),
    ("year 0001", (HEADER + GOOD + row().replace("2024-Q1", "0001")).encode(), 3, "năm 1"),
    ("quarter 5", (HEADER + GOOD + row().replace("2024-Q1", "2024-Q5")).encode(), 3, "2024-Q5"),
    ("a 41-letter code", (HEADER + GOOD + "X" * 41 + row()[3:]).encode(), 3, "dài 41 ký tự"),
    ("a 121-letter source", (HEADER + GOOD + row().replace("R1", "R" * 121)).encode(), 3, "source"),
    ("a 61-letter unit", (HEADER + GOOD + row(unit="u" * 61)).encode(), 3, "cột unit dài 61"),
]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("content", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_malformed_file_is_rejected_with_its_line_and_nothing_is_saved(
    db, tmp_path, content, line, message
):
    path = tmp_path / "values.csv"
    path.write_bytes(content)
    counts = [m.objects.count() for m in (Indicator, Sector, SourceReport, Target, Value)]
    with pytest.raises(CommandError) as excinfo:
        call_command("import_values", str(path))
    text = str(excinfo.value)
    assert f"Dòng {line}" in text, text
    assert message in text, text
    assert "Traceback" not in text
    assert [m.objects.count() for m in (Indicator, Sector, SourceReport, Target, Value)] == counts


def test_the_good_rows_of_the_cases_import(db, tmp_path):
    """The files above are malformed by what they change, not by their good rows."""
    path = tmp_path / "values.csv"
    path.write_text(HEADER + GOOD + row() + row("87.5", unit="%").replace("N-2", "N-3"))
    call_command("import_values", str(path))
    assert Value.objects.count() == 3


def test_every_bad_row_of_a_file_is_listed(db, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(
        HEADER + GOOD + row("NaN") + GOOD.replace("N-1", "N-4") + row("-1").replace("N-2", "N-5")
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_values", str(path))
    lines = [line.split(":")[0] for line in str(excinfo.value).splitlines()[1:]]
    assert lines == ["Dòng 3", "Dòng 5"]
