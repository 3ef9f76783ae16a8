"""Mon carnet: the home page with my evolution, writing, changing and deleting a page,
preparing a meeting, downloading and erasing the whole carnet.

Every page is the signed-in person's own (`access.py` fetches by author), sent with
`Cache-Control: no-store`. What a person writes is marked sensitive, so that an error report
never carries it.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.carnet import access, actions
from entraide.carnet.chart import mood_chart
from entraide.carnet.forms import EntryForm, ExportForm, PreparationForm
from entraide.carnet.models import Entry
from entraide.meetings.models import Meeting

# How far back the home page looks for a meeting to write about, and ahead for one to prepare.
RECENT = dt.timedelta(days=14)
AHEAD = dt.timedelta(days=42)
# The chart draws the last entries with a mood among the most recent ones.
CHART_LOOKS_AT = 100

WORDS = ("feeling", "takeaway", "next_time")
private_words = sensitive_post_parameters(*WORDS, "text")


def _words(form: EntryForm) -> actions.Words:
    data = form.cleaned_data
    return actions.Words(data["mood"], data["feeling"], data["takeaway"], data["next_time"])


def _chart_values(person: User) -> list[tuple[dt.date, int]]:
    # Only the day and the mood are read (and decrypted), not the words.
    recent = (
        Entry.objects.filter(author=person)
        .only("day", "mood", "created_at")
        .order_by("-day", "-created_at", "-pk")[:CHART_LOOKS_AT]
    )
    return [(entry.day, entry.mood) for entry in reversed(recent) if entry.mood]


def _next_to_prepare(person: User, now: dt.datetime) -> list[Meeting]:
    """The next meeting of each of my groups, within a few weeks."""
    coming = (
        access.meetings_of_my_groups(person)
        .filter(starts_at__gt=now, starts_at__lte=now + AHEAD, status=Meeting.Status.SCHEDULED)
        .order_by("starts_at", "pk")
    )
    first: dict[int, Meeting] = {}
    for meeting in coming:
        first.setdefault(meeting.group_id, meeting)
    return list(first.values())


def _recent_to_write_about(person: User, now: dt.datetime) -> list[Meeting]:
    """The meetings of my groups of the last two weeks that I have not written about yet."""
    written = Entry.objects.filter(author=person, meeting__isnull=False).values("meeting_id")
    return list(
        access.meetings_of_my_groups(person)
        .filter(starts_at__lte=now, starts_at__gte=now - RECENT, status=Meeting.Status.SCHEDULED)
        .exclude(pk__in=written)
        .order_by("-starts_at", "-pk")
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """My evolution (the mood chart and its table), my pages, and today's preparations."""
    person = signed_in(request)
    now = timezone.now()
    page = Paginator(access.my_entries(person), settings.ENTRAIDE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    to_prepare = _next_to_prepare(person, now)
    prepared = {
        p.meeting_id
        for p in access.my_preparations(person).filter(meeting__in=[m.pk for m in to_prepare])
    }
    return render(
        request,
        "carnet/home.html",
        {
            "page": page,
            "chart": mood_chart(_chart_values(person)),
            "today": access.todays_preparations(person, now),
            "to_prepare": [(meeting, meeting.pk in prepared) for meeting in to_prepare],
            "to_write_about": _recent_to_write_about(person, now),
        },
    )


def _entry_page(
    request: HttpRequest,
    form: EntryForm,
    *,
    meeting: Meeting | None = None,
    entry: Entry | None = None,
) -> HttpResponse:
    person = signed_in(request)
    about = meeting or (entry.meeting if entry else None)
    prepared = access.my_preparation_for(person, about) if about else None
    return render(
        request,
        "carnet/entry_form.html",
        {"form": form, "meeting": about, "entry": entry, "preparation": prepared},
        status=400 if form.is_bound else 200,
    )


@private_words
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest) -> HttpResponse:
    """A new page of my carnet, about any day."""
    person = signed_in(request)
    form = EntryForm(request.POST or None, initial={"day": timezone.localdate()})
    if form.is_valid():
        actions.write_entry(person, day=form.cleaned_data["day"], words=_words(form), meeting=None)
        messages.success(request, _("C'est noté dans votre carnet."))
        return redirect("carnet:home")
    return _entry_page(request, form)


