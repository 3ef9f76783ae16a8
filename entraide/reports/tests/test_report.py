"""The programme report of an organisation: who reads it, and a crafted set of groups where a
naive table would give away a group of three people, in the page, the CSV, the ODS and the PDF.

Deuil: two groups of six members (12); Addictions: one group of three; Proches aidants: one
group of eight. The total, 23, minus 12 and 8 would say 3: so Addictions is hidden, and
Proches aidants (the smallest count still shown) with it.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable

import pypdfium2
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from entraide.accompaniment.actions import questionnaire_for
from entraide.accompaniment.models import Answer, Questionnaire, Response, Review
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup, Theme
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db

MEMBERS_TITLE = "Les membres actifs"


@pytest.fixture
def crafted(
    organisation: Organisation,
    make_group: Callable[..., SupportGroup],
    theme: Callable[..., Theme],
) -> Organisation:
    deuil = theme()
    addictions = theme("addictions", "Addictions", "Addictions")
    aidants = theme("proches-aidants", "Proches aidants", "Carers")
    welcomed = timezone.now() - dt.timedelta(days=20)
    people = iter(
        User.objects.create(email=f"personne{i}@example.org", display_name=f"Personne {i}")
        for i in range(30)
    )
    for name, themed, size in [
        ("Deuil Nantes", deuil, 6),
        ("Deuil Rezé", deuil, 6),
        ("Addictions Nantes", addictions, 3),
        ("Aidants Nantes", aidants, 8),
    ]:
        group = make_group(name, themes=[themed], organisation=organisation)
        for _i in range(size):
            Membership.objects.create(
                user=next(people),
                group=group,
                role=Membership.Role.MEMBER,
                status=Membership.Status.ACTIVE,
                decided_at=welcomed,
            )
    return organisation


def coordinator_client(coralie: User) -> Client:
    client = Client()
    client.force_login(coralie)
    return client


def members_rows_from_csv(content: bytes) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    start = rows.index([MEMBERS_TITLE]) + 2
    found = {}
    for row in rows[start:]:
        if len(row) < 3:
            break
        found[row[0]] = row[1:]
    return found


def cell_text(cell: object) -> str:
    return "".join(str(p) for p in cell.childNodes)  # type: ignore[attr-defined]


def members_rows_from_ods(content: bytes) -> dict[str, list[str]]:
    return rows_from_ods(content, MEMBERS_TITLE)


def rows_from_ods(content: bytes, title: str) -> dict[str, list[str]]:
    """The rows of one figure's sheet, by their first cell, as a spreadsheet shows them."""
    document = load(io.BytesIO(content))
    sheet = next(
        t for t in document.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == title
    )
    found = {}
    for row in sheet.getElementsByType(TableRow)[2:]:
        cells = [cell_text(c) for c in row.getElementsByType(TableCell)]
        if len(cells) >= 3:
            found[cells[0]] = cells[1:]
    return found


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_a_coordinator_reads_the_report_with_the_group_of_three_hidden(
    crafted: Organisation, coralie: User
) -> None:
    response = coordinator_client(coralie).get(f"/organisations/{crafted.slug}/rapport/")

    assert response.status_code == 200
    members = next(f for f in response.context["report"].figures if f.key == "members")
    shown = {row.label: row.cells[0] for row in members.rows}
    assert shown["Deuil"].text == "12"
    assert shown["Addictions"].hidden
    assert shown["Proches aidants"].hidden, "or 23 - 12 - 8 gives the group of three"
    assert members.total is not None and members.total.cells[0].text == "23"
    html = response.content.decode()
    section = html[html.index('id="members-heading"') :]
    section = section[: section.index("</section>")]
    assert ">3<" not in section and ">8<" not in section
    assert "caché : moins de 5 personnes" in section
    # A hidden count is never drawn: one bar, Deuil's.
    assert section.count('class="health-bar"') == 1


