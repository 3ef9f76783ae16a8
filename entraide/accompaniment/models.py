"""What an accompanying organisation does for its groups (seed 001 step 4, seeds 000 and 004).

Coordinators keep private notes on a project of group, answer the groups' support requests
(a question, a room, flipcharts and markers, a small refreshment budget) and run the
functioning review (bilan de fonctionnement) a few months after a group opens, then the
group's review rounds at its rhythm; the questionnaires offered on joining a group. They accompany;
the members decide: nothing here changes a group's own choices.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import SupportGroup
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation


class CoordinatorNote(models.Model):
    """A coordinator's private note on a project of group; only the organisation's coordinators
    read it, never the initiator or the members."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="notes")
    # The organisation whose coordinators wrote it: a project may ask another organisation
    # later, and that one must not read what the first wrote.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("note de coordination")
        verbose_name_plural = _("notes de coordination")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["initiative", "organisation"], name="note_initiative_org"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.created_at:%Y-%m-%d}"


class Offer(models.Model):
    """What an organisation offers the groups it accompanies (seeds 000 and 004): a room, basic
    materials, photocopies, a small budget, or a professional who comes when a group asks."""

    class Kind(models.TextChoices):
        ROOM = "room", _("une salle")
        MATERIALS = "materials", _("du matériel")
        PHOTOCOPIES = "photocopies", _("des photocopies")
        BUDGET = "budget", _("un petit budget")
        EXPERTISE = "expertise", _("une personne experte, sur demande")
        OTHER = "other", _("autre chose")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="group_offers",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("intitulé"), max_length=120)
    description = models.TextField(_("précisions"), blank=True, max_length=2000)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(500)],
        help_text=_("Pour une salle."),
    )
    step_free_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    is_active = models.BooleanField(_("proposée en ce moment"), default=True)
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class SupportRequest(models.Model):
    """A group asks its organisation for something (seeds 000, 004)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("une question")
        ROOM = "room", _("une salle")
        MATERIALS = "materials", _("du matériel (tableau, marqueurs, notes autocollantes)")
        REFRESHMENTS = "refreshments", _("un petit budget pour les rafraîchissements")
        TRAINING = "training", _("un atelier ou une formation")
        OTHER = "other", _("autre chose")

    class Status(models.TextChoices):
        OPEN = "open", _("en attente")
        ANSWERED = "answered", _("répondue")
        CLOSED = "closed", _("close")

    group = models.ForeignKey(
        SupportGroup,
        verbose_name=_("groupe"),
        on_delete=models.CASCADE,
        related_name="support_requests",
    )
    kind = models.CharField(_("demande"), max_length=20, choices=Kind.choices)
    # What the group asks for among the organisation's offers, when it is one of them.
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offre demandée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    message = models.TextField(_("précisions"), max_length=3000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("réponse"), blank=True, max_length=3000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("répondue par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    # Whether the organisation gave what was asked: what it sees over a year.
    given = models.BooleanField(_("accordée"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande de soutien")
        verbose_name_plural = _("demandes de soutien")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "status"], name="support_group_status")]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_kind_display()}"


def in_language(french: str, english: str) -> str:
    """The English words for a reader in English, when there are some; French otherwise."""
    return english if english and (get_language() or "fr").startswith("en") else french


class Questionnaire(models.Model):
    """A short questionnaire of an organisation (seed 002: "évaluation des besoins", "feedbacks
    continus"): one offered when a person joins a group, one for the group's regular review.
    Without an organisation, it is the site's default set, for groups that have none."""

    class Purpose(models.TextChoices):
        INTAKE = "intake", _("à l'arrivée dans un groupe")
        REVIEW = "review", _("bilan régulier du groupe")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    purpose = models.CharField(_("usage"), max_length=10, choices=Purpose.choices)
    title = models.CharField(_("titre"), max_length=120)
    title_en = models.CharField(_("titre en anglais"), max_length=120, blank=True)
    introduction = models.TextField(_("quelques mots d'accueil"), blank=True, max_length=1000)
    introduction_en = models.TextField(
        _("quelques mots d'accueil en anglais"), blank=True, max_length=1000
    )
    is_active = models.BooleanField(_("proposé en ce moment"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["purpose", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose"], name="one_questionnaire_per_purpose"
            ),
            models.UniqueConstraint(
                fields=["purpose"],
                condition=models.Q(organisation__isnull=True),
                name="one_default_questionnaire_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def shown_introduction(self) -> str:
        return in_language(self.introduction, self.introduction_en)

    def current_questions(self) -> "models.QuerySet[Question]":
        """The questions asked today; retired ones stay only for the answers given to them."""
        return self.questions.filter(is_retired=False)


class Question(models.Model):
    """One question. Once answered it is frozen: rewording or removing it retires it and, for
    a rewording, adds its new version, so past answers keep the words they answered."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("une note de 1 à 5")
        CHOICE = "choice", _("un choix parmi quelques réponses")
        TEXT = "text", _("quelques mots, librement")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("place"), default=0)
    kind = models.CharField(_("type de réponse"), max_length=10, choices=Kind.choices)
    # The default question it comes from ("satisfaction", "heard"…), kept by its new versions:
    # the group's health page and the reports follow it across rewordings.
    key = models.CharField(max_length=30, blank=True, editable=False)
    wording = models.CharField(_("question"), max_length=300)
    wording_en = models.CharField(_("question en anglais"), max_length=300, blank=True)
    low_label = models.CharField(_("ce que veut dire 1"), max_length=60, blank=True)
    low_label_en = models.CharField(_("ce que veut dire 1, en anglais"), max_length=60, blank=True)
    high_label = models.CharField(_("ce que veut dire 5"), max_length=60, blank=True)
    high_label_en = models.CharField(_("ce que veut dire 5, en anglais"), max_length=60, blank=True)
    options = models.TextField(_("réponses possibles, une par ligne"), blank=True, max_length=1000)
    options_en = models.TextField(
        _("réponses possibles en anglais, une par ligne"), blank=True, max_length=1000
    )
    is_retired = models.BooleanField(_("retirée"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.wording

    @property
    def text(self) -> str:
        return in_language(self.wording, self.wording_en)

    @property
    def low(self) -> str:
        return in_language(self.low_label, self.low_label_en)

    @property
    def high(self) -> str:
        return in_language(self.high_label, self.high_label_en)

    @property
    def choices(self) -> list[str]:
        french = [line.strip() for line in self.options.splitlines() if line.strip()]
        english = [line.strip() for line in self.options_en.splitlines() if line.strip()]
        if len(english) == len(french) and (get_language() or "fr").startswith("en"):
            return english
        return french


class Review(models.Model):
    """A round of the group's review questionnaire. The first is the functioning review (seed
    001: "bilan de fonctionnement"), a few months after the group opens; the next ones come at
    the rhythm the group chose. A coordinator may close it with a note of the review meeting."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("prévu")
        OPEN = "open", _("questionnaire ouvert")
        CLOSED = "closed", _("questionnaire fermé")
        DONE = "done", _("fait")

    group = models.ForeignKey(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="reviews"
    )
    # Set when the round opens: the questionnaire of that day, which later edits do not change.
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        null=True,
        blank=True,
        # An organisation that leaves the site takes its questionnaires and their answers.
        on_delete=models.SET_NULL,
        related_name="rounds",
    )
    due_on = models.DateField(_("prévu le"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    opened_at = models.DateTimeField(_("questionnaire ouvert le"), null=True, blank=True)
    closes_on = models.DateField(_("questionnaire ouvert jusqu'au"), null=True, blank=True)
    coordinator_note = models.TextField(_("compte rendu"), blank=True, max_length=5000)
    done_at = models.DateTimeField(_("fait le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fait par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bilan du groupe")
        verbose_name_plural = _("bilans des groupes")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.group} · {self.due_on}"


class FeedbackRhythm(models.Model):
    """How often the group's facilitators want a review round: every 3 or 6 months, or none
    after the first (seed 002: "réévaluer régulièrement")."""

    class Every(models.IntegerChoices):
        THREE = 3, _("tous les 3 mois")
        SIX = 6, _("tous les 6 mois")
        NONE = 0, _("pas de bilan régulier")

    group = models.OneToOneField(
        SupportGroup, on_delete=models.CASCADE, related_name="feedback_rhythm"
    )
    every_months = models.PositiveSmallIntegerField(
        _("rythme des bilans"), choices=Every.choices, default=Every.SIX
    )

    class Meta:
        verbose_name = _("rythme des bilans")
        verbose_name_plural = _("rythmes des bilans")

    def __str__(self) -> str:
        return f"{self.group} · {self.every_months}"


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Response(models.Model):
    """One person's answers to a questionnaire, stored WITHOUT the person.

    Nothing here leads back to who answered: no user, a random identifier (an increasing
    number would follow the order of the `Respondent` rows), and only the month. The group is
    kept so that its facilitators and its organisation see the group's figures (k >= 5)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="responses"
    )
    month = models.DateField(_("mois"))

    class Meta:
        verbose_name = _("réponse anonyme")
        verbose_name_plural = _("réponses anonymes")

    def __str__(self) -> str:
        return f"{self.questionnaire} · {self.month:%Y-%m}"


class Answer(models.Model):
    """The answer to one question, inside an anonymous response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # An answered question is never deleted alone (it is retired): only with its answers.
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")

    def __str__(self) -> str:
        return f"{self.question_id}"


class Respondent(models.Model):
    """That a person answered a round, or was offered the questionnaire on joining a group:
    only to refuse a second answer and to say "vous avez répondu". It holds no answer and no
    date, so it cannot be matched with the anonymous `Response`."""

    class State(models.TextChoices):
        OFFERED = "offered", _("proposé")
        LATER = "later", _("plus tard")
        DECLINED = "declined", _("non merci")
        ANSWERED = "answered", _("répondu")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_respondents"
    )
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=10, choices=Questionnaire.Purpose.choices)
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="respondents"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OFFERED)

    class Meta:
        verbose_name = _("personne invitée à répondre")
        verbose_name_plural = _("personnes invitées à répondre")
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_answer_per_round"),
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(purpose="intake"),
                name="one_intake_per_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} · {self.get_state_display()}"
