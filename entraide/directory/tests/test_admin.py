"""Staff manage organisations, themes and groups in the Django admin."""

from collections.abc import Callable

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup, Theme
from entraide.directory.search import Criteria, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    admin = User.objects.create_superuser("coralie@example.org", "x", display_name="Coralie")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def group_form(theme: Theme, **overrides: str) -> dict[str, str]:
    data = {
        "name": "Café des aidants de Besançon",
        "slug": "cafe-des-aidants-besancon",
        "summary": "Un café pour souffler entre aidants.",
        "description": "",
        "themes": str(theme.pk),
        "kind": "information",
        "audience": "relatives",
        "format": "in_person",
        "languages": "fr",
        "country": "FR",
        "postal_code": "25000",
        "town": "",
        "frequency": "monthly_weekday",
        "weekday": "1",
        "week_of_month": "1",
        "start_time": "18:30",
        "end_time": "20:00",
        "cost": "free",
        "status": "open",
        "accepting_members": "on",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_staff_add_a_group_by_its_postal_code_and_it_is_found_at_once(
    staff_client: Client, theme: Callable[..., Theme]
) -> None:
    carers = theme("proches-aidants", "Proches aidants", "Family carers")

    response = staff_client.post("/admin/directory/supportgroup/add/", group_form(carers))

    assert response.status_code == 302, response.content.decode()[:2000]
    group = SupportGroup.objects.get(slug="cafe-des-aidants-besancon")
    assert group.town == "Besançon"
    assert group.latitude == pytest.approx(47.24, abs=0.05)
    assert [g.name for g in search(Criteria(text="aidants besancon"))] == [group.name]


def test_staff_get_a_clear_error_for_an_unknown_place(
    staff_client: Client, theme: Callable[..., Theme]
) -> None:
    response = staff_client.post(
        "/admin/directory/supportgroup/add/", group_form(theme(), postal_code="99999")
    )

    assert response.status_code == 200
    assert "Nous ne trouvons pas ce lieu" in response.content.decode()
    assert not SupportGroup.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/directory/supportgroup/",
        "/admin/directory/supportgroup/add/",
        "/admin/directory/theme/",
        "/admin/organisations/organisation/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
    ],
)
def test_staff_pages_open(staff_client: Client, path: str) -> None:
    assert staff_client.get(path).status_code == 200


def test_a_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/admin/directory/supportgroup/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_give_a_theme_other_words_and_its_groups_are_found_by_them(
    staff_client: Client, theme: Callable[..., Theme], make_group: Callable[..., SupportGroup]
) -> None:
    bereavement = theme()
    make_group("Le temps d'après", themes=[bereavement])

    response = staff_client.post(
        f"/admin/directory/theme/{bereavement.pk}/change/",
        {
            "slug": "deuil",
            "name_fr": "Deuil",
            "name_en": "Bereavement",
            "domain": "psychological",
            "keywords": "veuvage, veuve, veuf",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert [g.name for g in search(Criteria(text="veuve"))] == ["Le temps d'après"]
