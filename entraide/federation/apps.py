from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "entraide.federation"
    verbose_name = _("Fédération (ActivityPub)")

    def ready(self) -> None:
        from entraide.federation.publishing import meetings_changed
        from entraide.meetings.series.actions import when_meetings_changed

        when_meetings_changed.register(meetings_changed)
