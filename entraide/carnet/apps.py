from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarnetConfig(AppConfig):
    name = "entraide.carnet"
    verbose_name = _("Mon carnet")
