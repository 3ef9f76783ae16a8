from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "entraide.charters"
    verbose_name = _("Chartes des groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: a charter under consent may have been waiting
        # only for the person who leaves, or who goes back to listening.
        from entraide.charters.actions import recheck_after_leaving
        from entraide.membership.actions import when_leaving, when_role_changed

        when_leaving.register(recheck_after_leaving)
        when_role_changed.register(recheck_after_leaving)
