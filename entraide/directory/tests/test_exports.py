"""A directory search downloaded as CSV or ODS: the same groups as the results page, in the same
order, what the page shows of each and nothing private, reopened by Python's csv and odfpy."""

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

from conftest import Cast
from entraide.directory import exports
from entraide.directory.models import SupportGroup, Theme
from entraide.meetings.models import MeetingSeries
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]
HEADER = [
    "Nom",
    "Thématiques",
    "Ville",
    "Code postal",
    "Rythme",
    "Format",
    "Langues",
    "Accessibilité",
    "Organisation",
    "Page du groupe",
]


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def ods_rows(content: bytes) -> list[list[str]]:
    document = load(io.BytesIO(content))
    (sheet,) = document.spreadsheet.getElementsByType(Table)
    return [
        [
            "\n".join(str(p) for p in cell.getElementsByType(P))
            for cell in row.getElementsByType(TableCell)
        ]
        for row in sheet.getElementsByType(TableRow)
    ]


def names_on_the_page(client: Client, query: str) -> list[str]:
    html = client.get(f"/groupes/?{query}").content.decode()
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture
def groups(
    make_group: MakeGroup, organisation: Organisation, theme: Callable[..., Theme]
) -> list[SupportGroup]:
    deuil, aidants = theme("deuil"), theme("aidants", "Proches aidants", "Carers")
    return [
        make_group(
            "Deuil Nantes",
            themes=[deuil, aidants],
            organisation=organisation,
            step_free_access=True,
            hearing_loop=True,
            languages="fr,en",
            meeting_place="12 rue des Lilas, code 4521",
        ),
        make_group("Deuil Rezé", "44400 Rezé", themes=[deuil], format="hybrid"),
        make_group("Deuil Brest", "29200 Brest", themes=[deuil]),
        make_group("Deuil en ligne", place=None, themes=[deuil], format="online"),
        make_group("Aidants Nantes", themes=[aidants], frequency="weekly", weekday=3),
    ]


@pytest.mark.parametrize("kind", ["csv", "ods"])
def test_a_search_downloads_with_the_groups_of_its_results_page(
    client: Client, groups: list[SupportGroup], kind: str
) -> None:
    query = "theme=deuil&place=Nantes&radius=20"

    response = client.get(f"/groupes/resultats.{kind}?{query}")

    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="groupes-entraide-{today}.{kind}"'
    )
    rows = csv_rows(response.content) if kind == "csv" else ods_rows(response.content)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == names_on_the_page(client, query)
    assert [row[0] for row in rows[1:]] == ["Deuil Nantes", "Deuil Rezé", "Deuil en ligne"]
    assert rows[1] == [
        "Deuil Nantes",
        "Deuil, Proches aidants",
        "Nantes",
        "44000",
        "le 1er mardi du mois, 18h30–20h",
        "en présentiel",
        "français, anglais",
        "accessible en fauteuil roulant, boucle magnétique",
        "Centre d'entraide de Nantes",
        f"http://testserver{groups[0].get_absolute_url()}",
    ]
    assert rows[3][2:6] == ["", "", "le 1er mardi du mois, 18h30–20h", "en ligne"]
    assert "Lilas" not in str(rows) and "4521" not in str(rows)


def test_every_filter_of_the_search_applies_to_the_download(
    client: Client, groups: list[SupportGroup]
) -> None:
    for query in [
        "q=aidants",
        "format=hybrid",
        "day=3",
        "language=en",
        "access=step_free_access",
        "theme=aidants&place=Brest&radius=5",
        "",
    ]:
        rows = csv_rows(client.get(f"/groupes/resultats.csv?{query}").content)
        assert [row[0] for row in rows[1:]] == names_on_the_page(client, query), query


def test_in_english_the_columns_and_words_are_english(
    client: Client, groups: list[SupportGroup]
) -> None:
    client.cookies["entraide_language"] = "en"

    response = client.get("/groupes/resultats.csv?q=nantes")

    rows = csv_rows(response.content)
    assert rows[0] == [
        "Name",
        "Themes",
        "Town",
        "Postcode",
        "Schedule",
        "Format",
        "Languages",
        "Accessibility",
        "Organisation",
        "Group's page",
    ]
    assert 'filename="support-groups-' in response["Content-Disposition"]
    aidants = next(row for row in rows if row[0] == "Aidants Nantes")
    assert aidants[1] == "Carers"
    assert aidants[4].startswith("every Thursday")


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_made_inert(
    client: Client, make_group: MakeGroup
) -> None:
    for name in ['=HYPERLINK("http://mal.example")', "+33 groupe", "-1 groupe", "@SUM(A1)"]:
        make_group(name, rhythm_note="=1+1")

    rows = csv_rows(client.get("/groupes/resultats.csv").content)[1:]

    assert sorted(row[0] for row in rows) == [
        "'+33 groupe",
        "'-1 groupe",
        '\'=HYPERLINK("http://mal.example")',
        "'@SUM(A1)",
    ]
    # ODS cells are text cells, never computed: they keep the name as it is.
    ods = ods_rows(client.get("/groupes/resultats.ods").content)[1:]
    assert '=HYPERLINK("http://mal.example")' in [row[0] for row in ods]


def test_a_wrong_search_gets_a_clear_error_and_no_file(
    client: Client, groups: list[SupportGroup]
) -> None:
    response = client.get("/groupes/resultats.csv?radius=-3")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre recherche n'a pas pu aboutir" in html
    assert 'href="#id_radius"' in html
    assert "Content-Disposition" not in response


def test_the_download_is_capped_as_the_page_says(
    client: Client, groups: list[SupportGroup], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = client.get("/groupes/?theme=deuil").content.decode()
    assert 'href="/groupes/resultats.csv?theme=deuil"' in page
    assert 'href="/groupes/resultats.ods?theme=deuil"' in page
    assert "1\xa0000 groupes au plus" in page  # French groups thousands with a space

    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    rows = csv_rows(client.get("/groupes/resultats.csv?theme=deuil").content)

    assert len(rows) == 1 + 2


def test_near_me_uses_the_postal_code_of_the_person_signed_in_only(
    client: Client, cast: Cast, groups: list[SupportGroup]
) -> None:
    cast.dan.postal_code = "29200"
    cast.dan.save()
    client.force_login(cast.dan)

    rows = csv_rows(client.get("/groupes/resultats.csv?near_me=on&radius=5").content)

    assert [row[0] for row in rows[1:]][:1] == ["Deuil Brest"]


def test_the_download_takes_the_same_few_queries_whatever_the_number_of_groups(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    def queries(kind: str) -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(f"/groupes/resultats.{kind}").status_code == 200
        return len(done)

    group = make_group("Premier")
    MeetingSeries.objects.create(
        group=group,
        rule="FREQ=WEEKLY;BYDAY=WE",
        starts_on=dt.date(2026, 1, 7),
        start_time=dt.time(19),
        end_time=dt.time(21),
    )
    few = {kind: queries(kind) for kind in ("csv", "ods")}
    for n in range(10):
        make_group(f"Groupe {n}", themes=[theme(f"theme-{n}", f"Thème {n}", f"Theme {n}")])
    many = {kind: queries(kind) for kind in ("csv", "ods")}

    assert many == few
    assert max(few.values()) <= 4
