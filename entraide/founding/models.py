"""The founding journey of one group (seed 001's four steps, seed 000's set-up decisions).

An `Initiative` is the "projet de groupe": it holds the initiator's motivation interview, the
accompaniment asked of an organisation, the stage reached, the people who registered interest,
the partner relays contacted and the three founding sessions. The group itself is a
`SupportGroup` from the first step, unpublished until recruitment starts, so that everything
the group decides later (name, place, rhythm) lives in one place.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting
from entraide.organisations.models import Organisation

DEFAULT_QUORUM = 6  # seed 000: 6 to 10 members
STALLED_AFTER = dt.timedelta(days=30)  # recruitment with no new interest for this long
READ_WITHIN = dt.timedelta(days=7)  # an accompaniment request unread this long is flagged
REVIEW_AFTER_MONTHS = 3  # seed 001: "un bilan de fonctionnement quelques mois après"


class Initiative(models.Model):
    class Stage(models.TextChoices):
        # In order: a stage is reached only from the one before it (see actions.advance).
        INTERVIEW = "interview", _("Entretien de motivation")
        RECRUITMENT = "recruitment", _("Promotion et recherche de membres")
        FOUNDING = "founding", _("Premières rencontres")
        CHARTER = "charter", _("Rédaction de la charte")
        AUTONOMOUS = "autonomous", _("Groupe autonome")

    class Accompaniment(models.TextChoices):
        NONE = "none", _("sans organisation")
        REQUESTED = "requested", _("demande envoyée")
        ACCEPTED = "accepted", _("accompagnement accepté")
        DECLINED = "declined", _("demande non retenue")

    class SlotAnswer(models.TextChoices):
        SUITS = "suits", _("ce rendez-vous me convient")
        ANOTHER = "another", _("je préfère un autre moment")

    group = models.OneToOneField(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="initiative"
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne à l'initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    stage = models.CharField(
        _("étape"), max_length=20, choices=Stage.choices, default=Stage.INTERVIEW
    )
    stage_changed_at = models.DateTimeField(_("étape atteinte le"), auto_now_add=True)

    # The motivation interview (seed 001, step 1). Private: the initiator, the group's
    # facilitators and the coordinators of the accompanying organisation read it.
    need = models.TextField(_("Quel est votre besoin ?"), blank=True, max_length=3000)
    members_profile = models.TextField(
        _("Avec qui aimeriez-vous échanger ?"), blank=True, max_length=3000
    )
    motivation = models.TextField(
        _("Qu'est-ce qui vous pousse à créer ce groupe ?"), blank=True, max_length=3000
    )
    own_role = models.TextField(
        _("Quel rôle vous voyez-vous jouer dans le groupe ?"), blank=True, max_length=3000
    )
    collective_decisions = models.TextField(
        _("Comment vivez-vous l'idée de décider à plusieurs du fonctionnement du groupe ?"),
        blank=True,
        max_length=3000,
    )
    interview_completed_at = models.DateTimeField(_("entretien complété le"), null=True, blank=True)

    # Accompaniment by an organisation (optional: a group may be founded without one).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation sollicitée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    accompaniment = models.CharField(
        _("accompagnement"),
        max_length=20,
        choices=Accompaniment.choices,
        default=Accompaniment.NONE,
    )
    accompaniment_message = models.TextField(
        _("message à l'organisation"), blank=True, max_length=2000
    )
    accompaniment_requested_at = models.DateTimeField(_("demandé le"), null=True, blank=True)
    accompaniment_decided_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    # When a coordinator of the asked organisation first opened the request; the site team
    # looks at requests nobody has read for a week (READ_WITHIN).
    accompaniment_read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    interview_slot = models.DateTimeField(_("rendez-vous proposé"), null=True, blank=True)
    interview_slot_note = models.CharField(
        _("précision sur le rendez-vous"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : au centre, salle 2, ou par téléphone."),
    )

    # The initiator's answer to the proposed slot; a new proposal clears it.
    interview_slot_answer = models.CharField(
        _("réponse au rendez-vous"), max_length=10, choices=SlotAnswer.choices, blank=True
    )
    interview_slot_answer_note = models.CharField(
        _("précision de la personne à l'initiative"), max_length=300, blank=True
    )

    # Recruitment (seed 000: 6 to 10 members).
    quorum = models.PositiveSmallIntegerField(
        _("nombre de personnes pour démarrer"),
        default=DEFAULT_QUORUM,
        validators=[MinValueValidator(3), MaxValueValidator(12)],
    )
    autonomous_at = models.DateTimeField(_("autonome depuis le"), null=True, blank=True)

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("projet de groupe")
        verbose_name_plural = _("projets de groupe")
        indexes = [models.Index(fields=["organisation", "stage"], name="initiative_org_stage")]

    def __str__(self) -> str:
        return str(self.group)

    @property
    def stage_number(self) -> int:
        """1 to 5, for "étape 2 sur 5"."""
        return list(self.Stage.values).index(self.stage) + 1

    @property
    def is_accompanied(self) -> bool:
        return self.accompaniment == self.Accompaniment.ACCEPTED

    @property
    def interview_is_complete(self) -> bool:
        return all(
            (getattr(self, name) or "").strip()
            for name in ("need", "members_profile", "motivation")
        )


class StageChange(models.Model):
    """Each move from one stage to another: who, when, and why when going back."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("de"), max_length=20, choices=Initiative.Stage.choices)
    to_stage = models.CharField(_("à"), max_length=20, choices=Initiative.Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("raison"), blank=True, max_length=1000)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.from_stage} → {self.to_stage}"


