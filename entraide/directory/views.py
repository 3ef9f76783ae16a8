import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from entraide.accounts.access import signed_in
from entraide.directory import access, exports, meetingguide
from entraide.directory import organisations as organisation_directory
from entraide.directory.actions import directory_version, save_organisation_page
from entraide.directory.cards import cards
from entraide.directory.forms import (
    ContactForm,
    OrganisationPageForm,
    OrganisationSearchForm,
    SearchForm,
)
from entraide.directory.jsonld import as_script_content, organisation_json_ld
from entraide.directory.search import Criteria, suggest
from entraide.directory.search import search as search_groups
from entraide.lib import places, ratelimit, spreadsheets
from entraide.notifications.actions import Address, notify
from entraide.organisations.access import organisation_for, roles_of
from entraide.organisations.models import OrganisationRole


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    """The directory: every published group, narrowed by what the visitor asks.

    With htmx only the results are sent back; otherwise the page, whose main part (title,
    form and results) is reused from the cache when the same search was just made.
    """
    form = SearchForm(request.GET or None)
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        return HttpResponse(
            cached_part(request, "results", lambda: render_results(request, form, live=True))
        )
    main = cached_part(
        request,
        "main",
        lambda: render_to_string(
            "directory/search.html#main",
            {"form": form, "results": render_results(request, form)},
            request,
        ),
    )
    return render(request, "directory/search.html", {"main": main})


def cached_part(request: HttpRequest, name: str, render_part: Callable[[], str]) -> SafeString:
    """A rendered part of the search page, kept for SEARCH_CACHE_SECONDS.

    The directory is public and changes rarely. A part is kept per language and query string,
    and dropped as soon as any group changes (directory_version). Only parts without anything
    personal are cached: the page's frame, with its CSRF token, is rendered every time.
    """
    if not settings.SEARCH_CACHE_SECONDS or request.user.is_authenticated:
        # A logged-in person's page may depend on their private postal code: never shared.
        return mark_safe(render_part())  # noqa: S308 - our own rendering.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(query.encode()).hexdigest()
    key = f"search:{name}:{get_language()}:{directory_version()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(render_part())
        cache.set(key, html, settings.SEARCH_CACHE_SECONDS)
    return mark_safe(str(html))  # noqa: S308 - our own rendering, stored just above.


def criteria_of(request: HttpRequest, form: SearchForm) -> tuple[Criteria, bool]:
    """What a valid (or empty) search form asks, and whether "near me" gave its place: the
    signed-in person's postal code, for them only."""
    criteria = form.criteria() if form.is_bound else Criteria()
    near_me = False
    if form.is_bound and form.cleaned_data.get("near_me") and criteria.place is None:
        home = getattr(request.user, "postal_code", "")
        criteria.place = places.resolve(home) if home else None
        near_me = criteria.place is not None
    return criteria, near_me


def render_results(request: HttpRequest, form: SearchForm, *, live: bool = False) -> str:
    """The results part of the search page: the groups found, or what to correct. `live`
    (htmx, the results changing in place) adds their number for the page's status line."""
    if form.is_bound and not form.is_valid():
        return render_to_string(
            "directory/search.html#results", {"form": form, "live": live}, request
        )
    criteria, near_me = criteria_of(request, form)
    paginator = Paginator(search_groups(criteria), settings.ENTRAIDE_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "cards": cards(page.object_list),
        # Nothing found: what else to try, and the way to start a group.
        "suggestions": suggest(criteria) if paginator.count == 0 else None,
        "words": criteria.text,
        "place": criteria.place,
        "near_me": near_me,
        "radius": criteria.radius_km,
        "query_string": query.urlencode(),
        # "1 000" in French, "1,000" in English.
        "export_limit": formats.number_format(exports.EXPORT_LIMIT, force_grouping=True),
        "live": live,
    }
    return render_to_string("directory/search.html#results", context, request)


EXPORTS = {
    "csv": (spreadsheets.CSV_TYPE, "csv"),
    "ods": (spreadsheets.ODS_TYPE, "ods"),
}


@login_not_required
@require_safe
def export_search(request: HttpRequest, kind: str) -> HttpResponse:
    """The groups of a search (the same parameters as the results page) as a spreadsheet."""
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # No file: the search page, with what to correct.
        main = render_to_string(
            "directory/search.html#main",
            {"form": form, "results": render_results(request, form)},
            request,
        )
        return render(request, "directory/search.html", {"main": main}, status=400)
    criteria, _near_me = criteria_of(request, form)
    rows = exports.rows(request, criteria)
    if kind == "ods":
        content = spreadsheets.ods_bytes(_("Groupes d'entraide"), exports.header(), rows)
    else:
        content = spreadsheets.csv_bytes([exports.header(), *rows])
    content_type, extension = EXPORTS[kind]
    response = HttpResponse(content, content_type=content_type)
    # A file name, with the date: "groupes-entraide-2026-12-07.csv".
    base = _("groupes-entraide")
    name = f"{base}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


