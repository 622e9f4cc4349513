# Documents that stand for a department's own form were told apart by their number's prefix
# ("NHAPLIEU-KTE-2025Q3"); the new `kind` field says it.

from django.db import migrations

PREFIX = "NHAPLIEU-"


def kind_from_prefix(apps, schema_editor):
    SourceReport = apps.get_model("indicators", "SourceReport")
    SourceReport.objects.filter(number__startswith=PREFIX).update(kind="form_entry")


def prefix_needs_no_field(apps, schema_editor):
    # The numbers keep their prefix, so going back loses nothing.
    pass


class Migration(migrations.Migration):

    dependencies = [
        ("indicators", "0004_value_published_locked_report_kind"),
    ]

    operations = [
        migrations.RunPython(kind_from_prefix, prefix_needs_no_field),
    ]
