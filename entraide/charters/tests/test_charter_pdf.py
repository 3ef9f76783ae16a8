"""The printable charter: it renders, carries the group's answers, and no personal data."""

from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.charters.models import Charter, Signature

pytestmark = pytest.mark.django_db

Url = Callable[..., str]


def text_of(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def adopt(charter: Charter) -> Charter:
    charter.status = Charter.Status.ADOPTED
    charter.adopted_at = timezone.now()
    charter.save()
    return charter


def test_the_adopted_charter_prints_with_the_group_s_answers_and_no_personal_data(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    Signature.objects.create(charter=written, user=cast.bob)
    Signature.objects.create(charter=written, user=cast.alice)
    client.force_login(cast.bob)

    response = client.get(url("v1.pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="charte-deuil-nantes-v1.pdf"'
    text = text_of(response.content)
    assert "Deuil Nantes" in text
    assert "Charte — version 1" in text
    assert "Le premier mardi du mois, sans faute." in text
    assert "Logistique" in text and "Travailler ensemble" in text
    assert "Signée par 2 membres" in text
    assert "Une fois par mois." not in text  # the seed's suggestion is not the group's answer
    for person in (cast.alice, cast.bob, cast.chloe):
        assert person.email not in text
        assert person.display_name not in text
        assert person.email.encode() not in response.content


def test_the_observer_may_print_the_charter_in_force(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    client.force_login(cast.chloe)

    response = client.get(url("v1.pdf"))

    assert response.status_code == 200
    # Chloé reads English: the questions follow her language, the answers stay the group's.
    assert "Le premier mardi du mois, sans faute." in text_of(response.content)


def test_a_draft_has_no_pdf(client: Client, cast: Cast, written: Charter, url: Url) -> None:
    client.force_login(cast.alice)

    assert client.get(url("v1.pdf")).status_code == 404
    written.status = Charter.Status.CONSENT
    written.save()
    assert client.get(url("v1.pdf")).status_code == 404
    assert client.get(url("v9.pdf")).status_code == 404


def test_a_stranger_gets_404_for_the_pdf(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    client.force_login(cast.dan)

    assert client.get(url("v1.pdf")).status_code == 404


def test_long_answers_with_markup_characters_print_on_several_pages(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    long_text = "On se parle <doucement> & on s'écoute.\n" * 40
    written.answers = dict.fromkeys(written.answers, long_text)
    adopt(written)
    client.force_login(cast.alice)

    response = client.get(url("v1.pdf"))

    assert response.status_code == 200
    assert len(pdfium.PdfDocument(response.content)) > 1
    assert "On se parle <doucement> & on s" in text_of(response.content)
