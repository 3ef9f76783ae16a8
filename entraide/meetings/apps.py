from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "entraide.meetings"
    verbose_name = _("Rencontres des groupes")
