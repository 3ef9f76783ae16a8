"""One-to-one peer programmes (seeds 002 and 004): an organisation's pairing programme
(jumelage, mentorat) or listening line, the people who apply to be peer supporters, their
interview, decision, training and debriefs, and the people who ask for a peer.

Confidentiality first: what a person writes about their own life (their experience, their
motivation, what they hope for, a word asking for a debrief) and the coordinators' interview
notes are encrypted at rest (`lib.crypto`), and read only through `access.py`. Lists of choices
(languages, modes, weekly slots) are short codes kept in JSON lists: the matching of part 4
reads them as sets, and they are never searched in SQL.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entraide.directory.models import COUNTRY_TIME_ZONES, Theme
from entraide.lib.crypto import EncryptedJSONField, EncryptedTextField
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.organisations.models import Organisation

TEXT_MAX = 4000

# A volunteer who had no debrief for this long is pointed out to the coordinators. Six weeks:
# long enough not to nag after a quiet month, short enough that nobody carries a season of
# heavy stories alone (seed 000); a constant rather than a setting, since it is a choice of the
# practice, not of a deployment.
DEBRIEF_DUE_AFTER = dt.timedelta(weeks=6)


class Mode(models.TextChoices):
    """How two people meet, or a line is answered."""

    IN_PERSON = "in_person", _("en personne")
    PHONE = "phone", _("par téléphone")
    VIDEO = "video", _("en visio")


class Day(models.TextChoices):
    MONDAY = "mon", _("lundi")
    TUESDAY = "tue", _("mardi")
    WEDNESDAY = "wed", _("mercredi")
    THURSDAY = "thu", _("jeudi")
    FRIDAY = "fri", _("vendredi")
    SATURDAY = "sat", _("samedi")
    SUNDAY = "sun", _("dimanche")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("matin")
    AFTERNOON = "afternoon", _("après-midi")
    EVENING = "evening", _("soir")


# A weekly slot is "day-time", e.g. "tue-evening": 21 of them, the same for volunteers and for
# the people who ask, so that part 4 compares them as sets.
SLOTS = [f"{day}-{time}" for day in Day.values for time in TimeOfDay.values]


def slot_label(slot: str) -> str:
    day, _sep, time = slot.partition("-")
    return f"{Day(day).label} {TimeOfDay(time).label}"


def language_labels(codes: list[str]) -> list[str]:
    labels = dict(GROUP_LANGUAGES)
    return [str(labels.get(code, code)) for code in codes]


def mode_labels(codes: list[str]) -> list[str]:
    return [str(Mode(code).label) for code in codes if code in Mode.values]


class Programme(models.Model):
    """A programme an organisation runs: pairs (a peer with a person who asks) or a line."""

    class Kind(models.TextChoices):
        PAIRING = "pairing", _("jumelage ou mentorat")
        LISTENING_LINE = "line", _("ligne d'écoute")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    kind = models.CharField(_("type de programme"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("présentation"), max_length=3000)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thématiques"), related_name="programmes", blank=True
    )
    languages = models.JSONField(_("langues"), default=list, blank=True)
    # Where people meet in person: postal codes or towns, one a line; remote means anywhere.
    area = models.TextField(_("territoire"), max_length=1000, blank=True)
    remote = models.BooleanField(_("à distance, de partout"), default=False)
    modes = models.JSONField(_("façons de se rencontrer"), default=list, blank=True)
    # The criteria peer supporters are chosen on, in order: each decision keeps them as they
    # were when it was made.
    criteria = models.JSONField(_("critères de sélection"), default=list, blank=True)
    # The organisation's own questions to a person who asks for a peer (see docs/architecture.md).
    intake_questions = models.JSONField(_("questions d'accueil"), default=list, blank=True)
    is_published = models.BooleanField(_("publié"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pairing:programme", args=[self.pk])

    @property
    def time_zone(self) -> ZoneInfo:
        """The organisation's zone, as a workshop's."""
        return ZoneInfo(COUNTRY_TIME_ZONES.get(self.organisation.country, "Europe/Paris"))

    @property
    def is_line(self) -> bool:
        return self.kind == self.Kind.LISTENING_LINE

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    def mode_labels(self) -> list[str]:
        return mode_labels(self.modes)

    def area_lines(self) -> list[str]:
        return [line.strip() for line in self.area.splitlines() if line.strip()]


class TrainingModule(models.Model):
    """A training a volunteer follows before being matched or taking a shift."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="modules"
    )
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("ce que l'on y apprend"), max_length=1000, blank=True)
    is_required = models.BooleanField(_("obligatoire"), default=True)
    position = models.PositiveSmallIntegerField(_("place"), default=0)

    class Meta:
        verbose_name = _("module de formation")
        verbose_name_plural = _("modules de formation")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    WOMAN = "woman", _("une femme")
    MAN = "man", _("un homme")
    OTHER = "other", pgettext_lazy("gender", "autrement")


