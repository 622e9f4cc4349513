# A list of units (đơn vị tính) with their kind and whether they take decimals; indicators point
# at one (their `unit` text stays, as the unit's name). Filled from the indicators in 0009.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0008_constraint_messages_in_vietnamese'),
    ]

    operations = [
        migrations.CreateModel(
            name='Unit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60, verbose_name='tên đơn vị')),
                ('key', models.CharField(editable=False, error_messages={'unique': 'Đã có đơn vị này (chữ hoa, chữ thường như nhau).'}, max_length=60, unique=True, verbose_name='khóa so trùng')),
                ('kind', models.CharField(choices=[('count', 'Số đếm (người, hộ, lượt, trường…)'), ('amount', 'Số tiền (đồng, triệu đồng, tỷ đồng…)'), ('rate', 'Tỷ lệ (phần trăm, phần nghìn)'), ('other', 'Đại lượng khác (ha, tấn, km, điểm…)')], default='other', max_length=10, verbose_name='loại đơn vị')),
                ('allows_decimals', models.BooleanField(default=True, help_text='Bỏ chọn cho đơn vị chỉ có số nguyên (số đếm: người, hộ, lượt…).', verbose_name='nhận số thập phân')),
            ],
            options={
                'verbose_name': 'đơn vị tính',
                'verbose_name_plural': 'đơn vị tính',
                'ordering': ['name'],
            },
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'count'), _negated=True), ('allows_decimals', False), _connector='OR'), name='unit_count_whole_numbers', violation_error_message='Đơn vị số đếm không nhận số thập phân.'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='unit_key_set', violation_error_message='Chưa nhập tên đơn vị.'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='unit_ref',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='indicators.unit', verbose_name='đơn vị tính'),
        ),
    ]
