from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "entraide.meetings"
    verbose_name = _("Rencontres des groupes")

    def ready(self) -> None:
        # Imported once the apps are loaded: the meetings act when membership changes, and
        # add to their messages what each reader may see (see notifications.contexts).
        from entraide.meetings.answers.actions import meeting_context, withdraw_from_meetings
        from entraide.meetings.attendance.actions import follow_up_context
        from entraide.meetings.reminders.actions import schedule_for
        from entraide.membership.actions import when_leaving, when_welcomed
        from entraide.notifications.contexts import register

        when_welcomed.register(schedule_for)
        when_leaving.register(withdraw_from_meetings)
        for template in ("meetings/email/reminder", "meetings/email/promoted"):
            register(template, meeting_context)
        register("meetings/email/follow_up", follow_up_context)
