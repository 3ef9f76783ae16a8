"""The demo's one-to-one programmes (`data/pairing.json`): a running pairing programme and a
listening line of the Centre d'entraide de Nantes, with applications at every stage (sent,
interview planned, accepted and trained, accepted and in training, declined with a kind
message), a debrief, and two people asking for a peer. DEBUG only, like the demo people.

Written directly rather than through `pairing.actions`: a demo is not news, and nobody should
be e-mailed about it. A programme is found again by its organisation and name, an application
or a request by its programme and person, so loading twice changes nothing.
"""

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils import timezone

from entraide.demo.data import DemoDataError, Fields, Stories, read
from entraide.demo.people import demo_person
from entraide.directory.models import Theme
from entraide.lib import places
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.pairing.models import (
    SLOTS,
    AgeBand,
    Change,
    ChangeAnswer,
    Debrief,
    Gender,
    Mode,
    Pair,
    PairMessage,
    PeerApplication,
    PeerRequest,
    Programme,
    TrainingModule,
    TrainingRecord,
)

PROGRAMME_FIELDS = (
    "name",
    "kind",
    "description",
    "themes",
    "languages",
    "modes",
    "area",
    "remote",
    "criteria",
    "intake_questions",
    "modules",
    "applications",
    "requests",
    "shown",
)
APPLICATION_FIELDS = (
    "person",
    "status",
    "experience",
    "motivation",
    "availability",
    "modes",
    "place",
    "capacity",
    "shifts",
    "trained",
    "debrief_days_ago",
    "interview_in_days",
    "message",
)
REQUEST_FIELDS = (
    "person",
    "hopes",
    "availability",
    "mode",
    "place",
    "peer_gender",
    "peer_age_band",
    "answers",
)


def _person(fields: Fields, stories: Stories) -> str:
    return fields.slug("person", stories.people, "person")


def _slots(fields: Fields) -> list[str]:
    found = fields.texts("availability")
    for slot in found:
        if slot not in SLOTS:
            raise fields.error("availability", f"unknown slot {slot!r} (such as 'tue-evening').")
    return found


def _known(fields: Fields, key: str, known: Collection[str]) -> list[str]:
    found = fields.texts(key)
    unknown = sorted(set(found) - set(known))
    if unknown:
        raise fields.error(key, f"unknown {', '.join(map(repr, unknown))}.")
    return found


def _place(fields: Fields) -> places.Place | None:
    text = fields.text("place", "")
    if not text:
        return None
    found = places.resolve(text)
    if found is None:
        raise fields.error("place", f"unknown postal code or town {text!r}.")
    return found


def _read(stories: Stories) -> tuple[str, list[dict[str, Any]]]:
    """Every programme of the file, checked before anything is written."""
    top = Fields(read("pairing.json"), "pairing.json", ("organisation", "programmes"))
    themes = set(Theme.objects.values_list("slug", flat=True))
    programmes = []
    for index, raw in enumerate(top.items("programmes")):
        where = f"pairing.json, programme {index + 1}"
        fields = Fields(raw, where, PROGRAMME_FIELDS)
        programme: dict[str, Any] = {
            "name": fields.text("name"),
            "kind": fields.choice("kind", Programme.Kind.values),
            "description": fields.text("description"),
            "themes": _known(fields, "themes", themes),
            "languages": fields.texts("languages"),
            "modes": _known(fields, "modes", Mode.values),
            "area": fields.text("area", ""),
            "remote": fields.flag("remote"),
            "criteria": fields.texts("criteria"),
            "intake_questions": fields.texts("intake_questions"),
            "shown": fields.text("shown"),
            "modules": [],
            "applications": [],
            "requests": [],
        }
        for number, item in enumerate(fields.items("modules")):
            module = Fields(item, f"{where}, module {number + 1}", ("name", "description"))
            programme["modules"].append((module.text("name"), module.text("description", "")))
        names = {name for name, _ in programme["modules"]}
        for number, item in enumerate(fields.items("applications")):
            each = Fields(item, f"{where}, application {number + 1}", APPLICATION_FIELDS)
            trained = each.texts("trained", [])
            if not set(trained) <= names:
                raise each.error("trained", "a module of the programme.")
            programme["applications"].append(
                {
                    "person": _person(each, stories),
                    "status": each.choice("status", PeerApplication.Status.values),
                    "experience": each.text("experience"),
                    "motivation": each.text("motivation"),
                    "availability": _slots(each),
                    "modes": _known(each, "modes", Mode.values),
                    "place": _place(each),
                    "capacity": each.number("capacity", 1, 5) if "capacity" in each.raw else None,
                    "shifts": each.number("shifts", 1, 12) if "shifts" in each.raw else None,
                    "trained": trained,
                    "debrief_days_ago": (
                        each.number("debrief_days_ago", 0, 365)
                        if "debrief_days_ago" in each.raw
                        else None
                    ),
                    "interview_in_days": (
                        each.number("interview_in_days", 1, 60)
                        if "interview_in_days" in each.raw
                        else None
                    ),
                    "message": each.text("message", ""),
                }
            )
        for number, item in enumerate(fields.items("requests")):
            each = Fields(item, f"{where}, request {number + 1}", REQUEST_FIELDS)
            programme["requests"].append(
                {
                    "person": _person(each, stories),
                    "hopes": each.text("hopes"),
                    "availability": _slots(each),
                    "mode": each.choice("mode", Mode.values),
                    "place": _place(each),
                    "peer_gender": each.choice("peer_gender", ["", *Gender.values], ""),
                    "peer_age_band": each.choice("peer_age_band", ["", *AgeBand.values], ""),
                    "answers": [str(answer) for answer in each.items("answers", [])],
                }
            )
        programmes.append(programme)
    if not programmes:
        raise DemoDataError("pairing.json: no programme.")
    return top.text("organisation"), programmes


