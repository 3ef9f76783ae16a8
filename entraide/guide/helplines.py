"""Emergency and crisis numbers, country by country, for the "Besoin d'aide maintenant ?" page.

Every number names the official page it comes from (`source`: a government page or the
service's own), the stored public page it was checked against (`checked_against`, with that
page's date in `page_date` when the page gives one) and the day of the check (`checked`). An
entry whose `checked_against` is empty rests on the maintainers' knowledge only and must be
re-checked against its `source` before each release: a wrong number here can cost a life.

Numbers are written as people read them (`number`) and dialled from inside the country
(`dial`, digits only): short numbers and free numbers cannot be reached from abroad anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHECKED = dt.date(2026, 11, 22)
DEFAULT_COUNTRY = "FR"


class Kind(StrEnum):
    """What a line is for."""

    EMERGENCY = "emergency"
    SUICIDE = "suicide"
    CHILD = "child"
    VIOLENCE = "violence"
    LISTENING = "listening"


# The page's order, by urgency: at the top, the one emergency number (`Country.emergency`) and
# the first suicide prevention line (`Country.crisis`), so that on a phone both are on the
# first screen (France's 3114 was sixth, below the fold, after 15, 17, 18 and 114); then the
# suicide prevention lines in full, the other emergency numbers, a child in danger, violence,
# and someone to talk to.
URGENCY = (Kind.SUICIDE, Kind.EMERGENCY, Kind.CHILD, Kind.VIOLENCE, Kind.LISTENING)


KIND_TITLES: dict[Kind, Promise] = {
    Kind.EMERGENCY: _("Urgence : secours, police, pompiers"),
    Kind.SUICIDE: _("Idées de suicide, grande détresse"),
    Kind.CHILD: _("Un enfant en danger"),
    Kind.VIOLENCE: _("Violences"),
    Kind.LISTENING: _("Parler à quelqu'un"),
}

KIND_OTHER_EMERGENCIES = _("Les autres numéros d'urgence")

# The four kinds every country must have (the fifth is a welcome extra).
REQUIRED_KINDS = (Kind.EMERGENCY, Kind.SUICIDE, Kind.CHILD, Kind.VIOLENCE)


@dataclass(frozen=True)
class Helpline:
    kind: Kind
    name: Promise
    number: str
    purpose: Promise
    hours: Promise
    source: str
    checked_against: str = ""
    page_date: dt.date | None = None
    checked: dt.date = CHECKED
    # Only by text message (SMS), never by a voice call: France's 114.
    text_only: bool = False
    # A number that also takes text messages, and what to write first if the line asks.
    text_number: str = ""
    text_keyword: str = ""
    # Other kinds the line also serves, where a country has no line of its own for them
    # (Monaco: the police for a child in danger). The line is shown under each.
    also: tuple[Kind, ...] = ()

    @property
    def dial(self) -> str:
        return re.sub(r"\D", "", self.number)

    @property
    def href(self) -> str:
        """The link a phone follows: a call, or a text message for a text-only line."""
        return f"sms:{self.dial}" if self.text_only else f"tel:{self.dial}"

    @property
    def source_site(self) -> str:
        """The source's site, as a short link text: "service-public.fr"."""
        host = urlsplit(self.source).hostname or ""
        return host.removeprefix("www.")

    @property
    def tel(self) -> str:
        return f"tel:{self.dial}"

    @property
    def sms(self) -> str:
        number = self.dial if self.text_only else re.sub(r"\D", "", self.text_number)
        return f"sms:{number}" if number else ""


@dataclass(frozen=True)
class Country:
    code: str
    name: Promise
    emergency: str  # the one number to call in danger, said at the top of the page
    lines: tuple[Helpline, ...]

    @property
    def first(self) -> Helpline:
        """The emergency line said at the top of the page."""
        return next(
            line
            for line in self.lines
            if line.kind == Kind.EMERGENCY and line.dial == self.emergency
        )

    @property
    def crisis(self) -> Helpline:
        """The first suicide prevention line, said at the top of the page after the emergency
        number: on a phone, both are on the first screen."""
        return next(line for line in self.lines if Kind.SUICIDE in (line.kind, *line.also))

    def by_kind(self) -> list[tuple[Kind, Promise, list[Helpline]]]:
        """The lines by kind, in the order of urgency, without the one at the top."""
        sections = []
        for kind in URGENCY:
            lines = [
                line
                for line in self.lines
                if (line.kind == kind or kind in line.also) and line is not self.first
            ]
            if lines:
                title = KIND_OTHER_EMERGENCIES if kind == Kind.EMERGENCY else KIND_TITLES[kind]
                sections.append((kind, title, lines))
        return sections


