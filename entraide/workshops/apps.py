from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "entraide.workshops"
    verbose_name = _("Ateliers")

    def ready(self) -> None:
        # Imported once the apps are loaded: each workshop e-mail shows its reader what they
        # may see (the address, the link, their place in the line; see notifications.contexts).
        # A person deleting their account gives their seats to the people waiting.
        from entraide.accounts.actions import when_deleting
        from entraide.notifications.contexts import register
        from entraide.workshops.actions import withdraw_from_workshops, workshop_context

        when_deleting.register(withdraw_from_workshops)

        for name in ("changed", "cancelled", "promoted", "reminder"):
            register(f"workshops/email/{name}", workshop_context)
