"""Bad input never breaks a page: every URL parameter and every form field of the site is given
NUL bytes, invalid UTF-8, huge numbers, huge texts and far-off dates, by the people who reach
them (the roles of test_url_matrix.py), and no answer may be a server error.

The forms are read from the pages themselves. Each field gets the bad values of its kind one at
a time, while the other fields keep what the page offered (or a plausible value where it offered
none), so that the bad value goes as far into the view as a real submission would. NUL bytes
and invalid UTF-8, which no field of any kind may hold, are sent in every field at once.
"""

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, resolve, reverse
from django.utils import timezone

from conftest import Cast
from entraide.organisations.models import Organisation
from entraide.proposals.models import Proposal
from tests.test_url_matrix import RULES, World, client_for, make_world, project_patterns

pytestmark = pytest.mark.django_db

Value = str | bytes

# Sent in every field of a form at once. Bytes are sent as they are: not valid UTF-8.
EVERY_FIELD: dict[str, Value] = {"NUL": "a\x00b", "invalid UTF-8": b"\xff\xfe\xc3("}
# Sent in one field at a time, by the kind of field.
TOO_BIG: dict[str, Value] = {"a number too big for the database": "9" * 30}
DIGIT: dict[str, Value] = {"a superscript digit, which isdigit() accepts and int() refuses": "²"}
HUGE: dict[str, Value] = {"a huge text": "9" * 20_000}
ONE_FIELD: dict[str, dict[str, Value]] = {
    "text": TOO_BIG | HUGE,
    "hidden": TOO_BIG | DIGIT,
    "choice": TOO_BIG | DIGIT,
    "number": TOO_BIG | DIGIT | HUGE | {"a negative number": "-1"},
    "date": {"the last day of year 9999": "9999-12-31", "the first day of year 1": "0001-01-01"},
    "time": {"an hour past midnight": "24:00", "a date in year 9999": "9999-12-31T23:59"},
}
KINDS = {
    "radio": "choice",
    "checkbox": "choice",
    "select": "choice",
    "hidden": "hidden",
    "number": "number",
    "range": "number",
    "date": "date",
    "time": "time",
    "datetime-local": "time",
}
# What an uploaded file (a proposal's CSV) holds.
BAD_FILES: dict[str, bytes] = {
    "NUL": b"id,code_postal\n1,44000\n2\x00,44000\n",
    "UTF-16": "id,code_postal\n1,44000\n".encode("utf-16-le"),
    "invalid UTF-8": b"id,code_postal\n1,44000\n\xff\xfe,44000\n",
    "a number too big": b"id,lat,lon\n1,9" + b"9" * 400 + b",1\n",
}
# What a URL parameter receives in place of its value, percent-encoded as a browser sends it.
BAD_PATH_VALUES: dict[str, str] = {
    "NUL": "%00",
    "invalid UTF-8": "%FF%FE",
    "a number too big for the database": "9" * 30,
    "a huge text": "a" * 3000,
}
# Query parameters that views read with no form naming them, all sent at once.
LOOSE_QUERY_PARAMETERS = ("next", "page", "hors", "groupe", "placer", "pays", "objet", "fragment")
BAD_QUERY_VALUES: dict[str, str] = {
    "NUL": "%00",
    "a number too big for the database": "9" * 30,
    "a superscript digit": "%C2%B2",
}

# Who fuzzes a page: the most trusted role that may reach it, and a visitor when anyone may.
TRUSTED_FIRST = (
    "facilitator",
    "coordinator",
    "safeguarding_lead",
    "organisation_admin",
    "member",
    "observer",
    "requested",
    "staff",
    "coordinator_elsewhere",
    "stranger",
)


def fuzzing_roles(name: str) -> list[str]:
    rule = RULES[name]
    if rule.flow:
        return ["anonymous", "member"]
    reach = rule.get | rule.post
    trusted = next((role for role in TRUSTED_FIRST if role in reach), "stranger")
    return ["anonymous", trusted] if "anonymous" in reach else [trusted]


def assignments() -> dict[str, list[str]]:
    """The URL names each role fuzzes: each name by one or two roles, never more."""
    by_role: dict[str, list[str]] = {}
    for name, _pattern in project_patterns():
        for role in fuzzing_roles(name):
            by_role.setdefault(role, []).append(name)
    return by_role


FUZZING_ROLES = sorted({role for name in RULES for role in fuzzing_roles(name)})


