from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "entraide.proposals"
    verbose_name = _("Groupes de proximité")