class Interest(models.Model):
    """A person who registered interest in a group being founded (seed 001: "inscriptions")."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    message = models.TextField(
        _("un mot pour la personne à l'initiative"), blank=True, max_length=1000
    )
    created_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)
    invited_at = models.DateTimeField(_("invité·e le"), null=True, blank=True)

    class Meta:
        verbose_name = _("personne intéressée")
        verbose_name_plural = _("personnes intéressées")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="one_interest_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.pk}"


class EmailInterest(models.Model):
    """Someone who left only an e-mail address to be told when a group being founded starts
    (no account). It counts once confirmed by its link; the address serves for this group only
    and goes with the group's start, or when the person creates an account and registers
    (their place is kept: `actions.register_interest`)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="email_interests"
    )
    email = models.EmailField(_("adresse e-mail"))
    language = models.CharField(_("langue"), max_length=8, blank=True)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invité·e le"), null=True, blank=True)

    class Meta:
        verbose_name = _("personne à prévenir par e-mail")
        verbose_name_plural = _("personnes à prévenir par e-mail")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "email"], name="one_email_interest_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.pk}"


class Relay(models.Model):
    """A partner who may pass the word on (seeds 001, 003, 004), and when they were contacted.

    These are organisations and professionals, not private persons: their contact is the
    one they publish.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("association ou organisation")
        PROFESSIONAL = "professional", _("professionnel·le de santé ou du social")
        TOWN_HALL = "town_hall", _("mairie")
        SOCIAL_CENTRE = "social_centre", _("centre social")
        PHARMACY = "pharmacy", _("pharmacie")
        MEDIA = "media", _("média")
        OTHER = "other", _("autre")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="relays")
    name = models.CharField(_("nom"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Le contact public du relais : accueil, téléphone, site."),
    )
    contacted_on = models.DateField(_("contacté le"), null=True, blank=True)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contacté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("suite donnée"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("relais")
        verbose_name_plural = _("relais")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class FoundingSession(models.Model):
    """One of the three first meetings (seed 001, step 3): a meeting of the group once dated.

    Until it has a date it is only its kind and a suggested agenda (`agendas.agenda_for`). Once
    dated it is a `Meeting` of the group like any other, so members answer, are reminded, take
    its roles and note who came; its place, agenda and decisions live on that meeting.
    """

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Séance d'information")
        FIRST = "first", _("Première séance de fondation")
        SECOND = "second", _("Deuxième séance de fondation")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("séance"), max_length=20, choices=Kind.choices)
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("rencontre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="founding_session",
    )

    class Meta:
        verbose_name = _("séance de fondation")
        verbose_name_plural = _("séances de fondation")
        ordering = ["initiative", "pk"]  # created in order: information, first, second
        constraints = [
            models.UniqueConstraint(fields=["initiative", "kind"], name="one_session_of_each_kind")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def order(self) -> int:
        return list(self.Kind.values).index(self.kind)

    @property
    def starts_at(self) -> dt.datetime | None:
        return self.meeting.starts_at if self.meeting is not None else None

    @property
    def is_cancelled(self) -> bool:
        return self.meeting is not None and self.meeting.is_cancelled

    def took_place(self, now: dt.datetime) -> bool:
        """Dated, not cancelled, and over: what the founding steps wait for."""
        meeting = self.meeting
        return meeting is not None and not meeting.is_cancelled and meeting.ends_at <= now
