"""The personal API through HTTP, with a token: my groups, my next meetings, answering one;
and every way a token is refused."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.api.actions import revoke_token
from entraide.api.models import ApiToken
from entraide.api.tests.tokens import bearer, get, put, secret_for
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Answer, Meeting, MeetingSeries
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

MakeGroup = Any


def meeting_of(group: SupportGroup, days: int = 7, **fields: Any) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **fields
    )


def answer_url(group: SupportGroup, meeting: Meeting) -> str:
    return f"/api/v1/me/groups/{group.slug}/meetings/{meeting.pk}/answer"


def test_my_groups_are_those_i_am_in_with_my_role(
    client: Client, cast: Cast, make_group: MakeGroup
) -> None:
    other = make_group("Aidants Nantes")
    Membership.objects.create(
        user=cast.bob, group=other, role="facilitator", status=Membership.Status.ACTIVE
    )
    asked = make_group("Parents endeuillés")
    Membership.objects.create(user=cast.bob, group=asked, status=Membership.Status.REQUESTED)
    meeting_of(cast.group, days=3)

    bob = get(client, "/api/v1/me/groups", secret_for(cast.bob)).json()
    chloe = get(client, "/api/v1/me/groups", secret_for(cast.chloe)).json()
    dan = get(client, "/api/v1/me/groups", secret_for(cast.dan)).json()

    assert [(group["name"], group["role"]) for group in bob["results"]] == [
        ("Aidants Nantes", "facilitator"),
        ("Deuil Nantes", "member"),
    ]
    assert bob["count"] == 2 and bob["limit"] == 20 and bob["offset"] == 0
    assert bob["results"][1]["space_url"] == f"http://testserver/mes-groupes/{cast.group.slug}/"
    assert bob["results"][1]["next_meeting"] is not None
    assert [(group["name"], group["role"]) for group in chloe["results"]] == [
        ("Deuil Nantes", "observer")
    ]
    assert dan == {"count": 0, "limit": 20, "offset": 0, "results": []}


def test_my_groups_come_a_page_at_a_time(client: Client, cast: Cast, make_group: MakeGroup) -> None:
    for number in range(3):
        group = make_group(f"Groupe {number}")
        Membership.objects.create(user=cast.dan, group=group, status=Membership.Status.ACTIVE)

    page = get(client, "/api/v1/me/groups", secret_for(cast.dan), limit=2, offset=1).json()

    assert (page["count"], page["limit"], page["offset"]) == (3, 2, 1)
    assert [group["name"] for group in page["results"]] == ["Groupe 1", "Groupe 2"]


def test_my_next_meetings_are_my_groups_only_with_my_answer_and_nobody_else_s(
    client: Client, cast: Cast, make_group: MakeGroup
) -> None:
    series = MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=TU",
        starts_on=timezone.localdate(),
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
        place="8 impasse des Roses",
        online_link="https://visio.example/salle-secrete",
        venue="hybrid",
    )
    soon = meeting_of(cast.group, days=2, series=series)
    cancelled = meeting_of(cast.group, days=9, status=Meeting.Status.CANCELLED)
    meeting_of(cast.group, days=-9)
    elsewhere = meeting_of(make_group("Aidants Nantes"), days=1)
    Answer.objects.create(
        meeting=soon, user=cast.alice, response="coming", answered_at=soon.created_at
    )
    Answer.objects.create(
        meeting=soon, user=cast.bob, response="maybe", answered_at=soon.created_at
    )

    answer = get(client, "/api/v1/me/meetings", secret_for(cast.bob), "en")
    found = answer.json()

    assert answer.status_code == 200
    assert [meeting["id"] for meeting in found["results"]] == [soon.pk, cancelled.pk]
    assert elsewhere.pk not in [meeting["id"] for meeting in found["results"]]
    first = found["results"][0]
    assert first["answer"] == {"response": "maybe", "waiting": False, "position": None}
    assert first["venue"] == "hybrid" and first["answers_open"] is True
    assert first["group"]["slug"] == cast.group.slug
    assert dt.datetime.fromisoformat(first["starts_at"]).utcoffset() is not None
    assert found["results"][1]["status"] == "cancelled"
    assert found["results"][1]["answers_open"] is False
    text = answer.content.decode()
    for private in ["Alice", "alice@", "Roses", "visio.example", "salle 3"]:
        assert private not in text
    assert answer["Cache-Control"].count("no-store") == 1


def test_my_next_meetings_can_be_narrowed_to_one_group(
    client: Client, cast: Cast, make_group: MakeGroup
) -> None:
    other = make_group("Aidants Nantes")
    Membership.objects.create(user=cast.bob, group=other, status=Membership.Status.ACTIVE)
    meeting_of(cast.group, days=2)
    theirs = meeting_of(other, days=3)
    secret = secret_for(cast.bob)

    narrowed = get(client, "/api/v1/me/meetings", secret, group=other.slug).json()
    nothing = get(client, "/api/v1/me/meetings", secret, group="pas-le-mien").json()

    assert [meeting["id"] for meeting in narrowed["results"]] == [theirs.pk]
    assert nothing["count"] == 0


def test_a_member_answers_a_meeting_through_the_meeting_s_own_rules(
    client: Client, cast: Cast
) -> None:
    meeting = meeting_of(cast.group, capacity=1)
    Answer.objects.create(
        meeting=meeting, user=cast.alice, response="coming", answered_at=timezone.now()
    )

    bob = put(client, answer_url(cast.group, meeting), secret_for(cast.bob), {"response": "coming"})
    chloe = client.post(
        answer_url(cast.group, meeting),
        {"response": "not_coming"},
        content_type="application/json",
        **bearer(secret_for(cast.chloe)),
    )

    # The meeting is full: Bob waits, first in line, as the meeting's page would say.
    assert bob.status_code == 200
    assert bob.json() == {"response": "coming", "waiting": True, "position": 1}
    assert chloe.status_code == 200
    assert Answer.objects.get(meeting=meeting, user=cast.chloe).response == "not_coming"


def test_a_read_only_token_cannot_answer(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast.group)

    refused = put(
        client,
        answer_url(cast.group, meeting),
        secret_for(cast.bob, ApiToken.Scope.READ),
        {"response": "coming"},
    )

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "insufficient_scope"
    assert "permet seulement de lire" in refused.json()["error"]["message"]
    assert not Answer.objects.filter(meeting=meeting).exists()


def test_a_stranger_or_another_group_s_meeting_is_a_404(
    client: Client, cast: Cast, make_group: MakeGroup
) -> None:
    meeting = meeting_of(cast.group)
    elsewhere = meeting_of(make_group("Aidants Nantes"))

    dan = put(client, answer_url(cast.group, meeting), secret_for(cast.dan), {"response": "maybe"})
    wrong_group = put(
        client, answer_url(cast.group, elsewhere), secret_for(cast.bob), {"response": "maybe"}
    )

    assert dan.status_code == wrong_group.status_code == 404
    assert dan.json()["error"]["code"] == "not_found"
    assert not Answer.objects.exists()


def test_a_past_or_cancelled_meeting_refuses_the_answer_in_words(
    client: Client, cast: Cast
) -> None:
    past = meeting_of(cast.group, days=-3)
    cancelled = meeting_of(cast.group, status=Meeting.Status.CANCELLED)
    secret = secret_for(cast.bob)

    late = put(client, answer_url(cast.group, past), secret, {"response": "coming"}, "en")
    off = put(client, answer_url(cast.group, cancelled), secret, {"response": "coming"})

    assert late.status_code == off.status_code == 409
    assert late.json()["error"]["code"] == "refused"
    assert "already started or is over" in late.json()["error"]["message"]
    assert "annulée" in off.json()["error"]["message"]


def test_an_answer_that_is_not_one_is_a_400(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast.group)

    wrong = put(client, answer_url(cast.group, meeting), secret_for(cast.bob), {"response": "oui"})

    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "invalid_parameter"


def test_a_get_on_the_answer_is_a_405_that_names_the_methods(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast.group)

    answer = get(client, answer_url(cast.group, meeting), secret_for(cast.bob))

    assert answer.status_code == 405
    assert answer.json()["error"]["code"] == "method_not_allowed"
    assert set(answer["Allow"].replace(" ", "").split(",")) == {"PUT", "POST"}


def test_a_script_needs_no_csrf_token_to_answer(cast: Cast) -> None:
    meeting = meeting_of(cast.group)
    strict = Client(enforce_csrf_checks=True)

    answer = put(
        strict, answer_url(cast.group, meeting), secret_for(cast.bob), {"response": "maybe"}
    )

    assert answer.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer ent_pas-un-vrai-jeton"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic Ym9iOnNlY3JldA=="},
        {"Authorization": "Bearer " + "x" * 5000},
    ],
)
def test_without_a_valid_token_it_is_a_401_in_the_one_shape(
    client: Client, cast: Cast, headers: dict[str, str]
) -> None:
    answer = client.get("/api/v1/me/groups", headers=headers)

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert answer.json()["error"]["code"] == "unauthorized"
    assert "Il faut un jeton valide" in answer.json()["error"]["message"]


def test_a_revoked_an_expired_or_a_departed_person_s_token_no_longer_works(
    client: Client, cast: Cast
) -> None:
    revoked = secret_for(cast.bob)
    revoke_token(ApiToken.objects.get(user=cast.bob))
    expired = secret_for(cast.bob, expires_at=timezone.now() - dt.timedelta(seconds=1))
    still = secret_for(cast.bob, expires_at=timezone.now() + dt.timedelta(days=1))
    inactive = secret_for(cast.alice)
    User.objects.filter(pk=cast.alice.pk).update(is_active=False)

    assert get(client, "/api/v1/me/groups", revoked).status_code == 401
    assert get(client, "/api/v1/me/groups", expired).status_code == 401
    assert get(client, "/api/v1/me/groups", inactive).status_code == 401
    assert get(client, "/api/v1/me/groups", still).status_code == 200


def test_a_session_alone_opens_nothing_here(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    assert client.get("/api/v1/me/groups").status_code == 401


def test_a_token_of_someone_else_answers_for_them_not_for_the_session(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    found = get(client, "/api/v1/me/groups", secret_for(cast.dan)).json()

    assert found["count"] == 0


def test_the_last_use_is_remembered(client: Client, cast: Cast) -> None:
    secret = secret_for(cast.bob)
    assert ApiToken.objects.get().last_used_at is None

    get(client, "/api/v1/me/groups", secret)

    used = ApiToken.objects.get().last_used_at
    assert used is not None and timezone.now() - used < dt.timedelta(minutes=1)


def test_a_token_asking_too_often_is_held_back_with_a_429(
    client: Client, cast: Cast, settings: Any
) -> None:
    settings.API_TOKEN_RATE_LIMIT_PER_MINUTE = 2
    busy = secret_for(cast.bob)
    other = secret_for(cast.bob, name="Un autre outil")

    answers = [get(client, "/api/v1/me/groups", busy, "en") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == "60"
    assert answers[2].json()["error"]["code"] == "too_many_requests"
    assert "Try again in a minute" in answers[2].json()["error"]["message"]
    # From the same address, another token still has its own count.
    assert get(client, "/api/v1/me/groups", other).status_code == 200


def test_the_limit_per_address_holds_tokens_too(client: Client, cast: Cast, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    secrets = [secret_for(cast.bob, name=f"Outil {number}") for number in range(3)]

    answers = [get(client, "/api/v1/me/groups", secret) for secret in secrets]

    assert [answer.status_code for answer in answers] == [200, 200, 429]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/me/groups"),
        ("get", "/api/v1/me/meetings"),
        ("put", "/api/v1/me/groups/{slug}/meetings/{meeting}/answer"),
        ("post", "/api/v1/me/groups/{slug}/meetings/{meeting}/answer"),
        ("get", "/api/v1/organisations/centre-nantes/board"),
        ("get", "/api/v1/organisations/centre-nantes/report"),
    ],
)
def test_every_address_with_a_token_refuses_a_missing_wrong_revoked_or_expired_one(
    client: Client, cast: Cast, coralie: User, method: str, path: str
) -> None:
    url = path.format(slug=cast.group.slug, meeting=meeting_of(cast.group).pk)
    revoked = secret_for(cast.bob)
    revoke_token(ApiToken.objects.get(user=cast.bob))
    expired = secret_for(coralie, expires_at=timezone.now() - dt.timedelta(minutes=1))
    headers = [
        {},
        {"Authorization": "Bearer ent_pas-un-vrai-jeton"},
        {"Authorization": f"Bearer {revoked}"},
        {"Authorization": f"Bearer {expired}"},
    ]

    for sent in headers:
        answer = getattr(client, method)(
            url, {"response": "maybe"}, content_type="application/json", headers=sent
        )
        assert answer.status_code == 401, sent
        assert answer.json()["error"]["code"] == "unauthorized"
    assert not Answer.objects.exists()
