"""Fixtures for the charter's tests: a charter written out, ready for consent."""

from collections.abc import Callable

import pytest

from conftest import Cast
from entraide.charters.models import Charter
from entraide.charters.questions import QUESTIONS

ANSWERS = {question.key: f"Notre réponse sur {question.key}." for question in QUESTIONS}
ANSWERS["frequency"] = "Le premier mardi du mois, sans faute."


@pytest.fixture
def written(cast: Cast) -> Charter:
    """Version 1 of the group's charter, every section answered, still in preparation."""
    return Charter.objects.create(group=cast.group, version=1, answers=dict(ANSWERS))


@pytest.fixture
def url(cast: Cast) -> Callable[..., str]:
    """The address of a charter page of the cast's group: url("v1/consentement/")."""

    def make(rest: str = "") -> str:
        return f"/mes-groupes/{cast.group.slug}/charte/{rest}"

    return make