@private_words
@require_http_methods(["GET", "POST"])
def write_after(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A new page of my carnet about a meeting of one of my groups, once it has begun."""
    person = signed_in(request)
    meeting = access.meeting_of_my_group(request, slug, meeting_id)
    if meeting.starts_at > timezone.now():
        return redirect("carnet:prepare", slug=slug, meeting_id=meeting.pk)
    day = timezone.localdate(meeting.starts_at, meeting.group.time_zone)
    form = EntryForm(request.POST or None, initial={"day": day})
    if form.is_valid():
        actions.write_entry(
            person, day=form.cleaned_data["day"], words=_words(form), meeting=meeting
        )
        messages.success(request, _("C'est noté dans votre carnet."))
        return redirect("carnet:home")
    return _entry_page(request, form, meeting=meeting)


@private_words
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.my_entry(request, entry_id)
    initial = {
        "day": entry.day,
        "mood": entry.mood or "",
        "feeling": entry.feeling,
        "takeaway": entry.takeaway,
        "next_time": entry.next_time,
    }
    form = EntryForm(request.POST or None, initial=initial)
    if form.is_valid():
        actions.change_entry(entry, day=form.cleaned_data["day"], words=_words(form))
        messages.success(request, _("Votre page est modifiée."))
        return redirect("carnet:home")
    return _entry_page(request, form, entry=entry)


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.my_entry(request, entry_id)
    if request.method == "POST":
        actions.delete_entry(entry)
        messages.success(request, _("La page est supprimée."))
        return redirect("carnet:home")
    return render(request, "carnet/delete.html", {"entry": entry})


@private_words
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """My note for a coming meeting of one of my groups; I find it again on the day."""
    person = signed_in(request)
    meeting = access.meeting_of_my_group(request, slug, meeting_id)
    if meeting.ends_at < timezone.now():
        return redirect("carnet:write_after", slug=slug, meeting_id=meeting.pk)
    preparation = access.my_preparation_for(person, meeting)
    if request.method == "POST" and request.POST.get("what") == "remove":
        actions.remove_preparation(person, meeting)
        messages.success(request, _("Votre note est retirée."))
        return redirect("carnet:home")
    form = PreparationForm(
        request.POST or None, initial={"text": preparation.text if preparation else ""}
    )
    if form.is_valid():
        actions.save_preparation(person, meeting, form.cleaned_data["text"])
        messages.success(
            request, _("Votre note est gardée : vous la retrouverez le jour de la rencontre.")
        )
        return redirect("carnet:home")
    return render(
        request,
        "carnet/prepare.html",
        {"form": form, "meeting": meeting, "preparation": preparation},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Download my carnet: what the file holds, then the file itself."""
    person = signed_in(request)
    form = ExportForm(request.POST or None)
    if form.is_valid():
        download = actions.export_carnet(person, form.cleaned_data["format"])
        response = HttpResponse(download.content, content_type=download.content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=download.filename
        )
        return response
    return render(
        request, "carnet/export.html", {"form": form}, status=400 if form.is_bound else 200
    )


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest) -> HttpResponse:
    """Erase my whole carnet, after saying plainly that it cannot be undone."""
    person = signed_in(request)
    if request.method == "POST":
        actions.erase_carnet(person)
        messages.success(request, _("Votre carnet est effacé."))
        return redirect("carnet:home")
    return render(
        request,
        "carnet/erase.html",
        {
            "entries": access.my_entries(person).count(),
            "preparations": access.my_preparations(person).count(),
        },
    )
