"""Migration steps shared by the apps whose history tables move to `audited()`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations, models
from django.db.migrations.operations.base import Operation


def user_kept_by_id_and_name(app_label: str, history_model: str) -> list[Operation]:
    """A history table's user, once a foreign key that deleting the user would clear, becomes
    the user's id and name, copied onto every existing row first."""

    def copy_names(apps: Any, _schema_editor: Any) -> None:
        history = apps.get_model(app_label, history_model)
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        user_ids = history.objects.exclude(history_user=None).values_list(
            "history_user_id", flat=True
        )
        for user in user_model.objects.filter(pk__in=set(user_ids)):
            name = f"{user.first_name} {user.last_name}".strip() or user.username
            history.objects.filter(history_user_id=user.pk).update(
                history_username=user.username, history_user_name=name
            )

    return [
        migrations.AddField(
            model_name=history_model,
            name="history_username",
            field=models.CharField(
                blank=True, default="", max_length=150, verbose_name="tên đăng nhập"
            ),
        ),
        migrations.AddField(
            model_name=history_model,
            name="history_user_name",
            field=models.CharField(
                blank=True, default="", max_length=300, verbose_name="người thay đổi"
            ),
        ),
        migrations.RunPython(copy_names, migrations.RunPython.noop),
        # The column stays; only its constraint goes.
        migrations.AlterField(
            model_name=history_model,
            name="history_user",
            field=models.ForeignKey(
                to=settings.AUTH_USER_MODEL,
                null=True,
                on_delete=models.DO_NOTHING,
                db_constraint=False,
                related_name="+",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name=history_model, name="history_user"),
                migrations.AddField(
                    model_name=history_model,
                    name="history_user_id",
                    field=models.BigIntegerField(blank=True, db_index=True, null=True),
                ),
            ]
        ),
    ]
