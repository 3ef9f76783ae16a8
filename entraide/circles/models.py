"""The talking circle of a meeting: its live state while it runs, only aggregates afterwards.

The state (who has the floor, who waits, how long each person spoke) lives in this row, not in
a server's memory: any server process can take the next action, and a restart loses nothing.
The channel layer only carries the news to the people in the circle.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.meetings.models import Meeting


class Circle(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("rencontre"), on_delete=models.CASCADE, related_name="circle"
    )
    # The group's chosen length of a turn: a gentle signal at the end, never a cut-off.
    turn_minutes = models.PositiveSmallIntegerField(
        _("temps de parole prévu, en minutes"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # rules.State as JSON while the circle runs; emptied when it closes.
    state = models.JSONField(_("état du cercle"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    opened_at = models.DateTimeField(_("ouvert le"), auto_now_add=True)
    closed_at = models.DateTimeField(_("fermé le"), null=True, blank=True)
    # After the close, for the group's balance: each voice's turns and seconds, without any
    # name, largest first; and the Gini coefficient of the speaking times. Never any content.
    voices = models.JSONField(_("parts de parole"), default=list, blank=True)
    balance = models.FloatField(_("indice d'équilibre (Gini)"), null=True, blank=True)

    class Meta:
        verbose_name = _("cercle de parole")
        verbose_name_plural = _("cercles de parole")

    def __str__(self) -> str:
        return f"{self.meeting} · {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
