"""The custom user: known by e-mail, shown by a first name or pseudonym only."""

import pytest
from django.contrib.auth import authenticate, get_user_model

from entraide.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model() -> None:
    assert get_user_model() is User


def test_a_person_logs_in_with_their_e_mail_whatever_its_case() -> None:
    User.objects.create_user("Awa@Example.org", "un mot de passe solide", display_name="Awa")

    assert authenticate(username="awa@example.org", password="un mot de passe solide") is not None


def test_a_person_is_shown_by_their_display_name_only() -> None:
    awa = User.objects.create_user("awa.diallo@example.org", "x", display_name="Awa")

    assert str(awa) == "Awa"
    assert awa.get_full_name() == "Awa"
    assert "diallo" not in str(awa).lower()


def test_a_person_prefers_french_until_they_choose() -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa")

    assert awa.preferred_language == "fr"


def test_an_account_needs_an_e_mail() -> None:
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user("", "x", display_name="Personne")


def test_a_superuser_is_staff() -> None:
    admin = User.objects.create_superuser("admin@example.org", "x", display_name="Admin")

    assert admin.is_staff and admin.is_superuser
