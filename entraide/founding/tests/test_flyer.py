"""The printable flyer: one page, A5 or A4, a QR code to the group's page, no personal contact."""

import datetime as dt
import re

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.conf import settings
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.founding.models import FoundingSession, Initiative
from entraide.founding.tests.test_initiator_support import give_date
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

A5 = (419.53, 595.28)
A4 = (595.28, 841.89)


@pytest.fixture
def initiative(cast: Cast) -> Initiative:
    return Initiative.objects.create(group=cast.group, initiator=cast.alice, stage="recruitment")


def flyer_url(cast: Cast, size: str) -> str:
    return f"/creer-un-groupe/{cast.group.slug}/affiche-{size}.pdf"


def first_page(content: bytes) -> pdfium.PdfPage:
    document = pdfium.PdfDocument(content)
    assert len(document) == 1
    return document[0]


def page_text(page: pdfium.PdfPage) -> str:
    return str(page.get_textpage().get_text_range())


@pytest.mark.parametrize(("size", "expected"), [("a5", A5), ("a4", A4)])
def test_alice_prints_the_flyer_whose_qr_code_leads_to_the_group_page(
    client: Client, cast: Cast, initiative: Initiative, size: str, expected: tuple[float, float]
) -> None:
    client.force_login(cast.alice)

    response = client.get(flyer_url(cast, size))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'inline; filename="affiche-{cast.group.slug}-{size}.pdf"'
    )
    page = first_page(response.content)
    width, height = page.get_size()
    assert (round(width, 2), round(height, 2)) == expected
    codes = zxingcpp.read_barcodes(page.render(scale=3).to_pil())
    assert [code.text for code in codes] == [settings.SITE_URL + cast.group.get_absolute_url()]
    assert codes[0].format == zxingcpp.BarcodeFormat.QRCode


def test_the_flyer_says_what_where_and_when_without_any_personal_contact(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    give_date(
        FoundingSession.objects.create(
            initiative=initiative, kind=FoundingSession.Kind.INFORMATION
        ),
        dt.datetime(2026, 3, 3, 17, 30, tzinfo=dt.UTC),
        "Chez Alice, 12 rue des Lilas",
    )
    client.force_login(cast.bob)

    text = page_text(first_page(client.get(flyer_url(cast, "a5")).content))

    flat = " ".join(text.split())
    assert "Deuil Nantes" in flat
    assert "Groupe d'entraide en création" in flat
    assert "Nantes" in flat and "Deuil" in flat
    assert "Gratuit" in flat
    # 17:30 UTC is 18:30 in Nantes in March.
    assert "mardi 3 mars 2026 à 18h30" in flat
    assert settings.SITE_URL + cast.group.get_absolute_url() in flat
    assert "Lilas" not in flat
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", flat)
    for person in (cast.alice, cast.bob, cast.chloe):
        assert person.email not in flat
        assert person.display_name not in flat


def test_the_flyer_names_the_accompanying_organisation_only_once_it_accompanies(
    client: Client, cast: Cast, initiative: Initiative, organisation: object
) -> None:
    initiative.organisation = organisation  # type: ignore[assignment]
    initiative.accompaniment = Initiative.Accompaniment.REQUESTED
    initiative.save()
    client.force_login(cast.alice)

    requested = " ".join(page_text(first_page(client.get(flyer_url(cast, "a4")).content)).split())
    initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
    initiative.save()
    accepted = " ".join(page_text(first_page(client.get(flyer_url(cast, "a4")).content)).split())

    assert "Centre d'entraide de Nantes" not in requested
    assert "Accompagné par Centre d'entraide de Nantes" in accepted
    assert "accueil@centre-nantes.example" not in accepted


def test_the_flyer_is_in_the_language_the_reader_chose(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.chloe)
    client.cookies["entraide_language"] = "en"

    text = " ".join(page_text(first_page(client.get(flyer_url(cast, "a5")).content)).split())

    assert "Bereavement" in text
    assert "Talking group" in text
    assert "What is said in a group stays in the group." in text


def test_a_long_text_still_fits_on_one_page(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    # As long as the fields allow (PostgreSQL refuses more).
    cast.group.name = ("Un groupe au nom très long " * 6)[:150]
    cast.group.summary = ("On se retrouve pour parler, s'écouter & se soutenir <vraiment>. " * 4)[
        :240
    ]
    cast.group.save()
    client.force_login(cast.alice)

    page = first_page(client.get(flyer_url(cast, "a5")).content)

    assert "se soutenir <vraiment>" in " ".join(page_text(page).split())
    codes = zxingcpp.read_barcodes(page.render(scale=3).to_pil())
    assert [code.text for code in codes] == [settings.SITE_URL + cast.group.get_absolute_url()]


def test_only_sizes_a5_and_a4_exist(client: Client, cast: Cast, initiative: Initiative) -> None:
    client.force_login(cast.alice)

    assert client.get(flyer_url(cast, "a3")).status_code == 404


def test_members_and_observers_may_print_the_flyer(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    for person in (cast.bob, cast.chloe):
        client.force_login(person)
        assert client.get(flyer_url(cast, "a5")).status_code == 200


def test_a_stranger_and_a_person_who_only_registered_interest_get_a_404(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    interested = User.objects.create_user("eve@example.org", "x" * 20, display_name="Eve")
    initiative.interests.create(user=interested)
    left = Membership.objects.get(user=cast.bob)
    left.status = Membership.Status.LEFT
    left.save()

    for person in (cast.dan, interested, cast.bob):
        client.force_login(person)
        assert client.get(flyer_url(cast, "a5")).status_code == 404


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast, initiative: Initiative) -> None:
    response = client.get(flyer_url(cast, "a5"))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_the_flyer_cannot_be_posted_to(client: Client, cast: Cast, initiative: Initiative) -> None:
    client.force_login(cast.alice)

    assert client.post(flyer_url(cast, "a5")).status_code == 405
