# The constraints say in Vietnamese what is wrong (no change to the database).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_history_kept_by_user_id_and_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='membership',
            name='membership_department_iff_department_role',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('department__isnull', False), ('role__in', ('staff', 'head'))), models.Q(models.Q(('role__in', ('staff', 'head')), _negated=True), ('department__isnull', True)), _connector='OR'), name='membership_department_iff_department_role', violation_error_message='Cán bộ và lãnh đạo phòng ban phải chọn phòng ban; các vai trò khác không thuộc phòng ban nào.'),
        ),
    ]
