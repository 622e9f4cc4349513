# Every constraint says in Vietnamese what is wrong, instead of Django's
# "Constraint “…” is violated" (no change to the database).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0007_history_of_the_catalogue_user_kept_by_name'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='dataversion',
            name='data_version_single_row',
            constraint=models.CheckConstraint(condition=models.Q(('id', 1)), name='data_version_single_row', violation_error_message='Chỉ có một dòng phiên bản số liệu (mã 1).'),
        ),
        migrations.AlterConstraint(
            model_name='statement',
            name='statement_unique',
            constraint=models.UniqueConstraint(fields=('indicator', 'year', 'metric', 'baseline', 'report', 'quote'), name='statement_unique', violation_error_message='Báo cáo nguồn này đã có nhận định này (cùng chỉ tiêu, năm, loại, kế hoạch so sánh và trích dẫn).'),
        ),
        migrations.AlterConstraint(
            model_name='statement',
            name='statement_baseline_only_for_completion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('baseline__in', ['council', 'province', 'term']), ('metric', 'completion')), models.Q(models.Q(('metric', 'completion'), _negated=True), ('baseline', '')), _connector='OR'), name='statement_baseline_only_for_completion', violation_error_message='Nhận định mức đạt so với kế hoạch phải chọn kế hoạch so sánh; các loại nhận định khác để trống.'),
        ),
        migrations.AlterConstraint(
            model_name='statement',
            name='statement_figure_unless_status',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('figure__isnull', True), ('metric', 'status')), models.Q(models.Q(('metric', 'status'), _negated=True), ('figure__isnull', False)), _connector='OR'), name='statement_figure_unless_status', violation_error_message='Nhận định đạt/không đạt không ghi số; các loại nhận định khác phải có số.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='target_unique_year_source_report',
            constraint=models.UniqueConstraint(condition=models.Q(('quarter__isnull', True)), fields=('indicator', 'year', 'source', 'report'), name='target_unique_year_source_report', violation_error_message='Chỉ tiêu này đã có kế hoạch cả năm của năm này, cùng nguồn kế hoạch và cùng báo cáo nguồn.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='target_unique_quarter_source_report',
            constraint=models.UniqueConstraint(condition=models.Q(('quarter__isnull', False)), fields=('indicator', 'year', 'quarter', 'source', 'report'), name='target_unique_quarter_source_report', violation_error_message='Chỉ tiêu này đã có kế hoạch của quý này, cùng nguồn kế hoạch và cùng báo cáo nguồn.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='target_quarter_1_to_4',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__isnull', True), models.Q(('quarter__gte', 1), ('quarter__lte', 4)), _connector='OR'), name='target_quarter_1_to_4', violation_error_message='Quý từ 1 đến 4; để trống cho kế hoạch cả năm.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='target_year_in_range',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1990), ('year__lte', 2100)), name='target_year_in_range', violation_error_message='Năm phải từ 1990 đến 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='target_derived_shows_arithmetic',
            constraint=models.CheckConstraint(condition=models.Q(('is_derived', False), models.Q(('derivation', ''), _negated=True), _connector='OR'), name='target_derived_shows_arithmetic', violation_error_message='Số suy ra phải ghi cách tính.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_unique_year_kind_report',
            constraint=models.UniqueConstraint(condition=models.Q(('quarter__isnull', True)), fields=('indicator', 'year', 'kind', 'report'), name='value_unique_year_kind_report', violation_error_message='Chỉ tiêu này đã có số liệu cả năm của năm này, cùng loại số liệu và cùng báo cáo nguồn.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_unique_quarter_kind_report',
            constraint=models.UniqueConstraint(condition=models.Q(('quarter__isnull', False)), fields=('indicator', 'year', 'quarter', 'kind', 'report'), name='value_unique_quarter_kind_report', violation_error_message='Chỉ tiêu này đã có số liệu của quý này, cùng loại số liệu và cùng báo cáo nguồn.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_quarter_1_to_4',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__isnull', True), models.Q(('quarter__gte', 1), ('quarter__lte', 4)), _connector='OR'), name='value_quarter_1_to_4', violation_error_message='Quý từ 1 đến 4; để trống cho cả năm.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_year_in_range',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1990), ('year__lte', 2100)), name='value_year_in_range', violation_error_message='Năm phải từ 1990 đến 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_ratio_parts_together_positive_denominator',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('denominator__isnull', True), ('numerator__isnull', True)), models.Q(('denominator__gt', 0), ('numerator__isnull', False)), _connector='OR'), name='value_ratio_parts_together_positive_denominator', violation_error_message='Tử số và mẫu số nhập cùng nhau (hoặc cùng để trống); mẫu số phải lớn hơn 0.'),
        ),
        migrations.AlterConstraint(
            model_name='value',
            name='value_derived_shows_arithmetic',
            constraint=models.CheckConstraint(condition=models.Q(('is_derived', False), models.Q(('derivation', ''), _negated=True), _connector='OR'), name='value_derived_shows_arithmetic', violation_error_message='Số suy ra phải ghi cách tính.'),
        ),
        migrations.AlterConstraint(
            model_name='indicator',
            name='indicator_decimals_at_most_6',
            constraint=models.CheckConstraint(condition=models.Q(('decimals__lte', 6)), name='indicator_decimals_at_most_6', violation_error_message='Số chữ số thập phân nhiều nhất là 6.'),
        ),
        migrations.AlterConstraint(
            model_name='indicator',
            name='indicator_main_iff_council_group',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('council_group__isnull', True), ('is_main', False)), models.Q(('council_group__gte', 1), ('is_main', True)), _connector='OR'), name='indicator_main_iff_council_group', violation_error_message='Chỉ tiêu chủ yếu cần số thứ tự nhóm trong Nghị quyết HĐND (từ 1 trở lên); chỉ tiêu khác để trống nhóm.'),
        ),
        migrations.AlterConstraint(
            model_name='indicator',
            name='indicator_not_own_parent',
            constraint=models.CheckConstraint(condition=models.Q(('parent', models.F('pk')), _negated=True), name='indicator_not_own_parent', violation_error_message='Chỉ tiêu không thể là chỉ tiêu tổng của chính nó.'),
        ),
    ]
