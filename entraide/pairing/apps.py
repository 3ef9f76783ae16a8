from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "entraide.pairing"
    verbose_name = _("Entraide individuelle")

    def ready(self) -> None:
        # Imported once the apps are loaded. A volunteer deleting their account steps down
        # from their programmes first: a change that waited only for them is adopted.
        from entraide.accounts.actions import when_deleting
        from entraide.pairing.change_actions import step_down

        when_deleting.register(step_down)
