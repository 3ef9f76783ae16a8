from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "entraide.circles"
    verbose_name = _("Cercles de parole")
