"""Demo content for the directory: themes, accompanying organisations and groups.

Everything here is invented for demonstrations and development: the organisations, the groups
and their texts. The towns and postal codes are real, so that search by place and radius can be
tried; the loader turns each postal code into the town's point, never an address. Contact
addresses use the reserved ``.example`` domain and are never shown on the site.

``load_demo()`` may be run any number of times: it updates what it loaded before, by slug.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.db import transaction
from django.utils.text import slugify

from entraide.directory import actions
from entraide.directory.models import SupportGroup, Theme
from entraide.lib import places
from entraide.organisations.models import Organisation

Domain = Literal["social", "psychological", "somatic"]
Country = Literal["FR", "BE", "CH", "LU", "MC"]
Kind = Literal["talk", "information", "activity"]
Audience = Literal["concerned", "relatives", "both"]
Format = Literal["in_person", "online", "hybrid"]
Cost = Literal["free", "contribution", "fixed"]
Status = Literal["founding", "open", "full", "paused"]
Frequency = Literal["weekly", "fortnightly", "monthly_weekday", "monthly_date"]

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
LAST = -1


class DemoDataError(ValueError):
    """The demo data contradicts itself or names a place that cannot be found."""


@dataclass(frozen=True, slots=True)
class DemoTheme:
    slug: str
    name_fr: str
    name_en: str
    domain: Domain


@dataclass(frozen=True, slots=True)
class DemoOrganisation:
    slug: str
    name: str
    description: str
    country: Country
    town: str
    contact_email: str


@dataclass(frozen=True, slots=True)
class Rhythm:
    frequency: Frequency
    start_time: dt.time
    end_time: dt.time
    weekday: int | None = None
    week_of_month: int | None = None
    day_of_month: int | None = None


def weekly(weekday: int, start: str, end: str) -> Rhythm:
    return Rhythm("weekly", dt.time.fromisoformat(start), dt.time.fromisoformat(end), weekday)


def fortnightly(weekday: int, start: str, end: str) -> Rhythm:
    return Rhythm("fortnightly", dt.time.fromisoformat(start), dt.time.fromisoformat(end), weekday)


def monthly(weekday: int, week: int, start: str, end: str) -> Rhythm:
    """The n-th weekday of the month ("le 1er mardi du mois"); week -1 is the last one."""
    return Rhythm(
        "monthly_weekday",
        dt.time.fromisoformat(start),
        dt.time.fromisoformat(end),
        weekday=weekday,
        week_of_month=week,
    )


def monthly_on(day: int, start: str, end: str) -> Rhythm:
    """The same date every month ("le 10 de chaque mois")."""
    return Rhythm(
        "monthly_date",
        dt.time.fromisoformat(start),
        dt.time.fromisoformat(end),
        day_of_month=day,
    )


@dataclass(frozen=True, slots=True)
class DemoGroup:
    name: str
    themes: tuple[str, ...]
    summary: str
    description: str
    rhythm: Rhythm
    organisation: str | None
    town: str = ""
    postal_code: str = ""
    country: Country = "FR"
    kind: Kind = "talk"
    audience: Audience = "concerned"
    format: Format = "in_person"
    languages: str = "fr"
    companions_welcome: bool = False
    cost: Cost = "free"
    cost_amount: Decimal | None = None
    step_free_access: bool = True
    hearing_loop: bool = False
    sign_language: bool = False
    easy_read: bool = False
    accessibility_note: str = ""
    rhythm_note: str = ""
    status: Status = "open"
    accepting_members: bool = True

    @property
    def slug(self) -> str:
        return slugify(self.name)


THEMES = [
    DemoTheme("deuil", "Deuil", "Bereavement", "psychological"),
    DemoTheme("proches-aidants", "Proches aidants", "Family carers", "social"),
    DemoTheme("addictions", "Addictions", "Addictions", "psychological"),
    DemoTheme("maladies-chroniques", "Maladies chroniques", "Chronic illness", "somatic"),
    DemoTheme("sante-psychique", "Santé psychique", "Mental health", "psychological"),
    DemoTheme("parentalite", "Parentalité", "Parenting", "social"),
    DemoTheme("separation", "Séparation et divorce", "Separation and divorce", "social"),
    DemoTheme("handicap", "Handicap", "Disability", "social"),
    DemoTheme("cancer", "Cancer", "Cancer", "somatic"),
    DemoTheme(
        "alzheimer-maladies-apparentees",
        "Alzheimer et maladies apparentées",
        "Alzheimer's and related conditions",
        "somatic",
    ),
    DemoTheme("anxiete", "Anxiété", "Anxiety", "psychological"),
    DemoTheme("troubles-bipolaires", "Troubles bipolaires", "Bipolar disorder", "psychological"),
    DemoTheme("endometriose", "Endométriose", "Endometriosis", "somatic"),
    DemoTheme("solitude-isolement", "Solitude et isolement", "Loneliness and isolation", "social"),
]

NANTES = "centre-entraide-nantes"
LYON = "maison-entraide-lyon"
BESANCON = "maison-entraide-besancon"
NORD = "reseau-entraide-nord"
SUD = "entraide-sud"
LIEGE = "centre-entraide-liege"
ROMANDIE = "point-entraide-romandie"

ORGANISATIONS = [
    DemoOrganisation(
        slug=NANTES,
        name="Centre d'entraide de Nantes",
        description=(
            "Le Centre d'entraide de Nantes accompagne pas à pas les personnes qui veulent "
            "ouvrir un groupe, du premier entretien jusqu'au jour où le groupe avance seul. "
            "Nous faisons connaître les groupes de l'Ouest et nous prêtons des salles pour les "
            "rencontres. Le groupe décide de son fonctionnement : nous restons là quand il a "
            "besoin d'un coup de main."
        ),
        country="FR",
        town="Nantes",
        contact_email="contact@entraide-nantes.example",
    ),
    DemoOrganisation(
        slug=LYON,
        name="Maison de l'entraide de Lyon",
        description=(
            "La Maison de l'entraide de Lyon soutient les groupes de la métropole, de la Loire, "
            "de l'Isère et de l'Auvergne. Nous aidons à trouver des membres, nous animons avec "
            "vous les premières séances et nous mettons des salles à disposition. Ensuite, le "
            "groupe vit à son rythme, et nous restons joignables."
        ),
        country="FR",
        town="Lyon",
        contact_email="contact@entraide-lyon.example",
    ),
    DemoOrganisation(
        slug=BESANCON,
        name="Maison de l'entraide de Besançon",
        description=(
            "Depuis Besançon, nous accompagnons les groupes d'entraide de Franche-Comté et de "
            "Bourgogne, de l'idée de départ jusqu'à l'autonomie. Nous réalisons les affiches, "
            "nous parlons des groupes aux partenaires et nous prêtons des salles chaleureuses. "
            "Chaque groupe reste maître de ses choix."
        ),
        country="FR",
        town="Besançon",
        contact_email="contact@entraide-besancon.example",
    ),
    DemoOrganisation(
        slug=NORD,
        name="Réseau d'entraide du Nord",
        description=(
            "Le Réseau d'entraide du Nord relie les groupes de la métropole lilloise, de la "
            "Picardie et de la Normandie. Nous aidons les personnes qui lancent un groupe à "
            "chaque étape, puis nous donnons de la visibilité aux rencontres. Nous prêtons des "
            "salles, du matériel et parfois un petit budget pour le café."
        ),
        country="FR",
        town="Lille",
        contact_email="contact@entraide-nord.example",
    ),
    DemoOrganisation(
        slug=SUD,
        name="Entraide Sud",
        description=(
            "Entraide Sud accompagne les groupes d'entraide de la Méditerranée à la Garonne. "
            "Nous écoutons d'abord ce dont la personne a besoin, puis nous l'aidons à faire "
            "connaître le groupe et à animer les premières rencontres. Quand le groupe est "
            "autonome, nous restons un appui et une vitrine."
        ),
        country="FR",
        town="Marseille",
        contact_email="contact@entraide-sud.example",
    ),
    DemoOrganisation(
        slug=LIEGE,
        name="Centre d'entraide de Liège",
        description=(
            "Le Centre d'entraide de Liège soutient les groupes de Wallonie et de Bruxelles. "
            "Nous aidons à créer un groupe pas à pas, nous le faisons connaître et nous prêtons "
            "des salles dans plusieurs villes. Les membres restent libres de décider comment "
            "leur groupe fonctionne."
        ),
        country="BE",
        town="Liège",
        contact_email="contact@entraide-liege.example",
    ),
    DemoOrganisation(
        slug=ROMANDIE,
        name="Point Entraide Romandie",
        description=(
            "Point Entraide Romandie accompagne les groupes d'entraide de toute la Suisse "
            "romande, depuis Lausanne. Nous aidons les initiatrices et initiateurs à trouver des "
            "membres, nous animons les premières séances et nous mettons des salles à "
            "disposition. Ensuite, nous restons présents, sans jamais décider à la place du "
            "groupe."
        ),
        country="CH",
        town="Lausanne",
        contact_email="contact@entraide-romandie.example",
    ),
]

DEUIL = "deuil"
AIDANTS = "proches-aidants"
ADDICTIONS = "addictions"
CHRONIQUES = "maladies-chroniques"
PSY = "sante-psychique"
PARENTS = "parentalite"
SEPARATION = "separation"
HANDICAP = "handicap"
CANCER = "cancer"
ALZHEIMER = "alzheimer-maladies-apparentees"
ANXIETE = "anxiete"
BIPOLAIRE = "troubles-bipolaires"
ENDOMETRIOSE = "endometriose"
SOLITUDE = "solitude-isolement"

GROUPS = [
    # Deuil
    DemoGroup(
        name="Groupe de parole Deuil — Nantes Nord",
        themes=(DEUIL,),
        summary=(
            "Un soir par mois, des personnes en deuil se retrouvent pour parler de la personne "
            "disparue et de ce qui a changé depuis."
        ),
        description=(
            "Nous nous retrouvons le premier mardi du mois dans une salle calme du quartier Nord. "
            "On commence par un tour de table où chacun dit comment il va, ou passe son tour "
            "s'il préfère se taire. Vous pouvez venir une première fois simplement pour écouter. "
            "Ce qui se dit dans le groupe reste dans le groupe."
        ),
        rhythm=monthly(TUE, 1, "18:30", "20:00"),
        organisation=NANTES,
        town="Nantes",
        postal_code="44300",
        hearing_loop=True,
    ),
    DemoGroup(
        name="Café deuil de la Croix-Rousse — Lyon",
        themes=(DEUIL,),
        summary=(
            "Un café tranquille le samedi matin pour parler du deuil sans se presser, que la "
            "perte soit récente ou ancienne."
        ),
        description=(
            "Autour d'un café et de quelques biscuits, nous parlons de nos proches disparus et "
            "de la vie qui continue malgré tout. Il n'y a pas de bonne façon de vivre un deuil, "
            "et personne ne vous demandera de vous justifier. Vous pouvez venir avec une "
            "personne de confiance si c'est plus facile pour vous. La participation est libre "
            "et sert à payer le café."
        ),
        rhythm=monthly(SAT, 2, "10:00", "12:00"),
        organisation=LYON,
        town="Lyon",
        postal_code="69004",
        companions_welcome=True,
        cost="contribution",
    ),
    DemoGroup(
        name="Endeuillés par suicide — Lille",
        themes=(DEUIL,),
        summary=(
            "Un groupe pour les personnes qui ont perdu un proche par suicide, pour déposer ce "
            "qui est lourd et ne plus rester seul avec ses questions."
        ),
        description=(
            "Perdre un proche par suicide laisse souvent beaucoup de questions, et parfois de la "
            "honte ou de la colère. Ici, vous pouvez en parler avec des personnes qui ont vécu "
            "la même chose, sans être jugé. Deux membres du groupe accueillent les nouvelles "
            "personnes un quart d'heure avant la rencontre. Rien ne sort de la salle."
        ),
        rhythm=monthly(THU, 3, "19:00", "21:00"),
        organisation=NORD,
        town="Lille",
        postal_code="59000",
    ),
    DemoGroup(
        name="Parents endeuillés de Toulouse",
        themes=(DEUIL,),
        summary=(
            "Des pères et des mères qui ont perdu un enfant, quel que soit son âge, se "
            "retrouvent pour partager ce chemin difficile."
        ),
        description=(
            "Nous sommes des parents qui ont perdu un enfant, parfois depuis quelques mois, "
            "parfois depuis de longues années. Chacun parle à son rythme, et les plus anciens "
            "savent que les premières fois sont dures. Certains membres parlent espagnol et "
            "peuvent vous accueillir dans cette langue. Le goûter de la fin est un moment simple "
            "pour souffler ensemble."
        ),
        rhythm=monthly(SAT, LAST, "14:30", "17:00"),
        organisation=SUD,
        town="Toulouse",
        postal_code="31000",
        languages="fr,es",
    ),
    DemoGroup(
        name="Groupe deuil de Namur",
        themes=(DEUIL,),
        summary=(
            "Un mercredi par mois, un cercle de parole ouvert à toute personne touchée par la "
            "mort d'un proche."
        ),
        description=(
            "Le groupe existe depuis plusieurs années et accueille régulièrement de nouvelles "
            "personnes. Chaque rencontre commence par un moment de silence, puis chacun peut "
            "parler de ce qu'il traverse. On ne donne pas de conseils : on écoute et on partage "
            "ce qui nous a aidés. Vous pouvez rester silencieux aussi longtemps que vous le "
            "souhaitez."
        ),
        rhythm=monthly(WED, 2, "18:00", "20:00"),
        organisation=LIEGE,
        town="Namur",
        postal_code="5000",
        country="BE",
    ),
    DemoGroup(
        name="Deuil périnatal — groupe en ligne",
        themes=(DEUIL, PARENTS),
        summary=(
            "Un rendez-vous en visio pour les parents qui ont perdu un bébé pendant la grossesse "
            "ou peu après la naissance."
        ),
        description=(
            "Beaucoup de parents nous disent qu'ils n'osent pas parler de leur bébé autour "
            "d'eux. Ici, vous pouvez dire son prénom, raconter votre histoire ou simplement "
            "écouter, caméra allumée ou éteinte. Les grands-parents sont aussi les bienvenus. "
            "Le lien de connexion vous est envoyé après un premier échange avec le groupe."
        ),
        rhythm=monthly(THU, 2, "20:30", "22:00"),
        organisation=NANTES,
        audience="both",
        format="online",
        step_free_access=False,
    ),
    DemoGroup(
        name="Marcher avec son deuil — Neuchâtel",
        themes=(DEUIL,),
        summary=(
            "Une marche lente au bord du lac, un dimanche par mois, pour parler du deuil en "
            "avançant côte à côte."
        ),
        description=(
            "Certaines personnes parlent plus facilement en marchant qu'assises en cercle. Nous "
            "suivons un chemin plat au bord du lac, à un rythme tranquille, et chacun marche "
            "avec qui il veut. À mi-parcours, une pause permet de partager ce qu'on souhaite "
            "avec tout le groupe. Par mauvais temps, nous nous retrouvons dans une salle."
        ),
        rhythm=monthly(SUN, 1, "10:00", "12:30"),
        organisation=ROMANDIE,
        town="Neuchâtel",
        postal_code="2000",
        country="CH",
        kind="activity",
        companions_welcome=True,
        step_free_access=False,
        accessibility_note="Promenade de deux heures, à plat, au bord du lac.",
    ),
    DemoGroup(
        name="Groupe de parole Veuvage — Rennes",
        themes=(DEUIL,),
        summary=(
            "Pour les femmes et les hommes qui ont perdu leur conjoint et apprennent à vivre "
            "seuls, un lundi après-midi sur deux."
        ),
        description=(
            "Après la perte d'un mari, d'une femme ou d'un compagnon, les journées peuvent "
            "sembler longues. Le groupe se réunit l'après-midi pour que chacun puisse venir sans "
            "conduire de nuit. On y parle du manque, mais aussi des démarches, des repas seul et "
            "des petites victoires. Les nouvelles personnes sont accueillies avec un thé."
        ),
        rhythm=fortnightly(MON, "14:30", "16:30"),
        organisation=NANTES,
        town="Rennes",
        postal_code="35000",
        hearing_loop=True,
    ),
    # Proches aidants
    DemoGroup(
        name="Café des aidants de Besançon",
        themes=(AIDANTS,),
        summary=(
            "Un samedi matin par mois, les proches qui aident un parent, un enfant ou un conjoint "
            "échangent leurs astuces et leurs soucis."
        ),
        description=(
            "Chaque café a un thème choisi par le groupe : le répit, les aides possibles, la "
            "fatigue, la culpabilité. On en parle librement, et chacun repart avec des idées "
            "concrètes. Pas besoin de s'inscrire : poussez la porte, même en retard. Ce que vous "
            "racontez sur votre situation reste entre nous."
        ),
        rhythm=monthly(SAT, 2, "09:30", "11:30"),
        organisation=BESANCON,
        town="Besançon",
        postal_code="25000",
        kind="information",
        audience="relatives",
        hearing_loop=True,
        easy_read=True,
    ),
    DemoGroup(
        name="Proches aidants de La Roche-sur-Yon",
        themes=(AIDANTS,),
        summary=(
            "Un lundi après-midi sur deux, un temps pour soi quand on s'occupe au quotidien d'un "
            "proche malade ou dépendant."
        ),
        description=(
            "Nous savons combien il est difficile de trouver deux heures pour soi. Le groupe se "
            "retrouve en début d'après-midi, quand l'accueil de jour peut prendre le relais. On "
            "parle de ce qui pèse, de ce qui fait du bien, et on rit aussi parfois. Venez une "
            "première fois pour voir si le groupe vous convient."
        ),
        rhythm=fortnightly(MON, "14:00", "16:00"),
        organisation=NANTES,
        town="La Roche-sur-Yon",
        postal_code="85000",
        audience="relatives",
        rhythm_note="sauf en août",
    ),
    DemoGroup(
        name="Les aidants du 11e — Paris",
        themes=(AIDANTS,),
        summary=(
            "Un groupe d'aidants qui travaillent encore et cherchent un lieu pour parler le soir, "
            "après le travail."
        ),
        description=(
            "Concilier un emploi et l'aide à un proche demande beaucoup d'énergie. Nous nous "
            "retrouvons le dernier mercredi du mois pour partager nos façons de tenir, sans "
            "jugement. Le groupe est né de quelques aidants du quartier et fonctionne sans "
            "organisation d'accompagnement. Quelques membres parlent anglais et peuvent traduire "
            "si besoin."
        ),
        rhythm=monthly(WED, LAST, "18:30", "20:30"),
        organisation=None,
        town="Paris",
        postal_code="75011",
        audience="relatives",
        languages="fr,en",
        cost="contribution",
        step_free_access=False,
        accessibility_note="Salle au premier étage, sans ascenseur.",
    ),
    DemoGroup(
        name="Pause des aidants — Genève",
        themes=(AIDANTS,),
        summary=(
            "Une pause de midi entre proches aidants, avec un repas simple partagé, le troisième "
            "mardi du mois."
        ),
        description=(
            "Nous partageons un repas léger pendant la pause de midi, pour que celles et ceux "
            "qui travaillent puissent venir. La discussion part de ce que chacun apporte ce "
            "jour-là. Les 5 francs couvrent le repas ; si c'est un frein, dites-le simplement à "
            "l'accueil. On parle français, et anglais quand quelqu'un en a besoin."
        ),
        rhythm=monthly(TUE, 3, "12:15", "13:45"),
        organisation=ROMANDIE,
        town="Genève",
        postal_code="1205",
        country="CH",
        audience="relatives",
        languages="fr,en",
        cost="fixed",
        cost_amount=Decimal(5),
        hearing_loop=True,
    ),
    DemoGroup(
        name="Proches aidants de Charleroi",
        themes=(AIDANTS,),
        summary=(
            "Le 10 de chaque mois, un après-midi d'échange entre personnes qui accompagnent un "
            "proche malade, âgé ou en situation de handicap."
        ),
        description=(
            "Le groupe est ouvert à tous les aidants, quelle que soit la situation de la "
            "personne aidée. On prend le temps d'écouter chacun, puis on partage les bonnes "
            "adresses et les démarches qui ont marché. Un membre du groupe accueille les "
            "nouveaux à l'entrée. Vous pouvez venir une fois, puis revenir quand vous le pouvez."
        ),
        rhythm=monthly_on(10, "14:00", "16:00"),
        organisation=LIEGE,
        town="Charleroi",
        postal_code="6000",
        country="BE",
        audience="relatives",
        easy_read=True,
    ),
    DemoGroup(
        name="Aidants en activité — groupe en ligne du jeudi soir",
        themes=(AIDANTS,),
        summary=(
            "Une heure en visio, un jeudi soir sur deux, pour les aidants qui n'ont pas le temps "
            "de se déplacer."
        ),
        description=(
            "Les enfants sont couchés, la journée est finie : c'est souvent le seul moment "
            "libre. Nous nous retrouvons une heure en ligne, pas plus, pour parler de la semaine "
            "écoulée. Vous pouvez garder la caméra éteinte et écrire dans la discussion plutôt "
            "que parler. On ne se connecte pas pour être jugé, mais pour souffler."
        ),
        rhythm=fortnightly(THU, "21:00", "22:00"),
        organisation=NORD,
        audience="relatives",
        format="online",
        step_free_access=False,
    ),
    DemoGroup(
        name="Jeunes aidants — Bordeaux",
        themes=(AIDANTS,),
        summary=(
            "Pour les jeunes de 16 à 25 ans qui aident un parent, un frère ou une sœur : un "
            "samedi par mois pour souffler et sortir ensemble."
        ),
        description=(
            "Beaucoup de jeunes aidants ne savent pas qu'ils en sont. Le groupe propose un "
            "après-midi par mois : un jeu, une balade ou un atelier, puis un temps pour parler "
            "si on en a envie. Tu peux venir avec un ami la première fois. Ici, tu n'as pas "
            "besoin de tout expliquer : les autres comprennent."
        ),
        rhythm=monthly(SAT, 1, "14:00", "17:00"),
        organisation=SUD,
        town="Bordeaux",
        postal_code="33000",
        kind="activity",
        audience="relatives",
        companions_welcome=True,
    ),
    DemoGroup(
        name="Proches aidants de Monaco",
        themes=(AIDANTS,),
        summary=(
            "Un vendredi par mois, un temps d'échange entre personnes qui soutiennent un proche "
            "âgé ou malade en Principauté."
        ),
        description=(
            "Le groupe réunit des aidants de Monaco et des communes voisines. Nous parlons du "
            "quotidien, des moments de découragement et des solutions trouvées par les uns et "
            "les autres. Certains membres parlent italien et peuvent accueillir dans cette "
            "langue. La salle est de plain-pied et équipée d'une boucle magnétique."
        ),
        rhythm=monthly(FRI, 2, "15:00", "16:30"),
        organisation=SUD,
        town="Monaco",
        postal_code="98000",
        country="MC",
        audience="relatives",
        languages="fr,it",
        hearing_loop=True,
    ),
    # Addictions
    DemoGroup(
        name="Groupe d'entraide Alcool — Saint-Étienne",
        themes=(ADDICTIONS,),
        summary=(
            "Chaque mercredi soir, des personnes qui veulent arrêter ou réduire l'alcool se "
            "soutiennent, sans jugement et sans obligation."
        ),
        description=(
            "Que vous ayez arrêté depuis longtemps ou que vous vous posiez juste la question, "
            "vous êtes le bienvenu. Chacun parle de son expérience, jamais de celle des autres. "
            "Il n'y a ni inscription ni engagement : on vient quand on en a besoin. Ce qui est "
            "dit le mercredi ne sort pas de la salle."
        ),
        rhythm=weekly(WED, "19:00", "20:30"),
        organisation=LYON,
        town="Saint-Étienne",
        postal_code="42000",
    ),
    DemoGroup(
        name="Proches de personnes dépendantes — Marseille",
        themes=(ADDICTIONS,),
        summary=(
            "Un groupe pour les familles et les amis d'une personne qui boit, consomme des "
            "drogues ou joue trop."
        ),
        description=(
            "Vivre à côté d'une addiction épuise et isole. Dans ce groupe, on apprend à prendre "
            "soin de soi, même quand on ne peut pas changer l'autre. Les rencontres se font en "
            "français, et plusieurs membres parlent arabe. Vous pouvez venir écouter sans rien "
            "dire la première fois."
        ),
        rhythm=fortnightly(TUE, "18:00", "20:00"),
        organisation=SUD,
        town="Marseille",
        postal_code="13005",
        audience="relatives",
        languages="fr,ar",
    ),
    DemoGroup(
        name="Sortir du jeu — Liège",
        themes=(ADDICTIONS,),
        summary=(
            "Chaque jeudi soir, des personnes qui veulent se libérer des jeux d'argent se "
            "retrouvent pour avancer ensemble."
        ),
        description=(
            "Paris sportifs, casino en ligne, jeux à gratter : nous avons tous perdu plus que de "
            "l'argent. Le groupe ne fait pas la morale, il aide à tenir un jour de plus. À "
            "chaque rencontre, chacun peut faire le point sur sa semaine, ou simplement écouter. "
            "Personne ne vous demandera votre nom de famille."
        ),
        rhythm=weekly(THU, "19:30", "21:00"),
        organisation=LIEGE,
        town="Liège",
        postal_code="4000",
        country="BE",
    ),
    DemoGroup(
        name="Cannabis, parlons-en — Rennes",
        themes=(ADDICTIONS,),
        summary=(
            "Un lundi par mois, un groupe d'échange pour les personnes qui veulent réduire le "
            "cannabis et pour leurs proches."
        ),
        description=(
            "Le groupe réunit des consommateurs, d'anciens consommateurs et des parents. On y "
            "échange des informations simples sur le sommeil, le manque et les rechutes, et on "
            "partage ce qui a aidé chacun. Les jeunes peuvent venir accompagnés d'un proche. "
            "Rien de ce qui est dit n'est rapporté à l'extérieur."
        ),
        rhythm=monthly(MON, 2, "19:00", "21:00"),
        organisation=NANTES,
        town="Rennes",
        postal_code="35200",
        kind="information",
        audience="both",
        companions_welcome=True,
    ),
    DemoGroup(
        name="Écrans et jeux vidéo — parents en ligne",
        themes=(ADDICTIONS, PARENTS),
        summary=(
            "Des parents inquiets du temps que leur enfant passe sur les écrans partagent leurs "
            "questions et leurs essais, en visio."
        ),
        description=(
            "Disputes le soir, notes qui baissent, enfant qui s'enferme dans sa chambre : "
            "beaucoup de parents vivent la même chose. Chaque rencontre part d'une situation "
            "apportée par un parent, puis chacun dit ce qu'il a essayé. Il n'y a pas de recette "
            "toute faite, seulement des expériences. Une fiche facile à lire rassemble les idées "
            "qui reviennent souvent."
        ),
        rhythm=fortnightly(TUE, "20:30", "21:45"),
        organisation=LYON,
        kind="information",
        audience="relatives",
        format="online",
        step_free_access=False,
        easy_read=True,
    ),
    DemoGroup(
        name="Entraide Alcool — Sion",
        themes=(ADDICTIONS,),
        summary=(
            "Chaque lundi soir à Sion, un groupe de soutien entre personnes qui ont choisi de "
            "vivre sans alcool ou qui s'interrogent."
        ),
        description=(
            "Le lundi, on repart du bon pied. Les membres partagent leur semaine, leurs "
            "difficultés et leurs réussites, chacun à son tour. On peut parler ou passer son "
            "tour. Si vous hésitez, vous pouvez d'abord écrire au groupe depuis cette page."
        ),
        rhythm=weekly(MON, "19:00", "20:30"),
        organisation=ROMANDIE,
        town="Sion",
        postal_code="1950",
        country="CH",
    ),
    DemoGroup(
        name="Arrêter de fumer ensemble — Metz",
        themes=(ADDICTIONS,),
        summary=(
            "Un petit groupe en création pour arrêter le tabac à plusieurs, avec des rencontres "
            "courtes chaque mardi."
        ),
        description=(
            "Le groupe démarre : quelques anciens fumeurs veulent partager ce qui les a aidés à "
            "tenir. Chaque rencontre dure une heure, avec un moment pour faire le point et un "
            "moment pour préparer la semaine. Si vous êtes intéressé, écrivez au groupe depuis "
            "cette page : la première rencontre aura lieu dès que nous serons six."
        ),
        rhythm=weekly(TUE, "18:00", "19:00"),
        organisation=None,
        town="Metz",
        postal_code="57000",
        kind="information",
        cost="contribution",
        status="founding",
    ),
    # Maladies chroniques
    DemoGroup(
        name="Vivre avec une maladie inflammatoire de l'intestin — Lyon",
        themes=(CHRONIQUES,),
        summary=(
            "Des personnes qui vivent avec la maladie de Crohn ou une colite partagent leurs "
            "astuces pour le travail, les repas et la fatigue."
        ),
        description=(
            "Ici, personne ne s'étonne que vous quittiez la salle en cours de route. Nous "
            "échangeons sur la vie de tous les jours : manger dehors, voyager, parler de la "
            "maladie au travail. Les toilettes sont juste à côté de la salle. Vous pouvez venir "
            "une première fois juste pour écouter."
        ),
        rhythm=monthly(THU, 1, "18:30", "20:30"),
        organisation=LYON,
        town="Lyon",
        postal_code="69003",
        kind="information",
        accessibility_note="Toilettes accessibles à côté de la salle.",
    ),
    DemoGroup(
        name="Diabète : échanges entre pairs — Lille",
        themes=(CHRONIQUES,),
        summary=(
            "Le 5 de chaque mois, des personnes diabétiques et leurs proches échangent sur le "
            "quotidien avec la maladie."
        ),
        description=(
            "Nous parlons des repas, du sport, des moments de ras-le-bol et de tout ce qu'on n'a "
            "pas toujours le temps de dire en consultation. Les proches sont les bienvenus, car "
            "ils vivent aussi avec la maladie. Le groupe ne donne pas d'avis médical, il partage "
            "des expériences. Des fiches faciles à lire sont à disposition."
        ),
        rhythm=monthly_on(5, "17:30", "19:00"),
        organisation=NORD,
        town="Lille",
        postal_code="59800",
        kind="information",
        audience="both",
        easy_read=True,
    ),
    DemoGroup(
        name="Douleurs chroniques — Fribourg",
        themes=(CHRONIQUES,),
        summary=(
            "Un mercredi sur deux, un groupe bilingue pour les personnes qui vivent avec des "
            "douleurs qui durent."
        ),
        description=(
            "Quand la douleur ne se voit pas, on se sent vite incompris. Le groupe accueille en "
            "français et en allemand, et chacun parle dans la langue qui lui convient. On peut "
            "se lever, marcher ou s'allonger pendant la rencontre. Les échanges restent "
            "confidentiels."
        ),
        rhythm=fortnightly(WED, "14:00", "15:30"),
        organisation=ROMANDIE,
        town="Fribourg",
        postal_code="1700",
        country="CH",
        languages="fr,de",
        accessibility_note="Chaises avec accoudoirs et coussins à disposition.",
    ),
    DemoGroup(
        name="Fibromyalgie, on se serre les coudes — Montpellier",
        themes=(CHRONIQUES,),
        summary=(
            "Un vendredi après-midi par mois, des personnes atteintes de fibromyalgie partagent "
            "leurs journées, leurs fatigues et leurs trouvailles."
        ),
        description=(
            "Nous savons ce que veut dire une journée sans énergie. Le groupe commence par un "
            "tour où chacun dit comment il va, puis on choisit ensemble un sujet. Les 2 euros "
            "servent au goûter et à la location de la salle. Si vous ne pouvez pas venir un "
            "mois, personne ne vous en voudra."
        ),
        rhythm=monthly(FRI, 3, "14:00", "16:30"),
        organisation=SUD,
        town="Montpellier",
        postal_code="34000",
        cost="fixed",
        cost_amount=Decimal(2),
    ),
    DemoGroup(
        name="Sclérose en plaques — Bruxelles",
        themes=(CHRONIQUES,),
        summary=(
            "Un samedi par mois, des personnes atteintes de sclérose en plaques et leurs proches "
            "se retrouvent, en français et en néerlandais."
        ),
        description=(
            "Le groupe rassemble des personnes qui viennent d'apprendre leur maladie et d'autres "
            "qui vivent avec elle depuis longtemps. Les échanges se font en français et en "
            "néerlandais, et on s'aide pour traduire. La salle est de plain-pied et équipée "
            "d'une boucle magnétique. Vous pouvez venir avec votre conjoint ou un ami."
        ),
        rhythm=monthly(SAT, 3, "10:00", "12:00"),
        organisation=LIEGE,
        town="Bruxelles",
        postal_code="1000",
        country="BE",
        audience="both",
        languages="fr,nl",
        companions_welcome=True,
        hearing_loop=True,
    ),
    DemoGroup(
        name="Maladies rares — groupe en ligne",
        themes=(CHRONIQUES,),
        summary=(
            "Quand on est peu nombreux à vivre la même maladie, le groupe en ligne permet de se "
            "retrouver malgré la distance."
        ),
        description=(
            "Les membres vivent avec des maladies différentes, mais partagent le même parcours : "
            "les années avant le diagnostic, les explications à répéter, la solitude. Nous nous "
            "voyons en visio le deuxième dimanche du mois. Les échanges se font surtout en "
            "français, parfois en anglais, et vous pouvez écouter sans allumer votre caméra."
        ),
        rhythm=monthly(SUN, 2, "17:00", "18:30"),
        organisation=NANTES,
        audience="both",
        format="online",
        languages="fr,en",
        step_free_access=False,
    ),
    DemoGroup(
        name="Dialyse et greffe rénale — Angers",
        themes=(CHRONIQUES,),
        summary=(
            "Un mardi par mois, des personnes dialysées ou greffées et leurs proches échangent "
            "sur la vie avec une maladie des reins."
        ),
        description=(
            "La rencontre a lieu l'après-midi, pour tenir compte des séances de dialyse du "
            "matin. On parle du régime, de l'attente d'une greffe, du moral et des vacances. Les "
            "proches ont souvent beaucoup à partager aussi. Chacun vient quand il peut, sans "
            "obligation de régularité."
        ),
        rhythm=monthly(TUE, 2, "15:00", "17:00"),
        organisation=NANTES,
        town="Angers",
        postal_code="49000",
        kind="information",
        audience="both",
    ),
    DemoGroup(
        name="Covid long — Grenoble",
        themes=(CHRONIQUES,),
        summary=(
            "Un jeudi sur deux, sur place ou en visio, des personnes qui vivent avec un covid "
            "long partagent leur quotidien."
        ),
        description=(
            "La fatigue empêche parfois de se déplacer : vous pouvez donc rejoindre la rencontre "
            "depuis chez vous. Nous parlons du retour au travail, des rechutes et de la "
            "difficulté à être cru. Chacun parle à son tour, et il est toujours possible de "
            "passer. La rencontre ne dure pas plus d'une heure et demie, pour ménager les forces "
            "de chacun."
        ),
        rhythm=fortnightly(THU, "17:00", "18:30"),
        organisation=LYON,
        town="Grenoble",
        postal_code="38000",
        format="hybrid",
    ),
    # Santé psychique
    DemoGroup(
        name="Groupe des entendeurs de voix de Lyon",
        themes=(PSY,),
        summary=(
            "Chaque lundi, des personnes qui entendent des voix en parlent librement, pour mieux "
            "vivre avec elles."
        ),
        description=(
            "Ici, entendre des voix n'est pas un sujet tabou. Chacun raconte son expérience à sa "
            "façon, avec ses propres mots. Le groupe ne remplace pas un suivi, mais beaucoup de "
            "membres disent qu'il les aide à se sentir moins seuls. Vous pouvez venir une "
            "première fois sans parler."
        ),
        rhythm=weekly(MON, "17:00", "18:30"),
        organisation=LYON,
        town="Lyon",
        postal_code="69007",
    ),
    DemoGroup(
        name="Proches de personnes vivant avec un trouble psychique — Nantes",
        themes=(PSY,),
        summary=(
            "Pour les parents, conjoints, frères et sœurs d'une personne qui vit avec un trouble "
            "psychique, le dernier jeudi du mois."
        ),
        description=(
            "Accompagner un proche qui souffre psychiquement est souvent éprouvant et solitaire. "
            "Nous partageons nos questions, nos inquiétudes et ce qui nous a aidés à tenir. "
            "Personne n'est là pour donner des leçons. Ce que vous confiez au groupe reste dans "
            "le groupe."
        ),
        rhythm=monthly(THU, LAST, "18:30", "20:30"),
        organisation=NANTES,
        town="Nantes",
        postal_code="44000",
        audience="relatives",
        hearing_loop=True,
    ),
    DemoGroup(
        name="Retrouver pied après l'hôpital — Toulouse",
        themes=(PSY,),
        summary=(
            "Chaque vendredi matin, pour les personnes qui sortent d'une hospitalisation en "
            "psychiatrie et reprennent leur vie pas à pas."
        ),
        description=(
            "La sortie de l'hôpital est un moment fragile : on retrouve son logement, ses "
            "proches, parfois la solitude. Le groupe aide à reprendre un rythme, à son pas. On "
            "commence par un café, puis chacun partage ce qu'il veut de sa semaine. Les "
            "documents du groupe existent en version facile à lire."
        ),
        rhythm=weekly(FRI, "10:00", "11:30"),
        organisation=SUD,
        town="Toulouse",
        postal_code="31400",
        easy_read=True,
    ),
    DemoGroup(
        name="Dépression : on en parle — Ixelles",
        themes=(PSY,),
        summary=(
            "Un mardi soir sur deux, un groupe de parole pour les personnes qui traversent ou "
            "ont traversé une dépression."
        ),
        description=(
            "Parfois, le simple fait de sortir pour venir est déjà une victoire, et le groupe le "
            "sait. On parle de ce qui est lourd, mais aussi des petites choses qui redonnent de "
            "l'élan. Les échanges se font en français et en néerlandais. Vous pouvez venir sans "
            "prévenir, et repartir quand vous le souhaitez."
        ),
        rhythm=fortnightly(TUE, "19:00", "20:30"),
        organisation=LIEGE,
        town="Ixelles",
        postal_code="1050",
        country="BE",
        languages="fr,nl",
    ),
    DemoGroup(
        name="Pair à pair étudiant — Lausanne",
        themes=(PSY, ANXIETE),
        summary=(
            "Chaque mercredi à midi, des étudiantes et des étudiants parlent entre eux du "
            "stress, de la solitude ou du moral en baisse."
        ),
        description=(
            "Les études ne sont pas toujours les plus belles années. Nous nous retrouvons à "
            "l'heure du repas : apportez votre sandwich. Le groupe est animé à tour de rôle par "
            "des étudiants, et on peut parler en français ou en anglais. Personne n'a besoin "
            "d'un diagnostic pour venir."
        ),
        rhythm=weekly(WED, "12:15", "13:30"),
        organisation=ROMANDIE,
        town="Lausanne",
        postal_code="1015",
        country="CH",
        languages="fr,en",
    ),
    DemoGroup(
        name="Club du mercredi — Strasbourg",
        themes=(PSY,),
        summary=(
            "Un après-midi par semaine d'activités partagées, jeux, cuisine ou sorties, pour "
            "sortir de chez soi en douceur."
        ),
        description=(
            "Le club est né de l'envie de quelques membres de faire des choses ensemble plutôt "
            "que de toujours parler de la maladie. Le programme du mois est choisi par les "
            "membres lors d'une courte réunion. On peut venir seul ou accompagné, et rester le "
            "temps qu'on veut. La participation libre paie les ingrédients et les tickets de "
            "tram."
        ),
        rhythm=weekly(WED, "14:00", "17:00"),
        organisation=None,
        town="Strasbourg",
        postal_code="67000",
        kind="activity",
        audience="both",
        companions_welcome=True,
        cost="contribution",
        easy_read=True,
    ),
    DemoGroup(
        name="Burn-out : se relever ensemble — en ligne",
        themes=(PSY,),
        summary=(
            "Un groupe en visio pour les personnes en arrêt ou en reprise après un épuisement "
            "professionnel."
        ),
        description=(
            "Nous sommes passés par l'épuisement au travail et nous savons combien il est "
            "difficile d'en parler. Chaque lundi, une heure en ligne permet de faire le point et "
            "de ne pas rester seul. Le groupe est complet pour le moment ; un second groupe "
            "ouvrira dès qu'il y aura assez de demandes. Vous pouvez déjà écrire depuis cette "
            "page pour être prévenu."
        ),
        rhythm=weekly(MON, "12:30", "13:30"),
        organisation=BESANCON,
        format="online",
        step_free_access=False,
        status="full",
        accepting_members=False,
    ),
    DemoGroup(
        name="Santé psychique — Luxembourg",
        themes=(PSY,),
        summary=(
            "Un mardi par mois, un groupe ouvert aux personnes qui vivent une souffrance "
            "psychique et à leurs proches, en français et en portugais."
        ),
        description=(
            "Le groupe rassemble des personnes venues de nombreux pays et qui vivent au "
            "Luxembourg. Chacun peut parler en français ou en portugais, et d'autres membres "
            "traduisent. On se retrouve dans une salle calme du centre-ville. La première fois, "
            "vous pouvez simplement écouter."
        ),
        rhythm=monthly(TUE, 2, "18:30", "20:00"),
        organisation=None,
        town="Luxembourg",
        postal_code="2449",
        country="LU",
        audience="both",
        languages="fr,pt",
        hearing_loop=True,
    ),
    # Parentalité
    DemoGroup(
        name="Café des parents solos — Roubaix",
        themes=(PARENTS,),
        summary=(
            "Un samedi matin par mois, les mères et les pères qui élèvent seuls leurs enfants "
            "partagent un café et leurs soucis du quotidien."
        ),
        description=(
            "Vous pouvez venir avec vos enfants : un coin jeux les attend à côté de la salle. On "
            "parle de l'organisation, de la fatigue, de l'argent, et on s'échange des bons "
            "plans. Plusieurs membres parlent arabe. Personne ne vous demandera de raconter "
            "votre histoire si vous n'en avez pas envie."
        ),
        rhythm=monthly(SAT, 1, "10:00", "12:00"),
        organisation=NORD,
        town="Roubaix",
        postal_code="59100",
        languages="fr,ar",
        companions_welcome=True,
        accessibility_note="Coin jeux pour les enfants pendant la rencontre.",
    ),
    DemoGroup(
        name="Parents d'ados — Dijon",
        themes=(PARENTS,),
        summary=(
            "Un jeudi soir sur deux, des parents d'adolescents échangent sur les conflits, "
            "l'école, les sorties et les écrans."
        ),
        description=(
            "Avoir un adolescent à la maison, c'est parfois les montagnes russes. Nous "
            "partageons nos réussites et nos ratés, sans nous juger. Chaque rencontre part d'une "
            "question posée par un parent. Les histoires de chaque famille restent dans le "
            "groupe."
        ),
        rhythm=fortnightly(THU, "20:00", "21:30"),
        organisation=BESANCON,
        town="Dijon",
        postal_code="21000",
        kind="information",
    ),
    DemoGroup(
        name="Parents d'enfants autistes — Mons",
        themes=(PARENTS, HANDICAP),
        summary=(
            "Le dernier samedi du mois, des parents d'enfants autistes se soutiennent et "
            "partagent leurs démarches et leurs trouvailles."
        ),
        description=(
            "Le diagnostic, l'école, les crises, le regard des autres : nous connaissons tout "
            "cela. Le groupe est un lieu pour souffler et pour trouver des réponses auprès de "
            "parents qui sont passés par là. Un goûter termine chaque rencontre. Les frères et "
            "sœurs adultes sont aussi les bienvenus."
        ),
        rhythm=monthly(SAT, LAST, "14:00", "16:00"),
        organisation=LIEGE,
        town="Mons",
        postal_code="7000",
        country="BE",
        audience="relatives",
        easy_read=True,
    ),
    DemoGroup(
        name="Jeunes parents, premiers mois — Caen",
        themes=(PARENTS,),
        summary=(
            "Chaque jeudi matin, des parents d'un bébé de moins d'un an parlent de ces premiers "
            "mois, avec leur bébé s'ils le souhaitent."
        ),
        description=(
            "Les premiers mois avec un bébé sont pleins d'émotions, pas toujours celles qu'on "
            "attendait. Ici, on peut dire qu'on est fatigué, perdu ou triste, sans être jugé. "
            "Venez avec votre bébé : il y a de la place pour les poussettes et un coin calme. Le "
            "groupe a été lancé par des parents du quartier."
        ),
        rhythm=weekly(THU, "10:00", "11:30"),
        organisation=NORD,
        town="Caen",
        postal_code="14000",
        companions_welcome=True,
        accessibility_note="Place pour les poussettes et coin calme pour allaiter.",
    ),
    DemoGroup(
        name="Parents d'enfants nés prématurés — en ligne",
        themes=(PARENTS,),
        summary=(
            "Un soir par mois en visio, des parents d'enfants nés trop tôt parlent du séjour à "
            "l'hôpital et du retour à la maison."
        ),
        description=(
            "Le service de néonatologie, les machines, la peur, puis le retour à la maison : ces "
            "moments laissent des traces. En ligne, vous pouvez participer même avec un bébé "
            "dans les bras. Des parents dont l'enfant a grandi partagent aussi leur chemin. "
            "Vous pouvez venir une première fois juste pour écouter."
        ),
        rhythm=monthly(WED, 3, "20:30", "21:45"),
        organisation=NANTES,
        format="online",
        step_free_access=False,
    ),
    DemoGroup(
        name="Pères ensemble — Genève",
        themes=(PARENTS,),
        summary=(
            "Le premier lundi du mois, des pères parlent de leur place, de leurs doutes et de "
            "leurs joies de papa."
        ),
        description=(
            "Les pères ont rarement un lieu pour parler de leur rôle. Nous échangeons sur la "
            "naissance, le travail, parfois la séparation, et sur la façon d'être présent. Le "
            "groupe accueille en français et en anglais. On commence toujours par un tour de "
            "table rapide où chacun peut passer."
        ),
        rhythm=monthly(MON, 1, "19:00", "21:00"),
        organisation=ROMANDIE,
        town="Genève",
        postal_code="1203",
        country="CH",
        languages="fr,en",
    ),
    DemoGroup(
        name="Parents d'enfants en situation de handicap — Nice",
        themes=(PARENTS, HANDICAP),
        summary=(
            "Le premier vendredi du mois, des parents d'enfants en situation de handicap se "
            "retrouvent pour parler et s'entraider."
        ),
        description=(
            "Quel que soit le handicap de votre enfant, vous trouverez ici des parents qui "
            "comprennent. On échange sur les démarches, l'école, la fatigue et les moments de "
            "bonheur. Une interprète en langue des signes est présente à chaque rencontre. Ce "
            "qui se dit pendant la rencontre reste entre nous."
        ),
        rhythm=monthly(FRI, 1, "18:00", "20:00"),
        organisation=SUD,
        town="Nice",
        postal_code="06000",
        audience="relatives",
        hearing_loop=True,
        sign_language=True,
    ),
    # Séparation et divorce
    DemoGroup(
        name="Après la séparation — Bordeaux",
        themes=(SEPARATION,),
        summary=(
            "Un mercredi soir sur deux, un groupe pour traverser une séparation, récente ou plus "
            "ancienne, avec d'autres qui la vivent aussi."
        ),
        description=(
            "Une séparation bouscule tout : le logement, les enfants, les amis, l'image de soi. "
            "Le groupe est un lieu pour déposer sa peine et sa colère, et pour retrouver peu à "
            "peu ses repères. Chacun parle de sa propre histoire, jamais de l'autre personne. "
            "Vous pouvez venir le temps qu'il vous faut, puis partir."
        ),
        rhythm=fortnightly(WED, "19:00", "21:00"),
        organisation=SUD,
        town="Bordeaux",
        postal_code="33800",
        cost="contribution",
    ),
    DemoGroup(
        name="Divorce, se reconstruire — Villeurbanne",
        themes=(SEPARATION,),
        summary=(
            "Un mardi par mois, des femmes et des hommes partagent ce qui les aide à se "
            "reconstruire après un divorce."
        ),
        description=(
            "Nous sommes passés par le divorce, parfois il y a peu, parfois il y a des années. "
            "Les plus anciens racontent comment ils ont repris pied, les nouveaux posent leurs "
            "questions. Les 2 euros paient la salle et le thé. La salle est au deuxième étage, "
            "avec un ascenseur."
        ),
        rhythm=monthly(TUE, 2, "19:00", "21:00"),
        organisation=LYON,
        town="Villeurbanne",
        postal_code="69100",
        cost="fixed",
        cost_amount=Decimal(2),
        accessibility_note="Deuxième étage, avec ascenseur.",
    ),
    DemoGroup(
        name="Groupe Séparation — Liège",
        themes=(SEPARATION,),
        summary=(
            "Un groupe de parole pour les personnes séparées, qui fait une pause avant de "
            "reprendre à la rentrée."
        ),
        description=(
            "Le groupe a décidé de faire une pause cet été pour réfléchir à son fonctionnement. "
            "Les rencontres reprendront en septembre, le deuxième jeudi du mois. Vous pouvez "
            "déjà écrire depuis cette page pour être prévenu de la reprise. Les nouvelles "
            "personnes seront accueillies avec plaisir."
        ),
        rhythm=monthly(THU, 2, "19:30", "21:30"),
        organisation=LIEGE,
        town="Liège",
        postal_code="4020",
        country="BE",
        rhythm_note="reprise en septembre",
        status="paused",
        accepting_members=False,
    ),
    DemoGroup(
        name="Parents séparés, coparentalité — Yverdon-les-Bains",
        themes=(SEPARATION, PARENTS),
        summary=(
            "Le dernier mercredi du mois, des parents séparés échangent sur la vie des enfants "
            "entre deux maisons."
        ),
        description=(
            "Comment parler à l'autre parent sans se disputer ? Comment vivre les semaines sans "
            "les enfants ? Nous partageons nos expériences et les solutions que chacun a "
            "trouvées, sans prendre parti et sans parler des absents. Vous pouvez venir même si "
            "votre séparation date de plusieurs années."
        ),
        rhythm=monthly(WED, LAST, "19:30", "21:00"),
        organisation=ROMANDIE,
        town="Yverdon-les-Bains",
        postal_code="1400",
        country="CH",
        kind="information",
    ),
    DemoGroup(
        name="Séparation — rendez-vous en ligne du dimanche soir",
        themes=(SEPARATION,),
        summary=(
            "Le dimanche soir est souvent le plus dur : une heure en visio pour le passer "
            "ensemble après une rupture."
        ),
        description=(
            "Beaucoup d'entre nous trouvent le dimanche soir difficile, surtout quand les "
            "enfants viennent de repartir. Nous nous retrouvons une heure en ligne, sans ordre "
            "du jour, pour parler de la semaine qui vient. La caméra n'est pas obligatoire. Le "
            "lien de connexion change souvent et n'est donné qu'aux participants."
        ),
        rhythm=weekly(SUN, "20:00", "21:00"),
        organisation=NORD,
        format="online",
        step_free_access=False,
    ),
    DemoGroup(
        name="Grands-parents séparés de leurs petits-enfants — Tours",
        themes=(SEPARATION,),
        summary=(
            "Un vendredi après-midi par mois, des grands-parents qui ne voient plus leurs "
            "petits-enfants partagent leur peine et leurs démarches."
        ),
        description=(
            "Après une séparation ou un conflit familial, certains grands-parents perdent le "
            "contact avec leurs petits-enfants. Le groupe leur offre un lieu pour en parler sans "
            "honte. On y échange aussi des informations sur la médiation familiale. La salle est "
            "de plain-pied, avec une boucle magnétique."
        ),
        rhythm=monthly(FRI, 2, "14:30", "16:30"),
        organisation=NANTES,
        town="Tours",
        postal_code="37000",
        hearing_loop=True,
    ),
    # Handicap
    DemoGroup(
        name="Devenir sourd ou malentendant — Poitiers",
        themes=(HANDICAP,),
        summary=(
            "Un samedi matin par mois, des personnes devenues sourdes ou malentendantes "
            "échangent leurs astuces pour communiquer au quotidien."
        ),
        description=(
            "Perdre l'audition à l'âge adulte change la façon de vivre avec les autres. Le "
            "groupe partage des conseils pratiques sur les appareils, le téléphone et les repas "
            "de famille. La salle a une boucle magnétique, les échanges sont sous-titrés sur un "
            "grand écran et une interprète en langue des signes est présente. Vous pouvez venir "
            "avec un proche."
        ),
        rhythm=monthly(SAT, 2, "10:00", "12:00"),
        organisation=NANTES,
        town="Poitiers",
        postal_code="86000",
        kind="information",
        companions_welcome=True,
        hearing_loop=True,
        sign_language=True,
        accessibility_note="Sous-titrage en direct sur grand écran.",
    ),
    DemoGroup(
        name="Roulez ensemble — Marseille",
        themes=(HANDICAP,),
        summary=(
            "Un dimanche par mois, des personnes en fauteuil roulant se retrouvent pour une "
            "balade en bord de mer et un temps d'échange."
        ),
        description=(
            "On se retrouve pour une balade sur un parcours adapté, puis on partage un "
            "pique-nique. C'est l'occasion d'échanger des adresses accessibles, des conseils de "
            "matériel et de bons moments. Les accompagnants sont les bienvenus. En cas de pluie, "
            "la rencontre a lieu dans une salle de quartier."
        ),
        rhythm=monthly(SUN, 3, "10:00", "13:00"),
        organisation=SUD,
        town="Marseille",
        postal_code="13008",
        kind="activity",
        companions_welcome=True,
        accessibility_note="Parcours adapté aux fauteuils roulants.",
    ),
    DemoGroup(
        name="Vivre avec une déficience visuelle — Clermont-Ferrand",
        themes=(HANDICAP,),
        summary=(
            "Le premier mercredi du mois, des personnes malvoyantes ou aveugles partagent leurs "
            "solutions pour les déplacements, la lecture et le numérique."
        ),
        description=(
            "Chaque rencontre commence par des nouvelles de chacun, puis un membre présente une "
            "astuce ou un outil qu'il utilise. Les documents existent en gros caractères. Un "
            "membre peut venir vous chercher à l'arrêt de tram le plus proche si vous le "
            "souhaitez. Vous pouvez venir avec un proche ou avec votre chien guide."
        ),
        rhythm=monthly(WED, 1, "14:30", "16:30"),
        organisation=LYON,
        town="Clermont-Ferrand",
        postal_code="63000",
        kind="information",
        companions_welcome=True,
        accessibility_note="Documents en gros caractères.",
    ),
    DemoGroup(
        name="Frères et sœurs de personnes handicapées — Nantes",
        themes=(HANDICAP,),
        summary=(
            "Un mardi soir par mois, un groupe pour les adultes qui ont un frère ou une sœur en "
            "situation de handicap."
        ),
        description=(
            "Les frères et sœurs ont souvent grandi en se faisant discrets. Ici, on peut parler "
            "de l'enfance, de sa place dans la famille et des questions sur l'avenir. Le groupe "
            "est ouvert quel que soit le handicap. Ce qui est dit dans le groupe n'en sort pas."
        ),
        rhythm=monthly(TUE, 3, "19:00", "21:00"),
        organisation=NANTES,
        town="Nantes",
        postal_code="44200",
        audience="relatives",
    ),
    DemoGroup(
        name="Entre nous, groupe en facile à lire — Tournai",
        themes=(HANDICAP,),
        summary=(
            "Un groupe pour les personnes avec une déficience intellectuelle. On parle "
            "simplement, on prend le temps, on s'écoute."
        ),
        description=(
            "Le groupe se retrouve un jeudi sur deux pour parler de la vie, du travail, des amis "
            "ou du logement. Chaque personne parle à son tour. On peut venir avec une personne "
            "de confiance. Les documents sont en facile à lire."
        ),
        rhythm=fortnightly(THU, "14:00", "15:30"),
        organisation=LIEGE,
        town="Tournai",
        postal_code="7500",
        country="BE",
        companions_welcome=True,
        easy_read=True,
    ),
    DemoGroup(
        name="Handicap invisible au travail — La Chaux-de-Fonds",
        themes=(HANDICAP,),
        summary=(
            "Le premier jeudi du mois, sur place ou en ligne, des personnes avec un handicap qui "
            "ne se voit pas parlent de leur vie au travail."
        ),
        description=(
            "Fatigue, douleurs, troubles de l'attention ou maladie cachée : au travail, il faut "
            "souvent choisir entre se taire et tout expliquer. Le groupe partage des expériences "
            "sur l'aménagement du poste et la façon d'en parler. On peut participer dans la "
            "salle ou depuis chez soi, et personne ne vous demandera de nommer votre handicap."
        ),
        rhythm=monthly(THU, 1, "18:15", "19:45"),
        organisation=ROMANDIE,
        town="La Chaux-de-Fonds",
        postal_code="2300",
        country="CH",
        kind="information",
        format="hybrid",
    ),
    # Cancer
    DemoGroup(
        name="Après le cancer du sein — Rennes",
        themes=(CANCER,),
        summary=(
            "Le dernier lundi du mois, des femmes qui ont eu un cancer du sein parlent de "
            "l'après-traitement et de la vie qui reprend."
        ),
        description=(
            "La fin des traitements n'est pas toujours la fin des difficultés : fatigue, peur de "
            "la rechute, image du corps. Nous en parlons simplement, entre femmes qui savent de "
            "quoi il s'agit. Les rencontres se terminent par un moment plus léger autour d'un "
            "thé. Vous pouvez venir à tout moment, même longtemps après les traitements."
        ),
        rhythm=monthly(MON, LAST, "18:00", "20:00"),
        organisation=NANTES,
        town="Rennes",
        postal_code="35700",
    ),
    DemoGroup(
        name="Proches de personnes atteintes d'un cancer — Strasbourg",
        themes=(CANCER,),
        summary=(
            "Un lundi soir sur deux, conjoints, enfants et amis d'une personne malade d'un "
            "cancer partagent ce qu'ils vivent."
        ),
        description=(
            "Quand un proche est malade, on tient souvent bon pour lui et on oublie ses propres "
            "besoins. Ce groupe est un lieu pour dire sa peur, sa fatigue ou sa colère, sans "
            "avoir à être fort. On y échange aussi des idées pour organiser le quotidien. Vous "
            "pouvez venir même si votre proche est décédé depuis peu."
        ),
        rhythm=fortnightly(MON, "18:30", "20:00"),
        organisation=None,
        town="Strasbourg",
        postal_code="67000",
        audience="relatives",
        hearing_loop=True,
    ),
    DemoGroup(
        name="Cancer à 20 ou 30 ans — groupe en ligne",
        themes=(CANCER,),
        summary=(
            "Un mercredi soir sur deux, de jeunes adultes touchés par un cancer se retrouvent en "
            "visio pour parler d'études, de travail, d'amour et de projets."
        ),
        description=(
            "Avoir un cancer jeune, c'est se sentir décalé partout, à l'hôpital comme avec ses "
            "amis. Le groupe réunit des personnes de 18 à 39 ans, en traitement ou après. On "
            "parle de tout, pas seulement de la maladie, en français et en anglais quand il le "
            "faut."
        ),
        rhythm=fortnightly(WED, "20:00", "21:30"),
        organisation=LYON,
        format="online",
        languages="fr,en",
        step_free_access=False,
    ),
    DemoGroup(
        name="Marche douce après un cancer — Vevey",
        themes=(CANCER,),
        summary=(
            "Chaque vendredi matin, une marche tranquille au bord du lac pour reprendre des "
            "forces pendant ou après un cancer."
        ),
        description=(
            "Nous marchons lentement, à la vitesse de la personne la plus fatiguée. On discute "
            "en chemin, ou on profite simplement du paysage. Un café termine la matinée pour "
            "celles et ceux qui le souhaitent. Aucune condition physique n'est demandée, "
            "seulement l'envie de sortir."
        ),
        rhythm=weekly(FRI, "09:30", "11:00"),
        organisation=ROMANDIE,
        town="Vevey",
        postal_code="1800",
        country="CH",
        kind="activity",
        companions_welcome=True,
        step_free_access=False,
        accessibility_note="Parcours plat d'environ trois kilomètres, avec des bancs en chemin.",
    ),
    DemoGroup(
        name="Groupe cancer de Verviers",
        themes=(CANCER,),
        summary=(
            "Le 20 de chaque mois, des personnes touchées par un cancer et leurs proches se "
            "retrouvent pour échanger en toute simplicité."
        ),
        description=(
            "Le groupe est ouvert aux malades, aux anciens malades et à leurs proches. On parle "
            "des traitements et des démarches, mais surtout de la façon dont on vit tout cela. "
            "Une tasse de café vous attend dès votre arrivée. La première fois, vous pouvez "
            "rester dans l'écoute."
        ),
        rhythm=monthly_on(20, "14:00", "16:00"),
        organisation=LIEGE,
        town="Verviers",
        postal_code="4800",
        country="BE",
        audience="both",
        easy_read=True,
    ),
    DemoGroup(
        name="Atelier d'écriture et cancer — Brest",
        themes=(CANCER,),
        summary=(
            "Un atelier d'écriture pour mettre des mots sur la maladie, à son rythme, sans "
            "obligation de lire à voix haute."
        ),
        description=(
            "Chaque séance propose une consigne simple : un souvenir, une couleur, une lettre "
            "qu'on n'enverra pas. Chacun écrit pour soi, puis lit s'il le souhaite. Aucun talent "
            "n'est demandé, il suffit d'avoir envie d'essayer. Les textes appartiennent à ceux "
            "qui les ont écrits et ne sont jamais diffusés."
        ),
        rhythm=monthly(THU, 2, "17:30", "19:30"),
        organisation=NANTES,
        town="Brest",
        postal_code="29200",
        kind="activity",
        audience="both",
        cost="contribution",
        hearing_loop=True,
    ),
    # Alzheimer et maladies apparentées
    DemoGroup(
        name="Réunion des proches d'Alzheimer de Besançon",
        themes=(ALZHEIMER, AIDANTS),
        summary=(
            "Le premier mardi du mois, les proches d'une personne atteinte de la maladie "
            "d'Alzheimer ou d'une maladie apparentée se réunissent pour échanger."
        ),
        description=(
            "Nous accompagnons un père, une mère ou un conjoint dont la mémoire s'en va. La "
            "réunion commence par un tour de table où chacun donne des nouvelles, puis on aborde "
            "un sujet choisi ensemble, comme l'entrée en établissement ou le répit. Vous pouvez "
            "venir écouter la première fois, sans rien dire. Ce qui se dit à la réunion reste "
            "entre nous."
        ),
        rhythm=monthly(TUE, 1, "18:30", "20:00"),
        organisation=BESANCON,
        town="Besançon",
        postal_code="25000",
        audience="relatives",
        hearing_loop=True,
    ),
    DemoGroup(
        name="Café mémoire de Saint-Étienne",
        themes=(ALZHEIMER,),
        summary=(
            "Un samedi après-midi par mois, un café convivial pour les personnes qui ont des "
            "troubles de la mémoire et pour leurs proches."
        ),
        description=(
            "Le café mémoire se tient dans une salle chaleureuse, autour de boissons et de "
            "gâteaux. Les personnes malades et leurs proches viennent ensemble, et chacun trouve "
            "sa place. Des membres partagent leur expérience sur un thème, puis la discussion "
            "est libre. On peut aussi venir juste pour passer un bon moment."
        ),
        rhythm=monthly(SAT, 3, "15:00", "17:00"),
        organisation=LYON,
        town="Saint-Étienne",
        postal_code="42100",
        kind="information",
        audience="both",
        companions_welcome=True,
    ),
    DemoGroup(
        name="Proches de personnes atteintes d'Alzheimer — Sion",
        themes=(ALZHEIMER,),
        summary=(
            "Le deuxième mercredi du mois, des proches qui accompagnent une personne atteinte "
            "d'Alzheimer se retrouvent pour échanger et souffler."
        ),
        description=(
            "Le groupe accueille conjoints, enfants et amis, que la maladie soit récente ou "
            "avancée. Pendant la rencontre, une activité peut être proposée à la personne malade "
            "dans la salle voisine. Les 5 francs couvrent le goûter, et personne n'est refusé "
            "pour une question d'argent. On parle français, et allemand si besoin."
        ),
        rhythm=monthly(WED, 2, "14:00", "16:00"),
        organisation=ROMANDIE,
        town="Sion",
        postal_code="1950",
        country="CH",
        audience="relatives",
        languages="fr,de",
        cost="fixed",
        cost_amount=Decimal(5),
        hearing_loop=True,
    ),
    DemoGroup(
        name="Alzheimer jeune — Paris",
        themes=(ALZHEIMER,),
        summary=(
            "Un samedi matin par mois, des personnes touchées avant 65 ans par la maladie "
            "d'Alzheimer et leurs proches partagent leur parcours."
        ),
        description=(
            "Quand la maladie arrive jeune, elle touche le travail, les enfants encore à la "
            "maison, les projets. Le groupe réunit des familles qui vivent cette situation "
            "particulière. Les personnes malades et leurs proches se retrouvent d'abord en deux "
            "petits groupes, puis tous ensemble. Chacun parle à son rythme, sans obligation."
        ),
        rhythm=monthly(SAT, 1, "10:30", "12:30"),
        organisation=None,
        town="Paris",
        postal_code="75013",
        audience="both",
    ),
    DemoGroup(
        name="Vivre avec un diagnostic précoce — Bruxelles",
        themes=(ALZHEIMER,),
        summary=(
            "Un jeudi matin par mois, des personnes qui viennent d'apprendre qu'elles ont une "
            "maladie de la mémoire parlent entre elles."
        ),
        description=(
            "Ici, la parole est donnée aux personnes malades elles-mêmes. On parle de l'annonce, "
            "de ce qui change et de ce qu'on veut continuer à faire. Les rencontres sont "
            "courtes et calmes, et les documents sont faciles à lire. On peut s'exprimer en "
            "français ou en néerlandais."
        ),
        rhythm=monthly(THU, 1, "10:00", "11:30"),
        organisation=LIEGE,
        town="Bruxelles",
        postal_code="1000",
        country="BE",
        languages="fr,nl",
        easy_read=True,
    ),
    DemoGroup(
        name="Maladie à corps de Lewy et maladies apparentées — Amiens",
        themes=(ALZHEIMER,),
        summary=(
            "Un lundi après-midi par mois, des proches de personnes atteintes d'une maladie "
            "apparentée à Alzheimer, souvent mal connue, mettent en commun ce qu'ils savent."
        ),
        description=(
            "Les maladies moins connues laissent souvent les familles sans réponses. Le groupe "
            "met en commun ce que chacun a appris sur les symptômes, les traitements possibles "
            "et les aides. Les membres plus anciens accueillent volontiers les nouvelles "
            "familles. On repart souvent avec moins de questions et un peu plus de courage."
        ),
        rhythm=monthly(MON, 3, "14:00", "16:00"),
        organisation=NORD,
        town="Amiens",
        postal_code="80000",
        kind="information",
        audience="relatives",
    ),
    DemoGroup(
        name="Proches aidants Alzheimer — Esch-sur-Alzette",
        themes=(ALZHEIMER, AIDANTS),
        summary=(
            "Le deuxième lundi du mois, un groupe pour les proches qui accompagnent une personne "
            "atteinte d'une maladie de la mémoire, dans le sud du Luxembourg."
        ),
        description=(
            "Le groupe accueille les familles d'Esch-sur-Alzette et des communes voisines. On "
            "parle en français et en allemand, et chacun peut demander une traduction. La "
            "rencontre suit toujours le même déroulé : des nouvelles de chacun, un sujet, puis "
            "un moment pour se dire au revoir. Ce qui est partagé reste dans le groupe."
        ),
        rhythm=monthly(MON, 2, "18:00", "19:30"),
        organisation=None,
        town="Esch-sur-Alzette",
        postal_code="4041",
        country="LU",
        audience="relatives",
        languages="fr,de",
        hearing_loop=True,
    ),
    # Anxiété
    DemoGroup(
        name="Anxiété et crises d'angoisse — Nantes",
        themes=(ANXIETE,),
        summary=(
            "Un mardi soir sur deux, des personnes qui vivent avec l'anxiété partagent ce qui "
            "les aide à traverser les moments difficiles."
        ),
        description=(
            "La salle est petite et calme, et on peut en sortir à tout moment si on se sent mal. "
            "Chacun partage une situation vécue depuis la dernière fois, ou écoute les autres. "
            "Nous ne sommes pas des soignants, mais nous savons ce que c'est. Les nouvelles "
            "personnes peuvent s'asseoir près de la porte si cela les rassure."
        ),
        rhythm=fortnightly(TUE, "18:00", "19:30"),
        organisation=NANTES,
        town="Nantes",
        postal_code="44100",
    ),
    DemoGroup(
        name="Petits pas ensemble, phobie sociale — Lyon",
        themes=(ANXIETE,),
        summary=(
            "Un groupe en création pour les personnes que le regard des autres paralyse : de "
            "petites sorties à plusieurs, à son rythme."
        ),
        description=(
            "Aller au café, prendre le bus, passer un coup de fil : ce qui paraît simple aux "
            "autres peut être très difficile. Le groupe proposera de petites sorties préparées "
            "ensemble, chacun choisissant son défi. Nous cherchons encore quelques membres avant "
            "de commencer, et la première rencontre se fera dans une petite salle, sans "
            "obligation de parler."
        ),
        rhythm=weekly(SAT, "15:00", "17:00"),
        organisation=LYON,
        town="Lyon",
        postal_code="69008",
        kind="activity",
        status="founding",
    ),
    DemoGroup(
        name="Anxiété, parlons-en — Toulouse Saint-Cyprien",
        themes=(ANXIETE,),
        summary=(
            "Un mercredi par mois, un groupe de parole pour les personnes qui se sentent souvent "
            "inquiètes, tendues ou angoissées."
        ),
        description=(
            "On commence par quelques minutes de respiration, pour celles et ceux qui le "
            "veulent. Puis chacun raconte, s'il le souhaite, une situation qui l'a inquiété et "
            "comment il l'a vécue. Les membres partagent leurs astuces sans jamais les imposer. "
            "Certains membres parlent espagnol."
        ),
        rhythm=monthly(WED, 2, "18:30", "20:00"),
        organisation=SUD,
        town="Toulouse",
        postal_code="31300",
        languages="fr,es",
        cost="contribution",
    ),
    DemoGroup(
        name="Pensées envahissantes et troubles obsessionnels — Genève",
        themes=(ANXIETE,),
        summary=(
            "Le dernier jeudi du mois, des personnes qui vivent avec des pensées envahissantes "
            "ou des rituels qui prennent trop de place."
        ),
        description=(
            "Beaucoup de membres ont gardé le secret pendant des années. Dans le groupe, on peut "
            "enfin en parler sans peur d'être mal jugé. On partage ce qui aide à desserrer "
            "l'étau au quotidien. Le groupe accueille aussi les personnes qui ne parlent "
            "qu'anglais."
        ),
        rhythm=monthly(THU, LAST, "19:00", "20:30"),
        organisation=ROMANDIE,
        town="Genève",
        postal_code="1201",
        country="CH",
        languages="fr,en",
    ),
    DemoGroup(
        name="Souffler ensemble — Louvain-la-Neuve",
        themes=(ANXIETE,),
        summary=(
            "Chaque mardi à midi, une heure pour parler du stress et de l'anxiété avec d'autres "
            "personnes qui les connaissent bien."
        ),
        description=(
            "Le groupe réunit des étudiants, des travailleurs et des retraités de la région. "
            "Une heure, c'est court : on va à l'essentiel, et chacun dispose du même temps de "
            "parole. Un minuteur aide à le partager équitablement. Vous pouvez manger pendant la "
            "rencontre."
        ),
        rhythm=weekly(TUE, "12:30", "13:30"),
        organisation=LIEGE,
        town="Louvain-la-Neuve",
        postal_code="1348",
        country="BE",
    ),
    DemoGroup(
        name="Anxiété — groupe en ligne bilingue",
        themes=(ANXIETE,),
        summary=(
            "Un samedi matin sur deux, un groupe en visio, en français et en anglais, pour "
            "parler d'anxiété depuis chez soi."
        ),
        description=(
            "Pour certaines personnes, sortir de chez soi est justement le plus difficile : ce "
            "groupe est fait pour elles. On peut écrire dans la discussion au lieu de parler. "
            "Les échanges passent du français à l'anglais selon les personnes présentes. Merci "
            "de vous connecter d'un endroit où personne ne vous entend, pour protéger la "
            "confidentialité de tous."
        ),
        rhythm=fortnightly(SAT, "11:00", "12:00"),
        organisation=None,
        format="online",
        languages="fr,en",
        step_free_access=False,
    ),
    # Troubles bipolaires
    DemoGroup(
        name="Bipolaires et proches — Bordeaux",
        themes=(BIPOLAIRE,),
        summary=(
            "Un samedi par mois, des personnes qui vivent avec un trouble bipolaire et leurs "
            "proches échangent sur la vie quotidienne et l'équilibre."
        ),
        description=(
            "La rencontre se déroule en deux temps : d'abord en petits groupes, personnes "
            "concernées d'un côté et proches de l'autre, puis tous ensemble. Chacun peut ainsi "
            "parler librement. On y partage des repères pour reconnaître les signes d'alerte et "
            "mieux vivre au quotidien."
        ),
        rhythm=monthly(SAT, 2, "14:30", "17:00"),
        organisation=SUD,
        town="Bordeaux",
        postal_code="33000",
        kind="information",
        audience="both",
        companions_welcome=True,
    ),
    DemoGroup(
        name="Troubles bipolaires — Paris 20e",
        themes=(BIPOLAIRE,),
        summary=(
            "Un jeudi soir sur deux, un groupe de parole entre personnes qui vivent avec un "
            "trouble bipolaire."
        ),
        description=(
            "Nous parlons des hauts, des bas, et surtout de tout ce qui se passe entre les deux. "
            "Le groupe a été créé par des membres d'un autre groupe, qui voulaient se retrouver "
            "plus près de chez eux. Chacun garde la parole le temps qu'il souhaite, en laissant "
            "de la place aux autres. Il y a trois marches à l'entrée de la salle."
        ),
        rhythm=fortnightly(THU, "19:00", "20:30"),
        organisation=None,
        town="Paris",
        postal_code="75020",
        cost="contribution",
        step_free_access=False,
        accessibility_note="Trois marches à l'entrée.",
    ),
    DemoGroup(
        name="Troubles bipolaires — Lausanne",
        themes=(BIPOLAIRE,),
        summary=(
            "Un groupe de parole mensuel pour les personnes qui vivent avec un trouble "
            "bipolaire, complet pour le moment."
        ),
        description=(
            "Le groupe réunit dix personnes qui se connaissent bien et ont choisi de rester un "
            "petit cercle. Il n'accueille pas de nouveaux membres pour l'instant. Point Entraide "
            "Romandie peut vous aider à rejoindre un autre groupe ou à en créer un nouveau."
        ),
        rhythm=monthly(TUE, 2, "18:30", "20:30"),
        organisation=ROMANDIE,
        town="Lausanne",
        postal_code="1004",
        country="CH",
        hearing_loop=True,
        status="full",
        accepting_members=False,
    ),
    DemoGroup(
        name="Troubles bipolaires — Liège",
        themes=(BIPOLAIRE,),
        summary=(
            "Le premier samedi du mois, un groupe ouvert aux personnes concernées par un trouble "
            "bipolaire et à leurs proches."
        ),
        description=(
            "Le groupe existe depuis longtemps et fonctionne avec une charte écrite par ses "
            "membres. Chaque rencontre est animée par un membre différent. On peut y parler de "
            "traitements, de travail, de relations, et de la façon de garder l'équilibre. La "
            "charte vous est présentée lors de votre première venue."
        ),
        rhythm=monthly(SAT, 1, "10:00", "12:00"),
        organisation=LIEGE,
        town="Liège",
        postal_code="4000",
        country="BE",
        audience="both",
    ),
    DemoGroup(
        name="Troubles bipolaires — Mulhouse",
        themes=(BIPOLAIRE,),
        summary=(
            "Le 12 de chaque mois, un groupe de parole pour les personnes qui vivent avec un "
            "trouble bipolaire dans le sud de l'Alsace."
        ),
        description=(
            "Beaucoup d'entre nous ont mis des années à mettre un nom sur ce qu'ils vivaient. "
            "Nous partageons nos expériences du diagnostic, du traitement et de la vie de "
            "famille. Le groupe est petit, ce qui laisse à chacun le temps de parler. Vous "
            "pouvez venir une première fois sans vous engager."
        ),
        rhythm=monthly_on(12, "18:00", "20:00"),
        organisation=None,
        town="Mulhouse",
        postal_code="68100",
    ),
    DemoGroup(
        name="Troubles bipolaires — Rouen",
        themes=(BIPOLAIRE,),
        summary=(
            "Le troisième mercredi du mois, sur place ou à distance, un groupe d'entraide autour "
            "du trouble bipolaire."
        ),
        description=(
            "Le format hybride permet de garder le lien pendant les périodes où sortir est "
            "difficile. Les personnes présentes dans la salle et celles en ligne parlent chacune "
            "leur tour. Nos règles sont simples : écouter, ne pas juger, garder pour soi ce "
            "qu'on entend. Vous pouvez essayer une fois à distance avant de venir sur place."
        ),
        rhythm=monthly(WED, 3, "18:00", "19:30"),
        organisation=NORD,
        town="Rouen",
        postal_code="76000",
        format="hybrid",
    ),
    # Endométriose
    DemoGroup(
        name="Endométriose — Saint-Herblain",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Le deuxième mercredi du mois, des personnes atteintes d'endométriose partagent "
            "leur vécu de la douleur, du diagnostic et du quotidien."
        ),
        description=(
            "Il faut souvent des années avant d'être entendue. Ici, la douleur est prise au "
            "sérieux. On y échange sur les traitements, le travail, la vie de couple et le désir "
            "d'enfant. Des bouillottes sont à disposition : installez-vous comme vous voulez."
        ),
        rhythm=monthly(WED, 2, "19:00", "21:00"),
        organisation=NANTES,
        town="Saint-Herblain",
        postal_code="44800",
    ),
    DemoGroup(
        name="Endométriose — Lyon",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Le dernier samedi du mois, un groupe d'information et d'échange sur l'endométriose, "
            "en français et en anglais."
        ),
        description=(
            "Chaque rencontre aborde un sujet choisi par les membres : l'alimentation, la "
            "fatigue, les démarches au travail ou l'annonce à l'entourage. Les membres "
            "partagent leurs expériences, jamais des avis médicaux. Thé et tisanes sont offerts."
        ),
        rhythm=monthly(SAT, LAST, "10:00", "12:00"),
        organisation=LYON,
        town="Lyon",
        postal_code="69001",
        kind="information",
        languages="fr,en",
    ),
    DemoGroup(
        name="Endométriose — Lille",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Le premier lundi du mois, un groupe pour les personnes touchées par l'endométriose "
            "et les conjoints qui veulent comprendre."
        ),
        description=(
            "Les conjoints se sentent souvent impuissants face à la douleur de l'autre. Ce "
            "groupe leur fait une place, à côté des personnes malades. Une partie de la "
            "rencontre se fait tous ensemble, une autre en petits groupes. Les 2 euros paient la "
            "location de la salle."
        ),
        rhythm=monthly(MON, 1, "18:30", "20:30"),
        organisation=NORD,
        town="Lille",
        postal_code="59000",
        audience="both",
        cost="fixed",
        cost_amount=Decimal(2),
        hearing_loop=True,
    ),
    DemoGroup(
        name="Endométriose — Bruxelles",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Le dernier mardi du mois, un groupe de parole bilingue pour les personnes qui "
            "vivent avec l'endométriose à Bruxelles."
        ),
        description=(
            "Le groupe se retrouve dans une maison de quartier de Saint-Gilles, à deux pas du "
            "métro. On parle français ou néerlandais, et on s'aide à traduire quand il faut. "
            "Chaque personne peut raconter son parcours ou simplement écouter. Rien de ce qui "
            "est partagé ne sort du groupe."
        ),
        rhythm=monthly(TUE, LAST, "19:00", "21:00"),
        organisation=LIEGE,
        town="Saint-Gilles",
        postal_code="1060",
        country="BE",
        languages="fr,nl",
    ),
    DemoGroup(
        name="Endométriose — Suisse romande en ligne",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Un jeudi soir par mois, un groupe en visio pour les personnes atteintes "
            "d'endométriose dans toute la Suisse romande."
        ),
        description=(
            "Les distances sont grandes entre les vallées, alors nous avons choisi la visio. "
            "Chacune peut participer depuis son canapé, avec une bouillotte. Le groupe commence "
            "par un tour de nouvelles, puis aborde un sujet choisi le mois précédent. La caméra "
            "reste facultative."
        ),
        rhythm=monthly(THU, 2, "20:00", "21:30"),
        organisation=ROMANDIE,
        country="CH",
        format="online",
        step_free_access=False,
    ),
    DemoGroup(
        name="Endométriose — Montpellier",
        themes=(ENDOMETRIOSE,),
        summary=(
            "Un nouveau groupe se crée à Montpellier pour les personnes qui vivent avec "
            "l'endométriose : rejoignez les premières rencontres."
        ),
        description=(
            "Deux personnes concernées ont lancé le projet avec l'aide d'Entraide Sud. Les "
            "premières rencontres serviront à choisir ensemble le rythme, les règles et les "
            "sujets du groupe. Vous n'avez rien à préparer, il suffit de venir comme vous êtes."
        ),
        rhythm=fortnightly(FRI, "18:00", "19:30"),
        organisation=SUD,
        town="Montpellier",
        postal_code="34000",
        status="founding",
    ),
    # Solitude et isolement
    DemoGroup(
        name="Rompre l'isolement, repas partagé — Limoges",
        themes=(SOLITUDE,),
        summary=(
            "Chaque dimanche midi, un repas où chacun apporte un plat, pour ne plus passer le "
            "dimanche seul."
        ),
        description=(
            "Le dimanche peut être long quand on vit seul. Chacun apporte ce qu'il peut, même un "
            "simple morceau de pain, et on partage le repas à une grande table. On parle de tout "
            "et de rien, et personne n'est obligé de raconter sa vie. Il y a toujours une place "
            "à table pour une nouvelle personne."
        ),
        rhythm=weekly(SUN, "12:00", "14:30"),
        organisation=None,
        town="Limoges",
        postal_code="87000",
        kind="activity",
        companions_welcome=True,
        cost="contribution",
        hearing_loop=True,
    ),
    DemoGroup(
        name="Le Club des promeneurs — Belfort",
        themes=(SOLITUDE,),
        summary=(
            "Chaque jeudi après-midi, une promenade en petit groupe pour les personnes qui se "
            "sentent seules, suivie d'un café."
        ),
        description=(
            "Nous marchons une heure environ, à petits pas, dans les parcs de la ville. C'est "
            "plus facile de parler en marchant côte à côte. Après la balade, celles et ceux qui "
            "le veulent prennent un café ensemble. Le groupe vous indique le point de "
            "rendez-vous quand vous lui écrivez depuis cette page."
        ),
        rhythm=weekly(THU, "14:00", "16:00"),
        organisation=BESANCON,
        town="Belfort",
        postal_code="90000",
        kind="activity",
        companions_welcome=True,
        step_free_access=False,
        accessibility_note="Promenades courtes, à plat, avec des pauses.",
    ),
    DemoGroup(
        name="Solitude des aînés — Namur",
        themes=(SOLITUDE,),
        summary=(
            "Un vendredi sur deux, des personnes âgées qui vivent seules se retrouvent pour "
            "parler, jouer aux cartes et rompre la solitude."
        ),
        description=(
            "Le groupe est né de l'envie de quelques voisins du centre-ville. On commence par un "
            "moment de discussion, puis viennent les cartes, les jeux de société ou les "
            "souvenirs. Un membre peut passer vous chercher si vous ne pouvez plus marcher "
            "longtemps. La salle est de plain-pied et bien chauffée."
        ),
        rhythm=fortnightly(FRI, "14:30", "16:30"),
        organisation=LIEGE,
        town="Namur",
        postal_code="5000",
        country="BE",
        hearing_loop=True,
        easy_read=True,
    ),
    DemoGroup(
        name="Nouveaux arrivants, nouveaux liens — Neuchâtel",
        themes=(SOLITUDE,),
        summary=(
            "Un samedi par mois, des personnes qui viennent d'arriver dans la région et ne "
            "connaissent encore personne se retrouvent."
        ),
        description=(
            "Changer de ville ou de pays peut laisser très seul. Le groupe propose une activité "
            "simple, comme une visite ou un jeu, suivie d'un goûter. C'est l'occasion de "
            "rencontrer du monde sans pression, en français ou en anglais."
        ),
        rhythm=monthly(SAT, 2, "14:00", "17:00"),
        organisation=ROMANDIE,
        town="Neuchâtel",
        postal_code="2000",
        country="CH",
        kind="activity",
        languages="fr,en",
    ),
    DemoGroup(
        name="Veillée en ligne contre la solitude",
        themes=(SOLITUDE,),
        summary=(
            "Chaque vendredi soir, une veillée en visio pour les personnes qui se sentent "
            "seules, avec des jeux et des discussions simples."
        ),
        description=(
            "Le vendredi soir, quand tout le monde semble sortir, nous nous retrouvons en ligne. "
            "On joue à de petits jeux de mots, on raconte sa semaine, on écoute. Pas besoin de "
            "bien connaître l'ordinateur : un téléphone suffit. La caméra est libre, le sourire "
            "aussi."
        ),
        rhythm=weekly(FRI, "21:00", "22:30"),
        organisation=None,
        kind="activity",
        format="online",
        step_free_access=False,
        easy_read=True,
    ),
    DemoGroup(
        name="Solitude et précarité — Marseille",
        themes=(SOLITUDE,),
        summary=(
            "Chaque mardi matin, un groupe de soutien pour les personnes isolées qui traversent "
            "des difficultés d'argent ou de logement."
        ),
        description=(
            "Quand l'argent manque, on s'isole souvent par honte. Le groupe offre un café chaud, "
            "un lieu pour parler et des informations partagées par des personnes passées par les "
            "mêmes difficultés. On peut parler en français ou en arabe. Personne ne vous "
            "demandera de papiers ni de justificatifs."
        ),
        rhythm=weekly(TUE, "10:00", "12:00"),
        organisation=SUD,
        town="Marseille",
        postal_code="13013",
        languages="fr,ar",
        easy_read=True,
    ),
]


def _point(demo: DemoGroup) -> tuple[float | None, float | None]:
    """The town's point for a group that meets somewhere; nothing for an online-only one."""
    if demo.format == "online":
        if demo.town or demo.postal_code:
            raise DemoDataError(f"The online-only group {demo.name!r} must not have a town.")
        return None, None
    place = places.resolve(f"{demo.postal_code} {demo.town}", demo.country)
    # A postal code that does not exist falls back to the town's name, which would hide a
    # mistake in the data, so the code found must be the one written.
    if place is None or place.postal_code != demo.postal_code:
        raise DemoDataError(
            f"The place {demo.postal_code} {demo.town} ({demo.country}) of the group "
            f"{demo.name!r} cannot be found; fix the demo data."
        )
    return place.lat, place.lon


