from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntryConfig(AppConfig):
    name = "entry"
    verbose_name = _("Nhập và thẩm định số liệu")

    def ready(self) -> None:
        # The indicator page shows who changed its figures through this app's history panel.
        from entry.history_panel import register

        register()
