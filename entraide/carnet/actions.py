"""Every write to a carnet, and its export.

The person is always the author: these functions take the rows that `access.py` fetched for
them. Downloading and erasing the whole carnet are written in the audit journal, as what
happened and to whom, never with any of the words, nor how many pages there were.
Nothing here logs anything.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.carnet.models import Entry, Mood, Preparation
from entraide.lib.dates import date_label, moment_label
from entraide.meetings.models import Meeting


@dataclass(frozen=True)
class Words:
    """What a page of the carnet says: a mood (or none) and three texts."""

    mood: int | None
    feeling: str
    takeaway: str
    next_time: str

    def __post_init__(self) -> None:
        if self.mood is not None and self.mood not in Mood.values:
            raise ValueError("a mood is between 1 and 5")


def write_entry(author: User, *, day: dt.date, words: Words, meeting: Meeting | None) -> Entry:
    return Entry.objects.create(
        author=author,
        meeting=meeting,
        day=day,
        mood=words.mood,
        feeling=words.feeling,
        takeaway=words.takeaway,
        next_time=words.next_time,
    )


def change_entry(entry: Entry, *, day: dt.date, words: Words) -> Entry:
    entry.day = day
    entry.mood = words.mood
    entry.feeling = words.feeling
    entry.takeaway = words.takeaway
    entry.next_time = words.next_time
    entry.save(update_fields=["day", "mood", "feeling", "takeaway", "next_time", "updated_at"])
    return entry


def delete_entry(entry: Entry) -> None:
    entry.delete()


def save_preparation(author: User, meeting: Meeting, text: str) -> Preparation:
    """Write or rewrite my note for this meeting (one per meeting)."""
    with transaction.atomic():
        preparation, created = Preparation.objects.select_for_update().get_or_create(
            author=author, meeting=meeting, defaults={"text": text}
        )
        if not created:
            preparation.text = text
            preparation.save(update_fields=["text", "updated_at"])
    return preparation


def remove_preparation(author: User, meeting: Meeting) -> None:
    Preparation.objects.filter(author=author, meeting=meeting).delete()


# Export ---------------------------------------------------------------------------------------


def _meeting_fields(meeting: Meeting | None) -> dict[str, Any]:
    if meeting is None:
        return {"group": None, "meeting": None}
    return {
        "group": meeting.group.name,
        "meeting": timezone.localtime(meeting.starts_at, meeting.group.time_zone).isoformat(),
    }


def carnet_as_data(person: User) -> dict[str, Any]:
    """The whole carnet of `person`, ready for `json.dumps`; nobody else's rows are read."""
    entries = Entry.objects.filter(author=person).select_related("meeting__group")
    preparations = Preparation.objects.filter(author=person).select_related("meeting__group")
    return {
        "exported_at": timezone.now().isoformat(),
        "entries": [
            {
                "day": entry.day.isoformat(),
                **_meeting_fields(entry.meeting),
                "mood": entry.mood,
                "mood_words": entry.mood_label,
                "feeling": entry.feeling,
                "takeaway": entry.takeaway,
                "next_time": entry.next_time,
                "created_at": entry.created_at.isoformat(),
                "updated_at": entry.updated_at.isoformat(),
            }
            for entry in entries.order_by("day", "created_at", "pk")
        ],
        "preparations": [
            {
                **_meeting_fields(preparation.meeting),
                "text": preparation.text,
                "updated_at": preparation.updated_at.isoformat(),
            }
            for preparation in preparations.order_by("meeting__starts_at", "pk")
        ],
    }


def _meeting_words(meeting: Meeting | None) -> str:
    if meeting is None:
        return ""
    return _("Après la rencontre du %(moment)s, %(group)s") % {
        "moment": moment_label(meeting.starts_at, meeting.group.time_zone),
        "group": meeting.group.name,
    }


def carnet_as_text(person: User) -> str:
    """The whole carnet of `person` as a plain text to read, oldest page first."""
    title = _("Mon carnet")
    lines = [title, "=" * len(title), ""]
    entries = list(
        Entry.objects.filter(author=person)
        .select_related("meeting__group")
        .order_by("day", "created_at", "pk")
    )
    for entry in entries:
        day = date_label(entry.day, "l j F Y").capitalize()
        lines += [day, "-" * len(day)]
        if entry.meeting is not None:
            lines.append(_meeting_words(entry.meeting))
        if entry.mood:
            lines.append(
                _("Humeur : %(mood)d sur 5, %(words)s")
                % {"mood": entry.mood, "words": entry.mood_label}
            )
        for label, text in [
            (_("Comment je me sens"), entry.feeling),
            (_("Ce que je retiens"), entry.takeaway),
            (_("Ce que je veux apporter la prochaine fois"), entry.next_time),
        ]:
            if text:
                lines += ["", f"{label} :", text]
        lines.append("")
    preparations = list(
        Preparation.objects.filter(author=person)
        .select_related("meeting__group")
        .order_by("meeting__starts_at", "pk")
    )
    if preparations:
        heading = _("Mes préparations")
        lines += [heading, "=" * len(heading), ""]
        for preparation in preparations:
            meeting = preparation.meeting
            lines += [
                _("Pour la rencontre du %(moment)s, %(group)s")
                % {
                    "moment": moment_label(meeting.starts_at, meeting.group.time_zone),
                    "group": meeting.group.name,
                },
                preparation.text,
                "",
            ]
    if not entries and not preparations:
        lines.append(_("Votre carnet est vide."))
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class Download:
    filename: str
    content: str
    content_type: str


def export_carnet(person: User, kind: str) -> Download:
    """My carnet as a file, for me only; the download is written in the audit journal."""
    with transaction.atomic():
        if kind == "json":
            download = Download(
                "mon-carnet.json",
                json.dumps(carnet_as_data(person), ensure_ascii=False, indent=2),
                "application/json; charset=utf-8",
            )
        else:
            download = Download(
                "mon-carnet.txt", carnet_as_text(person), "text/plain; charset=utf-8"
            )
        record(AuditEvent.Action.CARNET_EXPORTED, by=person, subject=person)
    return download


def erase_carnet(person: User) -> None:
    """Erase every page and every preparation of my carnet, at once and for good."""
    with transaction.atomic():
        Entry.objects.filter(author=person).delete()
        Preparation.objects.filter(author=person).delete()
        record(AuditEvent.Action.CARNET_ERASED, by=person, subject=person)
