import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from entraide.lib import recurrence as meeting_rules
from entraide.lib.crypto import EncryptedTextField
from entraide.lib.dates import time_label
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.organisations.models import Organisation

if TYPE_CHECKING:
    from entraide.meetings.models import MeetingSeries

COUNTRY_CHOICES = [
    ("FR", _("France")),
    ("BE", _("Belgique")),
    ("CH", _("Suisse")),
    ("LU", _("Luxembourg")),
    ("MC", _("Monaco")),
]
COUNTRY_TIME_ZONES = {
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "CH": "Europe/Zurich",
    "LU": "Europe/Luxembourg",
    "MC": "Europe/Monaco",
}
# The accessibility features a group may offer: boolean fields of SupportGroup, filtered on
# in the search and listed on the group's page.
ACCESSIBILITY_FLAGS = ("step_free_access", "hearing_loop", "sign_language", "easy_read")
WEEKDAYS = [
    (0, _("lundi")),
    (1, _("mardi")),
    (2, _("mercredi")),
    (3, _("jeudi")),
    (4, _("vendredi")),
    (5, _("samedi")),
    (6, _("dimanche")),
]


class ThemeQuerySet(models.QuerySet["Theme"]):
    def offered(self) -> "ThemeQuerySet":
        """The themes offered to everyone: in the lists, the filters and the forms."""
        return self.filter(is_accepted=True)


