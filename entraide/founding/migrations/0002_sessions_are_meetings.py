"""Founding sessions become meetings of the group: each dated session gets its `Meeting`.

A dated session's date, length, place, agenda and notes move to a new meeting of the group
(an extra meeting, named after the session). An undated session keeps only its kind: its
agenda is suggested again when it is given a date. Entraide had no deployment holding undated
drafts when this was written; a draft place or note of an undated session would not be kept.
"""

import datetime as dt

from django.db import migrations, models
import django.db.models.deletion

TITLES = {
    "information": "Séance d'information",
    "first": "Première séance de fondation",
    "second": "Deuxième séance de fondation",
}


def to_meetings(apps, schema_editor):
    FoundingSession = apps.get_model("founding", "FoundingSession")
    Meeting = apps.get_model("meetings", "Meeting")
    sessions = FoundingSession.objects.filter(starts_at__isnull=False).select_related(
        "initiative"
    )
    for session in sessions:
        session.meeting = Meeting.objects.create(
            group_id=session.initiative.group_id,
            title=TITLES.get(session.kind, ""),
            starts_at=session.starts_at,
            ends_at=session.starts_at + dt.timedelta(minutes=session.duration_minutes),
            place=session.place,
            agenda=session.agenda,
            note=session.notes,
        )
        session.save(update_fields=["meeting"])


def to_sessions(apps, schema_editor):
    FoundingSession = apps.get_model("founding", "FoundingSession")
    for session in FoundingSession.objects.filter(meeting__isnull=False).select_related(
        "meeting"
    ):
        meeting = session.meeting
        session.starts_at = meeting.starts_at
        session.duration_minutes = max(
            15, min(480, int((meeting.ends_at - meeting.starts_at).total_seconds() // 60))
        )
        session.place = meeting.place
        session.agenda = meeting.agenda
        session.notes = meeting.note
        session.save()
        meeting.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("founding", "0001_initial"),
        ("meetings", "0004_meeting_title"),
    ]

    operations = [
        migrations.AddField(
            model_name="foundingsession",
            name="meeting",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="founding_session",
                to="meetings.meeting",
                verbose_name="rencontre",
            ),
        ),
        migrations.RunPython(to_meetings, to_sessions),
        migrations.RemoveField(model_name="foundingsession", name="starts_at"),
        migrations.RemoveField(model_name="foundingsession", name="duration_minutes"),
        migrations.RemoveField(model_name="foundingsession", name="place"),
        migrations.RemoveField(model_name="foundingsession", name="agenda"),
        migrations.RemoveField(model_name="foundingsession", name="notes"),
    ]
