from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompanimentConfig(AppConfig):
    name = "entraide.accompaniment"
    verbose_name = _("Accompagnement par les organisations")

    def ready(self) -> None:
        # Imported once the apps are loaded: a founded group that opens gets its review planned.
        from entraide.accompaniment.actions import schedule_first_review
        from entraide.founding.actions import when_opened

        when_opened.register(schedule_first_review)