class AgeBand(models.TextChoices):
    UNDER_26 = "18-25", _("18 à 25 ans")
    FROM_26 = "26-40", _("26 à 40 ans")
    FROM_41 = "41-60", _("41 à 60 ans")
    OVER_60 = "61+", _("plus de 60 ans")


class PeerApplication(models.Model):
    """A person's application to be a peer supporter (pair aidant·e, bénévole écoutant·e).

    Once accepted, the same row is the volunteer: their trainings and debriefs hang on it, and
    part 4's pairs and part 6's shifts will too.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("envoyée")
        INTERVIEW = "interview", _("entretien prévu")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("pas retenue")
        WITHDRAWN = "withdrawn", _("retirée")

    OPEN = (Status.SUBMITTED, Status.INTERVIEW)
    ACTIVE = (Status.SUBMITTED, Status.INTERVIEW, Status.ACCEPTED)

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="peer_applications",
    )
    experience = EncryptedTextField(_("mon expérience"))
    motivation = EncryptedTextField(_("ma motivation"))
    availability = models.JSONField(_("disponibilités"), default=list)
    languages = models.JSONField(_("langues"), default=list)
    themes = models.ManyToManyField(Theme, verbose_name=_("thématiques"), related_name="+")
    modes = models.JSONField(_("façons de se rencontrer"), default=list)
    country = models.CharField(_("pays"), max_length=2, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    town = models.CharField(_("ville"), max_length=100, blank=True)
    # The town's point, for distances in part 4; never an address.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Told only if the volunteer wishes, for people who would rather talk with a woman, a man,
    # or someone of their age: an unknown answer never excludes anyone.
    gender = models.CharField(_("je suis"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("mon âge"), max_length=10, choices=AgeBand.choices, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("personnes accompagnées en même temps"), null=True, blank=True
    )
    shifts_per_month = models.PositiveSmallIntegerField(
        _("permanences par mois"), null=True, blank=True
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True)
    interview_mode = models.CharField(
        _("entretien"), max_length=10, choices=Mode.choices, blank=True
    )
    # The coordinators' notes: never shown to the person, read by the programme's team only.
    interview_notes = EncryptedTextField(_("notes d'entretien"), blank=True, default="")
    # The decision: each criterion as it was, with "met", "not_met" or "to_see".
    assessment = models.JSONField(_("critères"), default=list, blank=True)
    decision_message = EncryptedTextField(_("message à la personne"), blank=True, default="")
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("candidature de pair aidant·e")
        verbose_name_plural = _("candidatures de pairs aidant·es")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=Q(status__in=["submitted", "interview", "accepted"]),
                name="one_active_application_a_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.user}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def missing_modules(self) -> list[TrainingModule]:
        """The required modules of the programme this volunteer has not followed yet."""
        done = {record.module_id for record in self.trainings.all()}
        return [m for m in self.programme.modules.all() if m.is_required and m.pk not in done]

    @property
    def is_ready(self) -> bool:
        """Ready to be matched or to take a shift: accepted, and every required module done."""
        return self.is_accepted and not self.missing_modules()

    def availability_labels(self) -> list[str]:
        return [slot_label(slot) for slot in self.availability if slot in SLOTS]

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    def mode_labels(self) -> list[str]:
        return mode_labels(self.modes)


class Verdict(models.TextChoices):
    MET = "met", _("rempli")
    NOT_MET = "not_met", _("pas rempli")
    TO_SEE = "to_see", _("à voir")


class TrainingRecord(models.Model):
    """A volunteer followed a module: when, and who trained them (a name)."""

    application = models.ForeignKey(
        PeerApplication,
        verbose_name=_("bénévole"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    module = models.ForeignKey(
        TrainingModule, verbose_name=_("module"), on_delete=models.CASCADE, related_name="+"
    )
    done_on = models.DateField(_("suivi le"))
    trainer = models.CharField(_("formé·e par"), max_length=120)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noté par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("formation suivie")
        verbose_name_plural = _("formations suivies")
        ordering = ["done_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "module"], name="one_record_a_module")
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.done_on}"


class Debrief(models.Model):
    """A volunteer asks to talk over what they carry (supervision, débriefing)."""

    application = models.ForeignKey(
        PeerApplication,
        verbose_name=_("bénévole"),
        on_delete=models.CASCADE,
        related_name="debriefs",
    )
    asked_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    word = EncryptedTextField(_("un mot"), blank=True, default="")
    done_on = models.DateField(_("fait le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fait avec"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("temps d'échange")
        verbose_name_plural = _("temps d'échange")
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.asked_at:%Y-%m-%d}"


class EncryptedAnswersField(EncryptedJSONField):
    """The answers to a programme's intake questions, as one Fernet token."""

    # What type checkers see: [{"question": …, "answer": …}, …].
    _pyi_private_set_type: list[dict[str, str]]  # type: ignore[assignment]
    _pyi_private_get_type: list[dict[str, str]]  # type: ignore[assignment]