@dataclass
class Form:
    """A form as a browser would submit it."""

    action: str
    method: str
    multipart: bool
    # (name, kind) of each field, once, in order.
    kinds: dict[str, str] = field(default_factory=dict)
    # What the page offers: the values of text fields, the checked radios and boxes, the
    # selected options; and the first choice of each radio group and select, as a fallback.
    offered: list[tuple[str, str]] = field(default_factory=list)
    first_choice: dict[str, str] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)

    def add(self, name: str, kind: str) -> None:
        if name != "csrfmiddlewaretoken" and kind not in ("submit", "button", "reset", "image"):
            self.kinds.setdefault(name, kind)

    def plausible(self) -> list[tuple[str, str]]:
        """What the form sends as offered, with a plausible value where it offered none."""
        pairs = [(name, value) for name, value in self.offered if name in self.kinds]
        given = {name for name, value in pairs if value}
        for name, kind in self.kinds.items():
            if name in given or kind == "file":
                continue
            if name in self.first_choice and (kind == "select" or name in self.required):
                pairs.append((name, self.first_choice[name]))
            elif name in self.required:
                pairs = [(n, v) for n, v in pairs if n != name] + [(name, filler(kind))]
        return pairs


def filler(kind: str) -> str:
    soon = timezone.localdate() + dt.timedelta(days=14)
    return {
        "date": soon.isoformat(),
        "time": "18:30",
        "datetime-local": f"{soon.isoformat()}T18:30",
        "number": "8",
        "email": "zoe@example.org",
        "url": "https://example.org/",
    }.get(kind, "Bonjour")


class FormReader(HTMLParser):
    """The forms of a page, and its links that carry a query."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.form: Form | None = None
        self.select = ""
        self.textarea = ""
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            self.links.append(urljoin(self.page_url, a["href"]))
        elif tag == "form":
            self.form = Form(
                action=urljoin(self.page_url, a.get("action") or self.page_url),
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self.form)
        elif self.form is not None and tag == "option" and self.select:
            value = a.get("value", "")
            if value:
                self.form.first_choice.setdefault(self.select, value)
            if "selected" in a:
                self.form.offered.append((self.select, value))
        elif self.form is not None and a.get("name") and "disabled" not in a:
            self.field(self.form, tag, a)

    def field(self, form: Form, tag: str, a: dict[str, str]) -> None:
        name = a["name"]
        if "required" in a:
            form.required.add(name)
        if tag == "textarea":
            self.textarea, self.text = name, ""
            form.add(name, "textarea")
        elif tag == "select":
            self.select = name
            form.add(name, "select")
        elif tag == "input":
            kind = a.get("type", "text").lower()
            form.add(name, kind)
            if kind in ("radio", "checkbox"):
                form.first_choice.setdefault(name, a.get("value", "on"))
                if "checked" in a:
                    form.offered.append((name, a.get("value", "on")))
            else:
                form.offered.append((name, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.form is not None and self.textarea:
            self.form.offered.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = ""
        elif tag == "select":
            self.select = ""
        elif tag == "form":
            self.form = None


class Prober:
    """Sends each request in a transaction that is undone, and notes every server error."""

    def __init__(self, world: World, role: str) -> None:
        self.world = world
        self.role = role
        self.errors: list[str] = []

    def send(self, what: str, method: str, url: str, **kwargs: Any) -> Any:
        where = f"{self.role} {method.upper()} {url[:100]} {what}"
        client = client_for(self.world, self.role)  # outside: the session must outlive it
        try:
            with transaction.atomic():
                response = getattr(client, method)(url, **kwargs)
                transaction.set_rollback(True)
        except Exception as error:  # any error at all is what is looked for
            self.errors.append(f"{where}: {error!r:.300}")
            return None
        if response.status_code >= 500:
            self.errors.append(f"{where}: {response.status_code}")
        return response

    def submit(self, form: Form, what: str, pairs: list[tuple[str, Value]], **files: Any) -> None:
        path = urlsplit(form.action).path
        if form.method == "get":
            self.send(what, "get", f"{path}?{urlencode(pairs)}")
        elif form.multipart:
            data: dict[str, Any] = dict(files)
            for name, value in pairs:
                data.setdefault(name, []).append(value)
            self.send(what, "post", path, data=data)
        else:
            body = urlencode(pairs)
            self.send(
                what, "post", path, data=body, content_type="application/x-www-form-urlencoded"
            )


MARKERS: tuple[str | int, ...] = ("zz-marker-zz", 987654321)


def bad_paths(world: World, name: str, pattern: URLPattern) -> Iterator[tuple[str, str]]:
    """The URL of `name` with each parameter, in turn, replaced by each bad value its
    converter lets through (any other value gets a 404 from the URL resolver, before any view);
    a slug's only bad value is a number too big."""
    kwargs = resolve(world.url(name, pattern)).kwargs
    converters = getattr(pattern.pattern, "converters", {})
    for key in sorted(pattern.pattern.regex.groupindex):
        marked = next(filter(None, (marker_url(name, kwargs | {key: m}) for m in MARKERS)), "")
        converter = converters.get(key)
        for label, value in BAD_PATH_VALUES.items():
            if converter and not re.fullmatch(converter.regex, unquote(value)):
                continue
            if converter and converter.regex.startswith("[-a-zA-Z0-9_]") and value[0] != "9":
                continue
            yield f"{key}={label}", re.sub("zz-marker-zz|987654321", value, marked)


def marker_url(name: str, kwargs: dict[str, Any]) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # the converter refuses this marker
        return ""