def test_the_csv_hides_the_same_counts(crafted: Organisation, coralie: User) -> None:
    response = coordinator_client(coralie).get(
        f"/organisations/{crafted.slug}/rapport/rapport.csv?periode=annee&par=theme"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = members_rows_from_csv(response.content)
    assert rows["Deuil"][0] == "12"
    assert rows["Addictions"][0] == "—"
    assert rows["Proches aidants"][0] == "—"
    assert rows["Total"][0] == "23"


def test_the_ods_reopened_hides_the_same_counts(crafted: Organisation, coralie: User) -> None:
    response = coordinator_client(coralie).get(
        f"/organisations/{crafted.slug}/rapport/rapport.ods?periode=annee"
    )

    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    rows = members_rows_from_ods(response.content)
    assert rows["Deuil"][0] == "12"
    assert rows["Addictions"][0] == "—"
    assert rows["Proches aidants"][0] == "—"
    assert rows["Total"][0] == "23"
    assert not any(cells[0] in ("3", "8") for cells in rows.values())


def test_the_pdf_hides_the_same_counts(crafted: Organisation, coralie: User) -> None:
    response = coordinator_client(coralie).get(f"/organisations/{crafted.slug}/rapport/rapport.pdf")

    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    section = text[text.index(MEMBERS_TITLE) :]
    section = section[: section.index("Les nouvelles personnes")]
    lines = [line.strip() for line in section.splitlines()]

    assert "Deuil 12 0" in lines
    assert "Addictions — 0" in lines
    assert "Proches aidants — 0" in lines
    assert "Total 23 0" in lines


def test_by_area_the_figures_are_split_by_departement(crafted: Organisation, coralie: User) -> None:
    response = coordinator_client(coralie).get(
        f"/organisations/{crafted.slug}/rapport/?periode=12-mois&par=area"
    )

    members = next(f for f in response.context["report"].figures if f.key == "members")
    assert [row.label for row in members.rows] == ["Département 44"]
    assert members.rows[0].cells[0].text == "23"


def test_members_welcomed_before_dates_were_kept_count_as_there_from_the_beginning(
    crafted: Organisation, coralie: User
) -> None:
    """A membership without a date of welcome (older than the field) is counted, as meeting
    access reads it; one welcomed after the period is not."""
    deuil = Membership.objects.filter(group__name="Deuil Nantes")
    deuil.filter(pk=deuil.first().pk).update(decided_at=None)  # type: ignore[union-attr]
    later = deuil.exclude(decided_at=None).first()
    assert later is not None
    Membership.objects.filter(pk=later.pk).update(
        decided_at=timezone.now() + dt.timedelta(days=400)
    )

    response = coordinator_client(coralie).get(
        f"/organisations/{crafted.slug}/rapport/?periode=12-mois&par=area"
    )

    members = next(f for f in response.context["report"].figures if f.key == "members")
    assert members.rows[0].cells[0].text == "22"


def test_a_period_not_offered_is_refused_with_a_message(
    crafted: Organisation, coralie: User
) -> None:
    response = coordinator_client(coralie).get(
        f"/organisations/{crafted.slug}/rapport/?periode=1999&par=theme"
    )

    assert response.status_code == 400
    assert "Choisissez une des périodes proposées." in response.content.decode()


def test_an_organisation_admin_reads_it_too(crafted: Organisation, oscar: User) -> None:
    client = Client()
    client.force_login(oscar)

    assert client.get(f"/organisations/{crafted.slug}/rapport/").status_code == 200


@pytest.mark.parametrize("path", ["", "rapport.csv", "rapport.ods", "rapport.pdf"])
def test_a_coordinator_elsewhere_and_a_member_get_a_404(
    crafted: Organisation, olivia: User, path: str
) -> None:
    member = Membership.objects.filter(group__organisation=crafted).first()
    assert member is not None
    for person in (olivia, member.user):
        client = Client()
        client.force_login(person)
        assert client.get(f"/organisations/{crafted.slug}/rapport/{path}").status_code == 404


def test_the_report_runs_in_the_same_number_of_queries_whatever_the_number_of_groups(
    crafted: Organisation,
    coralie: User,
    make_group: Callable[..., SupportGroup],
) -> None:
    client = coordinator_client(coralie)
    client.get(f"/organisations/{crafted.slug}/rapport/")

    with CaptureQueriesContext(connection) as few:
        client.get(f"/organisations/{crafted.slug}/rapport/")
    for i in range(5):
        make_group(f"Autre groupe {i}", organisation=crafted)
    with CaptureQueriesContext(connection) as more:
        client.get(f"/organisations/{crafted.slug}/rapport/")

    assert len(more) == len(few)


def test_review_scores_come_from_the_anonymous_rounds_and_hide_a_row_under_five(
    crafted: Organisation, coralie: User
) -> None:
    """Six answers in Deuil, three in Addictions, five in Proches aidants: the Addictions row is
    hidden, and Proches aidants with it (14 − 6 would give 3 again), averages included."""
    questionnaire = questionnaire_for(crafted, Questionnaire.Purpose.REVIEW)
    scale = {q.key: q for q in questionnaire.questions.filter(key__in=("satisfaction", "heard"))}
    month = timezone.localdate().replace(day=1)
    for name, scores in [
        ("Deuil Nantes", [5, 4, 4, 5, 3, 5]),
        ("Addictions Nantes", [1, 2, 1]),
        ("Aidants Nantes", [4, 4, 4, 4, 4]),
    ]:
        group = SupportGroup.objects.get(name=name)
        review = Review.objects.create(
            group=group, questionnaire=questionnaire, due_on=month, status="open"
        )
        for score in scores:
            answered = Response.objects.create(
                questionnaire=questionnaire, group=group, review=review, month=month
            )
            Answer.objects.create(response=answered, question=scale["satisfaction"], scale=score)
            Answer.objects.create(response=answered, question=scale["heard"], scale=5)

    response = coordinator_client(coralie).get(f"/organisations/{crafted.slug}/rapport/")

    reviews = next(f for f in response.context["report"].figures if f.key == "reviews")
    shown = {row.label: row.cells for row in reviews.rows}
    assert [cell.text for cell in shown["Deuil"]] == ["6", "4,3", "5,0"]
    assert all(cell.hidden for cell in shown["Addictions"])
    assert all(cell.hidden for cell in shown["Proches aidants"])
    assert reviews.total is not None
    assert reviews.total.cells[0].text == "14"


def test_workshops_held_count_workshops_and_hide_seats_under_five(
    crafted: Organisation, coralie: User
) -> None:
    """Two workshops for facilitators (6 seats, 5 present) and one for members (3 seats): the
    number of workshops shows, the members' seats and presences do not, nor the facilitators'
    (the total minus them would say 3)."""
    people = list(User.objects.filter(email__startswith="personne")[:9])
    started = timezone.now() - dt.timedelta(days=10)
    for audience, seated, present in [
        ("facilitators", 4, 3),
        ("facilitators", 2, 2),
        ("members", 3, 1),
    ]:
        workshop = Workshop.objects.create(
            organisation=crafted,
            title="Animer un tour de parole",
            description="Pour que chacun puisse parler.",
            audience=audience,
            starts_at=started,
            ends_at=started + dt.timedelta(hours=2),
            capacity=10,
        )
        for i, person in enumerate(people[:seated]):
            Registration.objects.create(
                workshop=workshop, user=person, registered_at=started, attended=i < present
            )
    Workshop.objects.create(
        organisation=crafted,
        title="Annulé",
        description="-",
        audience="anyone",
        starts_at=started,
        ends_at=started + dt.timedelta(hours=2),
        capacity=10,
        status=Workshop.Status.CANCELLED,
    )

    response = coordinator_client(coralie).get(f"/organisations/{crafted.slug}/rapport/")

    workshops = next(f for f in response.context["report"].figures if f.key == "workshops")
    shown = {row.label: row.cells for row in workshops.rows}
    facilitators = shown["les personnes qui animent un groupe de l'organisation"]
    members = shown["les personnes des groupes de l'organisation"]
    assert [facilitators[0].text, members[0].text] == ["2", "1"]
    assert all(cell.hidden for cell in members[1:])
    assert all(cell.hidden for cell in facilitators[1:])
    assert workshops.total is not None
    assert [cell.text for cell in workshops.total.cells] == ["3", "9", "6"]
