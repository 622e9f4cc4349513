
import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0011_indicator_plausible_range'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalUnit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_username', models.CharField(blank=True, default='', max_length=150, verbose_name='tên đăng nhập')),
                ('history_user_name', models.CharField(blank=True, default='', max_length=300, verbose_name='người thay đổi')),
                ('name', models.CharField(max_length=60, verbose_name='tên đơn vị')),
                ('key', models.CharField(db_index=True, editable=False, error_messages={'unique': 'Đã có đơn vị này (chữ hoa, chữ thường như nhau).'}, max_length=60, verbose_name='khóa so trùng')),
                ('kind', models.CharField(choices=[('count', 'Số đếm (người, hộ, lượt, trường…)'), ('amount', 'Số tiền (đồng, triệu đồng, tỷ đồng…)'), ('rate', 'Tỷ lệ (phần trăm, phần nghìn)'), ('other', 'Đại lượng khác (ha, tấn, km, điểm…)')], default='other', max_length=10, verbose_name='loại đơn vị')),
                ('allows_decimals', models.BooleanField(default=True, help_text='Bỏ chọn cho đơn vị chỉ có số nguyên (số đếm: người, hộ, lượt…).', verbose_name='nhận số thập phân')),
                ('history_user_id', models.BigIntegerField(blank=True, db_index=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical đơn vị tính',
                'verbose_name_plural': 'historical đơn vị tính',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='plausible_max',
            field=models.DecimalField(blank=True, decimal_places=6, help_text='Số nhập cao hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có.', max_digits=20, null=True, verbose_name='mức cao nhất hợp lý'),
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='plausible_min',
            field=models.DecimalField(blank=True, decimal_places=6, help_text='Số nhập thấp hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có.', max_digits=20, null=True, verbose_name='mức thấp nhất hợp lý'),
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='unit_ref',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.unit', verbose_name='đơn vị tính'),
        ),
    ]
