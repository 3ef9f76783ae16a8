"""Whether a group shares its health page with its accompanying organisation.

No row: the default of the group's stage (shared while the group is being founded, not once
it is autonomous). A row is the facilitators' choice; it holds for the stage it was made in:
a choice made during the founding does not bind the autonomous group, which chooses again
(and shares nothing until it does).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup


class Sharing(models.Model):
    group = models.OneToOneField(
        SupportGroup,
        verbose_name=_("groupe"),
        on_delete=models.CASCADE,
        related_name="health_sharing",
    )
    shared = models.BooleanField(_("santé du groupe partagée avec l'organisation"))
    during_founding = models.BooleanField(_("choisi pendant la création du groupe"))
    changed_at = models.DateTimeField(_("choisi le"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("choisi par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partage de la santé du groupe")
        verbose_name_plural = _("partages de la santé des groupes")

    def __str__(self) -> str:
        return f"{self.group} · {self.shared}"