def _group_fields(demo: DemoGroup, organisations: dict[str, Organisation]) -> dict[str, object]:
    latitude, longitude = _point(demo)
    rhythm = demo.rhythm
    return {
        "organisation": organisations[demo.organisation] if demo.organisation else None,
        "name": demo.name,
        "summary": demo.summary,
        "description": demo.description,
        "kind": demo.kind,
        "audience": demo.audience,
        "companions_welcome": demo.companions_welcome,
        "format": demo.format,
        "languages": demo.languages,
        "country": demo.country,
        "postal_code": demo.postal_code,
        "town": demo.town,
        "latitude": latitude,
        "longitude": longitude,
        "frequency": rhythm.frequency,
        "weekday": rhythm.weekday,
        "week_of_month": rhythm.week_of_month,
        "day_of_month": rhythm.day_of_month,
        "start_time": rhythm.start_time,
        "end_time": rhythm.end_time,
        "rhythm_note": demo.rhythm_note,
        "cost": demo.cost,
        "cost_amount": demo.cost_amount,
        "step_free_access": demo.step_free_access,
        "hearing_loop": demo.hearing_loop,
        "sign_language": demo.sign_language,
        "easy_read": demo.easy_read,
        "accessibility_note": demo.accessibility_note,
        "status": demo.status,
        "accepting_members": demo.accepting_members,
        "is_published": True,
    }


