from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: deploy checks, backup and restore. The top layer: it imports no app."""

    name = "ops"
    verbose_name = _("Vận hành")

    def ready(self) -> None:
        # Registers the deploy checks (`manage.py check --deploy`).
        from ops import checks  # noqa: F401
