"""A workshop as an iCalendar file, for the people registered to it.

The calendar's frame is the meetings' (`meetings.calendars.ical`: PRODID, the VTIMEZONE written
as yearly rules that ical.js reads right, the UID's host); the event is the workshop's own. Its
UID stays the same across changes ("workshop-<id>@<host>") and its SEQUENCE grows with each
change of time or place and with its cancellation, so a calendar that imported it before takes
the new version instead of adding a second event. The address is written for registered people
(the only ones who can download it), the link only for those with a seat.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from entraide.meetings.calendars.ical import absolute, finish, new_calendar, uid_host
from entraide.workshops.models import Registration, Workshop


def workshop_uid(workshop: Workshop) -> str:
    return f"workshop-{workshop.pk}@{uid_host()}"


def where(workshop: Workshop) -> str:
    """The place in one line: its name, its address, its town."""
    lines = [workshop.place_name, " ".join(workshop.address.split()), workshop.town]
    return ", ".join(part for part in lines if part)


def workshop_calendar(workshop: Workshop, mine: Registration) -> bytes:
    zone = workshop.time_zone
    event = Event()
    event.add("uid", workshop_uid(workshop))
    event.add("dtstamp", timezone.now())
    event.add("sequence", workshop.sequence)
    event.add("summary", f"{workshop.title} — {workshop.organisation.name}")
    event.add("dtstart", workshop.starts_at.astimezone(zone))
    event.add("dtend", workshop.ends_at.astimezone(zone))
    event.add("last-modified", workshop.updated_at)
    event.add("status", "CANCELLED" if workshop.is_cancelled else "CONFIRMED")
    lines = [
        _("Page de l'atelier : %(url)s")
        % {"url": absolute(reverse("workshops:detail", args=[workshop.pk]))}
    ]
    if workshop.is_online:
        if mine.has_seat and workshop.online_link:
            event.add("location", workshop.online_link)
            event.add("url", workshop.online_link)
            lines.append(
                _("Lien pour se retrouver en ligne : %(url)s") % {"url": workshop.online_link}
            )
        else:
            lines.append(_("Le lien est donné aux personnes qui ont une place."))
    else:
        event.add("location", where(workshop))
    event.add("description", "\n".join(lines))
    calendar = new_calendar(workshop.organisation.name)
    calendar.add_component(event)
    return finish(calendar)