DAY_AND_NIGHT = _("Jour et nuit, tous les jours. Gratuit.")

FRANCE = Country(
    "FR",
    _("France"),
    "112",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Numéro d'urgence européen"),
            "112",
            _("Pour toute urgence : il vous oriente vers les secours, la police ou les pompiers."),
            DAY_AND_NIGHT,
            source="https://www.sdis04.fr/quels-numeros-composer-18-112-15-ou-17/",
            checked_against="https://saintviance.fr/numeros-durgences/",
            page_date=dt.date(2024, 7, 22),
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Samu"),
            "15",
            _("Une urgence médicale : malaise, blessure grave, personne inconsciente."),
            DAY_AND_NIGHT,
            source="https://www.sdis04.fr/quels-numeros-composer-18-112-15-ou-17/",
            checked_against="https://saintviance.fr/numeros-durgences/",
            page_date=dt.date(2024, 7, 22),
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Police ou gendarmerie"),
            "17",
            _("Une violence, une agression, une menace en train de se produire."),
            DAY_AND_NIGHT,
            source="https://www.sdis04.fr/quels-numeros-composer-18-112-15-ou-17/",
            checked_against="https://saintviance.fr/numeros-durgences/",
            page_date=dt.date(2024, 7, 22),
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Pompiers"),
            "18",
            _("Un incendie, un accident, une personne en danger."),
            DAY_AND_NIGHT,
            source="https://www.sdis04.fr/quels-numeros-composer-18-112-15-ou-17/",
            checked_against="https://saintviance.fr/numeros-durgences/",
            page_date=dt.date(2024, 7, 22),
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Urgence par SMS (114)"),
            "114",
            _(
                "Pour les personnes sourdes, malentendantes ou qui ne peuvent pas parler, "
                "et pour donner l'alerte sans bruit. Par SMS, ou en visio et tchat sur "
                "l'application Urgence 114."
            ),
            DAY_AND_NIGHT,
            source="https://cramif.fr/node/808",
            checked_against="https://www.syndicat-infirmier.com/114-le-numero-d-urgence-par-SMS.html",
            page_date=dt.date(2014, 9, 14),
            text_only=True,
        ),
        Helpline(
            Kind.SUICIDE,
            _("3114, numéro national de prévention du suicide"),
            "3114",
            _(
                "Vous pensez au suicide, ou vous êtes inquiet pour quelqu'un. Des soignants "
                "vous écoutent et vous aident."
            ),
            DAY_AND_NIGHT,
            source="https://www.service-public.fr/particuliers/actualites/A15206",
            checked_against="https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/",
            page_date=dt.date(2021, 9, 29),
        ),
        Helpline(
            Kind.CHILD,
            _("119, Allô enfance en danger"),
            "119",
            _(
                "Un enfant ou un adolescent est en danger, ou vous le craignez. Les enfants "
                "peuvent appeler eux-mêmes. L'appel n'apparaît pas sur la facture."
            ),
            DAY_AND_NIGHT,
            source="https://www.allo119.gouv.fr/",
            checked_against="https://madinin-art.net/119-allo-enfance-en-danger-un-numero-pour-les-situations-durgence",
        ),
        Helpline(
            Kind.VIOLENCE,
            _("3919, Violences Femmes Info"),
            "3919",
            _(
                "Violences dans le couple, violences sexuelles, mariage forcé : écoute, "
                "information et orientation, de façon anonyme. Pour les victimes, leurs "
                "proches et les témoins."
            ),
            DAY_AND_NIGHT,
            source="https://solidaritefemmes.org/appeler-le-3919/",
            checked_against="https://solidaritefemmes.org/appeler-le-3919/",
        ),
        Helpline(
            Kind.LISTENING,
            _("SOS Amitié"),
            "09 72 39 40 50",
            _("Parler à quelqu'un qui écoute, sans jugement, quand tout pèse."),
            _("Jour et nuit, tous les jours. Prix d'un appel local."),
            source="https://www.sos-amitie.com/",
            checked_against="https://www.francebleu.fr/infos/societe/sos-amitie-croule-sous-les-appels-d-un-nouveau-public-depuis-le-debut-du-confinement-1585652341",
            page_date=dt.date(2020, 4, 1),
        ),
    ),
)

