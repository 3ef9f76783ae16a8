"""Workshops an organisation offers (seed 001: "ateliers en lien à l'animation de groupe ou à la
communication interpersonnelle"), and who registered for them.

A workshop happens once, at a place of the organisation (its premises: not confidential, but
the street address is shown to registered people only, the town to anyone) or online (the link
only for people with a seat). Beyond its capacity, people wait in the order they registered.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import COUNTRY_TIME_ZONES
from entraide.organisations.models import Organisation


class Workshop(models.Model):
    class Audience(models.TextChoices):
        FACILITATORS = "facilitators", _("les personnes qui animent un groupe de l'organisation")
        MEMBERS = "members", _("les personnes des groupes de l'organisation")
        ANYONE = "anyone", _("toute personne qui a un compte")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("sur place")
        ONLINE = "online", _("en ligne")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("publié")
        CANCELLED = "cancelled", _("annulé")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="workshops",
    )
    title = models.CharField(_("titre"), max_length=150)
    description = models.TextField(_("ce que l'on y apprend"), max_length=3000)
    audience = models.CharField(
        _("pour qui"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    starts_at = models.DateTimeField(_("début"), db_index=True)
    ends_at = models.DateTimeField(_("fin"))
    format = models.CharField(
        _("où"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    # The organisation's premises: its name and town are public, the street address is for
    # the people registered.
    place_name = models.CharField(_("lieu"), max_length=150, blank=True)
    address = models.TextField(_("adresse"), max_length=500, blank=True)
    town = models.CharField(_("ville"), max_length=100, blank=True)
    online_link = models.URLField(_("lien de visioconférence"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    # RFC 5545's SEQUENCE: raised at each change a calendar must take (time, place, cancel).
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publié par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:detail", args=[self.pk])

    @property
    def time_zone(self) -> ZoneInfo:
        """The organisation's zone, as a group's is its country's."""
        return ZoneInfo(COUNTRY_TIME_ZONES.get(self.organisation.country, "Europe/Paris"))

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.ONLINE


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> "RegistrationQuerySet":
        return self.filter(cancelled_at__isnull=True)

    def seated(self) -> "RegistrationQuerySet":
        return self.active().filter(waiting=False)

    def waiting(self) -> "RegistrationQuerySet":
        return self.active().filter(waiting=True).order_by("registered_at", "pk")


class Registration(models.Model):
    """A person registered for a workshop: with a seat, or waiting; withdrawn keeps the row."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("atelier"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="workshop_registrations",
    )
    # The line is kept in the order of registration: coming back is joining it at the end.
    registered_at = models.DateTimeField(_("inscrite le"))
    waiting = models.BooleanField(_("en attente"), default=False)
    cancelled_at = models.DateTimeField(_("désinscrite le"), null=True, blank=True)
    attended = models.BooleanField(_("présente"), null=True, blank=True)
    # The start the day-before reminder was sent for: a moved workshop is reminded again.
    reminded_for = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription à un atelier")
        verbose_name_plural = _("inscriptions aux ateliers")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_registration_a_person")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.user}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def has_seat(self) -> bool:
        return self.cancelled_at is None and not self.waiting
