"""Demo safeguarding for trying the concerns locally (`make run`, DEBUG only).

Sabine is the safeguarding lead (référente protection) of the Centre d'entraide de Nantes.
Bob, a member of the demo group, has raised a conflict and asked for a mediation: Sabine finds
it on her board at /organisations/centre-entraide-nantes/vigilance/. Running it again changes
nothing.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.demo import NANTES
from entraide.directory.models import SupportGroup
from entraide.founding.demo import demo_person
from entraide.membership.demo import DEMO_GROUP
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.safeguarding.models import Concern

LEAD = "sabine@demo.entraide.localhost"
RAISER = "bob@demo.entraide.localhost"


@transaction.atomic
def load_demo_safeguarding() -> list[tuple[str, str]]:
    """Create the demo safeguarding lead and one concern; returns (e-mail, what) pairs."""
    organisation = Organisation.objects.get(slug=NANTES)
    sabine = demo_person(LEAD, "Sabine")
    OrganisationRole.objects.get_or_create(
        user=sabine, organisation=organisation, role=OrganisationRole.Role.SAFEGUARDING_LEAD
    )
    # Role holders log in with a second factor; in DEBUG the code 000000 is accepted.
    if not Authenticator.objects.filter(user=sabine, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(sabine, generate_totp_secret())
    shown = [(LEAD, "référente protection du Centre d'entraide de Nantes")]

    group = SupportGroup.objects.get(slug=DEMO_GROUP)
    bob = User.objects.filter(email=RAISER).first()
    if bob is not None and not Concern.objects.filter(raised_by=bob).exists():
        # Written directly rather than through actions.raise_concern: a demo is not news, and
        # nobody should be e-mailed about it.
        Concern.objects.create(
            group=group,
            organisation=organisation,
            raised_by=bob,
            kind=Concern.Kind.CONFLICT,
            mediation_requested=True,
            description=(
                "Depuis deux rencontres, deux membres se coupent la parole et le ton monte. "
                "Nous avons relu la charte ensemble, sans que cela change. "
                "Une personne extérieure nous aiderait à en parler."
            ),
        )
        record(
            AuditEvent.Action.CONCERN_RAISED,
            by=None,
            group=group,
            organisation=organisation,
            detail=Concern.Kind.CONFLICT,
        )
    if bob is not None:
        shown.append((RAISER, "a signalé un conflit et demandé une médiation (Mes signalements)"))
    return shown
