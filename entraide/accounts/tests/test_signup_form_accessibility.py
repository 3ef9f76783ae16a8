"""The sign-up form read by a screen reader and filled by a browser (RGAA 8.2, 11.10, 11.11,
11.13): every description it points to exists, every required field says so, the name field
is filled with a nickname, never a full name, and a mistaken address is answered with an
example."""

import re

import pytest
from django.test import Client

from conftest import Cast

pytestmark = pytest.mark.django_db


def described_ids(html: str) -> set[str]:
    return {
        one for found in re.findall(r'aria-describedby="([^"]+)"', html) for one in found.split()
    }


def field(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found is not None, name
    return found.group(0)


def test_every_description_the_sign_up_form_points_to_exists(client: Client) -> None:
    fresh = client.get("/compte/signup/").content.decode()
    refused = client.post("/compte/signup/", {"email": "awa"}).content.decode()

    for html in (fresh, refused):
        described = described_ids(html)
        assert "id_consent_helptext" in described
        assert "consent-privacy" in described
        missing = {one for one in described if f'id="{one}"' not in html}
        assert missing == set()


def test_the_consent_box_says_it_is_required_like_every_other_required_field(
    client: Client,
) -> None:
    html = client.get("/compte/signup/").content.decode()

    label = re.search(r'<label for="id_consent">(.*?)</label>', html, re.S)
    assert label is not None
    assert '<span class="required">(obligatoire)</span>' in label.group(1)
    for name in ("display_name", "email", "password1", "password2"):
        label_of = re.search(rf'<label for="id_{name}">(.*?)</label>', html, re.S)
        assert label_of is not None and "(obligatoire)" in label_of.group(1), name


def test_the_display_name_is_filled_with_a_nickname_never_a_full_name(client: Client) -> None:
    html = client.get("/compte/signup/").content.decode()

    assert 'autocomplete="nickname"' in field(html, "display_name")


def test_the_profile_s_display_name_is_a_nickname_too(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    html = client.get("/compte/profil/").content.decode()

    assert 'autocomplete="nickname"' in field(html, "display_name")


def test_a_mistaken_address_is_answered_with_an_example(client: Client) -> None:
    html = client.post("/compte/signup/", {"email": "awa.example.org"}).content.decode()

    error = re.search(r'<p class="field-error" id="id_email_error">(.*?)</p>', html, re.S)
    assert error is not None
    assert "nom@exemple.fr" in error.group(1)
    assert 'aria-describedby="id_email_error"' in field(html, "email")
