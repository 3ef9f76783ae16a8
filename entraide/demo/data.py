"""The demo's JSON files, read into checked and typed records.

The files in ``data/`` hold every fact of the demo: ``themes.json``, ``organisations.json`` and
``groups.json`` for the public directory (loaded everywhere), ``people.json`` (the demo people,
their password and the demo group's members), ``founding.json``, ``wishes.json``,
``carnet.json``, ``concerns.json`` and ``workshops.json`` for what those people do (loaded in
DEBUG only).

Everything is checked here, before anything is written: a wrong field, an unknown slug, an
e-mail that is not one of the demo people or a postal code that does not exist raises a
``DemoDataError`` that names the file, the record and the field. A group omits the fields that
keep their default (``GROUP_DEFAULTS``), so that the file shows what makes each group special.
"""

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.text import slugify

from entraide.directory.models import COUNTRY_CHOICES, SupportGroup, Theme
from entraide.founding.models import Initiative, Relay
from entraide.lib import places
from entraide.membership.models import Membership
from entraide.safeguarding.models import Concern

DATA_DIR = Path(__file__).parent / "data"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
COUNTRIES = [code for code, _label in COUNTRY_CHOICES]
REQUIRED = object()
# What a group is when its entry in groups.json says nothing else.
GROUP_DEFAULTS: dict[str, object] = {
    "town": "",
    "postal_code": "",
    "country": "FR",
    "kind": "talk",
    "audience": "concerned",
    "format": "in_person",
    "languages": "fr",
    "companions_welcome": False,
    "cost": "free",
    "cost_amount": None,
    "step_free_access": True,
    "hearing_loop": False,
    "sign_language": False,
    "easy_read": False,
    "accessibility_note": "",
    "rhythm_note": "",
    "status": "open",
    "accepting_members": True,
}


class DemoDataError(ValueError):
    """The demo data contradicts itself or names something that cannot be found."""


class Fields:
    """One JSON object of the demo data, read field by field; every error says where."""

    def __init__(self, raw: object, where: str, known: Collection[str]) -> None:
        self.where = where
        if not isinstance(raw, dict):
            raise DemoDataError(f"{where}: expected an object, found {raw!r}.")
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise DemoDataError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}.")
        self.raw: dict[str, object] = raw

    def error(self, key: str, problem: str) -> DemoDataError:
        return DemoDataError(f"{self.where}, field {key!r}: {problem}")

    def value(self, key: str, default: object = REQUIRED) -> object:
        if key in self.raw:
            return self.raw[key]
        if default is REQUIRED:
            raise self.error(key, "missing.")
        return default

    def text(self, key: str, default: object = REQUIRED) -> str:
        """A text; a required one must not be empty, an optional one may."""
        value = self.value(key, default)
        if not isinstance(value, str):
            raise self.error(key, f"expected a text, found {value!r}.")
        if not value and default is REQUIRED:
            raise self.error(key, "must not be empty.")
        return value

    def flag(self, key: str, default: object = REQUIRED) -> bool:
        value = self.value(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, found {value!r}.")
        return value

    def number(self, key: str, low: int, high: int) -> int:
        value = self.value(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.error(key, f"expected a whole number from {low} to {high}, found {value!r}.")
        return value

    def choice(self, key: str, choices: Iterable[str], default: object = REQUIRED) -> str:
        value = self.value(key, default)
        allowed = list(choices)
        if value not in allowed:
            raise self.error(key, f"{value!r} is not one of {', '.join(allowed)}.")
        assert isinstance(value, str)
        return value

    def slug(self, key: str, known: Collection[str], what: str) -> str:
        value = self.text(key)
        if value not in known:
            raise self.error(key, f"unknown {what} {value!r}.")
        return value

    def time(self, key: str) -> dt.time:
        value = self.text(key)
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"expected a time such as 18:30, found {value!r}.") from None

    def date(self, key: str) -> dt.date:
        value = self.text(key)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"expected a date such as 2026-01-05, found {value!r}.") from None

    def items(self, key: str, default: object = REQUIRED) -> list[object]:
        value = self.value(key, default)
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, found {value!r}.")
        return value

    def texts(self, key: str, default: object = REQUIRED) -> list[str]:
        values = self.items(key, default)
        if not all(isinstance(value, str) and value for value in values):
            raise self.error(key, f"expected a list of texts, found {values!r}.")
        return [str(value) for value in values]


