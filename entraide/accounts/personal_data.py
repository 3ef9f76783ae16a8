"""What the site holds about a person, and what happens to it when they leave (GDPR).

`REGISTRY` has one entry per field, in any app, that points at a person: a ForeignKey or a
OneToOneField to the user model. A many-to-many relation (the user's permission groups and
permissions, or any future "participants" list) is stored in a through table, which holds
such a ForeignKey; its entry names that table, e.g. "accounts.User_groups".

Each entry says what "Download my data" gives back (`export`: fields, or lookups through a
relation such as "group__name"; never a secret) and what "Delete my account" does to the rows
(`DELETE` them, or `ANONYMISE` them: keep the row for the others, empty the listed personal
fields and detach it from the person).

Entries name models by strings and look them up only when used, so this file imports no
other app. `unregistered_user_references()` lists the fields that point at a person and have
no entry; a test keeps it empty, so a new model cannot forget the people it refers to.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple
from uuid import UUID

from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from entraide.accounts.models import User

Policy = Literal["delete", "anonymise"]
DELETE: Policy = "delete"
ANONYMISE: Policy = "anonymise"


@dataclass(frozen=True)
class Entry:
    model: str  # "app_label.ModelName"
    user_field: str  # the field that points at the person
    section: str  # the key of these rows in the exported file
    export: tuple[str, ...]
    on_erase: Policy
    blank: tuple[str, ...] = ()  # ANONYMISE only: the personal fields emptied in the row

    @property
    def reference(self) -> str:
        return f"{self.model}.{self.user_field}"

    def model_class(self) -> type[models.Model] | None:
        """The model, or None while its app is not installed (an app still being written)."""
        app_label, _name = self.model.split(".")
        if app_label not in apps.app_configs:
            return None
        return apps.get_model(self.model)

    def rows(self, person: User) -> "models.QuerySet[Any] | None":
        model = self.model_class()
        if model is None:
            return None
        # The base manager: a custom default manager may hide some rows, erasure may not.
        return model._base_manager.filter(**{self.user_field: person}).order_by("pk")


REGISTRY: tuple[Entry, ...] = (
    Entry(
        "account.EmailAddress",
        "user",
        section="email_addresses",
        export=("email", "verified", "primary"),
        on_erase=DELETE,
    ),
    # An authenticator's `data` holds the TOTP secret and the recovery codes' seed: the file
    # only says which kind is set up, since when, and when it was last used.
    Entry(
        "mfa.Authenticator",
        "user",
        section="authenticators",
        export=("type", "created_at", "last_used_at"),
        on_erase=DELETE,
    ),
    Entry(
        "accounts.User_groups",
        "user",
        section="permission_groups",
        export=("group__name",),
        on_erase=DELETE,
    ),
    Entry(
        "accounts.User_user_permissions",
        "user",
        section="permissions",
        export=("permission__codename", "permission__name"),
        on_erase=DELETE,
    ),
    # What a staff member did in the admin. The object's name is left out: it may be another
    # person's. The column cannot be empty, so the rows go with the person.
    Entry(
        "admin.LogEntry",
        "user",
        section="admin_actions",
        export=("action_time", "action_flag", "content_type__app_label", "content_type__model"),
        on_erase=DELETE,
    ),
    # A group keeps working without a person's membership: delete it, message included.
    Entry(
        "membership.Membership",
        "user",
        section="memberships",
        export=(
            "group__name",
            "role",
            "status",
            "becoming_member",
            "message",
            "requested_at",
            "decided_at",
            "left_at",
        ),
        on_erase=DELETE,
    ),
    # A role in an organisation is given by the organisation; it goes with the person.
    Entry(
        "organisations.OrganisationRole",
        "user",
        section="organisation_roles",
        export=("organisation__name", "role", "created_at"),
        on_erase=DELETE,
    ),
    # An invitation to an organisation's team stays the organisation's when its sender leaves;
    # the invited address is the invited person's, not the sender's, so it is not exported.
    Entry(
        "organisations.TeamInvitation",
        "invited_by",
        section="team_invitations_i_sent",
        export=("organisation__name", "role", "created_at"),
        on_erase=ANONYMISE,
    ),
    # A project of group outlives its initiator: the group belongs to its members. The
    # interview answers are the initiator's own words, so they go with the person.
    Entry(
        "founding.Initiative",
        "initiator",
        section="groups_i_started",
        export=(
            "group__name",
            "stage",
            "need",
            "members_profile",
            "motivation",
            "own_role",
            "collective_decisions",
            "created_at",
        ),
        on_erase=ANONYMISE,
        blank=("need", "members_profile", "motivation", "own_role", "collective_decisions"),
    ),
    Entry(
        "founding.StageChange",
        "by",
        section="founding_stage_changes",
        export=("initiative__group__name", "from_stage", "to_stage", "reason", "at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "founding.Interest",
        "user",
        section="interest_in_new_groups",
        export=("initiative__group__name", "message", "created_at", "invited_at"),
        on_erase=DELETE,
    ),
    Entry(
        "founding.Relay",
        "contacted_by",
        section="relays_i_contacted",
        export=("initiative__group__name", "name", "contacted_on"),
        on_erase=ANONYMISE,
    ),
    # A charter is the group's; a person's comments, consents and signatures are their own.
    Entry(
        "charters.Charter",
        "created_by",
        section="charters_i_started",
        export=("group__name", "version", "created_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "charters.Comment",
        "author",
        section="charter_comments",
        export=("charter__group__name", "question", "text", "proposal", "created_at"),
        on_erase=DELETE,
    ),
    Entry(
        "charters.Consent",
        "user",
        section="charter_consents",
        export=("charter__group__name", "charter__version", "decision", "reason", "decided_at"),
        on_erase=DELETE,
    ),
    Entry(
        "charters.Signature",
        "user",
        section="charter_signatures",
        export=("charter__group__name", "charter__version", "signed_at"),
        on_erase=DELETE,
    ),
    # A coordinator's note is the organisation's working memory: it stays, without its author.
    Entry(
        "accompaniment.CoordinatorNote",
        "author",
        section="coordination_notes",
        export=("initiative__group__name", "text", "created_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "accompaniment.SupportRequest",
        "created_by",
        section="support_requests_made",
        export=("group__name", "kind", "message", "created_at", "status"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "accompaniment.SupportRequest",
        "answered_by",
        section="support_requests_answered",
        export=("group__name", "kind", "answer", "answered_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "accompaniment.Review",
        "done_by",
        section="reviews_done",
        export=("group__name", "due_on", "done_at"),
        on_erase=ANONYMISE,
    ),
    # The facilitator who chose whether the group shares its health: the choice stays.
    Entry(
        "health.Sharing",
        "changed_by",
        section="health_sharing_chosen",
        export=("group__name", "shared", "changed_at"),
        on_erase=ANONYMISE,
    ),
    # That the person answered a round or was offered the newcomers' questionnaire; their
    # answers carry no name (accompaniment.Response) and so are no one's personal data.
    Entry(
        "accompaniment.Respondent",
        "user",
        section="questionnaires_answered",
        export=("group__name", "purpose", "review__due_on", "state"),
        on_erase=DELETE,
    ),
    # Meetings: a person's answers, roles and attendance are theirs; what they organised for
    # the group (a meeting hosted, a topic, a speaker, a poll) stays, without their name.
    Entry(
        "meetings.Meeting",
        "host",
        section="meetings_i_hosted",
        export=("group__name", "starts_at", "host_confirmed"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "meetings.Answer",
        "user",
        section="meeting_answers",
        export=("meeting__group__name", "meeting__starts_at", "response", "waiting", "answered_at"),
        on_erase=DELETE,
    ),
    # A message waiting to be sent, or that could not be: which kind, never its content.
    Entry(
        "notifications.Delivery",
        "user",
        section="messages_waiting",
        export=("notification__template", "status", "updated_at"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.SentReminder",
        "user",
        section="meeting_reminders",
        export=("meeting__group__name", "meeting__starts_at", "kind", "sent_at"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.CalendarToken",
        "user",
        section="calendar_addresses",
        export=("group__name", "created_at", "revoked_at"),
        on_erase=DELETE,
    ),
    # A personal API token: its name and dates, never its digest.
    Entry(
        "api.ApiToken",
        "user",
        section="api_tokens",
        export=("name", "scope", "prefix", "created_at", "last_used_at", "expires_at"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.RoleVolunteer",
        "user",
        section="roles_offered",
        export=("group__name", "role", "created_at"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.RoleAssignment",
        "user",
        section="meeting_roles",
        export=("meeting__group__name", "meeting__starts_at", "role"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.Presence",
        "user",
        section="attendance",
        export=("meeting__group__name", "meeting__starts_at", "present"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.FollowUp",
        "member",
        section="follow_ups_about_me",
        export=("meeting__group__name", "meeting__starts_at", "status"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.FollowUp",
        "volunteer",
        section="follow_ups_i_took",
        export=("meeting__group__name", "meeting__starts_at", "status", "done_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "meetings.Topic",
        "proposed_by",
        section="topics_proposed",
        export=("group__name", "title", "detail", "created_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "meetings.TopicVote",
        "user",
        section="topic_votes",
        export=("topic__group__name", "topic__title"),
        on_erase=DELETE,
    ),
    Entry(
        "meetings.Speaker",
        "handled_by",
        section="speakers_followed",
        export=("group__name", "name", "status"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "meetings.DatePoll",
        "created_by",
        section="date_polls_started",
        export=("group__name", "title", "created_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "meetings.PollVote",
        "user",
        section="date_poll_answers",
        export=("option__poll__title", "option__starts_at", "choice"),
        on_erase=DELETE,
    ),
    # Asking an organisation to be grouped with neighbours: the postal code is the person's.
    Entry(
        "proposals.Wish",
        "user",
        section="wishes_to_be_grouped",
        export=("organisation__name", "postal_code", "country", "languages", "created_at"),
        on_erase=DELETE,
    ),
    # A proposal is the organisation's work; it stays, without the coordinator who ran it.
    Entry(
        "proposals.Proposal",
        "created_by",
        section="group_proposals_i_ran",
        export=("organisation__name", "name", "created_at"),
        on_erase=ANONYMISE,
    ),
    # A person of a proposal linked to their account (from a wish, or an accepted invitation).
    Entry(
        "proposals.Volunteer",
        "user",
        section="group_proposals_about_me",
        export=("proposal__organisation__name", "name", "email", "distance_km"),
        on_erase=DELETE,
    ),
    Entry(
        "proposals.Invitation",
        "user",
        section="group_invitations",
        export=("group__proposal__organisation__name", "as_host", "answer", "answered_at"),
        on_erase=ANONYMISE,
    ),
    # The carnet is the person's alone: all of it in the file, all of it gone with the account.
    Entry(
        "carnet.Entry",
        "author",
        section="carnet_pages",
        export=(
            "day",
            "meeting__group__name",
            "meeting__starts_at",
            "mood",
            "feeling",
            "takeaway",
            "next_time",
            "created_at",
            "updated_at",
        ),
        on_erase=DELETE,
    ),
    Entry(
        "carnet.Preparation",
        "author",
        section="carnet_preparations",
        export=("meeting__group__name", "meeting__starts_at", "text", "created_at", "updated_at"),
        on_erase=DELETE,
    ),
    # A concern confided to an organisation: the person gets back what they wrote and where it
    # stands; the organisation keeps its safeguarding record, without the person or the way
    # to reach them.
    Entry(
        "safeguarding.Concern",
        "raised_by",
        section="concerns_i_raised",
        export=(
            "group__name",
            "organisation__name",
            "kind",
            "on_behalf_of_group",
            "mediation_requested",
            "description",
            "contact",
            "status",
            "created_at",
            "closed_at",
            "withdrawn_at",
        ),
        on_erase=ANONYMISE,
        blank=("contact",),
    ),
    # A step a safeguarding lead took: the notes are about someone else's concern.
    Entry(
        "safeguarding.ConcernStep",
        "author",
        section="concern_steps_i_took",
        export=("concern__group__name", "kind", "at"),
        on_erase=ANONYMISE,
    ),
    # A workshop is the organisation's; it stays, without the person who published it.
    Entry(
        "workshops.Workshop",
        "created_by",
        section="workshops_i_published",
        export=("organisation__name", "title", "starts_at", "status"),
        on_erase=ANONYMISE,
    ),
    # A registration is the person's own: it goes, and a seat it held is simply free.
    Entry(
        "workshops.Registration",
        "user",
        section="workshop_registrations",
        export=(
            "workshop__organisation__name",
            "workshop__title",
            "workshop__starts_at",
            "registered_at",
            "waiting",
            "cancelled_at",
            "attended",
        ),
        on_erase=DELETE,
    ),
    # An application to be a peer supporter is the person's own: what they wrote, where it
    # stands, the decision's message; it goes with the account. The interview notes are the
    # coordinators' working notes about the person, never shown to them (issue 17), so they
    # are not in the file either.
    Entry(
        "pairing.PeerApplication",
        "user",
        section="peer_supporter_applications",
        export=(
            "programme__organisation__name",
            "programme__name",
            "status",
            "experience",
            "motivation",
            "availability",
            "languages",
            "modes",
            "postal_code",
            "town",
            "gender",
            "age_band",
            "capacity",
            "shifts_per_month",
            "submitted_at",
            "interview_at",
            "interview_mode",
            "assessment",
            "decision_message",
            "decided_at",
            "withdrawn_at",
        ),
        on_erase=DELETE,
    ),
    # What a coordinator did for a programme stays the organisation's, without who did it.
    Entry(
        "pairing.PeerApplication",
        "decided_by",
        section="peer_applications_i_decided",
        export=("programme__name", "decided_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "pairing.TrainingRecord",
        "recorded_by",
        section="trainings_i_recorded",
        export=("module__name", "done_on"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "pairing.Debrief",
        "done_by",
        section="debriefs_i_held",
        export=("application__programme__name", "done_on"),
        on_erase=ANONYMISE,
    ),
    # A request for a peer is the person's own, with the date of their consent.
    Entry(
        "pairing.PeerRequest",
        "user",
        section="peer_requests",
        export=(
            "programme__organisation__name",
            "programme__name",
            "status",
            "theme__name_fr",
            "hopes",
            "languages",
            "availability",
            "mode",
            "postal_code",
            "town",
            "peer_gender",
            "peer_age_band",
            "own_gender",
            "own_age_band",
            "intake_answers",
            "consent_at",
            "created_at",
            "withdrawn_at",
        ),
        on_erase=DELETE,
    ),
    # A pair a coordinator proposed stays the programme's, without who proposed it.
    Entry(
        "pairing.Pair",
        "proposed_by",
        section="pairs_i_proposed",
        export=("request__programme__name", "proposed_at"),
        on_erase=ANONYMISE,
    ),
    # What the person wrote to their pair is theirs: in the file, and gone with the account
    # (the pair itself goes with their request or application).
    Entry(
        "pairing.PairMessage",
        "author",
        section="messages_to_my_pair",
        export=("pair__request__programme__name", "text", "created_at"),
        on_erase=DELETE,
    ),
    # A change a volunteer proposed stays the programme's (adopted, it is the volunteers'
    # shared decision), without who proposed it; their answers to changes are theirs and go.
    Entry(
        "pairing.Change",
        "author",
        section="programme_changes_i_proposed",
        export=("programme__name", "topic", "title", "text", "status", "opened_at"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "pairing.ChangeAnswer",
        "user",
        section="my_answers_to_programme_changes",
        export=("change__programme__name", "change__title", "decision", "reason", "decided_at"),
        on_erase=DELETE,
    ),
    # The journal keeps what happened in a group, but no longer to whom or by whom.
    Entry(
        "audit.AuditEvent",
        "actor",
        section="journal_actions_by_me",
        export=("at", "action", "group__name", "detail"),
        on_erase=ANONYMISE,
    ),
    Entry(
        "audit.AuditEvent",
        "subject",
        section="journal_actions_about_me",
        export=("at", "action", "group__name", "detail"),
        on_erase=ANONYMISE,
    ),
)

# The person's own row. The password hash is a secret: the file only says whether one is set.
USER_FIELDS = (
    "email",
    "display_name",
    "preferred_language",
    "spoken_languages",
    "postal_code",
    "notify_join_requests",
    "date_joined",
    "last_login",
    "health_data_consent_at",
    "is_active",
    "is_staff",
    "is_superuser",
)


def export_person(person: User) -> dict[str, Any]:
    """Everything the site holds about `person`, ready for `json.dumps`."""
    data: dict[str, Any] = {
        "exported_at": _plain(timezone.now()),
        "person": {name: _plain(getattr(person, name)) for name in USER_FIELDS},
    }
    data["person"]["has_password"] = person.has_usable_password()
    for entry in REGISTRY:
        rows = entry.rows(person)
        if rows is not None:
            data[entry.section] = [
                {_key(lookup): _plain(value) for lookup, value in row.items()}
                for row in rows.values(*entry.export)
            ]
    return data


class PersonArgument(NamedTuple):
    """Where a task's arguments name a person: their id's position, or its keyword."""

    position: int
    keyword: str


# Background tasks whose arguments name a person, by the task's path. Their rows in the task
# table (waiting, done or failed) go with the person; a test finds every task that takes a
# `…user_id`, so a new one cannot be forgotten here.
TASKS_NAMING_A_PERSON: dict[str, PersonArgument] = {
    "entraide.meetings.reminders.tasks.send_reminder": PersonArgument(1, "user_id"),
}


@transaction.atomic
def erase_person(person: User) -> None:
    """Delete `person` and their rows; anonymise what they left in shared spaces."""
    for entry in REGISTRY:
        rows = entry.rows(person)
        if rows is None:
            continue
        if entry.on_erase == DELETE:
            rows.delete()
        else:
            emptied = {name: _empty_value(rows.model, name) for name in entry.blank}
            rows.update(**{entry.user_field: None}, **emptied)
    _forget_in_admin_history(person)
    _end_sessions(person)
    _forget_tasks(person)
    person.delete()


def user_references() -> Iterator[str]:
    """Every "app_label.Model.field" that points at a person, through tables included."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            # OneToOneField is a ForeignKey; a ManyToManyField is counted in its through table.
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                yield f"{model._meta.label}.{field.name}"


