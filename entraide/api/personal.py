"""The personal part of the API, with a token: my groups, my next meetings, answering one.

Everything goes through the apps' own access and actions, for the token's person: the groups
are those « Mes groupes » lists (active in a published group), a meeting is reached by
`meetings.access.meeting_for` and answered by `meetings.answers.actions.answer`, the very
function the meeting's page calls, waiting list and all. Nothing about the other members
leaves, nor a meeting's place or link: a token sits in scripts and tools, more easily copied
than a session, and the place of a group is its members' secret (DESIGN.md).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router
from ninja.params.functions import Query

from entraide.accounts.access import signed_in
from entraide.api.auth import PersonalToken, WritingToken
from entraide.api.errors import ApiError
from entraide.api.public import Limit, Offset
from entraide.api.schemas import AnswerIn, Error, MyAnswer, MyGroupList, MyMeetingList
from entraide.lib.refusals import Refused
from entraide.meetings import access as meetings_access
from entraide.meetings.answers import actions as answers
from entraide.meetings.display import next_meeting, venue_of
from entraide.meetings.models import Answer, Meeting
from entraide.membership.models import Membership

router = Router(tags=["personal"], auth=PersonalToken())

AUTH_ERRORS: dict[int, type[Error]] = {401: Error, 429: Error}


def my_memberships(request: HttpRequest) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=signed_in(request), status=Membership.Status.ACTIVE, group__is_published=True
    )


def answer_data(given: Answer | None) -> dict[str, Any] | None:
    if given is None:
        return None
    return {
        "response": given.response,
        "waiting": given.waiting,
        "position": answers.waiting_position(given),
    }


@router.get(
    "/me/groups", response={200: MyGroupList, 400: Error, **AUTH_ERRORS}, url_name="my_groups"
)
def my_groups(request: HttpRequest, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    """The groups I am in (as an observer, a member or a facilitator), by name, each with its
    next meeting, as « Mes groupes » shows them."""
    found = my_memberships(request).select_related("group").order_by("group__name", "pk")
    return {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "results": [
            {
                "slug": mine.group.slug,
                "name": mine.group.name,
                "role": mine.role,
                "url": request.build_absolute_uri(mine.group.get_absolute_url()),
                "space_url": request.build_absolute_uri(
                    reverse("pages:group_space", args=[mine.group.slug])
                ),
                "next_meeting": next_meeting(mine.group),
            }
            for mine in found[offset : offset + limit]
        ],
    }


@router.get(
    "/me/meetings",
    response={200: MyMeetingList, 400: Error, **AUTH_ERRORS},
    url_name="my_meetings",
)
def my_meetings(
    request: HttpRequest,
    group: str = Query("", max_length=200, description="Only this group's (its slug)."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """The coming meetings of my groups (and those under way), soonest first, with my answer;
    cancelled ones too, marked so."""
    now = timezone.now()
    groups = my_memberships(request)
    if group:
        groups = groups.filter(group__slug=group)
    found = (
        Meeting.objects.filter(group_id__in=groups.values("group_id"), ends_at__gte=now)
        .select_related("group", "series")
        .order_by("starts_at", "pk")
    )
    page = list(found[offset : offset + limit])
    mine = {
        given.meeting_id: given
        for given in Answer.objects.filter(user=signed_in(request), meeting__in=page)
    }
    return {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "results": [
            {
                "id": meeting.pk,
                "group": {
                    "slug": meeting.group.slug,
                    "name": meeting.group.name,
                    "url": request.build_absolute_uri(meeting.group.get_absolute_url()),
                },
                "title": meeting.title,
                "starts_at": meeting.starts_at.astimezone(meeting.group.time_zone),
                "ends_at": meeting.ends_at.astimezone(meeting.group.time_zone),
                "status": meeting.status,
                "venue": venue_of(meeting),
                "url": request.build_absolute_uri(
                    reverse("meetings:detail", args=[meeting.group.slug, meeting.pk])
                ),
                "answer": answer_data(mine.get(meeting.pk)),
                "answers_open": not meeting.is_cancelled and meeting.starts_at > now,
            }
            for meeting in page
        ],
    }


@router.api_operation(
    ["PUT", "POST"],
    "/me/groups/{slug}/meetings/{meeting_id}/answer",
    response={200: MyAnswer, 400: Error, 403: Error, 404: Error, 409: Error, **AUTH_ERRORS},
    url_name="answer",
    auth=WritingToken(),
)
def answer(request: HttpRequest, slug: str, meeting_id: int, data: AnswerIn) -> dict[str, Any]:
    """Say whether I come to a meeting of my group: coming, maybe or not coming. The token
    must allow writing (403 otherwise). A full meeting puts a « coming » on its waiting list;
    a cancelled or past one refuses the answer (409)."""
    meeting, _mine = meetings_access.meeting_for(request, slug, meeting_id)
    try:
        given = answers.answer(meeting, signed_in(request), data.response)
    except Refused as refusal:
        raise ApiError(409, "refused", str(refusal.message)) from None
    result = answer_data(given)
    assert result is not None
    return result