def read(name: str, data_dir: Path = DATA_DIR) -> object:
    """One data file, parsed; a JSON mistake is reported with its file and line."""
    path = data_dir / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{name}, line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None


# The directory: themes, organisations, groups ----------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoTheme:
    slug: str
    name_fr: str
    name_en: str
    domain: str
    keywords: str = ""


@dataclass(frozen=True, slots=True)
class DemoOrganisation:
    slug: str
    name: str
    description: str
    country: str
    town: str
    contact_email: str
    public_email: str = ""
    public_phone: str = ""
    area_served: str = ""
    offers: str = ""


@dataclass(frozen=True, slots=True)
class Rhythm:
    frequency: str
    start_time: dt.time
    end_time: dt.time
    weekday: int | None = None
    week_of_month: int | None = None
    day_of_month: int | None = None


@dataclass(frozen=True, slots=True)
class DemoGroup:
    name: str
    themes: tuple[str, ...]
    summary: str
    description: str
    rhythm: Rhythm
    organisation: str | None
    town: str
    postal_code: str
    country: str
    kind: str
    audience: str
    format: str
    languages: str
    companions_welcome: bool
    cost: str
    cost_amount: Decimal | None
    step_free_access: bool
    hearing_loop: bool
    sign_language: bool
    easy_read: bool
    accessibility_note: str
    rhythm_note: str
    status: str
    accepting_members: bool
    # The town's point, never a meeting place; None for a group that only meets online.
    latitude: float | None
    longitude: float | None

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The public part of the demo, loaded with or without DEBUG."""

    themes: list[DemoTheme]
    organisations: list[DemoOrganisation]
    groups: list[DemoGroup]
    # Where a meeting series starts when its group has no first meeting yet: a fixed day, so
    # that a fortnightly group keeps its weeks from one load to the next.
    series_starts_on: dt.date

    @property
    def group_slugs(self) -> set[str]:
        return {group.slug for group in self.groups}


def parse_themes(raw: object) -> list[DemoTheme]:
    themes = []
    for index, item in enumerate(_list(raw, "themes.json")):
        fields = Fields(
            item,
            f"themes.json, theme {index + 1}",
            ("slug", "name_fr", "name_en", "domain", "keywords"),
        )
        themes.append(
            DemoTheme(
                slug=fields.text("slug"),
                name_fr=fields.text("name_fr"),
                name_en=fields.text("name_en"),
                domain=fields.choice("domain", Theme.Domain.values),
                keywords=fields.text("keywords", ""),
            )
        )
    _unique([theme.slug for theme in themes], "themes.json", "slug")
    return themes


def parse_organisations(raw: object) -> list[DemoOrganisation]:
    organisations = []
    known = (
        "slug",
        "name",
        "description",
        "country",
        "town",
        "contact_email",
        "public_email",
        "public_phone",
        "area_served",
        "offers",
    )
    for index, item in enumerate(_list(raw, "organisations.json")):
        fields = Fields(item, f"organisations.json, organisation {index + 1}", known)
        organisations.append(
            DemoOrganisation(
                slug=fields.text("slug"),
                name=fields.text("name"),
                description=fields.text("description"),
                country=fields.choice("country", COUNTRIES),
                town=fields.text("town"),
                contact_email=fields.text("contact_email"),
                public_email=fields.text("public_email", ""),
                public_phone=fields.text("public_phone", ""),
                area_served=fields.text("area_served", ""),
                offers=fields.text("offers", ""),
            )
        )
    _unique([organisation.slug for organisation in organisations], "organisations.json", "slug")
    return organisations


def parse_rhythm(fields: Fields) -> Rhythm:
    raw = fields.value("rhythm")
    where = f"{fields.where}, field 'rhythm'"
    known = ("frequency", "weekday", "week_of_month", "day_of_month", "start", "end")
    rhythm = Fields(raw, where, known)
    frequency = rhythm.choice(
        "frequency", ("weekly", "fortnightly", "monthly_weekday", "monthly_date")
    )
    weekday = week = day = None
    if frequency == "monthly_date":
        day = rhythm.number("day_of_month", 1, 31)
    else:
        weekday = WEEKDAYS.index(rhythm.choice("weekday", WEEKDAYS))
    if frequency == "monthly_weekday":
        # "last" is the last such weekday of the month; the model stores it as -1.
        value = rhythm.value("week_of_month")
        week = -1 if value == "last" else rhythm.number("week_of_month", 1, 5)
    expected = {"frequency", "start", "end"} | {
        "weekly": {"weekday"},
        "fortnightly": {"weekday"},
        "monthly_weekday": {"weekday", "week_of_month"},
        "monthly_date": {"day_of_month"},
    }[frequency]
    extra = sorted(set(rhythm.raw) - expected)
    if extra:
        raise rhythm.error(extra[0], f"has no meaning for the frequency {frequency!r}.")
    start, end = rhythm.time("start"), rhythm.time("end")
    if end <= start:
        raise rhythm.error("end", "must come after the start.")
    return Rhythm(frequency, start, end, weekday, week, day)


def parse_group(
    item: object, index: int, themes: Collection[str], organisations: Collection[str]
) -> DemoGroup:
    name = item.get("name") if isinstance(item, dict) else None
    where = (
        f"groups.json, group {name!r}"
        if isinstance(name, str)
        else f"groups.json, group {index + 1}"
    )
    known = ("name", "themes", "summary", "description", "rhythm", "organisation", *GROUP_DEFAULTS)
    fields = Fields(item, where, known)
    group_themes = fields.texts("themes")
    if not group_themes:
        raise fields.error("themes", "a group needs at least one theme.")
    for slug in group_themes:
        if slug not in themes:
            raise fields.error("themes", f"unknown theme {slug!r}.")
    organisation = fields.value("organisation")
    if organisation is not None and organisation not in organisations:
        raise fields.error("organisation", f"unknown organisation {organisation!r}.")
    amount = fields.value("cost_amount", None)
    cost_amount = None
    if amount is not None:
        try:
            cost_amount = Decimal(str(amount))
        except InvalidOperation:
            raise fields.error("cost_amount", f"expected an amount, found {amount!r}.") from None

    def default(key: str) -> object:
        return GROUP_DEFAULTS[key]

    group_format = fields.choice("format", SupportGroup.Format.values, default("format"))
    town = fields.text("town", default("town"))
    postal_code = fields.text("postal_code", default("postal_code"))
    country = fields.choice("country", COUNTRIES, default("country"))
    latitude, longitude = _point(fields, group_format, town, postal_code, country)
    return DemoGroup(
        name=fields.text("name"),
        themes=tuple(group_themes),
        summary=fields.text("summary"),
        description=fields.text("description"),
        rhythm=parse_rhythm(fields),
        organisation=str(organisation) if organisation is not None else None,
        town=town,
        postal_code=postal_code,
        country=country,
        kind=fields.choice("kind", SupportGroup.Kind.values, default("kind")),
        audience=fields.choice("audience", SupportGroup.Audience.values, default("audience")),
        format=group_format,
        languages=fields.text("languages", default("languages")),
        companions_welcome=fields.flag("companions_welcome", default("companions_welcome")),
        cost=fields.choice("cost", SupportGroup.Cost.values, default("cost")),
        cost_amount=cost_amount,
        step_free_access=fields.flag("step_free_access", default("step_free_access")),
        hearing_loop=fields.flag("hearing_loop", default("hearing_loop")),
        sign_language=fields.flag("sign_language", default("sign_language")),
        easy_read=fields.flag("easy_read", default("easy_read")),
        accessibility_note=fields.text("accessibility_note", default("accessibility_note")),
        rhythm_note=fields.text("rhythm_note", default("rhythm_note")),
        status=fields.choice("status", SupportGroup.Status.values, default("status")),
        accepting_members=fields.flag("accepting_members", default("accepting_members")),
        latitude=latitude,
        longitude=longitude,
    )


def _point(
    fields: Fields, group_format: str, town: str, postal_code: str, country: str
) -> tuple[float | None, float | None]:
    """The town's point for a group that meets somewhere; nothing for an online-only one."""
    if group_format == SupportGroup.Format.ONLINE:
        if town or postal_code:
            raise fields.error("town", "an online-only group must have no town nor postal code.")
        return None, None
    place = places.resolve(f"{postal_code} {town}", country)
    # A postal code that does not exist falls back to the town's name, which would hide a
    # mistake in the data, so the code found must be the one written.
    if place is None or place.postal_code != postal_code:
        raise fields.error(
            "postal_code", f"the place {postal_code} {town} ({country}) cannot be found."
        )
    return place.lat, place.lon


