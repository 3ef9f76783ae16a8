"""Every answer carries the security headers, error pages and Django's DEBUG pages included."""

import pytest
from django.test import Client
from pytest_django import Settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/", "/groupes/", "/groupes/nexiste-pas/", "/mes-groupes/", "/static/entraide/entraide.css"],
)
def test_no_page_may_use_the_camera_or_be_embedded_by_another_site(
    client: Client, path: str
) -> None:
    response = client.get(path)

    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_debug_404_page_carries_a_content_security_policy(
    client: Client, settings: Settings
) -> None:
    settings.DEBUG = True

    response = client.get("/groupes/nexiste-pas/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()  # Django's own DEBUG page
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # no script at all may run on it
