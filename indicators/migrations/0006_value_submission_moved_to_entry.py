# The quarterly workflow's models now live in the accounts and entry apps (their tables were
# renamed there); a value no longer points at a workflow row: entry.EnteredValue points at it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0005_report_kind_from_number_prefix'),
        ('accounts', '0001_membership_moved_from_indicators'),
        ('entry', '0002_entered_values_from_value_submission'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalvalue',
            name='submission',
        ),
        migrations.RemoveConstraint(
            model_name='value',
            name='value_one_per_submission_indicator',
        ),
        migrations.RemoveField(
            model_name='value',
            name='submission',
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='historicalquartersubmission',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='historicalquartersubmission',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalquartersubmission',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='historicalquartersubmission',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='historicalquartersubmission',
                    name='submitted_by',
                ),
                migrations.RemoveConstraint(
                    model_name='membership',
                    name='membership_department_iff_department_role',
                ),
                migrations.RemoveIndex(
                    model_name='quartersubmission',
                    name='submission_year_quarter',
                ),
                migrations.RemoveConstraint(
                    model_name='quartersubmission',
                    name='submission_unique_quarter',
                ),
                migrations.RemoveConstraint(
                    model_name='quartersubmission',
                    name='submission_quarter_1_to_4',
                ),
                migrations.RemoveConstraint(
                    model_name='quartersubmission',
                    name='submission_year_in_range',
                ),
                migrations.RemoveConstraint(
                    model_name='quartersubmission',
                    name='submission_status_known',
                ),
                migrations.RemoveConstraint(
                    model_name='submissionnotice',
                    name='notice_sent_once',
                ),
                migrations.DeleteModel(
                    name='HistoricalMembership',
                ),
                migrations.DeleteModel(
                    name='HistoricalQuarterSubmission',
                ),
                migrations.RemoveField(
                    model_name='quartersubmission',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='quartersubmission',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='quartersubmission',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='quartersubmission',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='submissionnotice',
                    name='submission',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
                migrations.DeleteModel(
                    name='SubmissionNotice',
                ),
                migrations.DeleteModel(
                    name='QuarterSubmission',
                ),
            ],
        ),
    ]
