from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "entraide.safeguarding"
    verbose_name = _("Vigilance et médiation")