BELGIUM = Country(
    "BE",
    _("Belgique"),
    "112",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Ambulance et pompiers"),
            "112",
            _("Une urgence médicale, un incendie, un accident. Fonctionne dans toute l'Europe."),
            DAY_AND_NIGHT,
            source="https://www.112.be/fr/",
            checked_against="https://www.112.be/fr/",
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Police"),
            "101",
            _("Une violence, une agression, une menace en train de se produire."),
            DAY_AND_NIGHT,
            source="https://www.police.be/5998/fr/contact/numeros-durgence",
            checked_against="https://www.police.be/5998/fr/contact/numeros-durgence",
        ),
        Helpline(
            Kind.SUICIDE,
            _("Centre de Prévention du Suicide"),
            "0800 32 123",
            _("Vous pensez au suicide, ou vous êtes inquiet pour quelqu'un. Anonyme."),
            DAY_AND_NIGHT,
            source="https://www.preventionsuicide.be/fr/je-veux-vous-conna%C3%AEtre/notre-mission.html",
            checked_against="https://www.lalibre.be/belgique/societe/2023/02/21/le-centre-de-prevention-du-suicide-est-confronte-a-une-hausse-du-nombre-dappels-A54EZGXFSJB3HNFT4ZSPCEPJ5I/",
            page_date=dt.date(2023, 2, 21),
        ),
        Helpline(
            Kind.SUICIDE,
            _("Zelfmoordlijn (en néerlandais)"),
            "1813",
            _("La ligne de prévention du suicide en Flandre. Anonyme."),
            DAY_AND_NIGHT,
            source="https://www.zelfmoord1813.be/",
            checked_against="https://www.standaard.be/cnt/dmf20190908_04597462",
            page_date=dt.date(2019, 9, 8),
        ),
        Helpline(
            Kind.CHILD,
            _("103, Écoute-Enfants"),
            "103",
            _(
                "Pour les enfants et les adolescents, et pour les adultes inquiets pour un "
                "enfant. Anonyme."
            ),
            _("Tous les jours, de 10 h à minuit. Gratuit."),
            source="http://www.dgde.cfwb.be/index.php?id=3248",
            checked_against="http://www.rtl.be/info/belgique/politique/plus-de-29-000-appels-a-ecoute-enfants-en-2014-dont-des-emotionnellement-eprouvants--726853.aspx",
            page_date=dt.date(2015, 1, 1),
        ),
        Helpline(
            Kind.VIOLENCE,
            _("Écoute violences conjugales"),
            "0800 30 030",
            _(
                "Violences dans le couple : pour les victimes, les témoins, les enfants "
                "et les auteurs. Ce n'est pas une ligne d'urgence."
            ),
            _("Jour et nuit, tous les jours (la nuit et le week-end, par Télé-Accueil). Gratuit."),
            source="https://www.ecouteviolencesconjugales.be/qui-sommes-nous/presentation/",
            checked_against="https://www.ecouteviolencesconjugales.be/qui-sommes-nous/presentation/",
        ),
        Helpline(
            Kind.VIOLENCE,
            _("1712 (en néerlandais)"),
            "1712",
            _("Violences, abus et maltraitance d'enfants, en Flandre et à Bruxelles."),
            _("En semaine, en journée. Gratuit."),
            source="https://www.1712.be/",
            checked_against="https://kitieper.be/hulplijn-1712/",
        ),
        Helpline(
            Kind.LISTENING,
            _("Télé-Accueil"),
            "107",
            _("Parler à quelqu'un qui écoute, de façon anonyme, quand tout pèse."),
            DAY_AND_NIGHT,
            source="https://tele-accueil.be/bruxelles/ressources/",
            checked_against="https://www.rtbf.be/article/le-centre-tele-accueil-de-liege-a-l-ecoute-depuis-50-ans-11188471",
            page_date=dt.date(2023, 4, 1),
        ),
    ),
)

