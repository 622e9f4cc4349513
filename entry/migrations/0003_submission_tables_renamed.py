# The tables of the moved models take the entry app's names, after indicators 0006 dropped the
# value's foreign key to them (so that, going back, it is re-created against the old name).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("entry", "0002_entered_values_from_value_submission"),
        ("indicators", "0006_value_submission_moved_to_entry"),
    ]

    operations = [
        migrations.AlterModelTable(name="quartersubmission", table=None),
        migrations.AlterModelTable(name="historicalquartersubmission", table=None),
        migrations.AlterModelTable(name="submissionnotice", table=None),
    ]
