"""A group's meetings: series with real recurrence, occurrences, answers, roles and follow-up.

A `MeetingSeries` holds an RFC 5545 rule ("FREQ=MONTHLY;BYDAY=1TU") with a first day and wall-
clock times in the group's time zone, so "18h30" stays 18h30 across daylight-saving changes.
Its occurrences are stored as `Meeting` rows ahead of time (`actions.plan_meetings`), each keyed
by the occurrence it stands for (`occurrence_start`, the iCalendar RECURRENCE-ID): a cancelled or
moved meeting is that row changed, an extra meeting is a row without a series. Everything that
happens around a meeting (answers, reminders, roles, attendance, follow-up) hangs on that row.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup
from entraide.lib.crypto import EncryptedTextField


class Venue(models.TextChoices):
    FIXED = "fixed", _("toujours au même endroit")
    ROTATION = "rotation", _("chez les membres, à tour de rôle")
    ONLINE = "online", _("en ligne")
    HYBRID = "hybrid", _("sur place et en ligne")


class MeetingSeries(models.Model):
    group = models.ForeignKey(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="series"
    )
    # The RRULE value of RFC 5545, without "RRULE:"; see recurrence.py for the rhythms we offer.
    rule = models.CharField(_("règle de récurrence"), max_length=300)
    starts_on = models.DateField(_("à partir du"))
    start_time = models.TimeField(_("heure de début"))
    end_time = models.TimeField(_("heure de fin"))
    venue = models.CharField(_("lieu"), max_length=20, choices=Venue.choices, default=Venue.FIXED)
    # Private: members only, and observers for their first meeting. Encrypted at rest.
    place = EncryptedTextField(_("adresse"), blank=True, max_length=1000)
    online_link = models.URLField(_("lien de visioconférence"), blank=True, max_length=500)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(500)],
        help_text=_("Laissez vide s'il n'y a pas de limite."),
    )
    is_active = models.BooleanField(_("en cours"), default=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("série de rencontres")
        verbose_name_plural = _("séries de rencontres")

    def __str__(self) -> str:
        return f"{self.group} · {self.rule}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("prévue")
        CANCELLED = "cancelled", _("annulée")

    group = models.ForeignKey(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("série"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    # The series occurrence this meeting stands for (iCalendar RECURRENCE-ID); empty for an
    # extra meeting. A moved meeting keeps it and changes starts_at.
    occurrence_start = models.DateTimeField(_("date prévue par la série"), null=True, blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    # Empty for an ordinary meeting; a named one says what it is ("Séance d'information").
    title = models.CharField(_("intitulé"), max_length=120, blank=True)
    # Empty: the series' place and link. Encrypted at rest: with members' homes in turn, it is
    # someone's home address.
    place = EncryptedTextField(_("adresse pour cette rencontre"), blank=True, max_length=1000)
    online_link = models.URLField(_("lien pour cette rencontre"), blank=True, max_length=500)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(500)],
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre qui accueille"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host_confirmed = models.BooleanField(_("accueil confirmé"), default=False)
    agenda = models.TextField(_("déroulé"), blank=True, max_length=5000)
    # Decisions and actions only: personal stories are never written down.
    note = models.TextField(_("décisions et actions"), blank=True, max_length=5000)
    attendance_taken_at = models.DateTimeField(_("présences notées le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_start"], name="one_meeting_per_occurrence"
            )
        ]
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_start")]

    def __str__(self) -> str:
        return f"{self.group} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Answer(models.Model):
    """Whether a person comes; with a capacity, the last ones wait and move up in turn."""

    class Response(models.TextChoices):
        COMING = "coming", _("je viens")
        MAYBE = "maybe", _("peut-être")
        NOT_COMING = "not_coming", _("je ne viens pas")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="meeting_answers",
    )
    response = models.CharField(_("réponse"), max_length=20, choices=Response.choices)
    waiting = models.BooleanField(_("sur la liste d'attente"), default=False)
    answered_at = models.DateTimeField(_("répondu le"))

    class Meta:
        verbose_name = _("réponse à une rencontre")
        verbose_name_plural = _("réponses aux rencontres")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_answer_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_response_display()}"


class SentReminder(models.Model):
    """A reminder already sent: a retried job finds it and sends nothing twice."""

    class Kind(models.TextChoices):
        DAYS = "days", _("quelques jours avant")
        HOURS = "hours", _("quelques heures avant")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The meeting's start when reminded: a moved meeting is reminded again.
    for_start = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "kind", "for_start"], name="one_reminder_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.kind}"


class CalendarToken(models.Model):
    """The secret of a private calendar address; revoking it makes the old address a 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    # Empty: all my groups. Otherwise: this group's meetings, for its members.
    group = models.ForeignKey(SupportGroup, null=True, blank=True, on_delete=models.CASCADE)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("adresse d'agenda")
        verbose_name_plural = _("adresses d'agenda")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.group_id or '*'}"


