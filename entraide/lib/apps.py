from django.apps import AppConfig
from django.db.models import IntegerField

from entraide.lib.lookups import IntegerFieldIn


class LibConfig(AppConfig):
    """`entraide.lib` is an app only to register its lookups once, at start."""

    name = "entraide.lib"
    label = "entraide_lib"

    def ready(self) -> None:
        IntegerField.register_lookup(IntegerFieldIn)
