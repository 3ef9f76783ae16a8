"""Every page is private unless it says otherwise, and no cache keeps what a person sees.

This module is also the URL configuration of its tests: the project's pages plus one page
written without any decorator, as a new feature's page would be.
"""

import pytest
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import Client
from django.urls import include, path, reverse

from conftest import PASSWORD, Cast
from entraide.organisations.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def a_new_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"Bonjour {request.user}")


urlpatterns = [
    path("nouvelle-page/", a_new_page, name="a_new_page"),
    path("", include("entraide.urls")),
]


def cache_directives(response: HttpResponseBase) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_a_new_page_without_an_opt_out_sends_a_visitor_to_the_login_page(client: Client) -> None:
    response = client.get("/nouvelle-page/?onglet=2")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/nouvelle-page/%3Fonglet%3D2"


def test_a_new_page_is_shown_to_a_signed_in_person_and_kept_by_no_cache(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    response = client.get("/nouvelle-page/")

    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response)


@pytest.mark.parametrize("name", ["pages:account", "accounts:profile"])
def test_bob_s_own_account_pages_are_kept_by_no_cache(
    client: Client, cast: Cast, name: str
) -> None:
    client.force_login(cast.bob)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response)


def test_the_page_after_logging_in_is_kept_by_no_cache(client: Client, cast: Cast) -> None:
    response = client.post("/compte/login/", {"login": cast.bob.email, "password": PASSWORD})

    assert response.status_code == 302
    assert {"no-store", "private"} <= cache_directives(response)


@pytest.mark.parametrize(
    "name",
    [
        "pages:home",
        "directory:search",
        "pages:group",
        "directory:organisation",
        "guide:guide",
        "guide:help_now",
        "pages:accessibility",
        "pages:privacy",
    ],
)
def test_a_public_page_sent_to_a_visitor_may_be_cached(
    client: Client, cast: Cast, organisation: Organisation, name: str
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    slug = organisation.slug if name == "directory:organisation" else cast.group.slug
    kwargs = {"slug": slug} if name.startswith(("pages:group", "directory:org")) else {}

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    assert "no-store" not in cache_directives(response)


def test_the_same_public_page_sent_to_a_signed_in_person_is_kept_by_no_cache(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    response = client.get(reverse("pages:group", kwargs={"slug": cast.group.slug}))

    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response)