SWITZERLAND = Country(
    "CH",
    _("Suisse"),
    "112",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Numéro d'urgence européen"),
            "112",
            _(
                "Pour toute urgence : il vous met en relation avec la police, "
                "qui alerte les secours."
            ),
            DAY_AND_NIGHT,
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112",
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Ambulance"),
            "144",
            _("Une urgence médicale : malaise, blessure grave, personne inconsciente."),
            DAY_AND_NIGHT,
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112",
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Police"),
            "117",
            _("Une violence, une agression, une menace en train de se produire."),
            DAY_AND_NIGHT,
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112",
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Pompiers"),
            "118",
            _("Un incendie, un accident, une personne en danger."),
            DAY_AND_NIGHT,
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112",
        ),
        Helpline(
            Kind.SUICIDE,
            _("La Main Tendue"),
            "143",
            _(
                "Pour les adultes en crise, avec des idées de suicide ou simplement besoin "
                "de parler. Anonyme."
            ),
            _("Jour et nuit, tous les jours. 20 centimes par appel."),
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://www.ch.ch/en/road-accident-what-should-i-do",
        ),
        Helpline(
            Kind.CHILD,
            _("147, Pro Juventute"),
            "147",
            _(
                "Pour les enfants et les jeunes : parler de ce qui fait peur, de violence, "
                "d'idées de suicide. Par téléphone, SMS ou tchat."
            ),
            DAY_AND_NIGHT,
            source="https://www.ch.ch/en/road-accident-what-should-i-do",
            checked_against="https://www.swissinfo.ch/fre/societe/un-t%C3%A9l%C3%A9phone-pour-les-enfants-en-d%C3%A9tresse/6265398",
            text_number="147",
        ),
        Helpline(
            Kind.VIOLENCE,
            _("142, aide aux victimes de violence"),
            "142",
            _(
                "Violences dans le couple, la famille ou ailleurs : conseil et orientation "
                "vers le centre d'aide aux victimes de votre région."
            ),
            DAY_AND_NIGHT,
            # The stored pages announce the national number for May 2026; none after that date
            # could be found to confirm it answers. Re-check at the source before each release.
            source="https://sodk.ch/fr/themes/aide-aux-victimes/numero-de-telephone-central-pour-laide-aux-victimes",
            checked_against="https://www.watson.ch/fr/suisse/societe/107667471-violences-domestiques-ce-plan-de-lutte-implique-la-migros",
            page_date=dt.date(2025, 12, 26),
        ),
    ),
)

