"""What federation keeps: our actors' keys, who follows a group (never shown), what was sent to
them, the remote actors' public keys, and what another instance sent us.

A remote follower's address is personal data that may reveal health (who follows a group about
grief or addiction): only the actor's URL and inbox are kept, never shown on any page or
collection, and deleted when they stop following.
"""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup
from entraide.lib.crypto import EncryptedTextField


class ActorKey(models.Model):
    """The RSA key pair of one of our actors: a group's, or the instance's (group empty).
    Made the first time it is needed; the private key encrypted at rest."""

    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    public_pem = models.TextField()
    private_pem = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clé de fédération")
        verbose_name_plural = _("clés de fédération")
        constraints = [
            # One key per group, and one for the instance (no group): NULL counted as 0.
            models.UniqueConstraint(Coalesce("group", Value(0)), name="one_key_per_actor")
        ]

    def __str__(self) -> str:
        return f"key {self.pk}"


class Follower(models.Model):
    """A remote actor following one of our groups (or the instance: group empty)."""

    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.URLField(max_length=500)
    inbox = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement distant")
        verbose_name_plural = _("abonnements distants")
        constraints = [
            models.UniqueConstraint(
                Coalesce("group", Value(0)), "actor", name="one_follow_per_actor"
            )
        ]

    def __str__(self) -> str:
        return f"follower {self.pk}"


class Published(models.Model):
    """A meeting as last sent to a group's followers: what changed since is an Update, a meeting
    gone is a Delete, and its address then answers 410 Gone for ever."""

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="+")
    # No foreign key: the row outlives the meeting, to answer 410 at its address.
    meeting_id = models.PositiveBigIntegerField(unique=True)
    fingerprint = models.CharField(max_length=64)
    sent_at = models.DateTimeField()
    gone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rencontre publiée")
        verbose_name_plural = _("rencontres publiées")

    def __str__(self) -> str:
        return f"published meeting {self.meeting_id}"


class RemoteActor(models.Model):
    """A remote actor's public key and inboxes, fetched to check its signatures."""

    url = models.URLField(max_length=500, unique=True)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    key_id = models.CharField(max_length=600)
    public_pem = models.TextField()
    fetched_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.url


class Following(models.Model):
    """A remote group our instance actor asked to follow (`manage.py federation_follow`)."""

    actor = models.URLField(max_length=500, unique=True)
    follow_id = models.URLField(max_length=600)
    asked_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.actor


class Received(models.Model):
    """An activity a followed remote group sent us (Create, Update, Delete of its events)."""

    activity_id = models.URLField(max_length=600)
    kind = models.CharField(max_length=30)
    actor = models.URLField(max_length=500)
    object_id = models.URLField(max_length=600, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
