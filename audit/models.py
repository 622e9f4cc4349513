"""The columns every history table adds to the audited table's own.

The user is kept by id and by name, with no foreign key: deleting a user must neither block on
nor rewrite the history of what they did.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAuthor(models.Model):
    history_username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True, default="")
    history_user_name = models.CharField(
        _("người thay đổi"), max_length=300, blank=True, default=""
    )

    class Meta:
        abstract = True

    @property
    def history_who(self) -> str:
        return str(self.history_user_name or self.history_username)