def unregistered_user_references() -> list[str]:
    registered = {entry.reference.lower() for entry in REGISTRY}
    return sorted(ref for ref in user_references() if ref.lower() not in registered)


def _end_sessions(person: User) -> None:
    """Every session of the person, on every device, expired or not: each holds their id.

    Sessions are signed blobs keyed by nothing else, so each is read; an account is deleted
    rarely, and the table holds only the sessions of the last weeks.
    """
    theirs = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=1000)
        if session.get_decoded().get(SESSION_KEY) == str(person.pk)
    ]
    Session.objects.filter(session_key__in=theirs).delete()


def _forget_tasks(person: User) -> None:
    for path, argument in TASKS_NAMING_A_PERSON.items():
        rows = DBTaskResult.objects.filter(task_path=path)
        rows.filter(**{f"args_kwargs__args__{argument.position}": person.pk}).delete()
        rows.filter(**{f"args_kwargs__kwargs__{argument.keyword}": person.pk}).delete()


def _forget_in_admin_history(person: User) -> None:
    """The admin's history of changes to this account keeps the account's display name."""
    if not apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(person), object_id=str(person.pk)
    ).update(object_repr="", change_message="")


def _empty_value(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    return None if field.null else ""


def _key(lookup: str) -> str:
    return lookup.replace("__", "_")


def _plain(value: Any) -> Any:
    """A value `json.dumps` accepts: dates and times become ISO 8601 strings."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value
