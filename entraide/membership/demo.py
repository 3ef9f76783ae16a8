"""Demo people for trying the site locally: a facilitator, a member and an observer.

Only for `make run` (DEBUG): their password is written here and printed, so the command
refuses to create them anywhere else.
"""

from allauth.account.models import EmailAddress
from django.db import transaction

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.membership.models import Membership

DEMO_PASSWORD = "entraide-demo"  # noqa: S105 - a local demo, refused outside DEBUG.
DEMO_GROUP = "groupe-de-parole-deuil-nantes-nord"
DEMO_PLACE = "Maison des associations, 12 rue de la Paix, salle 3 (2e étage)"
PEOPLE = [
    ("alice@demo.entraide.localhost", "Alice", Membership.Role.FACILITATOR),
    ("bob@demo.entraide.localhost", "Bob", Membership.Role.MEMBER),
    ("chloe@demo.entraide.localhost", "Chloé", Membership.Role.OBSERVER),
]


@transaction.atomic
def load_demo_people() -> list[tuple[str, str]]:
    """Create or refresh the demo people; returns (e-mail, role) pairs to print."""
    group = SupportGroup.objects.get(slug=DEMO_GROUP)
    if not group.meeting_place:
        group.meeting_place = DEMO_PLACE
        group.save(update_fields=["meeting_place"])
    created = []
    for email, name, role in PEOPLE:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
        EmailAddress.objects.update_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        Membership.objects.update_or_create(
            user=person,
            group=group,
            defaults={"role": role, "status": Membership.Status.ACTIVE},
        )
        created.append((email, str(role.label)))
    return created
