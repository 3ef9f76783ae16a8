from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "entraide.meetings"
    verbose_name = _("Rencontres des groupes")

    def ready(self) -> None:
        from entraide.meetings.answers import meeting_context
        from entraide.meetings.life import follow_up_context
        from entraide.notifications.contexts import register

        # What the worker adds to these messages, for each reader (see notifications.contexts).
        for template in ("meetings/email/reminder", "meetings/email/promoted"):
            register(template, meeting_context)
        register("meetings/email/follow_up", follow_up_context)