LUXEMBOURG = Country(
    "LU",
    _("Luxembourg"),
    "112",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Secours (ambulance et pompiers)"),
            "112",
            _("Une urgence médicale, un incendie, un accident. Fonctionne dans toute l'Europe."),
            DAY_AND_NIGHT,
            source="https://112.public.lu/",
            checked_against="https://www.lessentiel.lu/fr/story/non-le-112-ne-vous-pretera-pas-sa-grande-echelle-pour-laver-vos-carreaux-356490091119",
            page_date=dt.date(2023, 2, 11),
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Police"),
            "113",
            _(
                "Une violence, une menace, un danger. Si vous ne pouvez pas parler, la police "
                "accepte aussi les SMS au 113 : donnez votre nom et votre adresse."
            ),
            DAY_AND_NIGHT,
            source="https://police.public.lu/",
            checked_against="https://today.rtl.lu/news/luxembourg/a/2141913.html",
            text_number="113",
        ),
        Helpline(
            Kind.SUICIDE,
            _("SOS Détresse"),
            "45 45 45",
            _(
                "Pour les adultes en crise, avec des idées de suicide ou simplement besoin de "
                "parler. En luxembourgeois, français, allemand et anglais. Anonyme."
            ),
            _(
                "Tous les jours de 11 h à 23 h, et toute la nuit du vendredi au dimanche. "
                "En dehors de ces heures, en danger : 112."
            ),
            source="https://www.sosdetresse.lu/",
            checked_against="https://lequotidien.lu/?p=46393",
            page_date=dt.date(2015, 11, 1),
        ),
        Helpline(
            Kind.CHILD,
            _("Kanner-Jugendtelefon"),
            "116 111",
            _(
                "Pour les enfants et les jeunes, et pour les adultes inquiets pour eux : "
                "violence, harcèlement, idées de suicide. Anonyme."
            ),
            _("Horaires limités : consultez kjt.lu. En danger, appelez le 112 ou le 113."),
            source="https://www.kjt.lu/de/wer-wir-sind/",
            checked_against="https://childhelplineinternational.org/20-years-20-voices-kjt-luxembourg/",
        ),
        Helpline(
            Kind.VIOLENCE,
            _("Helpline violence domestique"),
            "2060 1060",
            _(
                "Violence à la maison : écoute, conseils sociaux et juridiques, orientation. "
                "Pour les femmes et les hommes. Anonyme."
            ),
            _("Tous les jours, de 12 h à 20 h. En danger : 113."),
            source="https://violence.lu/",
            checked_against="https://lequotidien.lu/luxembourg/violence-domestique-le-dispositif-de-crise-toujours-actif-renforce",
        ),
    ),
)

# Monaco's own numbers: the government's page on domestic violence lists the emergency numbers
# of the Principality too. Its medical emergencies go through the fire brigade (18), as the
# government's health pages say ("contacter directement les pompiers au 18 ou 112"). No
# Monegasque child or suicide line could be confirmed: the police (17) answers for a child in
# danger, and the hospital's emergency department for a person in crisis.
MONACO_CHECKED = dt.date(2026, 12, 7)
MONACO_SOURCE = (
    "https://monservicepublic.gouv.mc/thematiques/social-sante-et-famille/action-sociale/"
    "victimes-de-violences/agir-contre-les-violences-domestiques"
)

MONACO = Country(
    "MC",
    _("Monaco"),
    "112",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Numéro d'urgence européen"),
            "112",
            _("Pour toute urgence : il vous met en relation avec la police ou les pompiers."),
            DAY_AND_NIGHT,
            source=MONACO_SOURCE,
            checked_against=MONACO_SOURCE,
            checked=MONACO_CHECKED,
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Pompiers et secours"),
            "18",
            _(
                "Un incendie, un accident, un malaise, une personne blessée : à Monaco, les "
                "pompiers portent aussi secours aux personnes."
            ),
            DAY_AND_NIGHT,
            source=MONACO_SOURCE,
            checked_against="https://www.gouv.mc/switchlanguage/to/monaco_fre/A-la-Une-du-Portail/Foire-aux-questions-COVID-19",
            checked=MONACO_CHECKED,
        ),
        Helpline(
            Kind.EMERGENCY,
            _("Police (Sûreté publique)"),
            "17",
            _(
                "Une violence, une agression, une menace en train de se produire, un enfant "
                "en danger : la police intervient."
            ),
            DAY_AND_NIGHT,
            source=MONACO_SOURCE,
            checked_against=MONACO_SOURCE,
            checked=MONACO_CHECKED,
            also=(Kind.CHILD,),
        ),
        Helpline(
            Kind.SUICIDE,
            _("Urgences de l'hôpital Princesse Grace"),
            "97 97 97 69",
            _(
                "Des idées de suicide, une grande détresse, pour vous ou pour quelqu'un : les "
                "urgences de l'hôpital de Monaco vous répondent. En danger immédiat : 112."
            ),
            _("Jour et nuit, tous les jours."),
            source=MONACO_SOURCE,
            checked_against=MONACO_SOURCE,
            checked=MONACO_CHECKED,
        ),
        Helpline(
            Kind.VIOLENCE,
            _("Violences domestiques"),
            "0 800 91 90 10",
            _(
                "Violences à la maison : pour les victimes et les témoins, femmes et hommes. "
                "Écoute, information et aide, de façon anonyme."
            ),
            _("Tous les jours, de 7 h à 22 h. Gratuit. En danger : 17 ou 112."),
            source=MONACO_SOURCE,
            checked_against=MONACO_SOURCE,
            checked=MONACO_CHECKED,
        ),
    ),
)

