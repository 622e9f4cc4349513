# The constraints say in Vietnamese what is wrong (no change to the database).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('entry', '0004_history_of_entered_values_user_kept_by_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='enteredvalue',
            name='entered_value_one_per_form_row',
            constraint=models.UniqueConstraint(fields=('submission', 'indicator'), name='entered_value_one_per_form_row', violation_error_message='Chỉ tiêu này đã có số liệu trên biểu mẫu của kỳ nhập số liệu này.'),
        ),
        migrations.AlterConstraint(
            model_name='enteredvalue',
            name='entered_value_mode_known',
            constraint=models.CheckConstraint(condition=models.Q(('entered_as__in', ['quarter', 'ytd'])), name='entered_value_mode_known', violation_error_message='Cách nhập số liệu không hợp lệ.'),
        ),
        migrations.AlterConstraint(
            model_name='quartersubmission',
            name='submission_unique_quarter',
            constraint=models.UniqueConstraint(fields=('department', 'year', 'quarter'), name='submission_unique_quarter', violation_error_message='Phòng ban này đã có kỳ nhập số liệu của quý này.'),
        ),
        migrations.AlterConstraint(
            model_name='quartersubmission',
            name='submission_quarter_1_to_4',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='submission_quarter_1_to_4', violation_error_message='Quý từ 1 đến 4.'),
        ),
        migrations.AlterConstraint(
            model_name='quartersubmission',
            name='submission_year_in_range',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1990), ('year__lte', 2100)), name='submission_year_in_range', violation_error_message='Năm phải từ 1990 đến 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='quartersubmission',
            name='submission_status_known',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['not_started', 'draft', 'submitted', 'returned', 'approved'])), name='submission_status_known', violation_error_message='Trạng thái kỳ nhập số liệu không hợp lệ.'),
        ),
        migrations.AlterConstraint(
            model_name='submissionnotice',
            name='notice_sent_once',
            constraint=models.UniqueConstraint(fields=('submission', 'kind', 'key'), name='notice_sent_once', violation_error_message='Thư nhắc này đã được gửi cho kỳ nhập số liệu này.'),
        ),
    ]
