"""People for the load scenario (benchmarks/load.py): accounts, memberships, planned meetings.

Run by benchmarks/load.py as ``python -m benchmarks.people --accounts 300 --groups 40 --manifest
FILE`` after benchmarks.seed, with DJANGO_SETTINGS_MODULE and DATABASE_URL pointing at the load
database. Everything is drawn from a seeded random generator.

- ``--accounts`` people, ``load-N@bench.example``, each with a verified primary e-mail address
  (allauth's EmailAddress: sign-in needs it, ACCOUNT_EMAIL_VERIFICATION is mandatory) and the
  same password, hashed once with the app's own hasher and the hash reused: Argon2 costs about
  a tenth of a second, three hundred times would be half a minute for nothing;
- ``--groups`` published groups that accept members, each with one facilitator among the
  people and two planned meetings in the coming weeks, without a capacity (so that every
  "coming" is a seat, never a refusal);
- each person an active member of one to three of these groups.

Writes the manifest (JSON): the password, and per person their id, e-mail and groups with the
ids of their meetings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from entraide.accounts.models import User  # noqa: E402
from entraide.directory.models import SupportGroup  # noqa: E402
from entraide.meetings.models import Meeting  # noqa: E402
from entraide.membership.models import Membership  # noqa: E402

SEED = 20_261_207
PASSWORD = "une soirée calme au café des aidants"  # noqa: S105 (a bench account's, on loopback)
FIRST_NAMES = [
    "Anne", "Bruno", "Claire", "David", "Élise", "Farid", "Gaëlle", "Hugo", "Inès", "Jules",
    "Karima", "Louis", "Maëlle", "Nicolas", "Océane", "Pierre", "Rose", "Samuel", "Théo", "Yasmine",
]  # fmt: skip


def seed(accounts: int, group_count: int) -> dict[str, object]:
    rng = random.Random(SEED)
    started = time.perf_counter()
    hashed = make_password(PASSWORD)
    groups = list(
        SupportGroup.objects.filter(is_published=True, accepting_members=True)
        .exclude(format="online")
        .order_by("pk")[: group_count * 5]
    )
    groups = sorted(rng.sample(groups, min(group_count, len(groups))), key=lambda g: g.pk)
    now = timezone.now()
    with transaction.atomic():
        people = User.objects.bulk_create(
            [
                User(
                    email=f"load-{number}@bench.example",
                    display_name=f"{rng.choice(FIRST_NAMES)} {number}",
                    password=hashed,
                )
                for number in range(accounts)
            ],
            batch_size=1000,
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=person, email=person.email, verified=True, primary=True)
                for person in people
            ],
            batch_size=1000,
        )
        meetings: dict[int, list[int]] = {}
        for number, group in enumerate(groups):
            day = (now + dt.timedelta(days=7 + number % 14)).replace(
                hour=18, minute=30, second=0, microsecond=0
            )
            made = Meeting.objects.bulk_create(
                [
                    Meeting(
                        group=group,
                        starts_at=day + dt.timedelta(weeks=week),
                        ends_at=day + dt.timedelta(weeks=week, hours=2),
                    )
                    for week in (0, 4)
                ]
            )
            meetings[group.pk] = [meeting.pk for meeting in made]
        memberships = []
        joined: dict[int, list[SupportGroup]] = {}
        for number, person in enumerate(people):
            # Everyone in at least one group; the first people facilitate one group each.
            mine = rng.sample(groups, rng.choice([1, 1, 2, 2, 3]))
            if number < len(groups) and groups[number] not in mine:
                mine[0] = groups[number]
            joined[person.pk] = mine
            for group in mine:
                memberships.append(
                    Membership(
                        user=person,
                        group=group,
                        role=(
                            Membership.Role.FACILITATOR
                            if number < len(groups) and group == groups[number]
                            else Membership.Role.MEMBER
                        ),
                        status=Membership.Status.ACTIVE,
                        decided_at=now,
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=2000)
    return {
        "password": PASSWORD,
        "people": [
            {
                "id": person.pk,
                "email": person.email,
                "groups": [
                    {"slug": group.slug, "meetings": meetings[group.pk]}
                    for group in joined[person.pk]
                ],
            }
            for person in people
        ],
        "groups": len(groups),
        "memberships": len(memberships),
        "meetings": sum(len(ids) for ids in meetings.values()),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--accounts", type=int, default=300)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()
    if User.objects.filter(email__endswith="@bench.example").exists():
        raise SystemExit("The load database already has its people: recreate it first.")
    result = seed(args.accounts, args.groups)
    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"Seeded {args.accounts} people, {result['memberships']} memberships in "
        f"{result['groups']} groups, {result['meetings']} planned meetings in "
        f"{result['seconds']} s."
    )


if __name__ == "__main__":
    main()