CANADA = Country(
    "CA",
    _("Canada"),
    "911",
    (
        Helpline(
            Kind.EMERGENCY,
            _("Urgences"),
            "911",
            _("Police, pompiers, ambulance : une vie ou une personne en danger."),
            DAY_AND_NIGHT,
            source="https://www.gnb.ca/en/topic/laws-safety/community-safety/911.html",
            checked_against="https://www.gnb.ca/en/topic/laws-safety/community-safety/911.html",
        ),
        Helpline(
            Kind.SUICIDE,
            _("988, ligne d'aide en cas de crise de suicide"),
            "988",
            _(
                "Vous pensez au suicide, ou vous êtes inquiet pour quelqu'un. Par téléphone ou "
                "par texto, en français ou en anglais."
            ),
            DAY_AND_NIGHT,
            source="https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/",
            checked_against="https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/",
            page_date=dt.date(2023, 11, 30),
            text_number="988",
        ),
        Helpline(
            Kind.CHILD,
            _("Jeunesse, J'écoute"),
            "1 800 668-6868",
            _(
                "Pour les enfants et les jeunes, sur tout ce qui leur pèse. Par texto : "
                "écrivez TEXTO au 686868."
            ),
            DAY_AND_NIGHT,
            source="https://jeunessejecoute.ca/",
            checked_against="https://ici.radio-canada.ca/nouvelle/1134332/jeunesse-jecoute-sante-mentale-adolescents-service-texto-jeunes",
            page_date=dt.date(2018, 11, 6),
            text_number="686868",
            text_keyword="TEXTO",
        ),
        Helpline(
            Kind.VIOLENCE,
            _("SOS violence conjugale (Québec)"),
            "1 800 363-9010",
            _(
                "Violence dans le couple : écoute, information, recherche d'une maison "
                "d'hébergement. Bilingue et confidentiel."
            ),
            DAY_AND_NIGHT,
            source="http://www.sosviolenceconjugale.ca/?page_id=2701",
            checked_against="https://www.accueil-pourelle.org/documentation/sos-violence-conjugale/",
        ),
        Helpline(
            Kind.LISTENING,
            _("Ligne d'écoute Espoir pour le mieux-être"),
            "1 855 242-3310",
            _("Pour les personnes autochtones : écoute et aide en cas de crise."),
            DAY_AND_NIGHT,
            source="https://www.hopeforwellness.ca/",
            checked_against="http://www.hpechildrenandyouth.ca/2016/10/government-of-canada-announces-mental-wellness-help-line-for-indigenous-peoples/",
            page_date=dt.date(2016, 10, 17),
        ),
    ),
)

COUNTRIES: dict[str, Country] = {
    country.code: country for country in (FRANCE, BELGIUM, SWITZERLAND, LUXEMBOURG, MONACO, CANADA)
}


def country(code: str) -> Country | None:
    return COUNTRIES.get(code.strip().upper())


# Languages spoken in one country only among ours, for a browser that names no region.
LANGUAGE_COUNTRIES = {"lb": "LU"}


def country_from_languages(accept_language: str) -> Country | None:
    """The country a browser's Accept-Language hints at ("fr-BE,fr;q=0.9" → Belgium), in the
    order of the browser's preferences; None when it names none of ours. A hint only: a
    Belgian may read French from France; the page says where the country comes from."""
    preferences: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language[:300].split(",")[:20]):
        tag, _semicolon, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            preferences.append((-quality, position, tag.strip()))
    for _quality, _position, tag in sorted(preferences):
        language, _dash, region = tag.partition("-")
        found = country(region[:2]) if len(region) == 2 else None
        if found is None:
            found = country(LANGUAGE_COUNTRIES.get(language.lower(), ""))
        if found is not None:
            return found
    return None