def submissions(form: Form) -> Iterator[tuple[str, list[tuple[str, Value]], dict[str, Any]]]:
    base = form.plausible()
    for label, value in EVERY_FIELD.items():
        names = [name for name, kind in form.kinds.items() if kind != "file"]
        yield f"every field={label}", [(name, value) for name in names], {}
    for name, kind in form.kinds.items():
        others: list[tuple[str, Value]] = [(n, v) for n, v in base if n != name]
        if kind == "file":
            for label, content in BAD_FILES.items():
                upload = SimpleUploadedFile("liste.csv", content, content_type="text/csv")
                yield f"{name}=a file with {label}", others, {name: upload}
            continue
        for label, value in ONE_FIELD[KINDS.get(kind, "text")].items():
            yield f"{name}={label}", [*others, (name, value)], {}


@pytest.fixture
def world(cast: Cast, organisation: Organisation) -> World:
    """The URL matrix's world, with its proposal computed: its page then reads more of the
    query (the group being edited, the person being placed)."""
    made = make_world(cast, organisation)
    Proposal.objects.filter(pk=made.extra["pk"]).update(status=Proposal.Status.DONE)
    return made


@pytest.mark.parametrize("role", FUZZING_ROLES)
def test_no_bad_url_parameter_breaks_a_page(world: World, role: str) -> None:
    prober = Prober(world, role)
    patterns = dict(project_patterns())
    for name in assignments()[role]:
        for what, url in bad_paths(world, name, patterns[name]):
            prober.send(what, "get", url)
            prober.send(what, "post", url, data={})
        if role in RULES[name].get:
            url = world.url(name, patterns[name])
            for label, value in BAD_QUERY_VALUES.items():
                query = "&".join(f"{parameter}={value}" for parameter in LOOSE_QUERY_PARAMETERS)
                prober.send(f"?…={label}", "get", f"{url}?{query}")
    assert prober.errors == [], "\n".join(prober.errors)


@pytest.mark.parametrize("role", FUZZING_ROLES)
def test_no_bad_form_field_breaks_a_page(world: World, role: str) -> None:
    prober = Prober(world, role)
    patterns = dict(project_patterns())
    tried: set[tuple[str, str, tuple[str, ...]]] = set()
    for name in assignments()[role]:
        url = world.url(name, patterns[name])
        page = prober.send("", "get", url)
        if page is None or page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        reader = FormReader(url)
        reader.feed(page.content.decode())
        for form in reader.forms:
            # A form found on many pages (the language switch) is tried once.
            signature = (form.method, urlsplit(form.action).path, tuple(form.kinds))
            if signature not in tried:
                tried.add(signature)
                for what, pairs, files in submissions(form):
                    prober.submit(form, what, pairs, **files)
        for link in dict.fromkeys(reader.links):
            split = urlsplit(link)
            if split.path == urlsplit(url).path:
                for parameter in dict.fromkeys(p.split("=")[0] for p in split.query.split("&")):
                    for label, value in (TOO_BIG | DIGIT).items():
                        prober.send(
                            f"?{parameter}={label}",
                            "get",
                            f"{split.path}?{parameter}={quote(value)}",
                        )
    assert prober.errors == [], "\n".join(prober.errors)


# What the fuzzing found first, each told once in plain words.


@pytest.mark.parametrize(
    ("method", "path", "data", "cookie"),
    [
        ("get", "/invitations/%00/", None, ""),
        ("get", "/groupes/?q=deuil%00", None, ""),
        ("post", "/compte/login/", {"login": "bob@example.org\x00", "password": "x"}, ""),
        ("get", "/groupes/", None, "sessionid=abcdefgh\x00ijklmnop"),
    ],
)
def test_a_nul_byte_anywhere_in_a_request_is_a_bad_request(
    client: Client, cast: Cast, method: str, path: str, data: Any, cookie: str
) -> None:
    headers = {"Cookie": cookie} if cookie else {}

    response = getattr(client, method)(path, data, headers=headers)

    assert response.status_code == 400
    assert "Cette adresse ou ce formulaire contient un caractère" in response.content.decode()


def test_a_rhythm_starting_in_the_year_9999_is_refused_in_the_form(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    form = {
        "rhythm": "monthly_weekday",
        "weekday": "1",
        "nth": "1",
        "starts_on": "9999-12-31",
        "start_time": "18:30",
        "end_time": "20:00",
        "venue": "fixed",
        "place": "Maison des associations, salle 3",
    }

    response = client.post(f"/mes-groupes/{cast.group.slug}/rencontres/rythme/", form)

    assert response.status_code == 200
    assert "Choisissez une date dans les dix ans qui viennent." in response.content.decode()


def test_a_theme_number_too_big_for_the_database_is_an_unknown_theme(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.dan)

    response = client.post(
        f"/organisations/{organisation.slug}/me-regrouper/",
        {"place": "44000", "themes": ["9" * 30], "languages": ["fr"], "consent": "on"},
    )

    assert response.status_code == 200
    assert "Ce thème n'existe pas." in html.unescape(response.content.decode())
