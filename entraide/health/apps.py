from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "entraide.health"
    verbose_name = _("Santé des groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: the coordinators' board shows the gentle alerts of
        # the groups that agreed to share their health.
        from entraide.accompaniment.board import more_attention
        from entraide.health.alerts import board_alerts

        more_attention.register(board_alerts)
