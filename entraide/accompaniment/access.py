"""How views reach what an organisation accompanies: the only way, with one answer for "no".

Who sees what:
- the coordinators of an organisation see every group it accompanies (the group names it as
  its organisation) and every project that asked it to accompany them, whether the request
  is waiting, accepted or declined. They read the motivation interview, their own
  organisation's notes, the support requests and the reviews, never the group's private side
  (member list, meeting place). An organisation admin who is not a coordinator sees none of it;
- the active members and facilitators of a group that has an organisation ask it for support;
  the members and facilitators of any group answer its review rounds and read their results
  (figures and texts from five answers on), its facilitators choose the rhythm and read what
  newcomers said on joining (the same rule); observers come to listen first and answer only
  the questionnaire offered when they joined;
- an organisation's coordinators and admins keep its questionnaires and read, from five
  answers on, what its groups answered.

Anyone else gets the same 404 as for a page that does not exist.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from entraide.accompaniment.models import Offer, Question, Questionnaire, Review, SupportRequest
from entraide.directory.models import SupportGroup, Theme
from entraide.founding.models import Initiative
from entraide.membership.access import facilitation, own_membership
from entraide.membership.models import Membership
from entraide.organisations.access import organisation_for, roles_of
from entraide.organisations.models import Organisation, OrganisationRole

# The states of a request an asked organisation keeps seeing; "none" means it was withdrawn.
ASKED = (
    Initiative.Accompaniment.REQUESTED,
    Initiative.Accompaniment.ACCEPTED,
    Initiative.Accompaniment.DECLINED,
)


@dataclass
class Accompanied:
    """A group seen from an organisation that accompanies it, or was asked to."""

    organisation: Organisation
    group: SupportGroup
    initiative: Initiative | None

    @property
    def was_asked(self) -> bool:
        """Whether the project's request names this organisation (it may answer it)."""
        return (
            self.initiative is not None
            and self.initiative.organisation_id == self.organisation.pk
            and self.initiative.accompaniment in ASKED
        )

    @property
    def is_waiting(self) -> bool:
        return (
            self.was_asked
            and self.initiative is not None
            and (self.initiative.accompaniment == Initiative.Accompaniment.REQUESTED)
        )