def parse_groups(
    raw: object, themes: Collection[str], organisations: Collection[str]
) -> tuple[list[DemoGroup], dt.date]:
    fields = Fields(raw, "groups.json", ("series_starts_on", "groups"))
    groups = [
        parse_group(item, index, themes, organisations)
        for index, item in enumerate(fields.items("groups"))
    ]
    _unique([group.slug for group in groups], "groups.json", "slug (made from the name)")
    return groups, fields.date("series_starts_on")


def parse_catalogue(themes: object, organisations: object, groups: object) -> Catalogue:
    parsed_themes = parse_themes(themes)
    parsed_organisations = parse_organisations(organisations)
    parsed_groups, series_starts_on = parse_groups(
        groups,
        {theme.slug for theme in parsed_themes},
        {organisation.slug for organisation in parsed_organisations},
    )
    return Catalogue(parsed_themes, parsed_organisations, parsed_groups, series_starts_on)


def catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """The themes, organisations and groups of the data files, checked."""
    return parse_catalogue(
        read("themes.json", data_dir),
        read("organisations.json", data_dir),
        read("groups.json", data_dir),
    )


# The people and what they do (DEBUG only) --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    person: str
    role: str


@dataclass(frozen=True, slots=True)
class TeamRole:
    """A person's role in an organisation's team, and the line the command prints for them."""

    person: str
    organisation: str
    role: str
    shown: str


