from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "entraide.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        # Registers the project's own system checks.
        from entraide.lib import checks  # noqa: F401
