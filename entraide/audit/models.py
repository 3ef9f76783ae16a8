from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """A sensitive action: who did what to whom, when; never any content (no message, no text).

    Organisation admins read the events of their organisation's groups.
    """

    class Action(models.TextChoices):
        JOIN_REQUESTED = "join.requested", _("demande pour rejoindre un groupe")
        JOIN_ACCEPTED = "join.accepted", _("personne accueillie dans un groupe")
        JOIN_DECLINED = "join.declined", _("demande non retenue")
        GROUP_LEFT = "group.left", _("personne partie d'un groupe")
        ROLE_CHANGED = "role.changed", _("rôle changé")
        MEMBER_ASKED = "role.member_asked", _("demande pour devenir membre")
        MEMBER_PROPOSED = "role.member_proposed", _("invitation à devenir membre")
        MEMBER_NOT_NOW = "role.member_not_now", _("pas encore membre, pour le moment")
        BECAME_MEMBER = "role.member", _("devenu·e membre du groupe")
        BACK_TO_LISTENING = "role.observer", _("revenu·e à l'écoute (observateur·rice)")
        DATA_EXPORTED = "data.exported", _("données téléchargées")
        ACCOUNT_DELETED = "account.deleted", _("compte supprimé")
        INITIATIVE_STARTED = "initiative.started", _("projet de groupe commencé")
        STAGE_CHANGED = "initiative.stage", _("étape du projet changée")
        ACCOMPANIMENT_REQUESTED = "accompaniment.requested", _("accompagnement demandé")
        ACCOMPANIMENT_WITHDRAWN = "accompaniment.withdrawn", _("demande d'accompagnement retirée")
        ACCOMPANIMENT_ACCEPTED = "accompaniment.accepted", _("accompagnement accepté")
        ACCOMPANIMENT_DECLINED = "accompaniment.declined", _("accompagnement non retenu")
        INTEREST_REGISTERED = "interest.registered", _("intérêt pour un groupe en création")
        INTEREST_WITHDRAWN = "interest.withdrawn", _("intérêt retiré")
        INTERESTED_INVITED = "interest.invited", _("personnes intéressées invitées")
        FOUNDING_JOINED = "founding.joined", _("membre fondateur·rice")
        CHARTER_CONSENT_OPENED = "charter.consent_opened", _("consentement demandé sur la charte")
        CHARTER_CONSENTED = "charter.consented", _("consentement à la charte")
        CHARTER_OBJECTED = "charter.objected", _("objection à la charte")
        CHARTER_ADOPTED = "charter.adopted", _("charte adoptée")
        CHARTER_REOPENED = "charter.reopened", _("charte remise en préparation")
        CHARTER_SIGNED = "charter.signed", _("charte signée")
        CHARTER_AMENDMENT = "charter.amendment", _("modification de la charte commencée")
        SUPPORT_REQUESTED = "support.requested", _("demande de soutien")
        SUPPORT_ANSWERED = "support.answered", _("demande de soutien répondue")
        SUPPORT_CLOSED = "support.closed", _("demande de soutien close")
        REVIEW_SCHEDULED = "review.scheduled", _("bilan prévu")
        REVIEW_OPENED = "review.opened", _("questionnaire du bilan ouvert")
        REVIEW_DONE = "review.done", _("bilan fait")
        WISH_REGISTERED = "wish.registered", _("inscription pour former un groupe")
        WISH_WITHDRAWN = "wish.withdrawn", _("inscription pour former un groupe retirée")
        PROPOSAL_COMPUTED = "proposal.computed", _("groupes de proximité calculés")
        PROPOSAL_CHANGED = "proposal.changed", _("proposition de groupes modifiée")
        PROPOSAL_DELETED = "proposal.deleted", _("proposition de groupes supprimée")
        PROPOSAL_GROUPS_CREATED = "proposal.created", _("groupes de proximité créés")
        INVITATION_ACCEPTED = "invitation.accepted", _("invitation à un groupe acceptée")
        INVITATION_DECLINED = "invitation.declined", _("invitation à un groupe déclinée")
        CONCERN_RAISED = "concern.raised", _("inquiétude signalée")
        CONCERN_ACKNOWLEDGED = "concern.acknowledged", _("inquiétude prise en compte")
        CONCERN_NOTED = "concern.noted", _("action notée sur une inquiétude")
        CONCERN_CLOSED = "concern.closed", _("inquiétude close")
        CONCERN_WITHDRAWN = "concern.withdrawn", _("inquiétude retirée")
        CARNET_EXPORTED = "carnet.exported", _("carnet téléchargé")
        CARNET_ERASED = "carnet.erased", _("carnet effacé")
        TEAM_INVITED = "team.invited", _("invitation dans l'équipe envoyée")
        TEAM_JOINED = "team.joined", _("invitation dans l'équipe acceptée")
        TEAM_INVITATION_WITHDRAWN = "team.withdrawn", _("invitation dans l'équipe retirée")
        TEAM_REMOVED = "team.removed", _("rôle retiré")
        TEAM_LEFT = "team.left", _("rôle quitté")
        ORGANISATION_PAGE_EDITED = "organisation.edited", _("page publique modifiée")
        ENCRYPTION_ROTATED = "encryption.rotated", _("clé de chiffrement changée")
        HEALTH_SHARED = "health.shared", _("santé du groupe partagée avec l'organisation")
        HEALTH_UNSHARED = "health.unshared", _("santé du groupe plus partagée avec l'organisation")
        WORKSHOP_PUBLISHED = "workshop.published", _("atelier publié")
        WORKSHOP_CANCELLED = "workshop.cancelled", _("atelier annulé")
        WORKSHOP_ATTENDANCE = "workshop.attendance", _("présences notées à un atelier")
        PROGRAMME_CREATED = "pairing.programme", _("programme d'entraide individuelle créé")
        PEER_APPLIED = "pairing.applied", _("candidature de pair aidant·e envoyée")
        PEER_INTERVIEW = "pairing.interview", _("entretien de pair aidant·e prévu")
        PEER_ACCEPTED = "pairing.accepted", _("pair aidant·e accepté·e")
        PEER_DECLINED = "pairing.declined", _("candidature de pair aidant·e pas retenue")
        PEER_WITHDRAWN = "pairing.withdrawn", _("candidature de pair aidant·e retirée")
        PEER_TRAINED = "pairing.trained", _("formation de pair aidant·e notée")
        PEER_REQUESTED = "pairing.requested", _("demande de pair envoyée")
        PEER_REQUEST_WITHDRAWN = "pairing.request_withdrawn", _("demande de pair retirée")
        # Pairs (issue 17, parts 4 and 5)
        PAIR_PROPOSED = "pairing.pair_proposed", _("jumelage proposé")
        PAIR_STARTED = "pairing.pair_started", _("jumelage accepté par les deux personnes")
        PAIR_DECLINED = "pairing.pair_declined", _("jumelage pas accepté")
        PAIR_ENDED = "pairing.pair_ended", _("jumelage terminé")
        PAIR_ASKED_AGAIN = "pairing.pair_asked_again", _("un autre pair demandé")
        # A listening line's rota (part 6) and shared leadership (part 7)
        ROTA_PUBLISHED = "pairing.rota_published", _("permanences du mois publiées")
        SHIFT_SWAPPED = "pairing.shift_swapped", _("permanence reprise par un·e autre bénévole")
        LINE_CALENDAR_RENEWED = "pairing.calendar_renewed", _("adresse d'agenda renouvelée")
        CHANGE_PROPOSED = "pairing.change_proposed", _("changement proposé par un·e bénévole")
        CHANGE_OBJECTED = "pairing.change_objected", _("objection à un changement proposé")
        CHANGE_ADOPTED = "pairing.change_adopted", _("changement adopté par les bénévoles")
        CHANGE_WITHDRAWN = "pairing.change_withdrawn", _("proposition de changement retirée")
        CHANGE_DONE = "pairing.change_done", _("changement mis en œuvre par l'équipe")

    at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fait par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concerne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.ForeignKey(
        "directory.SupportGroup",
        verbose_name=_("groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    detail = models.CharField(
        _("précision"), max_length=60, blank=True, help_text=_("Un mot-clé, jamais un contenu.")
    )

    class Meta:
        verbose_name = _("événement du journal")
        verbose_name_plural = _("journal des actions sensibles")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


# The lines that say a concern exists, for its handlers only; and those about a person's own
# carnet, which the admin does not list either.
CONCERN_ACTIONS = "concern."
CARNET_ACTIONS = "carnet."
