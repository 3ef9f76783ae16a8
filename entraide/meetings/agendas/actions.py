"""The agenda of a group's meeting, pre-filled from seed 000's four moments.

Seed 000, "Comment faciliter et participer à une réunion": a round on the past meeting where
everyone may speak and anyone may choose not to; time on the questions raised last time; a
learning tool or an activity to plan; a closing ritual. We fill in what the site already
knows (last time's decisions, the confirmed speakers, the topics planned, the group's own
ritual from its adopted charter); the facilitators then edit it freely (`set_agenda`).
"""

from django.utils.translation import gettext as _

from entraide.charters.models import in_force
from entraide.meetings.models import Meeting, Speaker, Topic
from entraide.membership.models import Membership


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The group's last meeting held before this one (cancelled ones do not count)."""
    return (
        Meeting.objects.filter(group_id=meeting.group_id, starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at", "-pk")
        .first()
    )


def closing_ritual(meeting: Meeting) -> str:
    """The group's own ritual if its adopted charter has one, else the seed's suggestion."""
    charter = in_force(meeting.group)
    ritual = charter.answer("rituals").strip() if charter is not None else ""
    if ritual:
        return _("Pour clore, notre rituel : %(ritual)s") % {"ritual": ritual}
    return _("Pour clore : un rituel, une chanson ou une activité de clôture.")


def suggested_agenda(meeting: Meeting) -> str:
    """The suggested agenda, in the active language, one point per line."""
    lines = [
        "– "
        + _(
            "Un tour sur le mois passé : chacun·e peut prendre la parole, "
            "et chacun·e peut choisir de passer son tour."
        ),
        "– " + _("Les suites des questions soulevées la dernière fois, et comment les résoudre."),
    ]
    previous = previous_meeting(meeting)
    if previous is not None and previous.note.strip():
        lines.append("  " + _("Ce que nous avions décidé :"))
        lines.extend(f"  · {line.strip()}" for line in previous.note.splitlines() if line.strip())
    lines.append(
        "– "
        + _("Un outil d'apprentissage, un·e intervenant·e ou une activité à préparer ensemble.")
    )
    for speaker in Speaker.objects.filter(
        meeting=meeting, status=Speaker.Status.CONFIRMED
    ).order_by("name"):
        if speaker.expertise:
            lines.append(
                "  · "
                + _("Intervenant·e : %(name)s (%(expertise)s)")
                % {"name": speaker.name, "expertise": speaker.expertise}
            )
        else:
            lines.append("  · " + _("Intervenant·e : %(name)s") % {"name": speaker.name})
    for topic in Topic.objects.filter(meeting=meeting, status=Topic.Status.PLANNED).order_by(
        "created_at", "pk"
    ):
        lines.append("  · " + _("Sujet prévu : %(title)s") % {"title": topic.title})
    lines.append("– " + closing_ritual(meeting))
    return "\n".join(lines)


def set_agenda(meeting: Meeting, agenda: str, *, by: Membership) -> Meeting:
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    meeting.agenda = agenda.strip()
    meeting.save(update_fields=["agenda", "updated_at"])
    return meeting
