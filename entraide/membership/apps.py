from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "entraide.membership"
    verbose_name = _("Adhésions aux groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: a person deleting their account leaves their groups.
        from entraide.accounts.actions import when_deleting
        from entraide.membership.actions import leave_every_group

        when_deleting.register(leave_every_group)
