"""The agendas of the three founding sessions, pre-filled from seeds 001 and 000.

Seed 001, step 3: an information session "pour présenter l'entraide autogérée et le
fonctionnement de groupe et récolter les besoins", then two sessions where the group decides
"ses buts, son fonctionnement (rythme, durée des séances, co-animation, partage des tâches,
etc.) et des règles de communication". Seed 000 adds: collect topics, choose a date, a place
and a topic for the next meeting. The group edits them freely.
"""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.directory.models import SupportGroup
from entraide.founding.models import FoundingSession


def group_language(group: SupportGroup) -> str:
    """The first of the group's languages the site speaks; else the active one.

    What the site writes into the group's own texts (a session's name, a suggested agenda) is
    written in it, so that it reads the same for everyone in the group.
    """
    spoken = {code for code, _name in settings.LANGUAGES}
    for code in group.language_codes:
        if code in spoken:
            return code
    return get_language() or settings.LANGUAGE_CODE


def agenda_for(kind: str) -> str:
    """The suggested agenda of a session, in the active language, one point per line."""
    if kind == FoundingSession.Kind.INFORMATION:
        points = [
            _("Accueil : chacun se présente, s'il le souhaite."),
            _("Ce qu'est l'entraide entre pairs et comment fonctionne un groupe autogéré."),
            _("Un tour de table sur les besoins et les attentes de chacun·e."),
            _("Les sujets que nous aimerions aborder ensemble."),
            _(
                "Qui souhaite s'engager dans la création du groupe ? "
                "Les dates des deux séances suivantes."
            ),
        ]
    elif kind == FoundingSession.Kind.FIRST:
        points = [
            _("Un tour de table : comment chacun·e arrive aujourd'hui."),
            _("Nos buts : ce que nous voulons vivre et apporter dans ce groupe."),
            _("Notre fonctionnement : rythme, durée des rencontres, lieu."),
            _("L'animation : une personne, une co-animation ou une rotation."),
            _("Le partage des tâches entre les membres."),
            _("Un premier jet de la charte, question par question."),
        ]
    else:
        points = [
            _("Un tour de table : ce qui a mûri depuis la dernière fois."),
            _("Nos règles de communication et la confidentialité."),
            _("Que faisons-nous si quelqu'un ne respecte pas nos règles ?"),
            _("Quand chercher un soutien extérieur ?"),
            _("Relire la charte ensemble et demander le consentement de chacun·e."),
            _("La date, le lieu et le sujet de notre prochaine rencontre."),
        ]
    return "\n".join(f"– {point}" for point in points)