def _check_references() -> None:
    """Fail before any write when two groups share a slug or a group names an unknown slug."""
    theme_slugs = {theme.slug for theme in THEMES}
    organisation_slugs = {organisation.slug for organisation in ORGANISATIONS}
    seen: set[str] = set()
    for demo in GROUPS:
        if demo.slug in seen:
            raise DemoDataError(f"Two demo groups have the slug {demo.slug!r}.")
        seen.add(demo.slug)
        unknown = set(demo.themes) - theme_slugs
        if unknown or not demo.themes:
            raise DemoDataError(f"The group {demo.name!r} has unknown themes: {sorted(unknown)}.")
        if demo.organisation is not None and demo.organisation not in organisation_slugs:
            raise DemoDataError(
                f"The group {demo.name!r} names an unknown organisation {demo.organisation!r}."
            )


def load_themes() -> dict[str, Theme]:
    """Create or update the demo themes; also used by the benchmark's seeding."""
    return {
        demo.slug: Theme.objects.update_or_create(
            slug=demo.slug,
            defaults={"name_fr": demo.name_fr, "name_en": demo.name_en, "domain": demo.domain},
        )[0]
        for demo in THEMES
    }


def load_organisations() -> dict[str, Organisation]:
    """Create or update the demo organisations; also used by the benchmark's seeding."""
    return {
        demo.slug: Organisation.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "description": demo.description,
                "country": demo.country,
                "town": demo.town,
                "website": "",
                "contact_email": demo.contact_email,
            },
        )[0]
        for demo in ORGANISATIONS
    }


def load_demo() -> dict[str, int]:
    """Create or update the demo themes, organisations and groups, matched by slug.

    Everything happens in one transaction, so a mistake in the data leaves the database as it
    was. Running it again changes nothing but what the data itself changed.
    """
    _check_references()
    with transaction.atomic():
        themes = load_themes()
        organisations = load_organisations()
        for demo in GROUPS:
            fields = _group_fields(demo, organisations)
            # Check lengths and choices before writing, as a form would.
            SupportGroup(slug=demo.slug, **fields).clean_fields()
            group, _ = SupportGroup.objects.update_or_create(slug=demo.slug, defaults=fields)
            group.themes.set([themes[slug] for slug in demo.themes])
            actions.refresh_search_text(group)
    return {"themes": len(THEMES), "organisations": len(ORGANISATIONS), "groups": len(GROUPS)}
