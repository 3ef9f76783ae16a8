from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "entraide.health"
    verbose_name = _("Santé des groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: the coordinators' board shows the gentle alerts of
        # the groups that agreed to share their health, and a link to their health page.
        from entraide.accompaniment.board import more_attention, more_links
        from entraide.health.alerts import board_alerts, health_links

        more_attention.register(board_alerts)
        more_links.register(health_links)