class RoleKind(models.TextChoices):
    """Seed 004's leadership functions, shared among members, one meeting at a time."""

    FACILITATION = "facilitation", _("animation")
    TIMEKEEPING = "timekeeping", _("gardien·ne du temps")
    WELCOME = "welcome", _("accueil des nouvelles personnes")
    LOGISTICS = "logistics", _("logistique (salle et rafraîchissements)")
    SPEAKERS = "speakers", _("intervenant·es")
    NEWCOMER_CONTACT = "newcomer_contact", _("contact pour les nouveaux membres")
    # Not a role at the meeting but an offer to receive it at home (seed 000: "au domicile des
    # membres, de manière tournante"); the host is on Meeting.host, never a RoleAssignment.
    HOST = "host", _("accueil chez soi")


class RoleVolunteer(models.Model):
    """A member opts in to a role: nobody is given a role they did not offer to take."""

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="volunteers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_offers"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=RoleKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volontaire pour un rôle")
        verbose_name_plural = _("volontaires pour les rôles")
        constraints = [
            models.UniqueConstraint(fields=["group", "user", "role"], name="one_offer_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.role}"


class RoleAssignment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rôle"), max_length=20, choices=RoleKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="meeting_roles",
    )

    class Meta:
        verbose_name = _("rôle à une rencontre")
        verbose_name_plural = _("rôles aux rencontres")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role"], name="one_person_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.role}"


class Presence(models.Model):
    """Attendance, taken after the meeting by a facilitator."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presences"
    )
    present = models.BooleanField(_("présent·e"))

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_presence_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.present}"


class FollowUp(models.Model):
    """Seed 000: someone missed the meeting; a volunteer checks in, without reproach."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("à faire")
        DONE = "done", _("fait")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_up"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups_taken",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("prise de nouvelles")
        verbose_name_plural = _("prises de nouvelles")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_follow_up_per_absence")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.status}"


class Topic(models.Model):
    """A subject a member proposes for a coming meeting (seed 003, step 7)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        PLANNED = "planned", _("prévu")
        DONE = "done", _("abordé")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("sujet"), max_length=200)
    detail = models.TextField(_("précisions"), blank=True, max_length=2000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics_proposed",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="topics"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sujet proposé")
        verbose_name_plural = _("sujets proposés")

    def __str__(self) -> str:
        return self.title


class TopicVote(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_votes"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="one_vote_per_topic")]

    def __str__(self) -> str:
        return f"{self.topic} · {self.pk}"


class Speaker(models.Model):
    """An outside speaker (seed 000: e.g. a health professional), followed by the speakers role."""

    class Status(models.TextChoices):
        TO_ASK = "to_ask", _("à contacter")
        ASKED = "asked", _("contacté·e")
        CONFIRMED = "confirmed", _("a accepté")
        DECLINED = "declined", _("ne peut pas venir")
        CAME = "came", _("est venu·e")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nom ou structure"), max_length=150)
    expertise = models.CharField(_("ce qu'il ou elle apporte"), max_length=200, blank=True)
    contact = models.CharField(
        _("contact professionnel"),
        max_length=200,
        blank=True,
        help_text=_("Le contact public de l'intervenant·e."),
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="speakers"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TO_ASK)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers_handled",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervenant·e")
        verbose_name_plural = _("intervenant·es")

    def __str__(self) -> str:
        return self.name


class DatePoll(models.Model):
    """Choosing a date together (Framadate-style), then turning the best one into a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("ouvert")
        CLOSED = "closed", _("clos")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="date_polls")
    title = models.CharField(_("pour quoi"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée en minutes"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sondage de date")
        verbose_name_plural = _("sondages de date")

    def __str__(self) -> str:
        return self.title


class PollOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField(_("date et heure"))

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="one_option_per_time")
        ]

    def __str__(self) -> str:
        return f"{self.poll} · {self.starts_at:%Y-%m-%d %H:%M}"


class PollVote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("oui")
        IF_NEEDED = "if_needed", _("si besoin")
        NO = "no", _("non")

    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_votes"
    )
    choice = models.CharField(max_length=20, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="one_vote_per_option")
        ]

    def __str__(self) -> str:
        return f"{self.option} · {self.choice}"
