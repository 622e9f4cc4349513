"""Any text at all: the reader proposes figures or none, and never fails."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.reader.document import read_text
from reports.reader.matching import Catalogue, CatalogueEntry

CATALOGUE = Catalogue([CatalogueEntry("THU", "Thu ngân sách", "tỷ đồng")])
PIECES = st.sampled_from(
    [
        "Thu ngân sách ",
        "ước đạt ",
        "đạt ",
        "bằng ",
        "tăng ",
        "giảm ",
        "gấp ",
        "hơn ",
        "4.475",
        "122,195",
        "12 tỷ 305 triệu",
        "52,3/60",
        "10/02/2022",
        " tỷ đồng",
        "%",
        " lần",
        " kế hoạch",
        " tỉnh giao",
        " so với cùng kỳ",
        ", ",
        "; ",
        ". ",
        "(",
        ")",
        "\n",
        "## Kế hoạch năm 2025\n",
        " | ",
        "9 tháng ",
        "quý I ",
        "đến 31/10 ",
        "xếp thứ ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES | st.text(max_size=5), max_size=40).map("".join))
def test_any_text_reads_without_failing(text):
    read = read_text(text, catalogue=CATALOGUE)
    for figure in read["figures"]:
        assert Decimal(figure["value"]) >= 0
        assert figure["kind"] in ("actual", "estimate", "plan")
        assert figure["qualifier"] in ("", "over", "under", "about")
        assert 0 <= figure["match_score"] <= 1
        assert all(
            c["baseline"] in ("province", "council", "term", "plan") for c in figure["completion"]
        )
