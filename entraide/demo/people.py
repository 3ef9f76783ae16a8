"""Loading the demo people and what they do, for trying the site locally (`make run`).

Only in DEBUG: the people's password is in the data and printed, so the command refuses to
create them anywhere else. Alice, Bob and Chloé are the facilitator, member and observer of the
demo group; Coralie coordinates at the Centre d'entraide de Nantes, where Jean's project
recruits members and Paul's has just asked for accompaniment; twenty neighbours asked to be
grouped; Alice keeps a carnet; Sabine is the safeguarding lead and Bob raised a concern; the
Centre d'entraide de Nantes offers workshops, two to come (one full, Chloé waiting) and one past
with its attendance.
Each loader returns what the command prints, and running it again changes nothing.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.carnet.models import Entry
from entraide.demo.data import DemoDataError, Project, Stories, TeamRole
from entraide.directory.models import SupportGroup, Theme
from entraide.founding import actions as founding_actions
from entraide.founding.models import Initiative, Interest, Relay
from entraide.lib import recurrence
from entraide.lib.refusals import Refused
from entraide.meetings.models import Meeting, Presence, RoleAssignment, RoleKind
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.proposals.models import Wish
from entraide.safeguarding.models import Concern
from entraide.workshops.models import Registration, Workshop


def demo_person(stories: Stories, email: str) -> User:
    """The demo person of that e-mail, created with the demo password the first time."""
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(
            email, stories.password, display_name=stories.people[email]
        )
    EmailAddress.objects.update_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def _team_member(stories: Stories, role: TeamRole) -> User:
    person = demo_person(stories, role.person)
    OrganisationRole.objects.get_or_create(
        user=person,
        organisation=Organisation.objects.get(slug=role.organisation),
        role=role.role,
    )
    # Role holders log in with a second factor; in DEBUG the code 000000 is accepted.
    if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(person, generate_totp_secret())
    return person


@transaction.atomic
def load_members(stories: Stories) -> list[tuple[str, str]]:
    """The demo group's members and its meeting place; returns (e-mail, role) pairs to print."""
    group = SupportGroup.objects.get(slug=stories.demo_group)
    if not group.meeting_place:
        group.meeting_place = stories.meeting_place
        group.save(update_fields=["meeting_place"])
    shown = []
    for member in stories.members:
        role = Membership.Role(member.role)
        Membership.objects.update_or_create(
            user=demo_person(stories, member.person),
            group=group,
            defaults={"role": role, "status": Membership.Status.ACTIVE},
        )
        shown.append((member.person, str(role.label)))
    return shown


def _start_project(stories: Stories, project: Project, initiator: User) -> None:
    organisation = Organisation.objects.get(slug=project.organisation)
    place = project.place
    group = SupportGroup(
        name=project.name,
        summary=project.summary,
        kind=SupportGroup.Kind.TALK,
        audience=project.audience,
        format=SupportGroup.Format.IN_PERSON,
        country=place.country,
        postal_code=place.postal_code,
        town=place.name,
        latitude=place.lat,
        longitude=place.lon,
        frequency=SupportGroup.Frequency.IRREGULAR,
    )
    theme = Theme.objects.get(slug=project.theme)
    initiative = founding_actions.start_initiative(initiator, group, [theme.pk], project.interview)
    if project.accompaniment == Initiative.Accompaniment.ACCEPTED:
        # Accepted directly rather than through a coordinator's decision: a demo is not news.
        initiative.organisation = organisation
        initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
        initiative.accompaniment_requested_at = timezone.now()
        initiative.accompaniment_decided_at = timezone.now()
        initiative.save()
        group.organisation = organisation
        group.save(update_fields=["organisation"])
    else:
        founding_actions.request_accompaniment(
            initiative, organisation, project.accompaniment_message, by=initiator
        )
    while initiative.stage != project.stage:
        try:
            initiative = founding_actions.advance(initiative, by=initiator)
        except Refused as error:
            raise DemoDataError(
                f"founding.json, project {project.name!r}, field 'stage': {error}"
            ) from error
    for email in project.interested:
        Interest.objects.get_or_create(initiative=initiative, user=demo_person(stories, email))
    for relay in project.relays:
        Relay.objects.create(
            initiative=initiative,
            name=relay.name,
            kind=relay.kind,
            contact=relay.contact,
            contacted_on=timezone.localdate(),
            contacted_by=initiator,
            note=relay.note,
        )


