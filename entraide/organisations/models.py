from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """An accompanying organisation: a self-help centre that helps groups start and live.

    Seed 001 calls it a "plateforme de visibilité": it gives groups visibility and resources,
    and accompanies them without running them.
    """

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("adresse courte"), max_length=80, unique=True)
    description = models.TextField(_("présentation"), blank=True)
    country = models.CharField(_("pays"), max_length=2, default="FR")
    town = models.CharField(_("ville"), max_length=100, blank=True)
    website = models.URLField(_("site web"), blank=True)
    contact_email = models.EmailField(
        _("adresse de contact"),
        blank=True,
        help_text=_(
            "Reçoit les messages écrits aux groupes depuis le site. Elle n'est jamais affichée."
        ),
    )
    # The public page's contact, shown to anyone: never the private address above, which
    # receives the messages written to groups and is kept out of every page.
    public_email = models.EmailField(
        _("adresse e-mail publique"),
        blank=True,
        help_text=_("Affichée sur la page publique de l'organisation."),
    )
    public_phone = models.CharField(
        _("téléphone public"),
        max_length=30,
        blank=True,
        help_text=_("Affiché sur la page publique de l'organisation."),
    )
    area_served = models.TextField(
        _("territoire couvert"),
        max_length=1000,
        blank=True,
        help_text=_("Les villes et codes postaux où elle accompagne des groupes."),
    )
    offers = models.TextField(
        _("ce qu'elle propose"),
        max_length=3000,
        blank=True,
        help_text=_("Salles, matériel, photocopies, conseils, ateliers…"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.slug])


class OrganisationRole(models.Model):
    """What a person does for an organisation; one row per role, so a person may hold several.

    Seeds 001 and 002: coordinators accompany the groups, a safeguarding lead receives the
    concerns that need outside help, and an organisation admin looks after the organisation's
    page and its people. These roles never make someone a member of a group.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinateur·rice")
        SAFEGUARDING_LEAD = "safeguarding_lead", _("référent·e protection")
        ADMIN = "admin", _("administrateur·rice de l'organisation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="organisation_roles",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("attribué le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rôle dans une organisation")
        verbose_name_plural = _("rôles dans les organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_organisation_role_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class TeamInvitation(models.Model):
    """An organisation admin invites a person, by e-mail, to take a role.

    The link carries a secret token; the role is created only when the person, signed in with
    an account under the invited address, accepts. A used or expired link is a 404.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="team_invitations",
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=20, choices=OrganisationRole.Role.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation dans l'équipe")
        verbose_name_plural = _("invitations dans l'équipe")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.role}"