def _located(target: PeerApplication | PeerRequest, place: places.Place | None) -> None:
    if place is not None:
        target.country, target.postal_code, target.town = (
            place.country,
            place.postal_code,
            place.name,
        )
        target.latitude, target.longitude = place.lat, place.lon


@transaction.atomic
def load_pairing(stories: Stories) -> list[tuple[str, str]]:
    """The programmes, their volunteers and requests; returns (name, what) pairs."""
    slug, programmes = _read(stories)
    organisation = Organisation.objects.get(slug=slug)
    coordinator = (
        OrganisationRole.objects.filter(organisation=organisation, role="coordinator")
        .select_related("user")
        .first()
    )
    by = coordinator.user if coordinator is not None else None
    now = timezone.now()
    shown = []
    for demo in programmes:
        programme, created = Programme.objects.get_or_create(
            organisation=organisation,
            name=demo["name"],
            defaults={
                name: demo[name]
                for name in (
                    "kind",
                    "description",
                    "languages",
                    "modes",
                    "area",
                    "remote",
                    "criteria",
                    "intake_questions",
                )
            }
            | {"is_published": True},
        )
        if created:
            programme.themes.set(Theme.objects.filter(slug__in=demo["themes"]))
        modules = {}
        for position, (name, description) in enumerate(demo["modules"]):
            modules[name], _new = TrainingModule.objects.get_or_create(
                programme=programme,
                name=name,
                defaults={"description": description, "position": position},
            )
        for number, item in enumerate(demo["applications"]):
            person = demo_person(stories, item["person"])
            if PeerApplication.objects.filter(programme=programme, user=person).exists():
                continue
            submitted = now - dt.timedelta(days=90 - number * 7)
            application = PeerApplication(
                programme=programme,
                user=person,
                experience=item["experience"],
                motivation=item["motivation"],
                availability=item["availability"],
                languages=["fr"],
                modes=item["modes"],
                capacity=item["capacity"],
                shifts_per_month=item["shifts"],
                status=item["status"],
                submitted_at=submitted,
            )
            _located(application, item["place"])
            if item["interview_in_days"] is not None:
                day = timezone.localdate() + dt.timedelta(days=item["interview_in_days"])
                application.interview_at = dt.datetime.combine(
                    day, dt.time(14, 0), tzinfo=programme.time_zone
                )
                application.interview_mode = item["modes"][0]
            if item["status"] in ("accepted", "declined"):
                application.decided_at = submitted + dt.timedelta(days=21)
                application.decided_by = by
                application.decision_message = item["message"]
                application.assessment = [
                    {"criterion": c, "verdict": "met" if item["status"] == "accepted" else "to_see"}
                    for c in demo["criteria"]
                ]
            application.save()
            for name in item["trained"]:
                TrainingRecord.objects.create(
                    application=application,
                    module=modules[name],
                    done_on=timezone.localdate(submitted) + dt.timedelta(days=35),
                    trainer="Inès Morel",
                    recorded_by=by,
                )
            if item["debrief_days_ago"] is not None:
                Debrief.objects.create(
                    application=application,
                    asked_at=now - dt.timedelta(days=item["debrief_days_ago"]),
                    done_on=timezone.localdate(now - dt.timedelta(days=item["debrief_days_ago"])),
                    done_by=by,
                )
        for item in demo["requests"]:
            person = demo_person(stories, item["person"])
            if PeerRequest.objects.filter(programme=programme, user=person).exists():
                continue
            answers = [
                {"question": question, "answer": answer}
                for question, answer in zip(demo["intake_questions"], item["answers"], strict=False)
            ]
            request = PeerRequest(
                programme=programme,
                user=person,
                theme=programme.themes.first(),
                hopes=item["hopes"],
                languages=["fr"],
                availability=item["availability"],
                mode=item["mode"],
                peer_gender=item["peer_gender"],
                peer_age_band=item["peer_age_band"],
                intake_answers=answers,
                consent_at=now - dt.timedelta(days=5),
                created_at=now - dt.timedelta(days=5),
            )
            _located(request, item["place"])
            request.save()
        if not programme.is_line:
            _one_pair(programme, by, now)
        _shared_leadership(programme, now)
        shown.append((programme.name, demo["shown"]))
    return shown


