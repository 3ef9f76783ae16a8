from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoundingConfig(AppConfig):
    name = "entraide.founding"
    verbose_name = _("Création de groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: an adopted charter makes a founded group autonomous.
        from entraide.charters.actions import when_adopted
        from entraide.founding.actions import charter_adopted

        when_adopted.register(charter_adopted)
