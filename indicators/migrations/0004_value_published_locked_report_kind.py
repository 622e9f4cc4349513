# The domain learns whether a figure is published and locked through fields of its own, and
# whether a document is a department's form through a field, not a number prefix.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0003_data_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalvalue',
            name='is_locked',
            field=models.BooleanField(default=False, verbose_name='đã khóa'),
        ),
        migrations.AddField(
            model_name='historicalvalue',
            name='is_published',
            field=models.BooleanField(default=True, verbose_name='đã công bố'),
        ),
        migrations.AddField(
            model_name='sourcereport',
            name='kind',
            field=models.CharField(choices=[('document', 'Văn bản báo cáo'), ('form_entry', 'Số liệu nhập trực tiếp trên biểu mẫu')], default='document', max_length=12, verbose_name='loại văn bản'),
        ),
        migrations.AddField(
            model_name='value',
            name='is_locked',
            field=models.BooleanField(default=False, verbose_name='đã khóa'),
        ),
        migrations.AddField(
            model_name='value',
            name='is_published',
            field=models.BooleanField(default=True, verbose_name='đã công bố'),
        ),
    ]
