"""Fill the benchmark database with many realistic, published support groups, quickly.

Run by benchmarks/run.py as ``python -m benchmarks.seed --groups 10000 --manifest FILE`` with
DJANGO_SETTINGS_MODULE and DATABASE_URL pointing at the (freshly migrated) benchmark database.

Everything is drawn from a seeded random generator, so two runs write the same rows. Themes
and the accompanying organisations are the demo's; towns are real ones from the places file,
with their points, in France, Belgium and Switzerland, bigger towns having more groups; names,
summaries and descriptions are put together from a vocabulary close to the demo's texts. The
searchable words are computed by ``actions.search_text_for``, as the app does on every save.
Writes the manifest (JSON): the postal codes the place scenario should query.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from entraide.demo import catalogue as demo  # noqa: E402
from entraide.demo.data import catalogue as demo_catalogue  # noqa: E402
from entraide.directory.actions import refresh_search_vectors, search_text_for  # noqa: E402
from entraide.directory.models import SupportGroup, Theme  # noqa: E402
from entraide.lib import places  # noqa: E402
from entraide.organisations.models import Organisation  # noqa: E402

SEED = 20_240_601
COUNTRY_SHARES = {"FR": 0.76, "BE": 0.12, "CH": 0.12}
# The biggest towns of each country (by number of postal codes) get most in-person groups,
# as real self-help groups do; the rest are spread over smaller towns and villages.
BIG_TOWNS = {"FR": 250, "BE": 40, "CH": 40}
BIG_TOWN_SHARE = 0.7

# Per theme: the names groups take, and what members share ("des personnes qui vivent …").
VOCABULARY: dict[str, tuple[list[str], list[str]]] = {
    "deuil": (
        [
            "Groupe de parole Deuil",
            "Café deuil",
            "Vivre son deuil",
            "Parents endeuillés",
            "Deuil périnatal",
            "Veuves et veufs solidaires",
            "Endeuillés par suicide",
            "Après la perte d'un proche",
        ],
        [
            "la perte d'un proche",
            "la mort d'un enfant",
            "le décès d'un conjoint",
            "un deuil après un suicide",
            "la perte d'un bébé pendant la grossesse",
        ],
    ),
    "proches-aidants": (
        [
            "Café des aidants",
            "Proches aidants",
            "Pause des aidants",
            "Jeunes aidants",
            "Aidants en activité",
            "Les aidants ensemble",
        ],
        [
            "l'accompagnement d'un parent âgé",
            "la vie de proche aidant",
            "les soins à un enfant malade",
            "l'aide quotidienne à un conjoint dépendant",
        ],
    ),
    "addictions": (
        [
            "Entraide Alcool",
            "Sortir du jeu",
            "Cannabis, parlons-en",
            "Arrêter de fumer ensemble",
            "Écrans et jeux vidéo",
            "Proches de personnes dépendantes",
            "Vivre sans alcool",
        ],
        [
            "la dépendance à l'alcool",
            "le jeu d'argent",
            "l'arrêt du cannabis",
            "l'arrêt du tabac",
            "l'usage excessif des écrans",
            "l'addiction d'un proche",
        ],
    ),
    "maladies-chroniques": (
        [
            "Diabète : échanges entre pairs",
            "Douleurs chroniques",
            "Fibromyalgie, on se serre les coudes",
            "Sclérose en plaques",
            "Maladies rares",
            "Dialyse et greffe rénale",
            "Vivre avec une maladie inflammatoire de l'intestin",
            "Polyarthrite et entraide",
        ],
        [
            "le diabète au quotidien",
            "des douleurs qui ne passent pas",
            "la fibromyalgie",
            "la sclérose en plaques",
            "une maladie rare",
            "la dialyse",
            "la maladie de Crohn",
        ],
    ),
    "sante-psychique": (
        [
            "Entendeurs de voix",
            "Dépression, on en parle",
            "Schizophrénie : rétablissement",
            "Burn-out et reprise",
            "Troubles alimentaires",
            "Rétablissement en santé mentale",
        ],
        [
            "la dépression",
            "l'entente de voix",
            "la schizophrénie",
            "un burn-out",
            "des troubles alimentaires",
            "une hospitalisation en psychiatrie",
        ],
    ),
    "parentalite": (
        [
            "Parents solos",
            "Parents d'ados",
            "Café des jeunes parents",
            "Parents d'enfants autistes",
            "Parents d'enfants à haut potentiel",
            "Parentalité et post-partum",
        ],
        [
            "la vie de parent seul",
            "l'adolescence d'un enfant",
            "l'arrivée d'un bébé",
            "l'autisme d'un enfant",
            "la dépression post-partum",
        ],
    ),
    "separation": (
        [
            "Après la séparation",
            "Divorce : se reconstruire",
            "Parents séparés",
            "Familles recomposées",
        ],
        ["une séparation", "un divorce difficile", "la garde alternée", "une famille recomposée"],
    ),
    "handicap": (
        [
            "Vivre avec un handicap",
            "Surdité et entraide",
            "Malvoyance : échanges",
            "Parents d'enfants handicapés",
            "Autisme adulte",
            "Lésion cérébrale acquise",
        ],
        [
            "un handicap moteur",
            "la surdité",
            "la malvoyance",
            "le handicap d'un enfant",
            "l'autisme à l'âge adulte",
            "une lésion cérébrale",
        ],
    ),
    "cancer": (
        [
            "Cancer du sein : entraide",
            "Après le cancer",
            "Proches de malades du cancer",
            "Jeunes adultes et cancer",
            "Cancer de la prostate",
        ],
        [
            "un cancer du sein",
            "l'après-cancer",
            "le cancer d'un proche",
            "un cancer avant trente ans",
            "un cancer de la prostate",
        ],
    ),
    "alzheimer-maladies-apparentees": (
        [
            "Café mémoire",
            "Alzheimer : proches en lien",
            "Maladie à corps de Lewy",
            "Aidants Alzheimer",
        ],
        [
            "la maladie d'Alzheimer d'un parent",
            "les troubles de la mémoire",
            "la maladie à corps de Lewy",
        ],
    ),
    "anxiete": (
        [
            "Anxiété sociale",
            "Phobies et attaques de panique",
            "TOC : groupe d'entraide",
            "Vivre avec l'anxiété",
        ],
        [
            "l'anxiété sociale",
            "des attaques de panique",
            "des troubles obsessionnels",
            "l'angoisse",
        ],
    ),
    "troubles-bipolaires": (
        ["Troubles bipolaires : entraide", "Bipolarité et proches", "Cercle bipolaire"],
        ["un trouble bipolaire", "la bipolarité d'un proche"],
    ),
    "endometriose": (
        ["Endométriose : on en parle", "Endo et fertilité", "Endométriose, entre femmes"],
        ["l'endométriose", "des douleurs pelviennes", "un parcours de fertilité"],
    ),
    "solitude-isolement": (
        ["Rompre l'isolement", "Solitude et précarité", "Seniors isolés", "Nouveaux arrivants"],
        ["la solitude", "l'isolement après un déménagement", "la précarité", "la retraite"],
    ),
}

SUMMARIES = [
    "Un groupe de parole pour les personnes qui vivent {subject}, dans la bienveillance.",
    "Des rencontres entre pairs pour partager ce que l'on vit avec {subject}.",
    "On se retrouve pour parler de {subject}, sans jugement et à son rythme.",
    "Un espace d'écoute et d'échanges autour de {subject}, ouvert aux nouveaux.",
    "Pour celles et ceux que touche {subject} : échanger, s'informer, se soutenir.",
]
OPENINGS = [
    "Le groupe réunit des personnes qui vivent {subject} et qui veulent en parler avec "
    "d'autres qui comprennent.",
    "Nous sommes quelques personnes concernées par {subject}, et nous nous retrouvons pour "
    "partager ce qui aide au quotidien.",
    "Ici, on parle de {subject} sans avoir à se justifier : chacun vient comme il est.",
]
MIDDLES = [
    "Chaque réunion commence par un tour de table où chacun dit, s'il le souhaite, comment il va.",
    "On peut venir d'abord pour écouter ; personne n'est obligé de parler.",
    "Ce qui se dit dans le groupe reste dans le groupe.",
    "Un café et des biscuits attendent les participants.",
    "Les échanges sont animés à tour de rôle par des membres du groupe.",
    "Nous partageons aussi des adresses utiles, des lectures et des astuces pratiques.",
    "Une fois par trimestre, une soirée d'information accueille un professionnel invité.",
    "La salle est calme, lumineuse et proche des transports en commun.",
]
PLACE_LINES = [
    "Les rencontres ont lieu dans une salle de la maison des associations de {town}.",
    "La réunion se tient au centre social de {town}, au rez-de-chaussée.",
    "Nous nous retrouvons dans une salle prêtée par la mairie de {town}.",
]
ONLINE_LINES = [
    "Les rencontres se font en visio : le lien est envoyé la veille à chaque participant.",
    "Le groupe se retrouve en ligne, caméra allumée ou non, comme chacun préfère.",
]
RHYTHM_NOTES = ["", "", "", "", "", "", "", "", "sauf en août", "pas pendant les vacances"]
TIMES = [
    ("18:30", "20:30"),
    ("19:00", "21:00"),
    ("20:00", "22:00"),
    ("14:00", "16:00"),
    ("14:30", "16:30"),
    ("10:00", "12:00"),
    ("09:30", "11:30"),
]
LANGUAGES = {
    "FR": ["fr"] * 12 + ["fr,en", "fr,ar", "fr,es", "fr,pt"],
    "BE": ["fr"] * 6 + ["fr,nl", "fr,nl", "fr,en"],
    "CH": ["fr"] * 6 + ["fr,de", "fr,de", "fr,it", "fr,en"],
}


@dataclass(frozen=True, slots=True)
class Town:
    country: str
    name: str
    postal_code: str
    lat: float
    lon: float
    weight: int


@dataclass(frozen=True, slots=True)
class TownPool:
    """A country's towns: the big ones and the others, with cumulative weights for sampling."""

    big: list[Town]
    big_cumulative: list[int]
    small: list[Town]
    small_cumulative: list[int]