class Theme(models.Model):
    """A topic that brings people together: social, psychological or somatic health (seed 001)."""

    class Domain(models.TextChoices):
        SOCIAL = "social", _("santé sociale")
        PSYCHOLOGICAL = "psychological", _("santé psychique")
        SOMATIC = "somatic", _("santé physique")

    slug = models.SlugField(_("adresse courte"), max_length=60, unique=True)
    name_fr = models.CharField(_("nom en français"), max_length=80)
    name_en = models.CharField(_("nom en anglais"), max_length=80)
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain.choices, blank=True)
    # A theme an initiator proposed for their group waits for a coordinator (or the site team)
    # before it is offered to everyone; the group shows it meanwhile.
    is_accepted = models.BooleanField(_("acceptée"), default=True)
    proposed_for = models.ForeignKey(
        "SupportGroup",
        verbose_name=_("proposée pour le groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_themes",
    )
    added_by = models.ForeignKey(
        Organisation,
        verbose_name=_("ajoutée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="themes_added",
    )
    # The themes an organisation says it works on, on its public page (its admins choose).
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations qui s'y consacrent"),
        blank=True,
        related_name="declared_themes",
    )

    # The synonym list of the search, kept with its theme: the words people use for it that
    # its names do not say (a variant spelling, a synonym, a word of the other language).
    keywords = models.TextField(
        _("autres mots pour la trouver"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Les variantes et synonymes que les gens écrivent, dans les deux langues, séparés "
            "par des virgules : « burn-out, burnout, épuisement professionnel ». La recherche "
            "les trouve comme le nom de la thématique."
        ),
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_fr


class SupportGroup(models.Model):
    """A peer-support group (groupe d'entraide) as the public directory shows it.

    Only what a newcomer needs before daring to come is public (seed 003 FAQ): when, roughly
    where, who it is for, whether one must speak or pay. The exact meeting place is never
    stored here: the point is the town's, so the map cannot lead to anyone's door.
    """

    class Kind(models.TextChoices):
        TALK = "talk", _("groupe de parole")
        INFORMATION = "information", _("échange d'informations")
        ACTIVITY = "activity", _("activité partagée")

    class Audience(models.TextChoices):
        CONCERNED = "concerned", _("personnes concernées")
        RELATIVES = "relatives", _("proches")
        BOTH = "both", _("personnes concernées et proches")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("en présentiel")
        ONLINE = "online", _("en ligne")
        HYBRID = "hybrid", _("hybride (sur place et en ligne)")

    class Status(models.TextChoices):
        FOUNDING = "founding", _("en création")
        OPEN = "open", _("ouvert")
        FULL = "full", _("complet")
        PAUSED = "paused", _("en pause")

    class Cost(models.TextChoices):
        FREE = "free", _("gratuit")
        CONTRIBUTION = "contribution", _("participation libre")
        FIXED = "fixed", _("participation fixe")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("chaque semaine")
        FORTNIGHTLY = "fortnightly", _("toutes les deux semaines")
        MONTHLY_WEEKDAY = "monthly_weekday", _("un jour de semaine par mois")
        MONTHLY_DATE = "monthly_date", _("une date par mois")
        IRREGULAR = "irregular", _("selon un calendrier")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation d'accompagnement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
    )
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("adresse courte"), max_length=120, unique=True)
    summary = models.CharField(_("en une phrase"), max_length=240)
    description = models.TextField(_("présentation"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("thématiques"), related_name="groups")
    kind = models.CharField(_("type de groupe"), max_length=20, choices=Kind.choices)
    audience = models.CharField(_("pour qui"), max_length=20, choices=Audience.choices)
    companions_welcome = models.BooleanField(_("on peut venir accompagné·e"), default=False)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    languages = models.CharField(
        _("langues"), max_length=60, default="fr", help_text=_("Codes séparés par des virgules.")
    )

    country = models.CharField(_("pays"), max_length=2, choices=COUNTRY_CHOICES, default="FR")
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    town = models.CharField(_("ville"), max_length=100, blank=True)
    # The town's point, never the meeting place's: see the class docstring.
    latitude = models.FloatField(_("latitude approximative"), null=True, blank=True)
    longitude = models.FloatField(_("longitude approximative"), null=True, blank=True)

    # Private: shown only to the group's active members and observers, never in the directory.
    # Encrypted at rest, like every meeting place.
    meeting_place = EncryptedTextField(
        _("lieu exact des rencontres"),
        blank=True,
        help_text=_(
            "Adresse, étage, code d'entrée ou lien de visioconférence. "
            "Visible des membres seulement."
        ),
    )

    frequency = models.CharField(
        _("rythme"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY_WEEKDAY
    )
    weekday = models.PositiveSmallIntegerField(
        _("jour de la semaine"), choices=WEEKDAYS, null=True, blank=True
    )
    week_of_month = models.SmallIntegerField(
        _("semaine du mois"),
        null=True,
        blank=True,
        choices=[(1, _("1re")), (2, _("2e")), (3, _("3e")), (4, _("4e")), (-1, _("dernière"))],
    )
    day_of_month = models.PositiveSmallIntegerField(_("jour du mois"), null=True, blank=True)
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    first_meeting_on = models.DateField(
        _("première rencontre"),
        null=True,
        blank=True,
        help_text=_("Sert aussi de point de départ pour un rythme toutes les deux semaines."),
    )
    rhythm_note = models.CharField(
        _("précision sur le rythme"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple : sauf en août."),
    )

    cost = models.CharField(_("coût"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(
        _("montant par rencontre"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    step_free_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    sign_language = models.BooleanField(_("langue des signes"), default=False)
    easy_read = models.BooleanField(_("documents faciles à lire (FALC)"), default=False)
    accessibility_note = models.CharField(_("autre précision d'accès"), max_length=200, blank=True)

    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    accepting_members = models.BooleanField(_("accueille de nouveaux membres"), default=True)
    is_published = models.BooleanField(_("visible dans l'annuaire"), default=True)

    # Lower-case, accent-free words of everything a visitor may search for, kept up to date by
    # actions.refresh_search_text(); PostgreSQL indexes it for French full-text search.
    search_text = models.TextField(editable=False, default="")
    # PostgreSQL only: search_text as French words (to_tsvector), stored so that searching and
    # ranking never recompute it. Other databases leave it empty (SQLite accepts the type).
    search_vector = SearchVectorField(null=True, editable=False)

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("groupe d'entraide")
        verbose_name_plural = _("groupes d'entraide")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="group_point"),
            models.Index(fields=["is_published", "name"], name="group_published_name"),
            models.Index(fields=["format"], name="group_format"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pages:group", args=[self.slug])

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def language_labels(self) -> list[str]:
        labels = dict(GROUP_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.language_codes]

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_online_only(self) -> bool:
        return self.format == self.Format.ONLINE

    @property
    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(COUNTRY_TIME_ZONES.get(self.country, "Europe/Paris"))

    @property
    def currency(self) -> str:
        return "CHF" if self.country == "CH" else "€"

    def cost_label(self) -> str:
        if self.cost == self.Cost.FIXED and self.cost_amount is not None:
            amount = Decimal(str(self.cost_amount)).quantize(Decimal("0.01"))
            text = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
            if get_language() != "en":
                text = text.replace(".", ",")
            return gettext("%(amount)s %(currency)s par rencontre") % {
                "amount": text,
                "currency": self.currency,
            }
        return str(self.get_cost_display())

    def accessibility_labels(self) -> list[str]:
        labels = [str(label) for flag, label in accessibility_choices() if getattr(self, flag)]
        if self.accessibility_note:
            labels.append(self.accessibility_note)
        return labels

    def active_series(self) -> "MeetingSeries | None":
        """The group's meeting series in force, if it has one (prefetched `series` are used)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "series" in cache:
            active = [series for series in cache["series"] if series.is_active]
            active.sort(key=lambda series: (series.created_at, series.pk), reverse=True)
            return active[0] if active else None
        return self.series.filter(is_active=True).order_by("-created_at", "-pk").first()

    def usual_rhythm(self) -> "tuple[meeting_rules.Rhythm, dt.time | None, dt.time | None] | None":
        """The usual rhythm (its kind and numbers) with its start and end times: the meeting
        series' rule when the group has one, else the directory's fields; None when irregular
        or unknown."""
        series = self.active_series()
        if series is not None:
            rhythm = meeting_rules.rhythm_of(series.rule)
            if rhythm is not None:
                return rhythm, series.start_time, series.end_time
        rhythm = self.directory_rhythm()
        return (rhythm, self.start_time, self.end_time) if rhythm is not None else None

    def directory_rhythm(self) -> "meeting_rules.Rhythm | None":
        """The rhythm the directory's fields describe; None when irregular or incomplete."""
        kinds = {
            self.Frequency.WEEKLY: "weekly",
            self.Frequency.FORTNIGHTLY: "fortnightly",
            self.Frequency.MONTHLY_WEEKDAY: "monthly_weekday",
            self.Frequency.MONTHLY_DATE: "monthly_date",
        }
        kind = kinds.get(self.Frequency(self.frequency))
        if kind is None:
            return None
        return meeting_rules.Rhythm(
            kind, weekday=self.weekday, nth=self.week_of_month, day=self.day_of_month
        )

    def directory_rule(self) -> str | None:
        """The directory's rhythm as an RFC 5545 rule ("FREQ=MONTHLY;BYDAY=1TU"), if complete."""
        rhythm = self.directory_rhythm()
        if rhythm is None:
            return None
        if rhythm.kind in ("weekly", "fortnightly") and rhythm.weekday is not None:
            return meeting_rules.weekly(rhythm.weekday, 2 if rhythm.kind == "fortnightly" else 1)
        if rhythm.kind == "monthly_weekday" and rhythm.weekday is not None and rhythm.nth:
            return meeting_rules.monthly_by_weekday(rhythm.weekday, rhythm.nth)
        if rhythm.kind == "monthly_date" and rhythm.day:
            return meeting_rules.monthly_by_date(rhythm.day)
        return None

    def rhythm_label(self) -> str:
        """The usual rhythm in words, e.g. "le 1er mardi du mois, 18h30–20h".

        With a meeting series, the series' rule says it; otherwise the directory's fields do.
        """
        usual = self.usual_rhythm()
        rhythm, start, end = usual if usual else (meeting_rules.Rhythm(""), None, None)
        return describe_rhythm(
            rhythm.kind,
            weekday=rhythm.weekday,
            nth=rhythm.nth,
            day=rhythm.day,
            start=start if usual else self.start_time,
            end=end if usual else self.end_time,
            note=self.rhythm_note,
        )

    def recurrence(self) -> rrule.rrule | None:
        """The usual rhythm as an RFC 5545 rule in the group's time zone, if it has one:
        the meeting series' rule, else the one the directory's fields describe."""
        local_zone = self.time_zone
        series = self.active_series()
        if series is not None:
            return meeting_rules.parse(
                series.rule,
                meeting_rules.first_start(series.starts_on, series.start_time, local_zone),
            )
        rule = self.directory_rule()
        if rule is None or self.start_time is None:
            return None
        start_day = self.first_meeting_on or dt.date(2024, 1, 1)
        return meeting_rules.parse(
            rule, meeting_rules.first_start(start_day, self.start_time, local_zone)
        )

    def next_by_rhythm(self, after: dt.datetime | None = None) -> dt.datetime | None:
        """The next meeting the usual rhythm gives after a moment (now by default), in the
        group's time zone; None for a paused group or an unknown rhythm.

        The meetings app adds what was planned (a moved, cancelled or extra meeting):
        `meetings.display.next_meeting`.
        """
        if self.status == self.Status.PAUSED:
            return None
        found = self._next_by_rule(after or timezone.now())
        return found.astimezone(self.time_zone) if found is not None else None

    def _next_by_rule(self, after: dt.datetime) -> dt.datetime | None:
        series = self.active_series()
        rule = self.recurrence()
        if rule is None:
            if self.first_meeting_on and self.start_time:
                first = dt.datetime.combine(
                    self.first_meeting_on, self.start_time, tzinfo=self.time_zone
                )
                return first if first > after else None
            return None
        # dateutil keeps the wall-clock time of dtstart for every occurrence and the zone gives
        # each one its own offset, so "18h30" stays 18h30 across daylight-saving changes.
        if series is None:
            occurrence: dt.datetime | None = rule.after(after)
            return occurrence
        # An occurrence that has its meeting row is said by that row (moved or cancelled).
        planned = set(
            series.meetings.filter(occurrence_start__gt=after).values_list(
                "occurrence_start", flat=True
            )
        )
        for occurrence in rule.xafter(after, count=len(planned) + 1):
            if occurrence not in planned:
                return occurrence
        return None


def accessibility_choices() -> list[tuple[str, StrOrPromise]]:
    """(field, label) for each accessibility feature, the label being the field's name."""
    return [
        (flag, SupportGroup._meta.get_field(flag).verbose_name)  # type: ignore[union-attr]
        for flag in ACCESSIBILITY_FLAGS
    ]


def describe_rhythm(
    kind: str,
    *,
    weekday: int | None,
    nth: int | None,
    day: int | None,
    start: dt.time | None,
    end: dt.time | None,
    note: str = "",
) -> str:
    """A rhythm in words: "le 1er mardi du mois, 18h30–20h", "un mardi sur deux"…"""
    weekday_name = str(dict(WEEKDAYS)[weekday]) if weekday is not None else ""
    if kind == "weekly" and weekday_name:
        text = gettext("chaque %(weekday)s") % {"weekday": weekday_name}
    elif kind == "fortnightly" and weekday_name:
        text = gettext("un %(weekday)s sur deux") % {"weekday": weekday_name}
    elif kind == "monthly_weekday" and weekday_name and nth:
        ordinals = {
            1: pgettext("first weekday of the month", "1er"),
            2: pgettext("second weekday of the month", "2e"),
            3: pgettext("third weekday of the month", "3e"),
            4: pgettext("fourth weekday of the month", "4e"),
            5: pgettext("fifth weekday of the month", "5e"),
            -1: pgettext("last weekday of the month", "dernier"),
        }
        text = gettext("le %(ordinal)s %(weekday)s du mois") % {
            "ordinal": ordinals[nth],
            "weekday": weekday_name,
        }
    elif kind == "monthly_date" and day:
        text = gettext("le %(day)s de chaque mois") % {"day": day}
    else:
        text = gettext("selon un calendrier établi par le groupe")
    if start and end:
        text = gettext("%(rhythm)s, %(start)s–%(end)s") % {
            "rhythm": text,
            "start": time_label(start),
            "end": time_label(end),
        }
    elif start:
        text = gettext("%(rhythm)s, à %(start)s") % {
            "rhythm": text,
            "start": time_label(start),
        }
    if note:
        text = f"{text} ({note})"
    return text
