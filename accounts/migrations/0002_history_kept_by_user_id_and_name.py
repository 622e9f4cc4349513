from audit.migration_operations import user_kept_by_id_and_name
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_membership_moved_from_indicators'),
    ]

    operations = [
        *user_kept_by_id_and_name('accounts', 'historicalmembership'),
    ]
