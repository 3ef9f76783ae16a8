"""The messages waiting to be sent, and their deliveries: ids and statuses, never content.

A `Notification` names its templates and the objects it is about, by model and id; the worker
renders it for each `Delivery` (one per recipient) in the recipient's language. Words that
exist nowhere else (a message written to a group or to its facilitators) and the addresses to
reply to are kept encrypted in `SealedWords`, and erased as soon as nothing is left to send.
Once every delivery is sent, the notification goes too: the site keeps no trace of a message
but the ones that failed.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.lib.crypto import EncryptedJSONField


class Notification(models.Model):
    """One message, to one or more people, rendered in the worker from what it names."""

    # "membership/email/accepted": `_subject.txt`, `_body.txt` and, when it exists,
    # `_body.html` (else the shared layout around the text).
    template = models.CharField(_("modèle"), max_length=150)
    # Objects as {"$model": "app.model", "pk": 3}, dates, numbers and short codes: no words.
    context = models.JSONField(_("contexte"), default=dict, blank=True)
    # The zone the dates are shown in (a group's); empty: the site's.
    time_zone = models.CharField(_("fuseau horaire"), max_length=64, blank=True)
    # It carried words of its own (`SealedWords`): once they are erased, it cannot be resent.
    has_words = models.BooleanField(_("avec des mots"), default=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.template} · {self.pk}"


class SealedJSONField(EncryptedJSONField):
    # What type checkers see: the JSON object it holds.
    _pyi_private_set_type: dict[str, Any]  # type: ignore[assignment]
    _pyi_private_get_type: dict[str, Any]  # type: ignore[assignment]


class SealedWords(models.Model):
    """What a person wrote for this one message, encrypted, erased once it has left."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, primary_key=True, related_name="sealed"
    )
    # {"words": {"message": "…"}, "reply_to": ["…"]}
    data = SealedJSONField()

    def __str__(self) -> str:
        return str(self.notification_id)


class Delivery(models.Model):
    """One recipient of one notification, claimed before sending so that it leaves once."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("à envoyer")
        SENDING = "sending", _("en cours d'envoi")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    # A person with an account: their address and language are read when the message leaves.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Anyone else (an organisation's contact address, a person of an uploaded list).
    address = models.EmailField(_("adresse"), blank=True)
    # For an address without an account; empty: French with the English below.
    language = models.CharField(_("langue"), max_length=8, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    # The kind of error only (e.g. "SMTPRecipientsRefused"), never the message.
    error = models.CharField(_("erreur"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "user"],
                condition=Q(user__isnull=False),
                name="one_delivery_per_account",
            ),
            models.UniqueConstraint(
                fields=["notification", "address"],
                condition=~Q(address=""),
                name="one_delivery_per_address",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(address=""), name="delivery_has_a_recipient"
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.notification} → {self.user_id or self.address}"
