# One unit of the list per distinct unit text of the indicators, spellings that differ only in
# case, spacing or Unicode composition merged ("Tỷ đồng", "tỷ  đồng" -> one unit), each
# indicator pointed at its unit and its text set to the unit's name. The kinds are guessed from
# the names as they stood when this was written (frozen here: indicators/units.py may change).
#
# Going back unlinks the indicators and removes the units; the texts keep the merged spelling.

import unicodedata
from collections import Counter, defaultdict

from django.db import migrations

COUNT_UNITS = {
    "băng rôn", "buổi", "ca", "cặp", "chiếc", "chủ thể", "chương trình", "con", "cơ sở", "cuộc",
    "di tích", "doanh nghiệp", "dự án", "đơn", "đơn vị", "giải", "giấy", "giấy phép", "hồ sơ",
    "hộ", "học sinh", "hợp tác xã", "lao động", "liều", "lớp", "lượt", "lượt khách",
    "lượt người", "mô hình", "người", "phòng", "phường", "quyết định", "sản phẩm", "sáng kiến",
    "suất", "tài khoản", "thẻ", "thôn", "thông báo", "thửa", "tiêu chí", "tin", "tin, bài",
    "tổ dân phố", "tổ dân phố, bản", "trẻ em", "trường", "trường hợp", "văn bản", "video",
    "viên", "vụ", "vụ việc", "xã", "xã, phường",
}
WHOLE_NUMBER_UNITS = {"hạng"}


def tidy(name):
    return " ".join(unicodedata.normalize("NFC", name).split())


def key_of(name):
    return tidy(name).casefold()


def kind_of(key):
    if key.startswith(("%", "‰")):
        return "rate"
    if "đồng" in key or "usd" in key:
        return "amount"
    if key in COUNT_UNITS:
        return "count"
    return "other"


def preferred_spelling(spellings):
    """The spelling most indicators use; on a tie the one already in lower case."""
    return min(spellings, key=lambda s: (-spellings[s], s != s.lower(), s))


def units_from_indicators(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Unit = apps.get_model("indicators", "Unit")
    spellings = defaultdict(Counter)
    indicators = defaultdict(list)
    for pk, text in Indicator.objects.values_list("pk", "unit"):
        if tidy(text):
            spellings[key_of(text)][tidy(text)] += 1
            indicators[key_of(text)].append(pk)
    for key, counted in sorted(spellings.items()):
        kind = kind_of(key)
        unit = Unit.objects.create(
            name=preferred_spelling(counted),
            key=key,
            kind=kind,
            allows_decimals=kind != "count" and key not in WHOLE_NUMBER_UNITS,
        )
        Indicator.objects.filter(pk__in=indicators[key]).update(unit_ref=unit, unit=unit.name)


def units_removed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Unit = apps.get_model("indicators", "Unit")
    Indicator.objects.update(unit_ref=None)
    Unit.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0009_unit_list"),
    ]

    operations = [
        migrations.RunPython(units_from_indicators, units_removed),
    ]