def _one_pair(programme: Programme, by: Any, now: dt.datetime) -> None:
    """One running pair: the first request and the first trained volunteer, started two weeks
    and a day ago (the week-2 check-in is then due), with a first message each."""
    if Pair.objects.filter(request__programme=programme).exists():
        return
    request = programme.requests.filter(status=PeerRequest.Status.WAITING).first()
    volunteer = next(
        (
            a
            for a in programme.applications.filter(status=PeerApplication.Status.ACCEPTED)
            if a.is_ready and a.user_id != (request.user_id if request else None)
        ),
        None,
    )
    if request is None or volunteer is None:
        return
    started = now - dt.timedelta(weeks=2, days=1)
    pair = Pair.objects.create(
        request=request,
        volunteer=volunteer,
        proposed_by=by,
        proposed_at=started - dt.timedelta(days=2),
        seeker_accepted_at=started - dt.timedelta(days=1),
        volunteer_accepted_at=started,
        status=Pair.Status.ACTIVE,
        activated_at=started,
        score=0.9,
    )
    PeerRequest.objects.filter(pk=request.pk).update(status=PeerRequest.Status.MATCHED)
    PairMessage.objects.create(
        pair=pair,
        author=volunteer.user,
        text="Bonjour, je suis contente de faire ce chemin avec vous. Quand aimeriez-vous parler ?",
        created_at=started + dt.timedelta(hours=2),
    )
    PairMessage.objects.create(
        pair=pair,
        author=request.user,
        text="Merci. Mardi soir me conviendrait bien.",
        created_at=started + dt.timedelta(hours=5),
    )


def _shared_leadership(programme: Programme, now: dt.datetime) -> None:
    """Two changes the volunteers proposed: one put into practice after everyone consented,
    one waiting for the others' answers (its author has consented by proposing it)."""
    volunteers = list(
        programme.applications.filter(status=PeerApplication.Status.ACCEPTED)
        .select_related("user")
        .order_by("submitted_at", "pk")
    )
    if not volunteers or programme.changes.exists():
        return
    author = volunteers[0].user
    done = Change.objects.create(
        programme=programme,
        author=author,
        topic=Change.Topic.SUPPORT,
        title="Un temps d'échange entre bénévoles chaque mois",
        text=(
            "Nous portons des histoires lourdes, chacun de notre côté. Une heure par mois entre "
            "bénévoles, sans l'équipe si nous le voulons, pour déposer ce qui pèse et partager "
            "ce qui aide."
        ),
        status=Change.Status.DONE,
        opened_at=now - dt.timedelta(days=60),
        adopted_at=now - dt.timedelta(days=50),
        done_at=now - dt.timedelta(days=40),
        done_note="Le premier jeudi du mois, de 18 h 30 à 19 h 30, salle du premier étage.",
    )
    for volunteer in volunteers:
        ChangeAnswer.objects.create(
            change=done, user=volunteer.user, decision=ChangeAnswer.Decision.CONSENT
        )
    waiting = Change.objects.create(
        programme=programme,
        author=author,
        topic=Change.Topic.TRAINING,
        title="Un module sur le deuil périnatal",
        text=(
            "Plusieurs demandes parlent de la perte d'un bébé. Nous ne nous sentons pas prêts à "
            "accueillir ces histoires : un module de deux heures, avec une association qui "
            "connaît ce deuil, nous aiderait."
        ),
        opened_at=now - dt.timedelta(days=3),
    )
    ChangeAnswer.objects.create(change=waiting, user=author, decision=ChangeAnswer.Decision.CONSENT)