@dataclass(frozen=True, slots=True)
class DemoRelay:
    name: str
    kind: str
    contact: str
    note: str


@dataclass(frozen=True, slots=True)
class Project:
    """A group's founding project, started by its initiator."""

    initiator: str
    name: str
    summary: str
    theme: str
    place: places.Place
    audience: str
    interview: dict[str, str]
    organisation: str
    accompaniment: str
    accompaniment_message: str
    stage: str
    interested: list[str]
    relays: list[DemoRelay]
    shown: str


@dataclass(frozen=True, slots=True)
class DemoWish:
    person: str
    # Kept as written ("44000 Nantes"), as a person would type it in the wish form.
    place_text: str
    place: places.Place
    languages: str


@dataclass(frozen=True, slots=True)
class Page:
    mood: int
    feeling: str
    takeaway: str
    next_time: str


@dataclass(frozen=True, slots=True)
class DemoConcern:
    raised_by: str
    group: str
    organisation: str
    kind: str
    mediation_requested: bool
    description: str
    shown: str


@dataclass(frozen=True, slots=True)
class DemoWorkshop:
    title: str
    description: str
    audience: str
    in_days: int
    start: dt.time
    end: dt.time
    place_name: str
    address: str
    town: str
    capacity: int
    registered: list[str]
    attended: list[str]
    shown: str


