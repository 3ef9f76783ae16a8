"""What the API answers, described once for the answers and for the OpenAPI schema.

Only what the directory already shows anyone: never a member, a meeting place, a video link or
an organisation's private contact address (DESIGN.md, confidentiality first). A field that is
not here cannot leave, since every answer is checked against its schema before it is sent.
"""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class ErrorDetail(Schema):
    code: str = Field(description="A stable name for the error, for programs.")
    message: str = Field(description="The error in words, in French or English.")


class Error(Schema):
    """The one shape of every error of the API."""

    error: ErrorDetail


class ThemeOut(Schema):
    slug: str
    name: str = Field(description="The theme's name in the answer's language.")
    name_fr: str
    name_en: str
    domain: str = Field(description="social, psychological, somatic, or empty.")


class ThemeList(Schema):
    count: int
    results: list[ThemeOut]


class OrganisationRef(Schema):
    slug: str
    name: str
    url: str = Field(description="Its public page.")


class GroupRef(Schema):
    slug: str
    name: str
    url: str = Field(description="Its public page.")


class OrganisationOut(Schema):
    slug: str
    name: str
    url: str
    description: str
    town: str
    country: str
    website: str
    public_email: str
    public_phone: str
    area_served: str
    offers: str
    themes: list[ThemeOut]
    distance_km: float | None = Field(
        None, description="From the place searched, when a place was given and its town known."
    )


class OrganisationDetail(OrganisationOut):
    groups: list[GroupRef]


class OrganisationList(Schema):
    count: int
    limit: int
    offset: int
    results: list[OrganisationOut]


class Point(Schema):
    """The town's point, rounded to 0.01° (about a kilometre): never the meeting place."""

    latitude: float
    longitude: float


class Rhythm(Schema):
    """The group's usual rhythm, as the directory and the public calendar give it."""

    label: str = Field(description="In words: « le 1er mardi du mois, 18h30–20h ».")
    kind: Literal["weekly", "fortnightly", "monthly_weekday", "monthly_date", "irregular"]
    weekday: int | None = Field(None, description="0 = Monday … 6 = Sunday.")
    week_of_month: int | None = Field(None, description="1 to 5, or -1 for the last.")
    day_of_month: int | None = None
    start_time: str | None = Field(None, description="HH:MM in the group's time zone.")
    end_time: str | None = None
    time_zone: str


class GroupOut(Schema):
    slug: str
    name: str
    summary: str
    url: str = Field(description="Its public page, where one asks to join.")
    calendar_url: str = Field(description="Its public calendar (.ics): dates and times only.")
    themes: list[ThemeOut]
    kind: str
    audience: str
    companions_welcome: bool
    format: str
    languages: list[str]
    country: str
    postal_code: str
    town: str
    point: Point | None
    rhythm: Rhythm
    cost: str
    cost_label: str
    accessibility: list[str] = Field(
        description="step_free_access, hearing_loop, sign_language, easy_read."
    )
    accessibility_note: str
    status: str
    accepting_members: bool
    organisation: OrganisationRef | None
    distance_km: float | None = Field(
        None, description="From the place searched, for a group that meets in person."
    )


class GroupDetail(GroupOut):
    description: str
    next_dates: list[dt.datetime] = Field(
        description="The next meetings' start, in the group's time zone: planned ones first "
        "(a moved meeting at its new date, a cancelled one not at all), then the rhythm."
    )


class GroupList(Schema):
    count: int
    limit: int
    offset: int
    results: list[GroupOut]


# The personal part: what a token's person may read of their own groups and meetings. Never
# another member, nor a meeting's place or link (those stay on the site's pages).


class MyGroup(Schema):
    slug: str
    name: str
    role: Literal["observer", "member", "facilitator"]
    url: str = Field(description="Its public page.")
    space_url: str = Field(description="Its members' space on the site.")
    next_meeting: dt.datetime | None = Field(
        description="The next meeting's start, in the group's time zone, as « Mes groupes »."
    )


class MyGroupList(Schema):
    count: int
    limit: int
    offset: int
    results: list[MyGroup]


class MyAnswer(Schema):
    response: Literal["coming", "maybe", "not_coming"]
    waiting: bool = Field(description="On the waiting list: the meeting is full.")
    position: int | None = Field(description="1 for the first person waiting; else null.")


class MyMeeting(Schema):
    id: int
    group: GroupRef
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: Literal["scheduled", "cancelled"]
    venue: Literal["fixed", "rotation", "online", "hybrid"] = Field(
        description="Where it takes place, in kind only: the address and the link stay on the site."
    )
    url: str = Field(description="The meeting's page on the site.")
    answer: MyAnswer | None = Field(description="Mine, if I answered.")
    answers_open: bool = Field(description="Whether one may still answer.")


class MyMeetingList(Schema):
    count: int
    limit: int
    offset: int
    results: list[MyMeeting]


class AnswerIn(Schema):
    response: Literal["coming", "maybe", "not_coming"]


# The coordinators' part: the board of the groups their organisation accompanies, and the
# programme report's figures, as their pages show them.


class Attention(Schema):
    kind: str
    label: str


class BoardGroup(Schema):
    slug: str
    name: str
    stage: str
    stage_label: str
    accompaniment: str = Field(description="requested, accepted, declined or none.")
    accompaniment_label: str
    attention: list[Attention]


class StageCount(Schema):
    stage: str
    label: str
    count: int


class Board(Schema):
    organisation: OrganisationRef
    total: int = Field(description="Every group followed, whatever the filters.")
    attention_total: int = Field(description="Those that need attention.")
    stages: list[StageCount] = Field(description="Every group followed, by stage.")
    count: int = Field(description="The groups the filters keep.")
    limit: int
    offset: int
    results: list[BoardGroup]


class ReportCell(Schema):
    value: float | None = Field(description="null when hidden or when there is nothing.")
    hidden: bool = Field(description="Hidden: fewer than 5 people, or it would give one back.")
    text: str = Field(description="As the report's page writes it (« — » when hidden).")


class ReportRow(Schema):
    label: str
    cells: list[ReportCell]


class ReportFigure(Schema):
    key: str
    title: str
    note: str
    about_people: bool = Field(description="Counts of people follow the rule of five.")
    row_header: str
    columns: list[str]
    rows: list[ReportRow]
    total: ReportRow | None


class ReportPeriod(Schema):
    key: str
    label: str
    first: dt.date
    last: dt.date


class Report(Schema):
    organisation: OrganisationRef
    period: ReportPeriod
    breakdown: Literal["theme", "area"]
    groups: int
    figures: list[ReportFigure]
