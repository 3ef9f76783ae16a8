from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoundingConfig(AppConfig):
    name = "entraide.founding"
    verbose_name = _("Création de groupes")
