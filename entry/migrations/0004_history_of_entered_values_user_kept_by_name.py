import django.db.models.deletion
import simple_history.models
from audit.migration_operations import user_kept_by_id_and_name
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('entry', '0003_submission_tables_renamed'),
        ('indicators', '0007_history_of_the_catalogue_user_kept_by_name'),
    ]

    operations = [
        *user_kept_by_id_and_name('entry', 'historicalquartersubmission'),
        migrations.CreateModel(
            name='HistoricalEnteredValue',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_username', models.CharField(blank=True, default='', max_length=150, verbose_name='tên đăng nhập')),
                ('history_user_name', models.CharField(blank=True, default='', max_length=300, verbose_name='người thay đổi')),
                ('entered_as', models.CharField(choices=[('quarter', 'Số của riêng quý'), ('ytd', 'Số lũy kế từ đầu năm')], default='quarter', max_length=8, verbose_name='số nhập là')),
                ('history_user_id', models.BigIntegerField(blank=True, db_index=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('indicator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.indicator', verbose_name='chỉ tiêu')),
                ('submission', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='entry.quartersubmission', verbose_name='kỳ nhập số liệu')),
                ('value', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.value', verbose_name='số liệu')),
            ],
            options={
                'verbose_name': 'historical số liệu nhập trên biểu mẫu',
                'verbose_name_plural': 'historical số liệu nhập trên biểu mẫu',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
