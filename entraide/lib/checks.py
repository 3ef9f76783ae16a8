"""System checks of our own, run by `manage.py check` (and `--deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from entraide.lib.crypto import MISSING_KEYS

MISSING_SECRET = "Set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=1 for development."  # noqa: S105


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or settings.SECRET_KEY_IS_SET:
        return []
    return [Error(MISSING_SECRET, id="entraide.E001")]


@register(Tags.security, deploy=True)
def encryption_keys_are_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or settings.ENCRYPTION_KEYS_ARE_SET:
        return []
    return [Error(MISSING_KEYS, id="entraide.E002")]


def refuse_to_serve_without_a_secret() -> None:
    """Called by the servers' entry points: never serve with a throw-away or public key."""
    if settings.DEBUG or settings.TESTING:
        return
    if not settings.SECRET_KEY_IS_SET:
        raise ImproperlyConfigured(MISSING_SECRET)
    if not settings.ENCRYPTION_KEYS_ARE_SET:
        raise ImproperlyConfigured(MISSING_KEYS)
