from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompanimentConfig(AppConfig):
    name = "entraide.accompaniment"
    verbose_name = _("Accompagnement par les organisations")

    def ready(self) -> None:
        # Imported once the apps are loaded: a founded group that opens gets its review planned,
        # and a person welcomed into a group is offered the questionnaire for newcomers.
        from entraide.accompaniment.actions import (
            offer_intake,
            schedule_first_review,
            welcome_context,
        )
        from entraide.founding.actions import when_opened
        from entraide.membership.actions import when_welcomed
        from entraide.notifications.contexts import register

        when_opened.register(schedule_first_review)
        when_welcomed.register(offer_intake)
        register("membership/email/accepted", welcome_context)