class PeerRequest(models.Model):
    """A person asks for a peer in a programme. A future Pair (part 4) moves it to matched."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente d'un pair")
        MATCHED = "matched", _("un pair est trouvé")
        WITHDRAWN = "withdrawn", _("retirée")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="peer_requests",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thématique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hopes = EncryptedTextField(_("ce que j'espère"))
    languages = models.JSONField(_("langues"), default=list)
    availability = models.JSONField(_("disponibilités"), default=list)
    mode = models.CharField(_("façon de se rencontrer"), max_length=10, choices=Mode.choices)
    country = models.CharField(_("pays"), max_length=2, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    town = models.CharField(_("ville"), max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    peer_gender = models.CharField(
        _("je préférerais un pair qui est"), max_length=10, choices=Gender.choices, blank=True
    )
    peer_age_band = models.CharField(
        _("âge du pair"), max_length=10, choices=AgeBand.choices, blank=True
    )
    own_gender = models.CharField(_("je suis"), max_length=10, choices=Gender.choices, blank=True)
    own_age_band = models.CharField(
        _("mon âge"), max_length=10, choices=AgeBand.choices, blank=True
    )
    # The answers to the programme's intake questions, as [{"question": …, "answer": …}].
    intake_answers = EncryptedAnswersField(_("réponses d'accueil"), default=list, blank=True)
    consent_at = models.DateTimeField(_("accord donné le"))
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande de pair")
        verbose_name_plural = _("demandes de pair")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=Q(status__in=["waiting", "matched"]),
                name="one_active_request_a_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.user}"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    def availability_labels(self) -> list[str]:
        return [slot_label(slot) for slot in self.availability if slot in SLOTS]

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)


# Pairs (issue 17, parts 4 and 5) ---------------------------------------------------------------

# Check-ins come this many weeks after a pair starts.
CHECKIN_WEEKS = (2, 6, 12)


class Side(models.TextChoices):
    SEEKER = "seeker", _("la personne accompagnée")
    VOLUNTEER = "volunteer", _("le ou la pair·e")


class Pair(models.Model):
    """A person who asked and a volunteer, proposed by the coordinator. Both accept before any
    contact detail is shown; either ends it at any time without having to say why."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        ACTIVE = "active", _("en cours")
        DECLINED = "declined", _("pas accepté")
        ENDED = "ended", _("terminé")

    LIVE = (Status.PROPOSED, Status.ACTIVE)

    request = models.ForeignKey(
        PeerRequest, verbose_name=_("demande"), on_delete=models.CASCADE, related_name="pairs"
    )
    volunteer = models.ForeignKey(
        PeerApplication, verbose_name=_("pair·e"), on_delete=models.CASCADE, related_name="pairs"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    # The explanation shown when it was proposed ("même expérience : … · mardi soir · 3 km").
    score = models.FloatField(_("compatibilité"), default=0)
    seeker_accepted_at = models.DateTimeField(_("accepté par la personne le"), null=True)
    volunteer_accepted_at = models.DateTimeField(_("accepté par le ou la pair·e le"), null=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    activated_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    ended_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    ended_by = models.CharField(_("terminé par"), max_length=10, choices=Side.choices, blank=True)
    # Never required; read by the coordinators only.
    reason = EncryptedTextField(_("pourquoi (facultatif)"), blank=True, default="")
    # A phone number each may choose to give, shown to the other once both accepted.
    seeker_phone = EncryptedTextField(_("téléphone de la personne"), blank=True, default="")
    volunteer_phone = EncryptedTextField(_("téléphone du ou de la pair·e"), blank=True, default="")

    class Meta:
        verbose_name = _("jumelage")
        verbose_name_plural = _("jumelages")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["proposed", "active"]),
                name="one_live_pair_a_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.volunteer.user}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def side_of(self, user: object) -> str | None:
        """Which side the person is on, or None."""
        user_id = getattr(user, "pk", None)
        if user_id is None:
            return None
        if user_id == self.request.user_id:
            return Side.SEEKER
        if user_id == self.volunteer.user_id:
            return Side.VOLUNTEER
        return None


class PairMessage(models.Model):
    """What the two people write to each other: encrypted, read by the two of them only."""

    pair = models.ForeignKey(
        Pair, verbose_name=_("jumelage"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)

    class Meta:
        verbose_name = _("message de jumelage")
        verbose_name_plural = _("messages de jumelage")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pair_id} · {self.created_at:%Y-%m-%d}"


class CheckIn(models.Model):
    """A short questionnaire to one person of a pair, 2, 6 or 12 weeks after it started; the
    answers are read by the programme's coordinators only."""

    pair = models.ForeignKey(
        Pair, verbose_name=_("jumelage"), on_delete=models.CASCADE, related_name="checkins"
    )
    side = models.CharField(_("qui"), max_length=10, choices=Side.choices)
    week = models.PositiveSmallIntegerField(_("semaine"))
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    how = models.PositiveSmallIntegerField(_("comment ça se passe"), null=True, blank=True)
    wants_call = models.BooleanField(_("souhaite un appel de l'équipe"), default=False)
    words = EncryptedTextField(_("en quelques mots"), blank=True, default="")

    class Meta:
        verbose_name = _("point d'étape")
        verbose_name_plural = _("points d'étape")
        ordering = ["week", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "side", "week"], name="one_checkin_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.pair_id} · {self.side} · {self.week}"


# A listening line's rota (issue 17, part 6) --------------------------------------------------
#
# A line has weekly shifts ("mardi 18h–21h"); each month gets its occurrences from them, in the
# programme's time zone. An occurrence is a (weekly shift, day) pair: nothing is stored for it
# until someone is on it. What a volunteer logs after a shift is counts and durations only: no
# field here may hold words about a call.


class LineShift(models.Model):
    """A weekly shift of a listening line, and how many people are wanted on it."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="line_shifts",
    )
    day = models.CharField(_("jour"), max_length=3, choices=Day.choices)
    starts_at = models.TimeField(_("début"))
    # A shift that ends at or before its start ends the next day (a night shift).
    ends_at = models.TimeField(_("fin"))
    wanted = models.PositiveSmallIntegerField(_("personnes souhaitées"), default=2)

    class Meta:
        verbose_name = _("permanence de la semaine")
        verbose_name_plural = _("permanences de la semaine")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        return f"{Day(self.day).label} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def weekday(self) -> int:
        return Day.values.index(self.day)

    def bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """When this shift starts and ends on `day`, aware, in the programme's zone."""
        zone = self.programme.time_zone
        start = dt.datetime.combine(day, self.starts_at, tzinfo=zone)
        end_day = day if self.ends_at > self.starts_at else day + dt.timedelta(days=1)
        return start, dt.datetime.combine(end_day, self.ends_at, tzinfo=zone)


class RotaMonth(models.Model):
    """A month of a line's rota: a draft the team adjusts, until it is published."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rotas"
    )
    # The first day of the month.
    month = models.DateField(_("mois"))
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("planning du mois")
        verbose_name_plural = _("plannings du mois")
        ordering = ["programme", "month"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "month"], name="one_rota_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.month:%Y-%m}"


class LineAvailability(models.Model):
    """For one month, the weekly shifts a volunteer can take, and how many in all."""

    application = models.ForeignKey(
        PeerApplication,
        verbose_name=_("bénévole"),
        on_delete=models.CASCADE,
        related_name="line_availabilities",
    )
    month = models.DateField(_("mois"))
    shifts = models.ManyToManyField(
        LineShift, verbose_name=_("permanences possibles"), related_name="+", blank=True
    )
    max_shifts = models.PositiveSmallIntegerField(_("permanences ce mois-ci"))

    class Meta:
        verbose_name = _("disponibilités du mois")
        verbose_name_plural = _("disponibilités du mois")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "month"], name="one_availability_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.month:%Y-%m}"


class ShiftAssignment(models.Model):
    """A volunteer on one day's occurrence of a weekly shift, and what they logged after it."""

    rota = models.ForeignKey(
        RotaMonth, verbose_name=_("planning"), on_delete=models.CASCADE, related_name="assignments"
    )
    shift = models.ForeignKey(
        LineShift, verbose_name=_("permanence"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("jour"))
    application = models.ForeignKey(
        PeerApplication,
        verbose_name=_("bénévole"),
        on_delete=models.CASCADE,
        related_name="shift_assignments",
    )
    # The shift log: counts and durations only, never what was said.
    calls = models.PositiveSmallIntegerField(_("appels"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("durée totale (minutes)"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("permanence d'un·e bénévole")
        verbose_name_plural = _("permanences des bénévoles")
        ordering = ["day", "shift__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "day", "application"], name="once_on_a_shift")
        ]

    def __str__(self) -> str:
        return f"{self.shift} · {self.day} · {self.application}"

    @property
    def key(self) -> str:
        return occurrence_key(self.shift_id, self.day)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        return self.shift.bounds(self.day)


def occurrence_key(shift_id: int, day: dt.date) -> str:
    """The id the rota solver knows an occurrence by: "<weekly shift>:<day>"."""
    return f"{shift_id}:{day.isoformat()}"


class ShiftSwap(models.Model):
    """A volunteer offers one of their shifts; another takes it, or swaps one of theirs for it."""

    class Status(models.TextChoices):
        OPEN = "open", _("proposée")
        DONE = "done", _("reprise")
        WITHDRAWN = "withdrawn", _("retirée")

    assignment = models.ForeignKey(
        ShiftAssignment,
        verbose_name=_("permanence proposée"),
        on_delete=models.CASCADE,
        related_name="swaps",
    )
    offered_by = models.ForeignKey(
        PeerApplication, verbose_name=_("proposée par"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default="open")
    offered_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    taken_by = models.ForeignKey(
        PeerApplication,
        verbose_name=_("reprise par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The shift the taker gave in exchange, if any (still the same row, now the offerer's).
    exchanged = models.ForeignKey(
        ShiftAssignment,
        verbose_name=_("en échange de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("reprise le"), null=True, blank=True)

    class Meta:
        verbose_name = _("échange de permanence")
        verbose_name_plural = _("échanges de permanence")
        ordering = ["offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"], condition=Q(status="open"), name="one_open_swap_a_shift"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.status}"


class LineCalendar(models.Model):
    """The secret of a volunteer's calendar address for their shifts."""

    application = models.OneToOneField(
        PeerApplication, on_delete=models.CASCADE, related_name="line_calendar"
    )
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("adresse d'agenda des permanences")
        verbose_name_plural = _("adresses d'agenda des permanences")

    def __str__(self) -> str:
        return str(self.application_id)


# Shared leadership (part 7) --------------------------------------------------------------------


class Change(models.Model):
    """A change to the programme that a volunteer proposes and the volunteers adopt by consent,
    as a group adopts its charter: adopted when every volunteer of the programme consents, and
    an objection, with its reason, holds it until the author amends the text or someone
    changes their mind. The team then puts it into practice and says so.

    The words are the volunteers' own, encrypted at rest like everything they write here.
    """

    class Topic(models.TextChoices):
        TRAINING = "training", _("la formation")
        SHIFTS = "shifts", _("les permanences et les rencontres")
        WELCOME = "welcome", _("l'accueil des nouveaux bénévoles")
        SUPPORT = "support", _("le soutien entre bénévoles")
        OTHER = "other", _("autre chose")

    class Status(models.TextChoices):
        OPEN = "open", _("en consentement")
        ADOPTED = "adopted", _("adoptée")
        DONE = "done", _("mise en œuvre")
        WITHDRAWN = "withdrawn", _("retirée")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="changes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("sujet"), max_length=10, choices=Topic.choices)
    title = models.CharField(_("en quelques mots"), max_length=120)
    text = EncryptedTextField(_("ce qui changerait, et pourquoi"))
    # Each amendment starts the consent again: answers are to one version of the text.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    adopted_at = models.DateTimeField(_("adoptée le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    done_at = models.DateTimeField(_("mise en œuvre le"), null=True, blank=True)
    done_note = EncryptedTextField(_("ce que l'équipe a fait"), blank=True, default="")

    class Meta:
        verbose_name = _("proposition de changement")
        verbose_name_plural = _("propositions de changement")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme} · {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ChangeAnswer(models.Model):
    """One volunteer's answer to one version of a change: consent, or an objection."""

    class Decision(models.TextChoices):
        CONSENT = "consent", _("je consens")
        OBJECT = "object", _("j'ai une objection")

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bénévole"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    decision = models.CharField(_("décision"), max_length=10, choices=Decision.choices)
    reason = EncryptedTextField(_("raison de l'objection"), blank=True, default="")
    decided_at = models.DateTimeField(_("le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse à une proposition")
        verbose_name_plural = _("réponses aux propositions")
        constraints = [
            models.UniqueConstraint(fields=["change", "user"], name="one_answer_a_volunteer")
        ]

    def __str__(self) -> str:
        return f"{self.change} · {self.get_decision_display()}"
