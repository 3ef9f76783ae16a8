"""Personal API tokens: a person's key to their own side of the API, made and revoked in
"Mon compte".

The secret is shown once, when the token is made, and never stored: the database keeps its
SHA-256 (`digest`), enough to recognise it and useless to anyone who reads the table, since the
secret is 32 random bytes (no dictionary to try). `prefix` keeps its first characters, so the
person can tell their tokens apart in the list.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every secret starts with this, so that a secret pasted where it should not be (a public
# repository, a chat) is recognisable by people and by secret scanners.
SECRET_PREFIX = "ent_"  # noqa: S105 (a marker, not a secret)
SHOWN_PREFIX_LENGTH = len(SECRET_PREFIX) + 6


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("lecture seule")
        READ_WRITE = "read_write", _("lecture et réponses aux rencontres")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("nom"), max_length=60)
    scope = models.CharField(_("droits"), max_length=20, choices=Scope.choices)
    prefix = models.CharField(_("début du jeton"), max_length=SHOWN_PREFIX_LENGTH)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'accès à l'API")
        verbose_name_plural = _("jetons d'accès à l'API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def writes(self) -> bool:
        return self.scope == self.Scope.READ_WRITE
