"""The home page's figures: counted once per change of the directory, right after each change."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from entraide.directory.actions import refresh_search_text
from entraide.directory.counts import directory_counts, themes_in_use
from entraide.directory.models import SupportGroup, Theme

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_counts_follow_published_groups_per_theme(
    make_group: Callable[..., SupportGroup], theme: Callable[..., Theme]
) -> None:
    deuil, aidants = theme("deuil"), theme("aidants", "Proches aidants", "Carers")
    make_group("Deuil Nantes", themes=[deuil])
    make_group("Deuil et aidants Rezé", themes=[deuil, aidants])
    hidden = make_group("Aidants Brest", themes=[aidants])
    SupportGroup.objects.filter(pk=hidden.pk).update(is_published=False)
    refresh_search_text(hidden)

    counts = directory_counts()

    assert counts.groups == 2
    assert counts.by_theme == {deuil.pk: 2, aidants.pk: 1}
    assert [(t.slug, n) for t, n in themes_in_use()] == [("deuil", 2), ("aidants", 1)]


def test_the_home_page_counts_once_then_again_after_a_change(
    client: Client, make_group: Callable[..., SupportGroup], theme: Callable[..., Theme]
) -> None:
    deuil = theme("deuil")
    make_group("Deuil Nantes", themes=[deuil])
    client.get("/")

    with CaptureQueriesContext(connection) as again:
        html = client.get("/").content.decode()
    assert "1 groupe dans l'annuaire." in html
    assert not any("COUNT(" in q["sql"].upper() for q in again.captured_queries)

    make_group("Deuil Rezé", themes=[deuil])
    html = client.get("/").content.decode()

    assert "2 groupes dans l'annuaire." in html
    assert '<a href="/groupes/?theme=deuil">' in html
    assert '<span class="count">(2)</span>' in html