@transaction.atomic
def load_founding(stories: Stories) -> list[tuple[str, str]]:
    """The coordinators and the founding projects; returns (e-mail, what they show) pairs."""
    shown = []
    for role in stories.coordinators:
        _team_member(stories, role)
        shown.append((role.person, role.shown))
    for project in stories.projects:
        initiator = demo_person(stories, project.initiator)
        # A project is started once: after that it is the initiator's to change.
        if not Initiative.objects.filter(initiator=initiator).exists():
            _start_project(stories, project, initiator)
        shown.append((project.initiator, project.shown))
    return shown


@transaction.atomic
def load_wishes(stories: Stories) -> tuple[int, str]:
    """The neighbours' wishes to be grouped; returns how many the organisation has, and its
    name."""
    organisation = Organisation.objects.get(slug=stories.wish_organisation)
    theme = Theme.objects.get(slug=stories.wish_theme)
    for demo in stories.wishes:
        wish, _created = Wish.objects.update_or_create(
            organisation=organisation,
            user=demo_person(stories, demo.person),
            defaults={
                "postal_code": demo.place_text,
                "country": demo.place.country,
                "lat": demo.place.lat,
                "lon": demo.place.lon,
                "languages": demo.languages,
            },
        )
        wish.themes.set([theme])
    return Wish.objects.filter(organisation=organisation).count(), organisation.name


def _past_meetings(
    stories: Stories, count: int, look_back: dt.timedelta | None = None
) -> list[Meeting]:
    """The last `count` past meetings of the carnet's group, created from its rhythm if needed.

    The demo plans coming meetings only, so the last past occurrences are added as meetings.
    """
    group = SupportGroup.objects.get(slug=stories.carnet_group)
    series = group.active_series()
    now = timezone.now()
    if series is None:
        return list(
            Meeting.objects.filter(group=group, ends_at__lt=now).order_by("-starts_at")[:count]
        )[::-1]
    zone = group.time_zone
    starts = list(
        recurrence.occurrences(
            series.rule,
            series.starts_on,
            series.start_time,
            zone,
            now - (look_back or stories.carnet_look_back),
            now,
        )
    )[-count:]
    meetings = []
    for start in starts:
        end = dt.datetime.combine(start.date(), series.end_time, tzinfo=zone)
        meeting, _created = Meeting.objects.get_or_create(
            series=series,
            occurrence_start=start,
            defaults={"group": group, "starts_at": start, "ends_at": end},
        )
        meetings.append(meeting)
    return meetings


@transaction.atomic
def load_carnet(stories: Stories) -> int:
    """A carnet page after each of the group's last meetings; returns how many were written."""
    author = User.objects.get(email=stories.carnet_author)
    meetings = _past_meetings(stories, len(stories.pages))
    written = 0
    for meeting, page in zip(meetings, stories.pages, strict=False):
        if Entry.objects.filter(author=author, meeting=meeting).exists():
            continue
        Entry.objects.create(
            author=author,
            meeting=meeting,
            day=timezone.localdate(meeting.starts_at, meeting.group.time_zone),
            mood=page.mood,
            feeling=page.feeling,
            takeaway=page.takeaway,
            next_time=page.next_time,
        )
        written += 1
    return written


@transaction.atomic
def load_concerns(stories: Stories) -> list[tuple[str, str]]:
    """The safeguarding leads and the concerns raised; returns (e-mail, what) pairs."""
    shown = []
    for role in stories.leads:
        _team_member(stories, role)
        shown.append((role.person, role.shown))
    for demo in stories.concerns:
        # Only a person the demo already created raises a concern (Bob is a member).
        raiser = User.objects.filter(email=demo.raised_by).first()
        if raiser is None:
            continue
        if not Concern.objects.filter(raised_by=raiser).exists():
            group = SupportGroup.objects.get(slug=demo.group)
            organisation = Organisation.objects.get(slug=demo.organisation)
            # Written directly rather than through actions.raise_concern: a demo is not news,
            # and nobody should be e-mailed about it.
            Concern.objects.create(
                group=group,
                organisation=organisation,
                raised_by=raiser,
                kind=demo.kind,
                mediation_requested=demo.mediation_requested,
                description=demo.description,
            )
            record(
                AuditEvent.Action.CONCERN_RAISED,
                by=None,
                group=group,
                organisation=organisation,
                detail=demo.kind,
            )
        shown.append((demo.raised_by, demo.shown))
    return shown


