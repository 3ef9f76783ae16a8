from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "entraide.meetings"
    verbose_name = _("Rencontres des groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: the meetings act when membership changes.
        from entraide.meetings.answers import withdraw_from_meetings
        from entraide.meetings.reminders import schedule_for
        from entraide.membership.actions import when_leaving, when_welcomed

        when_welcomed.register(schedule_for)
        when_leaving.register(withdraw_from_meetings)
