"""A group's charter (charte): its answers to seed 000's questions, adopted by consent.

Each version of a charter is one row. A draft is written section by section; members comment
and propose other wordings; the facilitators then ask for consent. Every active member
(observers excepted: they came to listen) consents or objects; an objection blocks, with its
reason shown to the group. The charter is adopted when everyone consents and no objection
stands. Each member then signs their commitment (seed 000: "signer un accord"). An amendment
is a new version that goes through the same consent; the adopted version stays in force until
the new one replaces it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.charters.questions import BY_KEY, PARTS, QUESTIONS, Question, questions_of
from entraide.directory.models import SupportGroup


def empty_answers() -> dict[str, str]:
    return {question.key: "" for question in QUESTIONS}


# Who takes part in the consent: active members and facilitators; observers came to listen.
PARTICIPANT_ROLES = ("member", "facilitator")


class Charter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("en préparation")
        CONSENT = "consent", _("en recherche de consentement")
        ADOPTED = "adopted", _("adoptée")
        SUPERSEDED = "superseded", _("remplacée par une version plus récente")

    group = models.ForeignKey(
        SupportGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="charters"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # {question key: the group's answer}; keys are those of questions.QUESTIONS.
    answers = models.JSONField(_("réponses"), default=empty_answers)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("commencée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("commencée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    consent_opened_at = models.DateTimeField(_("consentement demandé le"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adoptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="one_charter_per_version"),
            # One version at a time is being written or consented to, and one is in force:
            # the database holds the line even when two facilitators click at once.
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(status__in=["draft", "consent"]),
                name="one_charter_in_progress",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(status="adopted"),
                name="one_charter_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · v{self.version}"

    def answer(self, key: str) -> str:
        value: Any = (self.answers or {}).get(key, "")
        return str(value)

    def sections(self) -> list[tuple[Question, str]]:
        """(question, answer) in the seed's order."""
        return [(question, self.answer(question.key)) for question in QUESTIONS]

    @property
    def is_complete(self) -> bool:
        return all(self.answer(key).strip() for key in BY_KEY)

    @property
    def empty_questions(self) -> list[Question]:
        return [question for question in QUESTIONS if not self.answer(question.key).strip()]

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CONSENT)

    @property
    def was_adopted(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.SUPERSEDED)

    def parts(self) -> list[tuple[str, list[tuple[Question, str]]]]:
        """The seed's two parts, "Logistique" and "Travailler ensemble", with their answers."""
        return [
            (str(title), [(question, self.answer(question.key)) for question in questions_of(part)])
            for part, title in PARTS.items()
        ]


class Comment(models.Model):
    """A member's remark on one section, or a proposed wording for it."""

    class Status(models.TextChoices):
        OPEN = "open", _("en discussion")
        TAKEN = "taken", _("reprise dans la charte")
        SET_ASIDE = "set_aside", _("mise de côté")

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="comments")
    question = models.CharField(_("question"), max_length=30)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("commentaire"), blank=True, max_length=2000)
    proposal = models.TextField(_("formulation proposée"), blank=True, max_length=3000)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire sur la charte")
        verbose_name_plural = _("commentaires sur la charte")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.charter} · {self.question}"


class Consent(models.Model):
    """One member's answer to one version: consent, or an objection with its reason."""

    class Decision(models.TextChoices):
        CONSENT = "consent", _("je consens")
        OBJECT = "object", _("j'ai une objection")

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="charter_consents",
    )
    decision = models.CharField(_("décision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("raison de l'objection"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("le"), auto_now=True)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        constraints = [
            models.UniqueConstraint(fields=["charter", "user"], name="one_consent_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.charter} · {self.get_decision_display()}"


class Signature(models.Model):
    """A member's signed commitment to an adopted version (seed 000: "signer un accord")."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="charter_signatures",
    )
    signed_at = models.DateTimeField(_("signée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature de la charte")
        verbose_name_plural = _("signatures de la charte")
        constraints = [
            models.UniqueConstraint(fields=["charter", "user"], name="one_signature_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.charter} · {self.signed_at:%Y-%m-%d}"


def in_force(group: SupportGroup) -> Charter | None:
    """The adopted version, the one the group lives by; None before the first adoption."""
    return Charter.objects.filter(group=group, status=Charter.Status.ADOPTED).first()


def in_progress(group: SupportGroup) -> Charter | None:
    """The version being written or consented to, if any (at most one, see the constraint)."""
    return Charter.objects.filter(
        group=group, status__in=[Charter.Status.DRAFT, Charter.Status.CONSENT]
    ).first()
