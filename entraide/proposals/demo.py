"""Demo wishes for trying the forming of groups locally (`make run`, DEBUG only).

Twenty people around Nantes asked the Centre d'entraide de Nantes to put them in touch with
neighbours; Coralie, who coordinates there, can compute groups from their wishes (or from the
sample CSV offered on the page). Running it again changes nothing.
"""

from django.db import transaction

from entraide.directory.demo import NANTES
from entraide.directory.models import Theme
from entraide.founding.demo import demo_person
from entraide.lib import places
from entraide.organisations.models import Organisation
from entraide.proposals.models import Wish

# Name, postal code or town, languages. Several people per neighbourhood, so that walking
# groups can form, and one person alone in a village, whom nobody can reach on foot.
WISHERS = [
    ("Aline", "44000 Nantes", "fr"),
    ("Bastien", "44000 Nantes", "fr"),
    ("Camille", "44000 Nantes", "fr;en"),
    ("Djamel", "44000 Nantes", "fr;ar"),
    ("Élodie", "44000 Nantes", "fr"),
    ("Farid", "44000 Nantes", "fr;ar"),
    ("Gaëlle", "44000 Nantes", "fr"),
    ("Hugo", "44000 Nantes", "fr;en"),
    ("Inès", "44400 Rezé", "fr"),
    ("Jules", "44400 Rezé", "fr"),
    ("Karine", "44400 Rezé", "fr"),
    ("Louis", "44400 Rezé", "fr"),
    ("Maëlle", "44400 Rezé", "fr;en"),
    ("Nadia", "44400 Rezé", "fr;ar"),
    ("Olivier", "44400 Rezé", "fr"),
    ("Pauline", "44800 Saint-Herblain", "fr"),
    ("Quentin", "44800 Saint-Herblain", "fr"),
    ("Rose", "44800 Saint-Herblain", "fr"),
    ("Simon", "44800 Saint-Herblain", "fr"),
    ("Thérèse", "44390 Nort-sur-Erdre", "fr"),
]


def email_of(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("éëèï", "eeei"))
    return f"{ascii_name}.voisin@demo.entraide.localhost"


@transaction.atomic
def load_demo_wishes() -> int:
    """Create the demo wishes (and their people); return how many there are."""
    organisation = Organisation.objects.get(slug=NANTES)
    theme = Theme.objects.filter(slug="proches-aidants").first()
    for name, where, languages in WISHERS:
        place = places.resolve(where)
        assert place is not None, where
        person = demo_person(email_of(name), name)
        wish, _created = Wish.objects.update_or_create(
            organisation=organisation,
            user=person,
            defaults={
                "postal_code": where,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "languages": languages,
            },
        )
        if theme is not None:
            wish.themes.set([theme])
    return Wish.objects.filter(organisation=organisation).count()
