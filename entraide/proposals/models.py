"""Forming groups by proximity, in the product: who asked to be grouped, the proposals a
coordinator computes, and the invitations that turn a proposed group into a project.

The solver itself is `entraide.formation` (plain Python). Here are its inputs and outputs as the
organisation keeps them:

- a `Wish` is a person asking an organisation to be put in touch with people near their home
  (their postal code, never their address);
- a `Proposal` is one run of the solver over a list (an uploaded CSV, or the wishes), with its
  constraints, progress and result;
- a `Volunteer` is one person of a proposal: their point, kept only while the proposal is being
  worked on (it is erased once the groups are created), their group and distance;
- a `ProposedGroup` gathers volunteers around a host's home and, once created, points to its
  `Initiative`;
- an `Invitation` asks a volunteer, by e-mail, to join the group being founded (the host is
  asked to welcome it).

Homes are used for the computation only: other members only ever learn a distance.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import Theme
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation

LANGUAGE_SEPARATOR = ";"


class Wish(models.Model):
    """A person asks an organisation to be grouped with people who live near them."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="wishes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="wishes",
    )
    postal_code = models.CharField(_("code postal ou commune"), max_length=80)
    country = models.CharField(_("pays"), max_length=2, blank=True)
    # The postal code's centre, resolved offline: approximate by design.
    lat = models.FloatField()
    lon = models.FloatField()
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True)
    # Language codes, separated by ";" ("fr;en").
    languages = models.CharField(_("langues"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)

    class Meta:
        verbose_name = _("souhait d'être mis·e en relation")
        verbose_name_plural = _("souhaits d'être mis·e en relation")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_wish_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.pk}"


class Proposal(models.Model):
    """One run of the solver over a list of people, for one organisation."""

    class Source(models.TextChoices):
        CSV = "csv", _("fichier CSV")
        WISHES = "wishes", _("personnes inscrites auprès de l'organisation")

    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente")
        RUNNING = "running", _("en cours de calcul")
        DONE = "done", _("proposition prête")
        FAILED = "failed", _("échec du calcul")
        CREATED = "created", _("groupes créés")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("nom de la liste"), max_length=120)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thème des groupes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    min_size = models.PositiveSmallIntegerField(
        _("taille minimale"), default=6, validators=[MinValueValidator(2), MaxValueValidator(30)]
    )
    max_size = models.PositiveSmallIntegerField(
        _("taille maximale"), default=10, validators=[MinValueValidator(2), MaxValueValidator(30)]
    )
    max_km = models.FloatField(
        _("distance à pied maximale (km)"),
        default=2.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(50)],
    )
    same_language = models.BooleanField(_("une langue commune dans chaque groupe"), default=False)
    same_theme = models.BooleanField(_("un thème commun dans chaque groupe"), default=False)
    seed = models.PositiveIntegerField(default=0)

    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    total_km = models.FloatField(_("distance totale (km)"), null=True, blank=True)
    lower_bound_km = models.FloatField(_("minorant certifié (km)"), null=True, blank=True)
    seconds = models.FloatField(_("durée du calcul (s)"), null=True, blank=True)

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("calculée le"), null=True, blank=True)
    groups_created_at = models.DateTimeField(_("groupes créés le"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposition de groupes")
        verbose_name_plural = _("propositions de groupes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class ProposedGroup(models.Model):
    """A group of the proposal, meeting at its host's home."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField(_("numéro"))
    host = models.ForeignKey(
        "Volunteer",
        verbose_name=_("personne qui accueille"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("projet de groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("groupe proposé")
        verbose_name_plural = _("groupes proposés")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="one_number_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.number}"


class Volunteer(models.Model):
    """One person of a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="volunteers")
    # The CSV's id, or "inscription-<pk>" for a wish.
    ref = models.CharField(_("identifiant"), max_length=100)
    name = models.CharField(_("nom"), max_length=150, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The home point, for the computation only; erased once the groups are created.
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    approximate = models.BooleanField(_("position approchée"), default=False)
    languages = models.CharField(_("langues"), max_length=200, blank=True)
    themes = models.CharField(_("thèmes"), max_length=500, blank=True)

    group = models.ForeignKey(
        ProposedGroup,
        verbose_name=_("groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteers",
    )
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    # One of entraide.formation's reason strings, when not placed.
    unplaced_reason = models.CharField(_("raison"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("personne de la liste")
        verbose_name_plural = _("personnes de la liste")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "ref"], name="one_ref_per_proposal")
        ]

    def __str__(self) -> str:
        return self.name or self.ref


class Invitation(models.Model):
    """An e-mail inviting a volunteer to the group being founded from their proposed group."""

    class Answer(models.TextChoices):
        WAITING = "waiting", _("sans réponse")
        JOINED = "joined", _("a rejoint le groupe")
        DECLINED = "declined", _("a décliné")

    group = models.ForeignKey(ProposedGroup, on_delete=models.CASCADE, related_name="invitations")
    volunteer = models.OneToOneField(Volunteer, on_delete=models.CASCADE, related_name="invitation")
    token = models.CharField(max_length=64, unique=True)
    as_host = models.BooleanField(_("invitée à accueillir le groupe"), default=False)
    answer = models.CharField(
        _("réponse"), max_length=10, choices=Answer.choices, default=Answer.WAITING
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.group} · {self.pk}"
