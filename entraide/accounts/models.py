from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person on the platform.

    Known by an e-mail address (to log in, never shown) and a display name: a first name or
    a pseudonym, never a surname (seed 003: confidentiality is the golden rule).
    """

    email = models.EmailField(_("adresse e-mail"), unique=True)
    display_name = models.CharField(
        _("prénom ou pseudonyme"),
        max_length=40,
        help_text=_(
            "Le nom que les autres voient. Un prénom ou un pseudonyme, pas de nom de famille."
        ),
    )
    preferred_language = models.CharField(
        _("langue préférée"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    is_staff = models.BooleanField(_("équipe du site"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)
    spoken_languages = models.CharField(
        _("langues parlées"),
        max_length=60,
        blank=True,
        help_text=_("Codes séparés par des virgules, pour trouver des groupes dans vos langues."),
    )
    # Private: used to measure distances to groups, never shown to anyone.
    postal_code = models.CharField(_("code postal (privé)"), max_length=16, blank=True)
    notify_join_requests = models.BooleanField(
        _("m'écrire quand quelqu'un demande à rejoindre un groupe que j'anime"), default=True
    )
    # When the person agreed, at sign-up, to the processing of health-related information
    # (GDPR art. 9): joining a group about an illness says something about one's health.
    health_data_consent_at = models.DateTimeField(
        _("accord pour les données de santé le"), null=True, blank=True
    )

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def get_full_name(self) -> str:
        return self.display_name
