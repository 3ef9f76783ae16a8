"""Demo projects of groups for trying the founding journey locally (`make run`, DEBUG only).

Coralie coordinates at the Centre d'entraide de Nantes. Jean is recruiting for a group of
family carers, with three people interested already; Paul has just asked the centre to
accompany his project. Running it again changes nothing.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.directory.demo import NANTES
from entraide.directory.models import SupportGroup, Theme
from entraide.founding import actions
from entraide.founding.models import Initiative, Interest, Relay
from entraide.lib import places
from entraide.membership.demo import DEMO_PASSWORD
from entraide.organisations.models import Organisation, OrganisationRole

COORDINATOR = "coralie@demo.entraide.localhost"
JEAN = "jean@demo.entraide.localhost"
PAUL = "paul@demo.entraide.localhost"
INTERESTED = [
    ("martine@demo.entraide.localhost", "Martine"),
    ("sami@demo.entraide.localhost", "Sami"),
    ("lucie@demo.entraide.localhost", "Lucie"),
]


def demo_person(email: str, name: str) -> User:
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
    EmailAddress.objects.update_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def _group(name: str, summary: str, theme: str, place: str) -> tuple[SupportGroup, int]:
    found = places.resolve(place)
    assert found is not None, place
    return SupportGroup(
        name=name,
        summary=summary,
        kind=SupportGroup.Kind.TALK,
        audience=SupportGroup.Audience.RELATIVES,
        format=SupportGroup.Format.IN_PERSON,
        country=found.country,
        postal_code=found.postal_code,
        town=found.name,
        latitude=found.lat,
        longitude=found.lon,
        frequency=SupportGroup.Frequency.IRREGULAR,
    ), Theme.objects.get(slug=theme).pk


@transaction.atomic
def load_demo_founding() -> list[tuple[str, str]]:
    """Create the demo coordinator and projects; returns (e-mail, what they show) pairs."""
    organisation = Organisation.objects.get(slug=NANTES)
    coralie = demo_person(COORDINATOR, "Coralie")
    OrganisationRole.objects.get_or_create(
        user=coralie, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
    )
    # Coordinators log in with a second factor; in DEBUG the code 000000 is accepted.
    if not Authenticator.objects.filter(user=coralie, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(coralie, generate_totp_secret())

    jean = demo_person(JEAN, "Jean")
    if not Initiative.objects.filter(initiator=jean).exists():
        group, theme_id = _group(
            "Aidants d'un parent atteint d'Alzheimer — Nantes Est",
            "Entre enfants qui accompagnent un parent malade, pour souffler et partager nos trucs.",
            "proches-aidants",
            "44300 Nantes",
        )
        initiative = actions.start_initiative(
            jean,
            group,
            [theme_id],
            {
                "need": "Je m'occupe de ma mère depuis trois ans et je me sens seul.",
                "members_profile": "Des enfants qui accompagnent un parent atteint d'Alzheimer.",
                "motivation": "Partager ce que j'ai appris, et apprendre des autres.",
                "own_role": "Lancer le groupe, puis laisser l'animation tourner.",
                "collective_decisions": "J'ai envie qu'on décide ensemble.",
            },
        )
        initiative.organisation = organisation
        initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
        initiative.accompaniment_requested_at = timezone.now()
        initiative.accompaniment_decided_at = timezone.now()
        initiative.save()
        group.organisation = organisation
        group.save(update_fields=["organisation"])
        actions.advance(initiative, by=jean)
        for email, name in INTERESTED:
            Interest.objects.get_or_create(initiative=initiative, user=demo_person(email, name))
        Relay.objects.create(
            initiative=initiative,
            name="Mairie annexe de Nantes Est",
            kind=Relay.Kind.TOWN_HALL,
            contact="Accueil, heures d'ouverture",
            contacted_on=timezone.localdate(),
            contacted_by=jean,
            note="Affiche posée dans le hall.",
        )

    paul = demo_person(PAUL, "Paul")
    if not Initiative.objects.filter(initiator=paul).exists():
        group, theme_id = _group(
            "Pères séparés — Rezé",
            "Entre pères qui vivent une séparation, pour garder le lien avec nos enfants.",
            "separation",
            "44400 Rezé",
        )
        group.audience = SupportGroup.Audience.CONCERNED
        initiative = actions.start_initiative(
            paul,
            group,
            [theme_id],
            {
                "need": "Parler avec d'autres pères qui vivent la même chose.",
                "members_profile": "Des pères séparés, quel que soit l'âge des enfants.",
                "motivation": "Je n'ai trouvé aucun groupe près de chez moi.",
            },
        )
        actions.request_accompaniment(
            initiative, organisation, "J'aimerais être aidé pour les premières séances.", by=paul
        )
    return [
        (
            COORDINATOR,
            "coordinatrice au Centre d'entraide de Nantes (code à deux facteurs : 000000)",
        ),
        (JEAN, "recrute pour un groupe d'aidants, 4 personnes sur 6"),
        (PAUL, "vient de demander un accompagnement"),
    ]
