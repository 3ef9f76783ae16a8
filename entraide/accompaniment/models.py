"""What an accompanying organisation does for its groups (seed 001 step 4, seeds 000 and 004).

Coordinators keep private notes on a project of group, answer the groups' support requests
(a question, a room, flipcharts and markers, a small refreshment budget) and run the
functioning review (bilan de fonctionnement) a few months after a group opens. They accompany;
the members decide: nothing here changes a group's own choices.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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


class Review(models.Model):
    """The functioning review (seed 001: "bilan de fonctionnement"), a few months after the
    group opens: a short questionnaire to members, then a meeting note from the coordinator."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("prévu")
        OPEN = "open", _("questionnaire ouvert")
        DONE = "done", _("fait")

    group = models.ForeignKey(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="reviews"
    )
    due_on = models.DateField(_("prévu le"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    opened_at = models.DateTimeField(_("questionnaire ouvert le"), null=True, blank=True)
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
        verbose_name = _("bilan de fonctionnement")
        verbose_name_plural = _("bilans de fonctionnement")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.group} · {self.due_on}"


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class ReviewAnswer(models.Model):
    """One member's answers; the coordinator reads them without names (see views)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="review_answers",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("Dans l'ensemble, le groupe vous apporte-t-il ce que vous cherchiez ?"),
        validators=SCALE,
    )
    heard = models.PositiveSmallIntegerField(
        _("Chacun a-t-il la possibilité de s'exprimer ?"), validators=SCALE
    )
    works_well = models.TextField(_("Ce qui marche bien"), blank=True, max_length=2000)
    to_change = models.TextField(_("Ce que nous pourrions changer"), blank=True, max_length=2000)
    support_wanted = models.TextField(
        _("Un soutien de l'organisation serait utile pour…"), blank=True, max_length=2000
    )
    answered_at = models.DateTimeField(_("répondu le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse au bilan")
        verbose_name_plural = _("réponses au bilan")
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_review_answer_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.pk}"