def coordination(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I coordinate there; 404 otherwise (an admin alone is not enough)."""
    return organisation_for(request, slug, OrganisationRole.Role.COORDINATOR)


def coordinates(request: HttpRequest, organisation: Organisation) -> bool:
    """Whether I coordinate there (an admin keeps the offers, but reaches no group's page)."""
    return OrganisationRole.Role.COORDINATOR in roles_of(request.user, organisation)


def accompanied_groups(organisation: Organisation) -> QuerySet[SupportGroup]:
    """Every group the organisation accompanies or was asked to accompany."""
    return SupportGroup.objects.filter(
        Q(organisation=organisation)
        | Q(initiative__organisation=organisation, initiative__accompaniment__in=ASKED)
    )


def group_for_coordinator(request: HttpRequest, org_slug: str, group_slug: str) -> Accompanied:
    """A group my organisation accompanies or was asked to; 404 otherwise."""
    organisation = coordination(request, org_slug)
    try:
        group = accompanied_groups(organisation).get(slug=group_slug)
    except SupportGroup.DoesNotExist:
        raise Http404 from None
    initiative = Initiative.objects.filter(group=group).select_related("initiator").first()
    if initiative is not None:
        initiative.group = group
    return Accompanied(organisation, group, initiative)


def request_to_answer(
    request: HttpRequest, org_slug: str, group_slug: str
) -> tuple[Accompanied, Initiative]:
    """A project whose request names my organisation, to propose a slot, accept or decline."""
    found = group_for_coordinator(request, org_slug, group_slug)
    if not found.was_asked or found.initiative is None:
        raise Http404
    return found, found.initiative


def support_request_for_coordinator(
    request: HttpRequest, org_slug: str, group_slug: str, request_id: int
) -> tuple[Accompanied, SupportRequest]:
    found = group_for_coordinator(request, org_slug, group_slug)
    try:
        support = SupportRequest.objects.get(pk=request_id, group=found.group)
    except SupportRequest.DoesNotExist:
        raise Http404 from None
    support.group = found.group
    return found, support


def review_for_coordinator(
    request: HttpRequest, org_slug: str, group_slug: str, review_id: int
) -> tuple[Accompanied, Review]:
    found = group_for_coordinator(request, org_slug, group_slug)
    try:
        review = Review.objects.get(pk=review_id, group=found.group)
    except Review.DoesNotExist:
        raise Http404 from None
    review.group = found.group
    return found, review


def membership_with_organisation(request: HttpRequest, slug: str) -> Membership:
    """My membership (member or facilitator) of a group that has an organisation; 404
    otherwise, for observers too."""
    mine = own_membership(request, slug)
    if mine.role == Membership.Role.OBSERVER or mine.group.organisation_id is None:
        raise Http404
    return mine


def proposed_theme_for_coordinator(
    request: HttpRequest, org_slug: str, theme_id: int
) -> tuple[Organisation, Theme]:
    """A theme waiting for acceptance, proposed for a group my organisation accompanies or was
    asked to; 404 otherwise."""
    organisation = coordination(request, org_slug)
    try:
        theme = Theme.objects.get(
            pk=theme_id,
            is_accepted=False,
            proposed_for__in=accompanied_groups(organisation),
        )
    except Theme.DoesNotExist:
        raise Http404 from None
    return organisation, theme


def proposed_themes(organisation: Organisation) -> QuerySet[Theme]:
    """The themes waiting for acceptance in the groups this organisation accompanies or was
    asked to."""
    return (
        Theme.objects.filter(is_accepted=False, proposed_for__in=accompanied_groups(organisation))
        .select_related("proposed_for")
        .order_by("name_fr")
    )


def offer_keepers(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I coordinate or administer it: both keep what it lends its groups
    (answering a group's request stays with the coordinators, who accompany it); 404 otherwise."""
    return organisation_for(
        request, slug, OrganisationRole.Role.COORDINATOR, OrganisationRole.Role.ADMIN
    )


def offer_for_keeper(
    request: HttpRequest, org_slug: str, offer_id: int
) -> tuple[Organisation, Offer]:
    """One of my organisation's offers, if I coordinate or administer it; 404 otherwise."""
    organisation = offer_keepers(request, org_slug)
    try:
        return organisation, organisation.group_offers.get(pk=offer_id)
    except Offer.DoesNotExist:
        raise Http404 from None


def round_member(request: HttpRequest, slug: str) -> Membership:
    """My membership as a member or facilitator, who answer the group's review rounds."""
    mine = own_membership(request, slug)
    if mine.role == Membership.Role.OBSERVER:
        raise Http404
    return mine


def rhythm_keeper(request: HttpRequest, slug: str) -> Membership:
    """My membership as a facilitator, who choose the rhythm of the review rounds."""
    return facilitation(request, slug)


def questionnaire_keepers(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I coordinate or administer it; 404 otherwise."""
    return organisation_for(
        request, slug, OrganisationRole.Role.COORDINATOR, OrganisationRole.Role.ADMIN
    )


def questionnaire_for_keeper(
    request: HttpRequest, slug: str, questionnaire_id: int
) -> Questionnaire:
    """One of my organisation's questionnaires; 404 otherwise (the site's own too)."""
    organisation = questionnaire_keepers(request, slug)
    try:
        return organisation.questionnaires.get(pk=questionnaire_id)
    except Questionnaire.DoesNotExist:
        raise Http404 from None


def question_for_keeper(
    request: HttpRequest, slug: str, questionnaire_id: int, question_id: int
) -> Question:
    """A question still asked by one of my organisation's questionnaires; 404 otherwise."""
    questionnaire = questionnaire_for_keeper(request, slug, questionnaire_id)
    try:
        question = questionnaire.current_questions().get(pk=question_id)
    except Question.DoesNotExist:
        raise Http404 from None
    question.questionnaire = questionnaire
    return question


def in_the_group(request: HttpRequest, slug: str) -> Membership:
    """My active membership, observer too: the questionnaire offered on joining is for all."""
    return own_membership(request, slug)
