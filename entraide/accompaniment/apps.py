from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompanimentConfig(AppConfig):
    name = "entraide.accompaniment"
    verbose_name = _("Accompagnement par les organisations")