def is_francophone(country: str, postal_code: str) -> bool:
    """Whether a Belgian or Swiss postal code lies in a French-speaking area (roughly)."""
    number = int(postal_code)
    if country == "BE":
        # Brussels (1000-1299), Walloon Brabant (1300-1499) and Wallonia (4000-7999).
        return number < 1500 or 4000 <= number < 8000
    if country == "CH":
        # Geneva, Vaud, Valais, Fribourg, Neuchâtel and Jura, all below 3000.
        return number < 3000
    return True


def load_towns() -> dict[str, TownPool]:
    """Per country, the big towns (weighted by number of postal codes) and all the others.

    A French name shared by villages of several departments ("Saint-Michel") is one town per
    department, so that it does not count as a city. Belgian and Swiss towns in French-speaking
    areas weigh three times more, as a French-language directory would list them.
    """
    codes: dict[tuple[str, str, str], dict[str, tuple[float, float]]] = defaultdict(dict)
    with gzip.open(places.DATA_FILE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            country, code = row["country"], row["postal_code"]
            # CEDEX and similar codes route mail to an office: no group is "in" them.
            if country not in COUNTRY_SHARES or " " in code:
                continue
            area = code[:2] if country == "FR" else ""
            point = (float(row["lat"]), float(row["lon"]))
            codes[(country, row["name"], area)].setdefault(code, point)
    by_country: dict[str, list[Town]] = defaultdict(list)
    for (country, name, _area), points in codes.items():
        code = min(points)
        lat, lon = points[code]
        weight = len(points) * (3 if is_francophone(country, code) else 1)
        by_country[country].append(Town(country, name, code, lat, lon, weight))
    result = {}
    for country, towns in by_country.items():
        towns.sort(key=lambda town: (-town.weight, town.name, town.postal_code))
        big, small = towns[: BIG_TOWNS[country]], towns[BIG_TOWNS[country] :]
        result[country] = TownPool(
            big,
            list(accumulate(t.weight for t in big)),
            small,
            list(accumulate(t.weight for t in small)),
        )
    return result


def pick_town(rng: random.Random, towns: dict[str, TownPool]) -> Town:
    country = rng.choices(list(COUNTRY_SHARES), weights=list(COUNTRY_SHARES.values()))[0]
    pool = towns[country]
    if rng.random() < BIG_TOWN_SHARE:
        return rng.choices(pool.big, cum_weights=pool.big_cumulative)[0]
    return rng.choices(pool.small, cum_weights=pool.small_cumulative)[0]


def ensure_themes_and_organisations(
    towns: dict[str, TownPool],
) -> tuple[dict[str, Theme], dict[str, list[Organisation]]]:
    catalogue = demo_catalogue()
    themes = demo.load_themes(catalogue)
    organisations: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in demo.load_organisations(catalogue).values():
        organisations[organisation.country].append(organisation)
    # More accompanying organisations in the biggest towns, as a national network would have.
    for country, pool in towns.items():
        for town in pool.big[:12]:
            slug = slugify(f"entraide {town.name} {town.postal_code}")
            organisation, _ = Organisation.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": f"Maison de l'entraide de {town.name}",
                    "description": (
                        f"La Maison de l'entraide de {town.name} accompagne les groupes de la "
                        "région, de l'idée de départ jusqu'à l'autonomie."
                    ),
                    "country": country,
                    "town": town.name,
                    "contact_email": f"contact@{slug}.example",
                },
            )
            organisations[country].append(organisation)
    return themes, organisations


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def make_group(
    rng: random.Random,
    number: int,
    towns: dict[str, TownPool],
    organisations: dict[str, list[Organisation]],
) -> tuple[SupportGroup, list[str]]:
    theme_slugs = list(VOCABULARY)
    main_theme = rng.choice(theme_slugs)
    chosen = [main_theme]
    if rng.random() < 0.15:
        chosen.append(rng.choice([slug for slug in theme_slugs if slug != main_theme]))
    names, subjects = VOCABULARY[main_theme]
    subject = rng.choice(subjects)
    group_format = rng.choices(["in_person", "online", "hybrid"], weights=[81, 11, 8])[0]

    town: Town | None = None
    if group_format == "online":
        name = f"{rng.choice(names)} — groupe en ligne"
        country = rng.choices(list(COUNTRY_SHARES), weights=list(COUNTRY_SHARES.values()))[0]
        place_line = rng.choice(ONLINE_LINES)
    else:
        town = pick_town(rng, towns)
        country = town.country
        name = rng.choice(
            [f"{rng.choice(names)} — {town.name}", f"{rng.choice(names)} de {town.name}"]
        )
        place_line = rng.choice(PLACE_LINES).format(town=town.name)

    middles = rng.sample(MIDDLES, rng.randint(1, 3))
    description = " ".join([rng.choice(OPENINGS).format(subject=subject), *middles, place_line])
    frequency = rng.choices(
        ["monthly_weekday", "fortnightly", "weekly", "monthly_date"], weights=[55, 18, 18, 4]
    )[0]
    start, end = rng.choice(TIMES)
    weekday = rng.randrange(7) if frequency != "monthly_date" else None
    cost = rng.choices(["free", "contribution", "fixed"], weights=[81, 9, 5])[0]
    has_organisation = rng.random() < 0.8
    group = SupportGroup(
        organisation=rng.choice(organisations[country]) if has_organisation else None,
        name=name[:150],
        slug=f"{slugify(name)[:100]}-{number}",
        summary=rng.choice(SUMMARIES).format(subject=subject),
        description=description,
        kind=rng.choices(["talk", "information", "activity"], weights=[68, 16, 11])[0],
        audience=rng.choices(["concerned", "relatives", "both"], weights=[61, 19, 15])[0],
        companions_welcome=rng.random() < 0.18,
        format=group_format,
        languages=rng.choice(LANGUAGES[country]),
        country=country,
        postal_code=town.postal_code if town else "",
        town=town.name if town else "",
        latitude=town.lat if town else None,
        longitude=town.lon if town else None,
        frequency=frequency,
        weekday=weekday,
        week_of_month=rng.choice([1, 2, 3, 4, -1]) if frequency == "monthly_weekday" else None,
        day_of_month=rng.randint(1, 28) if frequency == "monthly_date" else None,
        start_time=_time(start),
        end_time=_time(end),
        rhythm_note=rng.choice(RHYTHM_NOTES),
        cost=cost,
        cost_amount=Decimal(rng.choice(["2", "3", "5", "8"])) if cost == "fixed" else None,
        step_free_access=rng.random() < 0.8,
        hearing_loop=rng.random() < 0.2,
        sign_language=rng.random() < 0.04,
        easy_read=rng.random() < 0.12,
        status=rng.choices(["open", "founding", "full", "paused"], weights=[89, 3, 2, 1])[0],
        accepting_members=rng.random() < 0.92,
        is_published=True,
    )
    return group, chosen


