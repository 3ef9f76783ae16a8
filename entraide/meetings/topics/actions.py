"""Topics and votes, and outside speakers: what the group wants to talk about, and with whom.

Anyone active proposes a topic (observers too, seed 003, step 7); members and facilitators vote,
once each; facilitators plan a topic for a meeting. Outside speakers (seed 000: e.g. a health
professional) are followed by whoever took the speakers role, and by the facilitators.
"""

from entraide.meetings.access import TAKING_PART
from entraide.meetings.models import Meeting, RoleKind, RoleVolunteer, Speaker, Topic, TopicVote
from entraide.membership.models import Membership


def propose_topic(membership: Membership, title: str, detail: str = "") -> Topic:
    if not membership.is_active:
        raise PermissionError
    return Topic.objects.create(
        group=membership.group,
        title=title.strip(),
        detail=detail.strip(),
        proposed_by=membership.user,
    )


def vote(topic: Topic, membership: Membership, *, wants: bool) -> bool:
    """One vote per person and topic; voting twice keeps one, withdrawing removes it."""
    if not (membership.is_active and membership.role in TAKING_PART):
        raise PermissionError
    if topic.group_id != membership.group_id or topic.status == Topic.Status.DONE:
        raise ValueError(topic.pk)
    if wants:
        TopicVote.objects.get_or_create(topic=topic, user=membership.user)
    else:
        TopicVote.objects.filter(topic=topic, user=membership.user).delete()
    return wants


def plan_topic(topic: Topic, meeting: Meeting | None, *, by: Membership) -> Topic:
    """Plan a topic for a meeting, or put it back among the proposals."""
    if not by.is_facilitator or by.group_id != topic.group_id:
        raise PermissionError
    if meeting is not None and meeting.group_id != topic.group_id:
        raise ValueError(meeting.pk)
    topic.meeting = meeting
    topic.status = Topic.Status.PLANNED if meeting is not None else Topic.Status.PROPOSED
    topic.save(update_fields=["meeting", "status"])
    return topic


def topic_done(topic: Topic, *, by: Membership) -> Topic:
    if not by.is_facilitator or by.group_id != topic.group_id:
        raise PermissionError
    topic.status = Topic.Status.DONE
    topic.save(update_fields=["status"])
    return topic


def handles_speakers(membership: Membership) -> bool:
    """Those who offered to take the speakers role, and the facilitators."""
    if membership.is_facilitator:
        return True
    return (
        membership.is_active
        and membership.role in TAKING_PART
        and RoleVolunteer.objects.filter(
            group=membership.group, user=membership.user, role=RoleKind.SPEAKERS
        ).exists()
    )


def save_speaker(speaker: Speaker, *, by: Membership) -> Speaker:
    """Add or update an outside speaker; whoever writes it last follows it."""
    if not handles_speakers(by) or speaker.group_id != by.group_id:
        raise PermissionError
    if speaker.meeting is not None and speaker.meeting.group_id != speaker.group_id:
        raise ValueError(speaker.meeting_id)
    speaker.handled_by = by.user
    speaker.save()
    return speaker
