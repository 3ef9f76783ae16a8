"""Every form is drawn by the same field templates (`entraide/templates/forms/`).

A field's help and error are linked to it for screen readers; choices are a fieldset whose
legend is the question; a required field says so.
"""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Cast

pytestmark = pytest.mark.django_db


def test_a_field_s_help_and_error_are_read_with_it(client: Client) -> None:
    page = client.post(reverse("account_signup"), {}).content.decode()

    assert '<div class="field field-invalid">' in page
    assert '<span class="required">(obligatoire)</span>' in page
    assert 'aria-describedby="id_display_name_helptext id_display_name_error"' in page
    assert '<div class="help" id="id_display_name_helptext">' in page
    assert '<p class="field-error" id="id_display_name_error">Ce champ est obligatoire.</p>' in page


def test_a_checkbox_s_help_is_shown_once_and_linked_to_it(client: Client) -> None:
    page = client.post(reverse("account_signup"), {}).content.decode()

    assert 'aria-describedby="id_consent_helptext id_consent_error"' in page
    assert page.count("Vous pouvez retirer cet accord en supprimant votre compte") == 1
    assert '<p class="field-error" id="id_consent_error">' in page


def test_choices_are_a_fieldset_whose_legend_asks_the_question(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    page = client.post(reverse("founding:start"), {}).content.decode()

    assert (
        '<fieldset class="field field-choices field-invalid" aria-describedby="id_kind_error">'
        in (page)
    )
    assert '<legend>Le type de groupe <span class="required">(obligatoire)</span></legend>' in page
    assert '<label class="choice" for="id_kind_1">' in page
    assert '<p class="field-error" id="id_kind_error">' in page