def place_queries(groups: list[SupportGroup], count: int, rng: random.Random) -> list[str]:
    """Postal codes of towns that have groups, as a visitor would type them.

    Two thirds are among the towns with the most groups, the rest among the others, so the
    scenario mixes dense cities and small towns. Belgian and Swiss codes carry their prefix
    ("B-4000", "CH-1003"), since a bare 4-digit code is read as Belgian first.
    """
    per_code: dict[tuple[str, str], int] = defaultdict(int)
    for group in groups:
        if group.postal_code:
            per_code[(group.country, group.postal_code)] += 1
    ranked = sorted(per_code, key=lambda key: (-per_code[key], key))
    dense = ranked[:count]
    sparse = ranked[len(dense) :]
    picked = rng.sample(dense, min(len(dense), count * 2 // 3))
    picked += rng.sample(sparse, min(len(sparse), count - len(picked)))
    prefix = {"FR": "", "BE": "B-", "CH": "CH-"}
    queries = []
    for country, code in picked:
        text = f"{prefix[country]}{code}"
        place = places.resolve(text)
        if place is not None and place.country == country:
            queries.append(text)
    return queries


def seed(count: int) -> dict[str, object]:
    rng = random.Random(SEED)
    started = time.perf_counter()
    towns = load_towns()
    themes, organisations = ensure_themes_and_organisations(towns)
    made = [make_group(rng, number, towns, organisations) for number in range(1, count + 1)]
    groups = [group for group, _ in made]
    for group in groups:
        group.clean_fields(exclude=["organisation"])
    with transaction.atomic():
        created = SupportGroup.objects.bulk_create(groups, batch_size=1000)
        through = SupportGroup.themes.through
        links = [
            through(supportgroup_id=group.pk, theme_id=themes[slug].pk)
            for group, (_, slugs) in zip(created, made, strict=True)
            for slug in slugs
        ]
        through.objects.bulk_create(links, batch_size=5000)
        # The searchable words exactly as the app computes them on every save.
        with_relations = (
            SupportGroup.objects.filter(pk__in=[group.pk for group in created])
            .select_related("organisation")
            .prefetch_related("themes")
        )
        rows = [
            (search_text_for(group), group.pk) for group in with_relations.iterator(chunk_size=2000)
        ]
        # One statement sent many times in a pipeline: much faster than bulk_update's CASE.
        table = SupportGroup._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", rows)  # noqa: S608
        refresh_search_vectors(SupportGroup.objects.filter(pk__in=[group.pk for group in created]))
    return {
        "groups": len(created),
        "themes": len(themes),
        "theme_links": len(links),
        "organisations": Organisation.objects.count(),
        "online": sum(1 for group in groups if group.format == "online"),
        "towns": len({(group.country, group.postal_code) for group in groups if group.postal_code}),
        "place_queries": place_queries(groups, 50, random.Random(SEED + 1)),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()
    if SupportGroup.objects.exists():
        raise SystemExit("The benchmark database already has groups: recreate it first.")
    result = seed(args.groups)
    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"Seeded {result['groups']} groups in {result['towns']} towns "
        f"({result['online']} online) in {result['seconds']} s."
    )


if __name__ == "__main__":
    main()