FEED_MAX_AGE = 300  # seconds; the ETag makes each later check cheap


@login_not_required
@require_safe
def meeting_guide(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The Meeting Guide feed of every published group, or of one organisation's."""
    organisation = access.public_organisation(slug) if slug is not None else None
    feed = meetingguide.feed(request, organisation)
    response = HttpResponse(feed.body, content_type="application/json")
    modified = int(feed.last_modified.timestamp())
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    # Other sites' finders (TSML UI) read it from their visitors' browsers: public data only.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    answer = get_conditional_response(
        request, etag=feed.etag, last_modified=modified, response=response
    )
    if answer is None:  # only without a response to send
        return response
    answer["Access-Control-Allow-Origin"] = "*"
    return answer


# Someone may write to a few groups in an evening; a robot may not write to hundreds.
CONTACT_LIMIT = 5
CONTACT_WINDOW_SECONDS = 3600


@login_not_required
@require_http_methods(["GET", "POST"])
def contact_group(request: HttpRequest, slug: str) -> HttpResponse:
    """Write to a group without anyone's personal address appearing on the site."""
    group = access.public_group(slug)
    initial = {}
    if request.GET.get("objet") == "rejoindre":
        initial["message"] = _(
            "Bonjour, j'aimerais venir à une prochaine rencontre, d'abord pour écouter."
        )
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        client = request.META.get("REMOTE_ADDR", "")
        if not ratelimit.allow(f"contact:{client}", CONTACT_LIMIT, CONTACT_WINDOW_SECONDS):
            form.add_error(
                None,
                _(
                    "Vous avez déjà envoyé plusieurs messages. Pour éviter les abus, "
                    "merci de réessayer dans une heure. Votre message est toujours ci-dessous."
                ),
            )
            return render(
                request, "directory/contact.html", {"group": group, "form": form}, status=429
            )
        recipient = (
            group.organisation.contact_email
            if group.organisation and group.organisation.contact_email
            else settings.ENTRAIDE_CONTACT_EMAIL
        )
        # The worker sends it; until then the words wait encrypted, then they are erased.
        notify(
            Address(recipient, get_language() or ""),
            "directory/email/contact",
            reply_to=[form.cleaned_data["email"]],
            private={
                "name": form.cleaned_data["name"],
                "message": form.cleaned_data["message"],
                "email": form.cleaned_data["email"],
            },
            group=group,
        )
        messages.success(
            request,
            _(
                "Votre message est parti. Quelqu'un vous répondra par e-mail, "
                "en général en quelques jours."
            ),
        )
        return redirect(group.get_absolute_url())
    return render(request, "directory/contact.html", {"group": group, "form": form})


@login_not_required
def place_suggestions(request: HttpRequest) -> HttpResponse:
    """Towns and postal codes that start like what the visitor types, for the place field."""
    prefix = request.GET.get("place", "")[:100]
    suggestions = places.suggest(prefix) if len(prefix.strip()) >= 2 else []
    return render(request, "directory/_place_suggestions.html", {"suggestions": suggestions})


@login_not_required
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.public_organisation(slug)
    groups = list(access.group_cards().filter(organisation=organisation).order_by("name", "pk"))
    themes = list(organisation.declared_themes.order_by("name_fr"))
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "groups": groups,
            "cards": cards(groups),
            "themes": themes,
            "json_ld": as_script_content(
                organisation_json_ld(request, organisation, groups, themes)
            ),
            "is_admin": OrganisationRole.Role.ADMIN in roles_of(request.user, organisation),
        },
    )


@login_not_required
@require_safe
def organisations(request: HttpRequest) -> HttpResponse:
    """The public directory of organisations: near a place, on a theme."""
    form = OrganisationSearchForm(request.GET or None)
    found: list[organisation_directory.Found] = []
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            found = organisation_directory.find(data["place"], data["radius"] or 30, data["theme"])
    else:
        found = organisation_directory.find(None, 30, None)
    return render(
        request,
        "directory/organisations.html",
        {"form": form, "found": found, "searched": form.is_bound and form.is_valid()},
    )


def edit_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's admins edit its public page: contact, website, area, offers, themes."""
    organisation = organisation_for(request, slug, OrganisationRole.Role.ADMIN)
    form = OrganisationPageForm(
        request.POST if request.method == "POST" else None,
        instance=organisation,
        initial={"themes": list(organisation.declared_themes.all())},
    )
    if request.method == "POST" and form.is_valid():
        save_organisation_page(
            form.save(commit=False), form.cleaned_data["themes"], by=signed_in(request)
        )
        messages.success(request, _("La page de l'organisation est à jour."))
        return redirect("directory:organisation", slug=organisation.slug)
    return render(
        request,
        "directory/organisation_edit.html",
        {"organisation": organisation, "form": form},
    )
