"""The coordinators' part of the API, with a token: their organisation's board and its
programme report.

The role is asked of `organisations.access` at each request, through the same functions as
the pages (`accompaniment.access.coordination` for the board, `reports.access` for the
report): a token whose person lost the role gets the same 404 as for an organisation that does
not exist. The figures are the pages' own (`accompaniment.board.board`,
`reports.figures.report`), read with the pages' forms: the rule of five is already applied to
them, so a hidden figure leaves as `null` with `hidden: true`, exactly where the page shows
« — ».
"""

from typing import Any, Literal

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from ninja import Router
from ninja.params.functions import Query

from entraide.accompaniment import access as accompaniment_access
from entraide.accompaniment.board import board as build_board
from entraide.accompaniment.forms import BoardFilterForm
from entraide.api.auth import PersonalToken
from entraide.api.errors import ApiError
from entraide.api.public import Limit, Offset
from entraide.api.schemas import Board, Error, Report
from entraide.organisations.models import Organisation
from entraide.reports.access import report_organisation
from entraide.reports.figures import Cell, Row
from entraide.reports.figures import report as build_report
from entraide.reports.forms import ReportForm

router = Router(tags=["coordination"], auth=PersonalToken())

ERRORS: dict[int, type[Error]] = {400: Error, 401: Error, 404: Error, 429: Error}

# The founding journey's stages (`founding.Initiative.Stage`), as the board's filter offers them.
Stage = Literal["", "interview", "recruitment", "founding", "charter", "autonomous"]


def refused(form: BoardFilterForm | ReportForm) -> ApiError:
    """The first thing to correct, in the form's own words."""
    field, messages = next(iter(form.errors.items()))
    return ApiError(
        400,
        "invalid_parameter",
        _("« %(name)s » : %(message)s") % {"name": field, "message": messages[0]},
    )


def organisation_ref(request: HttpRequest, organisation: Organisation) -> dict[str, str]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


@router.get("/organisations/{slug}/board", response={200: Board, **ERRORS}, url_name="board")
def board(
    request: HttpRequest,
    slug: str,
    stage: Stage = Query("", description="Only the groups at this stage."),
    q: str = Query("", max_length=100, description="Words of the group's name."),
    attention: bool = Query(False, description="Only the groups that need attention."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """The groups my organisation accompanies or was asked to, by stage, with what needs
    attention: the coordinators' board, with its filters. For its coordinators only."""
    organisation = accompaniment_access.coordination(request, slug)
    data = QueryDict(mutable=True)
    data.update({"stage": stage, "q": q})
    if attention:
        data["attention"] = "on"
    form = BoardFilterForm(data)
    if not form.is_valid():
        raise refused(form)
    found = build_board(
        organisation,
        stage=form.cleaned_data["stage"],
        attention_only=form.cleaned_data["attention"],
        text=form.cleaned_data["q"].strip(),
    )
    return {
        "organisation": organisation_ref(request, organisation),
        "total": found.total,
        "attention_total": found.attention_total,
        "stages": [
            {"stage": count.stage, "label": str(count.label), "count": count.count}
            for count in found.counts
        ],
        "count": len(found.rows),
        "limit": limit,
        "offset": offset,
        "results": [
            {
                "slug": row.group.slug,
                "name": row.group.name,
                "stage": row.stage,
                "stage_label": str(row.stage_label),
                "accompaniment": row.accompaniment,
                "accompaniment_label": str(row.accompaniment_label),
                "attention": [{"kind": one.kind, "label": one.label} for one in row.attention],
            }
            for row in found.rows[offset : offset + limit]
        ],
    }


def cell_data(cell: Cell) -> dict[str, Any]:
    return {"value": None if cell.hidden else cell.value, "hidden": cell.hidden, "text": cell.text}


def row_data(row: Row) -> dict[str, Any]:
    return {"label": row.label, "cells": [cell_data(cell) for cell in row.cells]}


@router.get("/organisations/{slug}/report", response={200: Report, **ERRORS}, url_name="report")
def report(
    request: HttpRequest,
    slug: str,
    periode: str = Query(
        "annee",
        max_length=40,
        description="annee, annee-derniere, 12-mois, or a quarter (2026-T1…), as the page.",
    ),
    par: Literal["theme", "area"] = Query("theme", description="How to split the figures."),
) -> dict[str, Any]:
    """The organisation's programme report for a period, as its page, CSV and PDF give it:
    no figure rests on fewer than five people. For its coordinators and admins."""
    organisation = report_organisation(request, slug)
    form = ReportForm.from_query({"periode": periode, "par": par})
    if not form.is_valid():
        raise refused(form)
    found = build_report(organisation, form.period(), form.cleaned_data["par"])
    return {
        "organisation": organisation_ref(request, organisation),
        "period": {
            "key": found.period.key,
            "label": found.period.label,
            "first": found.period.first,
            "last": found.period.last,
        },
        "breakdown": found.breakdown,
        "groups": found.groups,
        "figures": [
            {
                "key": figure.key,
                "title": figure.title,
                "note": figure.note,
                "about_people": figure.about_people,
                "row_header": figure.row_header,
                "columns": figure.columns,
                "rows": [row_data(row) for row in figure.rows],
                "total": row_data(figure.total) if figure.total is not None else None,
            }
            for figure in found.figures
        ],
    }
