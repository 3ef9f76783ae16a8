"""The meetings' pages, for each role: who sees them, who sees the place, who changes them."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.meetings.models import Meeting, Presence, RoleKind, RoleVolunteer
from entraide.meetings.series import actions
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

PLACE = "Maison des associations, salle 3"


def plan(cast: Cast, **changes: Any) -> list[Meeting]:
    fields: dict[str, Any] = {
        "rhythm": "monthly_weekday",
        "weekday": 1,
        "nth": 1,
        "day": None,
        "starts_on": timezone.localdate(),
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20, 0),
        "venue": "hybrid",
        "place": PLACE,
        "online_link": "https://visio.example/deuil-nantes",
        "capacity": None,
    }
    fields.update(changes)
    alice = Membership.objects.get(group=cast.group, user=cast.alice)
    actions.save_series(cast.group, fields, by=alice)
    return list(Meeting.objects.order_by("starts_at"))


def urls(cast: Cast, meeting: Meeting) -> dict[str, str]:
    group = f"/mes-groupes/{cast.group.slug}/rencontres/"
    return {
        "list": group,
        "series": group + "rythme/",
        "add": group + "ajouter/",
        "detail": f"{group}{meeting.pk}/",
        "edit": f"{group}{meeting.pk}/modifier/",
        "host": f"{group}{meeting.pk}/accueil/",
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "alice",
            {"list": 200, "series": 200, "add": 200, "detail": 200, "edit": 200, "host": 405},
        ),
        ("bob", {"list": 200, "series": 404, "add": 404, "detail": 200, "edit": 404, "host": 405}),
        (
            "chloe",
            {"list": 200, "series": 404, "add": 404, "detail": 200, "edit": 404, "host": 405},
        ),
        ("dan", {"list": 404, "series": 404, "add": 404, "detail": 404, "edit": 404, "host": 405}),
    ],
)
def test_each_role_gets_the_pages_it_should_and_a_404_otherwise(
    client: Client, cast: Cast, who: str, expected: dict[str, int]
) -> None:
    meeting = plan(cast)[0]
    client.force_login(getattr(cast, who))

    got = {name: client.get(url).status_code for name, url in urls(cast, meeting).items()}

    assert got == expected


def test_someone_who_only_asked_to_join_gets_404_everywhere(client: Client, cast: Cast) -> None:
    meeting = plan(cast)[0]
    Membership.objects.create(user=cast.dan, group=cast.group)
    client.force_login(cast.dan)

    pages = urls(cast, meeting)
    host = pages.pop("host")

    assert {client.get(url).status_code for url in pages.values()} == {404}
    assert client.post(host, {"what": "suggest"}).status_code == 404


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast) -> None:
    meeting = plan(cast)[0]

    response = client.get(urls(cast, meeting)["detail"])

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_bob_cannot_change_a_meeting_nor_the_rhythm(client: Client, cast: Cast) -> None:
    meeting = plan(cast)[0]
    client.force_login(cast.bob)
    pages = urls(cast, meeting)

    cancel = client.post(pages["edit"], {"what": "cancel"})
    rhythm = client.post(pages["series"], {"rhythm": "weekly", "weekday": "0"})
    suggest = client.post(pages["host"], {"what": "suggest"})

    assert (cancel.status_code, rhythm.status_code, suggest.status_code) == (404, 404, 404)
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_bob_sees_the_place_and_the_link_dan_sees_nothing(client: Client, cast: Cast) -> None:
    meeting = plan(cast)[0]
    client.force_login(cast.bob)

    page = client.get(urls(cast, meeting)["detail"]).content.decode()
    listing = client.get(urls(cast, meeting)["list"]).content.decode()

    assert PLACE in page and "https://visio.example/deuil-nantes" in page
    assert PLACE in listing
    assert "Venez-vous ?" in page
    client.force_login(cast.dan)
    assert PLACE not in client.get(urls(cast, meeting)["detail"]).content.decode()


def test_chloe_sees_the_place_for_her_first_meeting_only(client: Client, cast: Cast) -> None:
    first, second = plan(cast)[:2]
    client.force_login(cast.chloe)

    before = client.get(urls(cast, second)["detail"]).content.decode()
    Presence.objects.create(meeting=first, user=cast.chloe, present=True)
    after = client.get(urls(cast, second)["detail"]).content.decode()
    first_page = client.get(urls(cast, first)["detail"]).content.decode()

    assert PLACE in before
    assert PLACE not in after and "https://visio.example" not in after
    assert "L'adresse et le lien sont pour les membres du groupe." in after
    assert PLACE in first_page


def test_the_list_strikes_a_cancelled_meeting_and_shows_the_group_s_hours(
    client: Client, cast: Cast
) -> None:
    first = plan(cast)[0]
    Meeting.objects.filter(pk=first.pk).update(status="cancelled")
    client.force_login(cast.bob)

    page = client.get(urls(cast, first)["list"]).content.decode()

    assert "<s>" in page and "annulée" in page
    assert "18:30–20:00" in page
    assert "Europe/Paris" in page
    assert "Modifier, déplacer ou annuler" not in page


def test_alice_sees_the_links_to_change_the_meetings(client: Client, cast: Cast) -> None:
    first = plan(cast)[0]
    client.force_login(cast.alice)

    listing = client.get(urls(cast, first)["list"]).content.decode()
    detail = client.get(urls(cast, first)["detail"]).content.decode()

    assert urls(cast, first)["series"] in listing and urls(cast, first)["add"] in listing
    assert urls(cast, first)["edit"] in listing and urls(cast, first)["edit"] in detail


def test_the_last_three_past_meetings_are_listed(client: Client, cast: Cast) -> None:
    now = timezone.now()
    for weeks in range(1, 6):
        start = now - dt.timedelta(weeks=weeks)
        Meeting.objects.create(
            group=cast.group, starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )
    client.force_login(cast.bob)

    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/").content.decode()

    assert "Les dernières rencontres" in page
    assert page.count('class="card"') == 3


def test_the_series_form_starts_from_what_the_directory_says(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)

    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/rythme/").content.decode()

    assert re.search(r'value="monthly_weekday"[^>]* checked', page)
    assert PLACE in page
    assert 'value="18:30"' in page


def test_the_space_shows_the_next_meeting_and_links_to_the_meetings(
    client: Client, cast: Cast
) -> None:
    first = plan(cast)[0]
    client.force_login(cast.bob)

    page = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()

    local = first.starts_at.astimezone(cast.group.time_zone)
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/" in page
    assert f"/mes-groupes/{cast.group.slug}/rencontres/" in page
    assert local.strftime("%H:%M") in page


def test_only_the_person_asked_or_a_facilitator_posts_about_hosting(
    client: Client, cast: Cast
) -> None:
    RoleVolunteer.objects.create(group=cast.group, user=cast.bob, role=RoleKind.HOST)
    meeting = plan(cast, venue="rotation", place="", online_link="")[0]
    assert meeting.host == cast.bob
    url = urls(cast, meeting)["host"]
    got = {}
    for who in ("chloe", "dan"):
        client.force_login(getattr(cast, who))
        got[who] = client.post(url, {"what": "suggest"}).status_code
    client.force_login(cast.alice)
    got["alice"] = client.post(url, {"what": "confirm", "address": "Chez Alice"}).status_code
    got["alice-nothing"] = client.post(url, {}).status_code
    page = client.get(urls(cast, meeting)["detail"]).content.decode()

    assert got == {"chloe": 404, "dan": 404, "alice": 404, "alice-nothing": 400}
    assert "Solliciter" in page and "Bob" in page
    meeting.refresh_from_db()
    assert (meeting.host, meeting.host_confirmed, meeting.place) == (cast.bob, False, "")