@dataclass(frozen=True, slots=True)
class Stories:
    """The demo people and what they do, for `make run` only."""

    password: str
    people: dict[str, str]  # e-mail → display name, in the order of people.json
    demo_group: str
    meeting_place: str
    members: list[Member]
    coordinators: list[TeamRole]
    projects: list[Project]
    wish_organisation: str
    wish_theme: str
    wishes: list[DemoWish]
    carnet_author: str
    carnet_group: str
    carnet_look_back: dt.timedelta
    pages: list[Page]
    leads: list[TeamRole]
    concerns: list[DemoConcern]
    workshop_organisation: str = ""
    workshops: list[DemoWorkshop] = field(default_factory=list)


class _References:
    """What a story may name: the demo people, organisations, themes and groups."""

    def __init__(self, catalogue: Catalogue, people: Collection[str]) -> None:
        self.people = people
        self.organisations = {organisation.slug for organisation in catalogue.organisations}
        self.themes = {theme.slug for theme in catalogue.themes}
        self.groups = catalogue.group_slugs

    def person(self, fields: Fields, key: str) -> str:
        return fields.slug(key, self.people, "person (not in people.json)")

    def organisation(self, fields: Fields, key: str = "organisation") -> str:
        return fields.slug(key, self.organisations, "organisation")

    def theme(self, fields: Fields, key: str = "theme") -> str:
        return fields.slug(key, self.themes, "theme")

    def group(self, fields: Fields, key: str = "group") -> str:
        return fields.slug(key, self.groups, "group")


def _place(fields: Fields, key: str) -> places.Place:
    text = fields.text(key)
    place = places.resolve(text)
    if place is None:
        raise fields.error(key, f"the place {text!r} cannot be found.")
    return place


def _team_role(item: object, where: str, refs: _References, *roles: str) -> TeamRole:
    fields = Fields(item, where, ("person", "organisation", "role", "shown"))
    return TeamRole(
        person=refs.person(fields, "person"),
        organisation=refs.organisation(fields),
        role=fields.choice("role", roles),
        shown=fields.text("shown"),
    )


def parse_people(raw: object) -> tuple[str, dict[str, str], str, str, list[Member]]:
    fields = Fields(raw, "people.json", ("password", "people", "demo_group"))
    people: dict[str, str] = {}
    for index, item in enumerate(fields.items("people")):
        person = Fields(item, f"people.json, person {index + 1}", ("email", "name"))
        email = person.text("email")
        if not email.endswith("@demo.entraide.localhost"):
            raise person.error("email", "a demo person's address ends in @demo.entraide.localhost.")
        if email in people:
            raise person.error("email", f"{email!r} is listed twice.")
        people[email] = person.text("name")
    group = Fields(
        fields.value("demo_group"), "people.json, demo_group", ("group", "meeting_place", "members")
    )
    members = []
    for index, item in enumerate(group.items("members")):
        member = Fields(item, f"people.json, demo_group, member {index + 1}", ("person", "role"))
        members.append(
            Member(
                person=member.slug("person", people, "person (not in people.json)"),
                role=member.choice("role", Membership.Role.values),
            )
        )
    return (
        fields.text("password"),
        people,
        group.text("group"),
        group.text("meeting_place"),
        members,
    )


