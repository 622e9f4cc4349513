# Quarterly submissions and their notices move from indicators to entry (rows stay; their
# tables are renamed in 0003, once no value points at them); EnteredValue is new: which form a typed figure belongs to, and how it was typed.

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
    content_types_follow(apps, schema_editor, MODELS, "indicators", "entry")


def backwards(apps, schema_editor):
    content_types_follow(apps, schema_editor, MODELS, "entry", "indicators")


MODELS = ["quartersubmission", "historicalquartersubmission", "submissionnotice"]


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
                    name='HistoricalQuarterSubmission',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('quarter', models.PositiveSmallIntegerField(verbose_name='quý')),
                        ('status', models.CharField(choices=[('not_started', 'Chưa nhập'), ('draft', 'Đang nhập'), ('submitted', 'Đã gửi, chờ duyệt'), ('returned', 'Bị trả lại'), ('approved', 'Đã duyệt')], default='not_started', max_length=12, verbose_name='trạng thái')),
                        ('deadline', models.DateField(verbose_name='hạn nộp')),
                        ('comment', models.TextField(blank=True, help_text='Lý do trả lại hoặc mở lại gần nhất', verbose_name='ý kiến thẩm định')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='thẩm định lúc')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.department', verbose_name='phòng ban')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.sourcereport', verbose_name='văn bản báo cáo')),
                        ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thẩm định')),
                        ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
                    ],
                    options={
                        'db_table': 'indicators_historicalquartersubmission',
                        'verbose_name': 'historical kỳ nhập số liệu',
                        'verbose_name_plural': 'historical kỳ nhập số liệu',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='QuarterSubmission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('quarter', models.PositiveSmallIntegerField(verbose_name='quý')),
                        ('status', models.CharField(choices=[('not_started', 'Chưa nhập'), ('draft', 'Đang nhập'), ('submitted', 'Đã gửi, chờ duyệt'), ('returned', 'Bị trả lại'), ('approved', 'Đã duyệt')], default='not_started', max_length=12, verbose_name='trạng thái')),
                        ('deadline', models.DateField(verbose_name='hạn nộp')),
                        ('comment', models.TextField(blank=True, help_text='Lý do trả lại hoặc mở lại gần nhất', verbose_name='ý kiến thẩm định')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='thẩm định lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='indicators.department', verbose_name='phòng ban')),
                        ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.sourcereport', verbose_name='văn bản báo cáo')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thẩm định')),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
                    ],
                    options={
                        'db_table': 'indicators_quartersubmission',
                        'verbose_name': 'kỳ nhập số liệu',
                        'verbose_name_plural': 'kỳ nhập số liệu',
                        'ordering': ['-year', '-quarter', 'department'],
                    },
                ),
                migrations.CreateModel(
                    name='SubmissionNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('before_deadline', 'Nhắc trước hạn'), ('overdue', 'Nhắc quá hạn'), ('returned', 'Báo trả lại')], max_length=16, verbose_name='loại')),
                        ('key', models.CharField(help_text='Hạn nộp được nhắc, hoặc lần trả lại được báo', max_length=40, verbose_name='khóa')),
                        ('recipients', models.TextField(blank=True, verbose_name='người nhận')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='gửi lúc')),
                        ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='entry.quartersubmission', verbose_name='kỳ nhập số liệu')),
                    ],
                    options={
                        'db_table': 'indicators_submissionnotice',
                        'verbose_name': 'thư nhắc',
                        'verbose_name_plural': 'thư nhắc',
                        'ordering': ['-sent_at'],
                    },
                ),
                migrations.AddIndex(
                    model_name='quartersubmission',
                    index=models.Index(fields=['year', 'quarter'], name='submission_year_quarter'),
                ),
                migrations.AddConstraint(
                    model_name='quartersubmission',
                    constraint=models.UniqueConstraint(fields=('department', 'year', 'quarter'), name='submission_unique_quarter'),
                ),
                migrations.AddConstraint(
                    model_name='quartersubmission',
                    constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='submission_quarter_1_to_4'),
                ),
                migrations.AddConstraint(
                    model_name='quartersubmission',
                    constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1990), ('year__lte', 2100)), name='submission_year_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='quartersubmission',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['not_started', 'draft', 'submitted', 'returned', 'approved'])), name='submission_status_known'),
                ),
                migrations.AddConstraint(
                    model_name='submissionnotice',
                    constraint=models.UniqueConstraint(fields=('submission', 'kind', 'key'), name='notice_sent_once'),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
        migrations.CreateModel(
            name='EnteredValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('entered_as', models.CharField(choices=[('quarter', 'Số của riêng quý'), ('ytd', 'Số lũy kế từ đầu năm')], default='quarter', max_length=8, verbose_name='số nhập là')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='indicators.indicator', verbose_name='chỉ tiêu')),
                ('value', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='entry', to='indicators.value', verbose_name='số liệu')),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entered_values', to='entry.quartersubmission', verbose_name='kỳ nhập số liệu')),
            ],
            options={
                'verbose_name': 'số liệu nhập trên biểu mẫu',
                'verbose_name_plural': 'số liệu nhập trên biểu mẫu',
            },
        ),
        migrations.AddConstraint(
            model_name='enteredvalue',
            constraint=models.UniqueConstraint(fields=('submission', 'indicator'), name='entered_value_one_per_form_row'),
        ),
        migrations.AddConstraint(
            model_name='enteredvalue',
            constraint=models.CheckConstraint(condition=models.Q(('entered_as__in', ['quarter', 'ytd'])), name='entered_value_mode_known'),
        ),
    ]
