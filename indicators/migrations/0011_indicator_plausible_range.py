# An optional plausible range (lowest, highest) per indicator, checked when a figure is typed.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0010_units_from_indicator_unit_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicator',
            name='plausible_max',
            field=models.DecimalField(blank=True, decimal_places=6, help_text='Số nhập cao hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có.', max_digits=20, null=True, verbose_name='mức cao nhất hợp lý'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='plausible_min',
            field=models.DecimalField(blank=True, decimal_places=6, help_text='Số nhập thấp hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có.', max_digits=20, null=True, verbose_name='mức thấp nhất hợp lý'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(('plausible_min__isnull', True), ('plausible_max__isnull', True), ('plausible_min__lte', models.F('plausible_max')), _connector='OR'), name='indicator_plausible_range_ordered', violation_error_message='Mức thấp nhất hợp lý phải nhỏ hơn hoặc bằng mức cao nhất hợp lý.'),
        ),
    ]
