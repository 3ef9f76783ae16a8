from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "entraide.directory"
    verbose_name = _("Annuaire des groupes")
