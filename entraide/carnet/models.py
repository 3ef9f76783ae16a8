"""Mon carnet: a participant's private journal (seed 003: "notez vos impressions après chaque
séance pour suivre votre évolution"), and the notes they write to prepare a meeting.

Nobody but the author reads any of it: not the group, its facilitators, the coordinators, nor
the site's staff; nothing is registered in the admin. Every word and every mood is encrypted at
rest (`entraide.lib.crypto`); only the day, the link to a meeting and the timestamps are plain.
Views reach these rows through `access.py` only, always by `author=request.user`.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.lib.crypto import EncryptedJSONField, EncryptedTextField, encrypt
from entraide.meetings.models import Meeting

TEXT_MAX = 5000


class Mood(models.IntegerChoices):
    """How I feel, on a simple scale: 1 is the hardest, 5 the best."""

    VERY_HARD = 1, _("très difficile")
    HARD = 2, _("difficile")
    IN_BETWEEN = 3, _("entre les deux")
    RATHER_WELL = 4, _("plutôt bien")
    VERY_WELL = 5, _("très bien")


class EncryptedMoodField(EncryptedJSONField):
    """A mood from 1 to 5, or none, as one Fernet token.

    "No mood" is encrypted too, so the column never tells whether a person gave one: every row
    holds a token, never NULL (`null=True` only lets Python code hold None).
    """

    # What type checkers see: an int from 1 to 5, or None.
    _pyi_private_set_type: int | None  # type: ignore[assignment]
    _pyi_private_get_type: int | None  # type: ignore[assignment]

    def get_prep_value(self, value: Any) -> Any:
        return encrypt(self.to_text(value))


class Entry(models.Model):
    """One page of my carnet: a day, perhaps a meeting, how I feel and what I keep."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="carnet_entries",
    )
    # The meeting the entry follows; the words stay when a meeting is removed.
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("rencontre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.DateField(_("jour"))
    mood = EncryptedMoodField(_("humeur"), null=True, blank=True, default=None)
    feeling = EncryptedTextField(_("comment je me sens"), blank=True, default="")
    takeaway = EncryptedTextField(_("ce que je retiens"), blank=True, default="")
    next_time = EncryptedTextField(
        _("ce que je veux apporter la prochaine fois"), blank=True, default=""
    )
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("page du carnet")
        verbose_name_plural = _("pages du carnet")
        ordering = ["-day", "-created_at", "-pk"]
        indexes = [models.Index(fields=["author", "day"], name="carnet_entry_author_day")]

    def __str__(self) -> str:
        # Never any of the words: a representation can end up in a log or an error report.
        return f"carnet entry {self.pk}"

    @property
    def mood_label(self) -> str:
        return str(Mood(self.mood).label) if self.mood else ""


class Preparation(models.Model):
    """ "Préparer la prochaine séance": a note for myself, for one meeting, shown on its day.

    It goes with the meeting: a planned meeting is removed only when nobody answered it, and
    counting a private note as an answer would turn the removal into a cancellation e-mailed to
    the whole group, telling them that someone had prepared it.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="carnet_preparations",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rencontre"), on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField(_("ma préparation"))
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("préparation d'une rencontre")
        verbose_name_plural = _("préparations de rencontres")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "meeting"], name="carnet_one_preparation_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"carnet preparation {self.pk}"
