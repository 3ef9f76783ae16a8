from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from entraide.organisations.models import Organisation
from entraide.reports import charts, exports
from entraide.reports.access import report_organisation
from entraide.reports.figures import Report, report
from entraide.reports.forms import ReportForm


def _report(request: HttpRequest, organisation: Organisation) -> tuple[ReportForm, Report | None]:
    form = ReportForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    return form, report(organisation, form.period(), form.cleaned_data["par"])


def _page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form, found = _report(request, organisation)
    figures = [(f, charts.drawing(f)) for f in found.figures] if found else []
    return render(
        request,
        "reports/report.html",
        {
            "organisation": organisation,
            "form": form,
            "report": found,
            "figures": figures,
            "query": urlencode({key: form.data.get(key, "") for key in ("periode", "par")}),
        },
        status=200 if found else 400,
    )


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme report: the period's figures, each drawn beside its table."""
    return _page(request, report_organisation(request, slug))


def _download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    organisation = report_organisation(request, slug)
    _form, found = _report(request, organisation)
    if found is None:
        return _page(request, organisation)
    content, content_type = exports.EXPORTS[kind](found)
    name = slugify(f"rapport {organisation.slug} {found.period.key} {timezone.localdate()}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@require_safe
def csv_export(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "csv")


@require_safe
def ods_export(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "ods")


@require_safe
def pdf_export(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "pdf")
