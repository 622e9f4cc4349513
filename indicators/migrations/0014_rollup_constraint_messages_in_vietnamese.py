
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0013_indicator_figure_rollups'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='indicatorfigure',
            name='indicator_figure_unique_period_baseline',
            constraint=models.UniqueConstraint(fields=('indicator', 'year', 'period', 'baseline'), name='indicator_figure_unique_period_baseline', violation_error_message='Chỉ tiêu này đã có số liệu tổng hợp cho năm, kỳ và kế hoạch này.'),
        ),
        migrations.AlterConstraint(
            model_name='indicatorfigure',
            name='indicator_figure_status_known',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['exceeded', 'achieved', 'not_achieved', 'no_plan'])), name='indicator_figure_status_known', violation_error_message='Trạng thái của số liệu tổng hợp không hợp lệ.'),
        ),
        migrations.AlterConstraint(
            model_name='indicatorfigure',
            name='indicator_figure_change_size_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('change_size__isnull', True), ('change_size__gte', 0), _connector='OR'), name='indicator_figure_change_size_not_negative', violation_error_message='Độ lớn của thay đổi không được âm.'),
        ),
    ]