HEALTH_LOOK_BACK = dt.timedelta(days=190)
HEALTH_MEETINGS = 6


@transaction.atomic
def load_attendance(stories: Stories) -> int:
    """Attendance and roles at the demo group's meetings of the last six months, so that its
    health page ("La santé du groupe") shows something; returns how many meetings were noted.

    Everyone comes, but for one person now and then; the facilitation and the time keeping go
    round. Only presences and roles: nothing said in a meeting is ever recorded.
    """
    meetings = _past_meetings(stories, HEALTH_MEETINGS, HEALTH_LOOK_BACK)
    people = [
        membership.user
        for membership in Membership.objects.filter(
            group__slug=stories.carnet_group, status=Membership.Status.ACTIVE
        )
        .select_related("user")
        .order_by("user__email")
    ]
    noted = 0
    for number, meeting in enumerate(meetings):
        if meeting.attendance_taken_at is not None or not people:
            continue
        for index, person in enumerate(people):
            Presence.objects.get_or_create(
                meeting=meeting,
                user=person,
                defaults={"present": (number + index) % 4 != 3},
            )
        for offset, role in enumerate((RoleKind.FACILITATION, RoleKind.TIMEKEEPING)):
            RoleAssignment.objects.get_or_create(
                meeting=meeting,
                role=role,
                defaults={"user": people[(number + offset) % len(people)]},
            )
        meeting.attendance_taken_at = meeting.ends_at
        meeting.save(update_fields=["attendance_taken_at"])
        noted += 1
    return noted


@transaction.atomic
def load_workshops(stories: Stories) -> list[tuple[str, str]]:
    """The organisation's workshops and who registered; returns (title, what) pairs.

    A workshop is found again by its organisation and title, so loading twice changes nothing
    (its date stays the one of the first loading). Written directly rather than through
    `workshops.actions`: a demo is not news, and nobody should be e-mailed about it.
    """
    if not stories.workshops:
        return []
    organisation = Organisation.objects.get(slug=stories.workshop_organisation)
    admin = (
        OrganisationRole.objects.filter(organisation=organisation, role="admin")
        .select_related("user")
        .first()
    )
    shown = []
    for demo in stories.workshops:
        workshop = Workshop.objects.filter(organisation=organisation, title=demo.title).first()
        if workshop is None:
            day = timezone.localdate() + dt.timedelta(days=demo.in_days)
            zone = Workshop(organisation=organisation).time_zone
            workshop = Workshop.objects.create(
                organisation=organisation,
                title=demo.title,
                description=demo.description,
                audience=demo.audience,
                starts_at=dt.datetime.combine(day, demo.start, tzinfo=zone),
                ends_at=dt.datetime.combine(day, demo.end, tzinfo=zone),
                place_name=demo.place_name,
                address=demo.address,
                town=demo.town,
                capacity=demo.capacity,
                created_by=admin.user if admin is not None else None,
            )
            record(
                AuditEvent.Action.WORKSHOP_PUBLISHED,
                by=workshop.created_by,
                organisation=organisation,
                detail=f"workshop {workshop.pk}",
            )
        for order, email in enumerate(demo.registered):
            person = demo_person(stories, email)
            Registration.objects.get_or_create(
                workshop=workshop,
                user=person,
                defaults={
                    "registered_at": workshop.created_at + dt.timedelta(minutes=order),
                    "waiting": order >= workshop.capacity,
                    "attended": (email in demo.attended) if demo.attended else None,
                },
            )
        shown.append((demo.title, demo.shown))
    return shown
