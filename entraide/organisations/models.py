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
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.slug])
