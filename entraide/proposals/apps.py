from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "entraide.proposals"
    verbose_name = _("Groupes de proximité")

    def ready(self) -> None:
        from entraide.notifications.contexts import register
        from entraide.proposals.invitations import (
            INVITATION_TEMPLATE,
            UNPLACED_TEMPLATE,
            invitation_context,
            unplaced_context,
        )

        # What the worker adds to each invitation e-mail (see notifications.contexts).
        register(INVITATION_TEMPLATE, invitation_context)
        register(UNPLACED_TEMPLATE, unplaced_context)
