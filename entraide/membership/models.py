from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup


class Membership(models.Model):
    """A person's place in a group: asked for, then observer, member or facilitator.

    Seed 003: one may come first as an observer; several groups are fine. Seed 004: leadership
    is shared, so a group may have several facilitators.
    """

    class Role(models.TextChoices):
        OBSERVER = "observer", _("observateur·rice")
        MEMBER = "member", _("membre")
        FACILITATOR = "facilitator", _("animateur·rice")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("demande envoyée")
        ACTIVE = "active", _("dans le groupe")
        DECLINED = "declined", _("demande non retenue")
        LEFT = "left", _("a quitté le groupe")

    class BecomingMember(models.TextChoices):
        """An observer on the way to becoming a member: who made the first step.

        Seed 003: one comes first to listen, then decides whether to become a member. The
        observer asks and the facilitators decide, or a facilitator invites and the observer
        decides; either way the step is taken only when both agree.
        """

        NO = "", _("rien en cours")
        ASKED = "asked", _("a demandé à devenir membre")
        PROPOSED = "proposed", _("invité·e à devenir membre")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        SupportGroup,
        verbose_name=_("groupe"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.OBSERVER)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    becoming_member = models.CharField(
        _("devenir membre"),
        max_length=10,
        choices=BecomingMember.choices,
        default=BecomingMember.NO,
        blank=True,
    )
    becoming_member_since = models.DateTimeField(
        _("demande ou invitation faite le"), null=True, blank=True
    )
    message = models.TextField(_("message de la demande"), blank=True, max_length=1000)
    requested_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    left_at = models.DateTimeField(_("parti le"), null=True, blank=True)
    # Meeting reminders by e-mail; 0 means none (issue: configurable per member).
    remind_days_before = models.PositiveSmallIntegerField(
        _("rappel, jours avant la rencontre"),
        default=2,
        validators=[MaxValueValidator(14)],
        help_text=_("0 : pas de rappel."),
    )
    remind_hours_before = models.PositiveSmallIntegerField(
        _("rappel, heures avant la rencontre"),
        default=3,
        validators=[MaxValueValidator(48)],
        help_text=_("0 : pas de rappel."),
    )

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_membership_per_group")
        ]
        indexes = [models.Index(fields=["group", "status"], name="membership_group_status")]

    def __str__(self) -> str:
        return f"{self.user} · {self.group} · {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == self.Role.FACILITATOR

    @property
    def is_observer(self) -> bool:
        return self.is_active and self.role == self.Role.OBSERVER

    @property
    def sees_members(self) -> bool:
        """Observers come to listen first; the member list is for members (seed 003)."""
        return self.is_active and self.role != self.Role.OBSERVER