def parse_project(item: object, index: int, refs: _References) -> Project:
    fields = Fields(
        item,
        f"founding.json, project {index + 1}",
        (
            "initiator", "group", "interview", "organisation", "accompaniment",
            "accompaniment_message", "stage", "interested", "relays", "shown",
        ),
    )  # fmt: skip
    group = Fields(
        fields.value("group"),
        f"{fields.where}, group",
        ("name", "summary", "theme", "place", "audience"),
    )
    interview = Fields(
        fields.value("interview"),
        f"{fields.where}, interview",
        ("need", "members_profile", "motivation", "own_role", "collective_decisions"),
    )
    relays = []
    for number, raw in enumerate(fields.items("relays", [])):
        relay = Fields(
            raw, f"{fields.where}, relay {number + 1}", ("name", "kind", "contact", "note")
        )
        relays.append(
            DemoRelay(
                name=relay.text("name"),
                kind=relay.choice("kind", Relay.Kind.values),
                contact=relay.text("contact", ""),
                note=relay.text("note", ""),
            )
        )
    interested = fields.texts("interested", [])
    for email in interested:
        if email not in refs.people:
            raise fields.error("interested", f"unknown person (not in people.json) {email!r}.")
    return Project(
        initiator=refs.person(fields, "initiator"),
        name=group.text("name"),
        summary=group.text("summary"),
        theme=refs.theme(group),
        place=_place(group, "place"),
        audience=group.choice("audience", SupportGroup.Audience.values),
        interview={key: interview.text(key) for key in interview.raw},
        organisation=refs.organisation(fields),
        accompaniment=fields.choice(
            "accompaniment",
            (Initiative.Accompaniment.ACCEPTED, Initiative.Accompaniment.REQUESTED),
        ),
        accompaniment_message=fields.text("accompaniment_message", ""),
        stage=fields.choice("stage", Initiative.Stage.values),
        interested=interested,
        relays=relays,
        shown=fields.text("shown"),
    )


def parse_stories(
    catalogue: Catalogue,
    people: object,
    founding: object,
    wishes: object,
    carnet: object,
    concerns: object,
    workshops: object = None,
) -> Stories:
    password, cast, demo_group, meeting_place, members = parse_people(people)
    refs = _References(catalogue, cast)
    if demo_group not in refs.groups:
        raise DemoDataError(
            f"people.json, demo_group, field 'group': unknown group {demo_group!r}."
        )

    founding_fields = Fields(founding, "founding.json", ("coordinators", "projects"))
    coordinators = [
        _team_role(item, f"founding.json, coordinator {index + 1}", refs, "coordinator", "admin")
        for index, item in enumerate(founding_fields.items("coordinators"))
    ]
    projects = [
        parse_project(item, index, refs)
        for index, item in enumerate(founding_fields.items("projects"))
    ]

    wish_fields = Fields(wishes, "wishes.json", ("organisation", "theme", "wishes"))
    parsed_wishes = []
    for index, item in enumerate(wish_fields.items("wishes")):
        wish = Fields(item, f"wishes.json, wish {index + 1}", ("person", "place", "languages"))
        parsed_wishes.append(
            DemoWish(
                person=refs.person(wish, "person"),
                place_text=wish.text("place"),
                place=_place(wish, "place"),
                languages=wish.text("languages"),
            )
        )

    carnet_fields = Fields(carnet, "carnet.json", ("author", "group", "look_back_days", "pages"))
    pages = []
    for index, item in enumerate(carnet_fields.items("pages")):
        page = Fields(
            item, f"carnet.json, page {index + 1}", ("mood", "feeling", "takeaway", "next_time")
        )
        pages.append(
            Page(
                mood=page.number("mood", 1, 5),
                feeling=page.text("feeling"),
                takeaway=page.text("takeaway"),
                next_time=page.text("next_time"),
            )
        )

    concern_fields = Fields(concerns, "concerns.json", ("leads", "concerns"))
    leads = [
        _team_role(item, f"concerns.json, lead {index + 1}", refs, "safeguarding_lead")
        for index, item in enumerate(concern_fields.items("leads"))
    ]
    parsed_concerns = []
    for index, item in enumerate(concern_fields.items("concerns")):
        concern = Fields(
            item,
            f"concerns.json, concern {index + 1}",
            (
                "raised_by",
                "group",
                "organisation",
                "kind",
                "mediation_requested",
                "description",
                "shown",
            ),
        )
        parsed_concerns.append(
            DemoConcern(
                raised_by=refs.person(concern, "raised_by"),
                group=refs.group(concern),
                organisation=refs.organisation(concern),
                kind=concern.choice("kind", Concern.Kind.values),
                mediation_requested=concern.flag("mediation_requested", False),
                description=concern.text("description"),
                shown=concern.text("shown"),
            )
        )

    workshop_organisation, parsed_workshops = (
        parse_workshops(workshops, refs) if workshops is not None else ("", [])
    )

    return Stories(
        password=password,
        people=dict(cast),
        demo_group=demo_group,
        meeting_place=meeting_place,
        members=members,
        coordinators=coordinators,
        projects=projects,
        wish_organisation=refs.organisation(wish_fields),
        wish_theme=refs.theme(wish_fields),
        wishes=parsed_wishes,
        carnet_author=refs.person(carnet_fields, "author"),
        carnet_group=refs.group(carnet_fields),
        carnet_look_back=dt.timedelta(days=carnet_fields.number("look_back_days", 1, 3660)),
        pages=pages,
        leads=leads,
        concerns=parsed_concerns,
        workshop_organisation=workshop_organisation,
        workshops=parsed_workshops,
    )


