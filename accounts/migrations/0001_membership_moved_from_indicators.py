# Membership moves from indicators to accounts: its rows stay, its tables are renamed.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor, models, old, new):
    # Admin permissions and log entries point at content types: move them with the models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    content_types_follow(apps, schema_editor, MODELS, "indicators", "accounts")


def backwards(apps, schema_editor):
    content_types_follow(apps, schema_editor, MODELS, "accounts", "indicators")


MODELS = ["membership", "historicalmembership"]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('indicators', '0005_report_kind_from_number_prefix'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalMembership',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', 'Cán bộ phòng ban'), ('head', 'Lãnh đạo phòng ban'), ('reviewer', 'Cán bộ tổng hợp, thẩm định'), ('leadership', 'Lãnh đạo UBND'), ('admin', 'Quản trị hệ thống')], max_length=12, verbose_name='vai trò')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.department', verbose_name='phòng ban')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người dùng')),
                    ],
                    options={
                        'db_table': 'indicators_historicalmembership',
                        'verbose_name': 'historical vai trò người dùng',
                        'verbose_name_plural': 'historical vai trò người dùng',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', 'Cán bộ phòng ban'), ('head', 'Lãnh đạo phòng ban'), ('reviewer', 'Cán bộ tổng hợp, thẩm định'), ('leadership', 'Lãnh đạo UBND'), ('admin', 'Quản trị hệ thống')], max_length=12, verbose_name='vai trò')),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='members', to='indicators.department', verbose_name='phòng ban')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='membership', to=settings.AUTH_USER_MODEL, verbose_name='người dùng')),
                    ],
                    options={
                        'db_table': 'indicators_membership',
                        'verbose_name': 'vai trò người dùng',
                        'verbose_name_plural': 'vai trò người dùng',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('department__isnull', False), ('role__in', ('staff', 'head'))), models.Q(models.Q(('role__in', ('staff', 'head')), _negated=True), ('department__isnull', True)), _connector='OR'), name='membership_department_iff_department_role')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='membership', table=None),
        migrations.AlterModelTable(name='historicalmembership', table=None),
        migrations.RunPython(forwards, backwards),
    ]
