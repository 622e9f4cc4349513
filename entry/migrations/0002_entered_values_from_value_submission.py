# A typed figure's quarter was a foreign key on the value; it becomes an EnteredValue row, and
# the value's published and locked flags are set from its quarter's review status. How it was
# typed (a year-to-date figure) was read back from its arithmetic's prefix ("Lũy kế").

from django.db import migrations

YTD_PREFIX = "Lũy kế"
LOCKED = ("submitted", "approved")


def entered_values_from_foreign_key(apps, schema_editor):
    Value = apps.get_model("indicators", "Value")
    QuarterSubmission = apps.get_model("entry", "QuarterSubmission")
    EnteredValue = apps.get_model("entry", "EnteredValue")
    statuses = dict(QuarterSubmission.objects.values_list("pk", "status"))
    typed = Value.objects.filter(submission__isnull=False).values_list(
        "pk", "indicator_id", "submission_id", "is_derived", "derivation"
    )
    rows = []
    for pk, indicator_id, submission_id, is_derived, derivation in typed.iterator():
        ytd = is_derived and derivation.startswith(YTD_PREFIX)
        rows.append(
            EnteredValue(
                value_id=pk,
                indicator_id=indicator_id,
                submission_id=submission_id,
                entered_as="ytd" if ytd else "quarter",
            )
        )
    EnteredValue.objects.bulk_create(rows, batch_size=1000)
    for status in set(statuses.values()):
        ids = [pk for pk, s in statuses.items() if s == status]
        Value.objects.filter(submission_id__in=ids).update(
            is_published=status == "approved", is_locked=status in LOCKED
        )


def foreign_key_from_entered_values(apps, schema_editor):
    Value = apps.get_model("indicators", "Value")
    EnteredValue = apps.get_model("entry", "EnteredValue")
    for value_id, submission_id in EnteredValue.objects.values_list("value_id", "submission_id"):
        Value.objects.filter(pk=value_id).update(submission_id=submission_id)


class Migration(migrations.Migration):

    dependencies = [
        ("entry", "0001_submissions_moved_from_indicators"),
        ("indicators", "0005_report_kind_from_number_prefix"),
    ]

    operations = [
        migrations.RunPython(entered_values_from_foreign_key, foreign_key_from_entered_values),
    ]