WORKSHOP_FIELDS = (
    "title",
    "description",
    "audience",
    "in_days",
    "start",
    "end",
    "place_name",
    "address",
    "town",
    "capacity",
    "registered",
    "attended",
    "shown",
)


def parse_workshops(raw: object, refs: _References) -> tuple[str, list[DemoWorkshop]]:
    """The workshops of one organisation, dated from today (`in_days`, negative: past)."""
    fields = Fields(raw, "workshops.json", ("organisation", "workshops"))
    parsed = []
    for index, item in enumerate(fields.items("workshops")):
        workshop = Fields(item, f"workshops.json, workshop {index + 1}", WORKSHOP_FIELDS)
        registered = [
            _demo_person(workshop, "registered", email, refs)
            for email in workshop.texts("registered")
        ]
        attended = [
            _demo_person(workshop, "attended", email, refs)
            for email in workshop.texts("attended", [])
        ]
        parsed.append(
            DemoWorkshop(
                title=workshop.text("title"),
                description=workshop.text("description"),
                audience=workshop.choice("audience", ("facilitators", "members", "anyone")),
                in_days=workshop.number("in_days", -365, 365),
                start=workshop.time("start"),
                end=workshop.time("end"),
                place_name=workshop.text("place_name", ""),
                address=workshop.text("address"),
                town=workshop.text("town"),
                capacity=workshop.number("capacity", 1, 500),
                registered=registered,
                attended=attended,
                shown=workshop.text("shown"),
            )
        )
    return refs.organisation(fields), parsed


def _demo_person(fields: Fields, key: str, email: str, refs: _References) -> str:
    if email not in refs.people:
        raise fields.error(key, f"unknown person (not in people.json) {email!r}.")
    return email


def stories(catalogue: Catalogue, data_dir: Path = DATA_DIR) -> Stories:
    """The demo people and what they do, checked against the catalogue."""
    return parse_stories(
        catalogue,
        read("people.json", data_dir),
        read("founding.json", data_dir),
        read("wishes.json", data_dir),
        read("carnet.json", data_dir),
        read("concerns.json", data_dir),
        read("workshops.json", data_dir),
    )


# Helpers -------------------------------------------------------------------------------------


def _list(raw: object, where: str) -> list[object]:
    if not isinstance(raw, list):
        raise DemoDataError(f"{where}: expected a list.")
    return raw


def _unique(values: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise DemoDataError(f"{where}: two entries have the {what} {value!r}.")
        seen.add(value)
