"""Shared roles (seed 004): members opt in, the app suggests a fair rotation, the facilitators
assign, and nobody is ever given a role they did not offer to take."""

import datetime as dt
import html

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.meetings.models import Meeting, RoleAssignment, RoleKind, RoleVolunteer
from entraide.meetings.roles import actions as roles
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def meeting(cast: Cast, days: int) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def member(cast: Cast, name: str) -> User:
    person = User.objects.create_user(
        f"{name.lower()}@example.org", PASSWORD, display_name=name, preferred_language="fr"
    )
    Membership.objects.create(
        user=person, group=cast.group, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    return person


def offers(cast: Cast, role: str, *people: User) -> None:
    for person in people:
        RoleVolunteer.objects.create(group=cast.group, user=person, role=role)


def roles_url(cast: Cast, found: Meeting) -> str:
    return f"/mes-groupes/{cast.group.slug}/rencontres/{found.pk}/roles/"


def test_bob_opts_in_to_timekeeping_and_out_again(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)
    url = f"/mes-groupes/{cast.group.slug}/roles/"

    client.post(url, {"roles": ["timekeeping", "welcome"]})
    chosen = set(RoleVolunteer.objects.filter(user=cast.bob).values_list("role", flat=True))
    client.post(url, {"roles": ["welcome"]})

    assert chosen == {"timekeeping", "welcome"}
    assert list(RoleVolunteer.objects.filter(user=cast.bob).values_list("role", flat=True)) == [
        "welcome"
    ]


def test_an_unknown_role_is_refused_with_a_message(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    response = client.post(f"/mes-groupes/{cast.group.slug}/roles/", {"roles": ["king"]})

    assert response.status_code == 200
    assert "Ce rôle n'existe pas." in html.unescape(response.content.decode())
    assert not RoleVolunteer.objects.exists()


def test_observers_and_strangers_cannot_offer_to_take_roles(client: Client, cast: Cast) -> None:
    for person in (cast.chloe, cast.dan):
        client.force_login(person)
        url = f"/mes-groupes/{cast.group.slug}/roles/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"roles": ["welcome"]}).status_code == 404
    assert not RoleVolunteer.objects.exists()


def test_whoever_never_served_is_suggested_first_then_the_least_recent(cast: Cast) -> None:
    emma, farid = member(cast, "Emma"), member(cast, "Farid")
    offers(cast, RoleKind.TIMEKEEPING, cast.bob, emma, farid)
    long_ago, last_month, coming = meeting(cast, -60), meeting(cast, -30), meeting(cast, 5)
    RoleAssignment.objects.create(meeting=long_ago, role=RoleKind.TIMEKEEPING, user=cast.bob)
    RoleAssignment.objects.create(meeting=last_month, role=RoleKind.TIMEKEEPING, user=emma)

    first = roles.suggest_rotation(coming)[RoleKind.TIMEKEEPING]
    RoleAssignment.objects.create(meeting=last_month, role=RoleKind.WELCOME, user=farid)
    RoleAssignment.objects.create(meeting=meeting(cast, -10), role=RoleKind.TIMEKEEPING, user=farid)
    second = roles.suggest_rotation(coming)[RoleKind.TIMEKEEPING]

    assert first == farid
    assert second == cast.bob


def test_ties_among_people_who_never_served_go_by_name(cast: Cast) -> None:
    zoe, anna = member(cast, "Zoé"), member(cast, "Anna")
    offers(cast, RoleKind.LOGISTICS, zoe, cast.bob, anna)

    assert roles.suggest_rotation(meeting(cast, 3))[RoleKind.LOGISTICS] == anna


def test_nobody_who_did_not_opt_in_is_suggested(cast: Cast) -> None:
    offers(cast, RoleKind.WELCOME, cast.bob)
    # Chloé offered but is an observer: she came to listen first.
    offers(cast, RoleKind.FACILITATION, cast.chloe)

    suggestion = roles.suggest_rotation(meeting(cast, 3))

    assert suggestion[RoleKind.WELCOME] == cast.bob
    assert suggestion[RoleKind.FACILITATION] is None
    assert suggestion[RoleKind.TIMEKEEPING] is None


def test_alice_sees_the_suggestion_and_assigns_the_roles(client: Client, cast: Cast) -> None:
    offers(cast, RoleKind.TIMEKEEPING, cast.bob)
    coming = meeting(cast, 5)
    client.force_login(cast.alice)

    page = client.get(roles_url(cast, coming)).content.decode()
    response = client.post(roles_url(cast, coming), {"timekeeping": str(cast.bob.pk)})

    assert f'<option value="{cast.bob.pk}" selected>Bob</option>' in page
    assert response.status_code == 302
    assert RoleAssignment.objects.get(meeting=coming).user == cast.bob


def test_a_post_giving_a_role_to_someone_who_did_not_offer_is_refused(
    client: Client, cast: Cast
) -> None:
    offers(cast, RoleKind.TIMEKEEPING, cast.bob)
    coming = meeting(cast, 5)
    client.force_login(cast.alice)

    response = client.post(roles_url(cast, coming), {"welcome": str(cast.bob.pk)})

    assert response.status_code == 200
    assert "ne s'est pas proposée pour ce rôle" in html.unescape(response.content.decode())
    assert not RoleAssignment.objects.exists()


def test_the_action_itself_refuses_a_non_volunteer(cast: Cast) -> None:
    coming = meeting(cast, 5)
    alice = Membership.objects.get(user=cast.alice)

    with pytest.raises(Refused):
        roles.assign_roles(coming, {RoleKind.WELCOME: cast.bob}, by=alice)

    assert not RoleAssignment.objects.exists()


def test_everyone_in_the_group_sees_who_does_what(client: Client, cast: Cast) -> None:
    offers(cast, RoleKind.WELCOME, cast.bob)
    coming = meeting(cast, 5)
    RoleAssignment.objects.create(meeting=coming, role=RoleKind.WELCOME, user=cast.bob)

    pages = {}
    for person in (cast.alice, cast.bob, cast.chloe):
        client.force_login(person)
        pages[person.display_name] = client.get(roles_url(cast, coming))
    client.force_login(cast.bob)
    volunteer_page = client.get(f"/mes-groupes/{cast.group.slug}/roles/").content.decode()

    for response in pages.values():
        assert response.status_code == 200
        assert "Accueil des nouvelles personnes" in response.content.decode()
        assert "Bob" in response.content.decode()
    assert "Attribuer les rôles" in pages["Alice"].content.decode()
    assert "Attribuer les rôles" not in pages["Bob"].content.decode()
    assert "À la prochaine rencontre" in volunteer_page and "Bob" in volunteer_page


def test_only_facilitators_assign_roles(client: Client, cast: Cast) -> None:
    offers(cast, RoleKind.WELCOME, cast.bob)
    coming = meeting(cast, 5)

    for person in (cast.bob, cast.chloe):
        client.force_login(person)
        response = client.post(roles_url(cast, coming), {"welcome": str(cast.bob.pk)})
        assert response.status_code == 404
    assert not RoleAssignment.objects.exists()


def test_a_stranger_gets_404_and_a_visitor_is_asked_to_log_in(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 5)

    anonymous = client.get(roles_url(cast, coming))
    client.force_login(cast.dan)

    assert anonymous.status_code == 302
    assert client.get(roles_url(cast, coming)).status_code == 404


def test_bob_offers_to_host_a_meeting_at_home_but_it_is_not_a_meeting_role(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/roles/", {"roles": ["host", "timekeeping"]})

    offered = set(RoleVolunteer.objects.filter(user=cast.bob).values_list("role", flat=True))
    assert offered == {"host", "timekeeping"}
    assert "host" not in roles.ROTATING_ROLES


# --- One person, one role, as far as the volunteers allow ------------------------------------

THREE = (RoleKind.FACILITATION, RoleKind.TIMEKEEPING, RoleKind.WELCOME)


def test_the_roles_of_one_meeting_go_to_different_people_first(cast: Cast) -> None:
    emma, farid = member(cast, "Emma"), member(cast, "Farid")
    for role in THREE:
        offers(cast, role, cast.bob, emma, farid)

    suggestion = roles.suggest_rotation(meeting(cast, 3))

    assert len({suggestion[role] for role in THREE}) == 3


def test_a_role_only_one_person_offered_goes_to_them_and_the_others_elsewhere(
    cast: Cast,
) -> None:
    emma = member(cast, "Emma")
    # Bob, first by name and never served, would take both; Emma can only facilitate... and
    # timekeeping has only Bob.
    offers(cast, RoleKind.FACILITATION, cast.bob, emma)
    offers(cast, RoleKind.TIMEKEEPING, cast.bob)

    suggestion = roles.suggest_rotation(meeting(cast, 3))

    assert suggestion[RoleKind.TIMEKEEPING] == cast.bob
    assert suggestion[RoleKind.FACILITATION] == emma


def test_with_fewer_volunteers_than_roles_someone_takes_two_rather_than_none(
    cast: Cast,
) -> None:
    for role in THREE:
        offers(cast, role, cast.bob)
    offers(cast, RoleKind.WELCOME, cast.alice)

    suggestion = roles.suggest_rotation(meeting(cast, 3))

    assert suggestion[RoleKind.WELCOME] == cast.alice
    assert suggestion[RoleKind.FACILITATION] == suggestion[RoleKind.TIMEKEEPING] == cast.bob


def test_then_the_roles_rotate_from_one_meeting_to_the_next(cast: Cast) -> None:
    emma, farid = member(cast, "Emma"), member(cast, "Farid")
    for role in THREE:
        offers(cast, role, cast.bob, emma, farid)
    alice = Membership.objects.get(user=cast.alice)
    served: list[dict[str, User | None]] = []

    for days in (7, 14, 21):
        coming = meeting(cast, days)
        suggestion = roles.suggest_rotation(coming)
        roles.assign_roles(coming, {role: suggestion[role] for role in THREE}, by=alice)
        served.append({role: suggestion[role] for role in THREE})

    for each in served:
        assert len(set(each.values())) == 3
    for role in THREE:
        assert {each[role] for each in served} == {cast.bob, emma, farid}


def test_a_role_already_given_at_this_meeting_keeps_its_person_out_of_the_others(
    cast: Cast,
) -> None:
    emma = member(cast, "Emma")
    for role in (RoleKind.FACILITATION, RoleKind.TIMEKEEPING):
        offers(cast, role, cast.bob, emma)
    coming = meeting(cast, 3)
    RoleAssignment.objects.create(meeting=coming, role=RoleKind.FACILITATION, user=emma)

    suggestion = roles.suggest_rotation(coming)

    assert suggestion[RoleKind.FACILITATION] == emma
    assert suggestion[RoleKind.TIMEKEEPING] == cast.bob
