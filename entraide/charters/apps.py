from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "entraide.charters"
    verbose_name = _("Chartes des groupes")
