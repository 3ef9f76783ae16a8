"""Raising a concern to the accompanying organisation, and what its handlers do about it.

Seed 000 asks every group to know "quand faut-il chercher un soutien extérieur" (child
protection, physical threats, complex cases); seed 002 says that in a conflict "une médiation
par un tiers peut être bénéfique". A member raises a concern privately; the organisation's
safeguarding leads (or, when it has none, its admins) acknowledge it, note what they do, may
take on a mediation, and close it. Nobody else in the group can know that a concern exists.

What the person wrote and every note on it are encrypted at rest (`EncryptedTextField`): a
copy of the database alone reads nothing of them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup
from entraide.lib.crypto import EncryptedTextField
from entraide.organisations.models import Organisation

DESCRIPTION_MAX = 5000
NOTE_MAX = 3000
CONTACT_MAX = 300


class Concern(models.Model):
    """One concern about a group, raised by one person to the group's organisation."""

    class Kind(models.TextChoices):
        CHILD_PROTECTION = "child_protection", _("la sécurité d'un enfant")
        PHYSICAL_THREAT = "physical_threat", _("une menace ou une violence physique")
        CRISIS = "crisis", _("une personne en crise")
        COMPLEX = "complex", _("une situation complexe")
        CONFLICT = "conflict", _("un conflit dans le groupe")
        CHARTER_BREACH = "charter_breach", _("quelqu'un ne respecte pas notre charte")

    class Status(models.TextChoices):
        NEW = "new", _("envoyée, pas encore prise en compte")
        ACKNOWLEDGED = "acknowledged", _("prise en compte")
        CLOSED = "closed", _("close")
        WITHDRAWN = "withdrawn", _("retirée")

    # The kinds for which a mediation may be asked (seed 002: "gestion des conflits").
    MEDIATION_KINDS = (Kind.CONFLICT, Kind.CHARTER_BREACH)
    # Where someone may be in danger now (seed 000: "quand chercher un soutien extérieur"):
    # the handlers' board shows them as urgent, first.
    URGENT_KINDS = (Kind.CHILD_PROTECTION, Kind.PHYSICAL_THREAT, Kind.CRISIS)
    OPEN_STATUSES = (Status.NEW, Status.ACKNOWLEDGED)

    group = models.ForeignKey(
        # A safeguarding record outlives an admin's click: the group cannot be deleted while
        # concerns about it exist.
        SupportGroup,
        verbose_name=_("groupe"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The organisation that received it: if the group later changes organisation, the concern
    # stays with the one its handlers already read it in.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signalée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns_raised",
    )
    on_behalf_of_group = models.BooleanField(_("au nom du groupe"), default=False)
    kind = models.CharField(_("de quoi il s'agit"), max_length=20, choices=Kind.choices)
    mediation_requested = models.BooleanField(_("médiation demandée"), default=False)
    description = EncryptedTextField(_("ce qui se passe"))
    contact = EncryptedTextField(_("comment joindre la personne"), blank=True, default="")
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("signalée le"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("prise en compte le"), null=True, blank=True)
    mediation_taken_at = models.DateTimeField(
        _("médiation prise en charge le"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inquiétude signalée")
        verbose_name_plural = _("inquiétudes signalées")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="concern_org_status"),
        ]

    def __str__(self) -> str:
        # Neutral: the admin's deletion pages list related rows by this text.
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_urgent(self) -> bool:
        return self.kind in self.URGENT_KINDS

    @property
    def allows_mediation(self) -> bool:
        return self.kind in self.MEDIATION_KINDS


class ConcernStep(models.Model):
    """One thing a handler (or the person, withdrawing) did on a concern, with when and who.

    `note` is for the handlers only; `message` is what the person who raised the concern
    reads on their own page. Both are encrypted.
    """

    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("prise en compte")
        NOTED = "noted", _("action notée")
        MESSAGE = "message", _("message à la personne")
        MEDIATION = "mediation", _("médiation prise en charge")
        CLOSED = "closed", _("close")
        WITHDRAWN = "withdrawn", _("retirée par la personne")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("étape"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = EncryptedTextField(_("note pour les référent·es"), blank=True, default="")
    message = EncryptedTextField(_("message à la personne"), blank=True, default="")
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape du suivi d'une inquiétude")
        verbose_name_plural = _("étapes du suivi des inquiétudes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern_id} · {self.get_kind_display()}"
