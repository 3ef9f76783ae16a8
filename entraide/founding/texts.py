"""What a group being founded says about itself to the outside (seed 001, step 2).

The flyer, the post for social networks and the press-release draft are all built here from
the group's public side only: what the directory already shows (name, summary, themes, town,
kind, audience, cost), the date of the information session, and the group's public address.
Never a person's name, e-mail or phone: people write through the group's page.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.directory.models import SupportGroup
from entraide.founding.models import FoundingSession, Initiative, Relay
from entraide.lib.dates import moment_label


@dataclass(frozen=True)
class PublicFacts:
    """The group as the outside may know it, in the active language."""

    name: str
    summary: str
    themes: list[str]
    area: str
    town: str
    kind: str
    audience: str
    online_only: bool
    first_date: str
    url: str
    is_free: bool
    organisation: str


def public_url(group: SupportGroup) -> str:
    """The group's page in the directory, as an absolute address to print or share."""
    return settings.SITE_URL + group.get_absolute_url()


def information_session_start(initiative: Initiative) -> dt.datetime | None:
    """When the information session starts, in the group's time zone, if it has a date."""
    session = (
        initiative.sessions.filter(kind=FoundingSession.Kind.INFORMATION, meeting__isnull=False)
        .select_related("meeting")
        .first()
    )
    if session is None or session.meeting is None or session.is_cancelled:
        return None
    return timezone.localtime(session.meeting.starts_at, initiative.group.time_zone)


def area_label(group: SupportGroup) -> str:
    """Where the group meets, as precisely as the directory says it: the town, never more."""
    if group.is_online_only or not group.town:
        return _("en ligne") if group.is_online_only else ""
    if group.format == SupportGroup.Format.HYBRID:
        return _("%(town)s ou en ligne") % {"town": group.town}
    return group.town


def public_facts(initiative: Initiative) -> PublicFacts:
    group = initiative.group
    start = information_session_start(initiative)
    organisation = (
        initiative.organisation.name
        if initiative.is_accompanied and initiative.organisation is not None
        else ""
    )
    return PublicFacts(
        name=group.name,
        summary=group.summary,
        themes=[theme.name for theme in group.themes.all()],
        area=area_label(group),
        town=group.town,
        kind=str(group.get_kind_display()),
        audience=str(group.get_audience_display()),
        online_only=group.is_online_only,
        first_date=moment_label(start) if start is not None else "",
        url=public_url(group),
        is_free=group.cost == SupportGroup.Cost.FREE,
        organisation=organisation,
    )


def _where(facts: PublicFacts) -> str:
    """Where, in words: à Nantes, à Nantes ou en ligne, en ligne; nothing if the town is unknown."""
    if facts.online_only:
        return _("en ligne")
    return _("à %(area)s") % {"area": facts.area} if facts.area else ""


def social_post(initiative: Initiative) -> str:
    """A short post for social networks, ready to copy."""
    facts = public_facts(initiative)
    where = _where(facts)
    lines = [
        (
            _("Un groupe d'entraide se crée %(where)s : « %(name)s ».")
            % {"where": where, "name": facts.name}
            if where
            else _("Un groupe d'entraide se crée : « %(name)s ».") % {"name": facts.name}
        ),
        facts.summary,
    ]
    if facts.themes:
        lines.append(_("Thème : %(themes)s.") % {"themes": ", ".join(facts.themes)})
    details = _("%(kind)s, pour les %(audience)s.") % {
        "kind": facts.kind[:1].upper() + facts.kind[1:],
        "audience": facts.audience,
    }
    if facts.is_free:
        free = _("Gratuit.")
        details = f"{details} {free}"
    lines.append(details)
    if facts.first_date:
        lines.append(
            _("Première rencontre, pour faire connaissance : %(date)s.")
            % {"date": facts.first_date}
        )
    lines.append(_("On peut venir d'abord pour écouter : personne n'est obligé de parler."))
    lines.append(
        _("Pour en savoir plus et dire que cela vous intéresse : %(url)s") % {"url": facts.url}
    )
    return "\n".join(line for line in lines if line)


def press_release(initiative: Initiative) -> str:
    """A draft press release for local media, to adapt before sending (seed 001)."""
    facts = public_facts(initiative)
    where = _where(facts)
    title = (
        _("Un groupe d'entraide en création %(where)s") % {"where": where}
        if where
        else _("Un groupe d'entraide en création")
    )
    paragraphs = [
        _("Communiqué de presse"),
        title,
        _("Un nouveau groupe d'entraide, « %(name)s », cherche ses premiers membres. %(summary)s")
        % {"name": facts.name, "summary": facts.summary},
    ]
    about = _("Le groupe s'adresse aux %(audience)s. Type de groupe : %(kind)s.") % {
        "audience": facts.audience,
        "kind": facts.kind,
    }
    if facts.themes:
        themes = _("Thème : %(themes)s.") % {"themes": ", ".join(facts.themes)}
        about = f"{about} {themes}"
    paragraphs.append(about)
    paragraphs.append(
        _(
            "Dans un groupe d'entraide, des personnes qui vivent une même difficulté se "
            "retrouvent régulièrement pour partager leur expérience et se soutenir. Le groupe "
            "décide lui-même de son fonctionnement ; ce qui s'y dit reste dans le groupe."
        )
    )
    if facts.first_date:
        paragraphs.append(
            _(
                "Une séance d'information est prévue le %(date)s : on y présente l'entraide, "
                "on fait connaissance et on recueille les attentes de chacun."
            )
            % {"date": facts.first_date}
        )
    cost = _("La participation est gratuite.") if facts.is_free else ""
    if facts.organisation:
        paragraphs.append(
            " ".join(
                part
                for part in (
                    _("Le groupe est accompagné par l'organisation %(organisation)s.")
                    % {"organisation": facts.organisation},
                    cost,
                )
                if part
            )
        )
    elif cost:
        paragraphs.append(cost)
    paragraphs.append(
        _("Pour en savoir plus ou rejoindre le groupe : %(url)s") % {"url": facts.url}
    )
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    title: str
    hint: str


def relay_suggestions(initiative: Initiative) -> list[Suggestion]:
    """Whom to tell about the group (seeds 001, 003, 004), the themes named where they help."""
    themes = ", ".join(theme.name for theme in initiative.group.themes.all())
    on_theme = (
        _(
            "Les associations qui travaillent sur le thème (%(themes)s) : elles connaissent "
            "les personnes concernées."
        )
        % {"themes": themes}
        if themes
        else _(
            "Les associations qui travaillent sur le même thème : elles connaissent "
            "les personnes concernées."
        )
    )
    return [
        Suggestion(Relay.Kind.ORGANISATION, _("Associations"), on_theme),
        Suggestion(
            Relay.Kind.PROFESSIONAL,
            _("Professionnel·les de santé et du social"),
            _(
                "Médecins, infirmier·es, psychologues, assistant·es sociaux : ils peuvent parler "
                "du groupe à leurs patients et soutenir sa publicité."
            ),
        ),
        Suggestion(
            Relay.Kind.TOWN_HALL,
            _("La mairie"),
            _(
                "Les mairies, les CCAS et les maisons des associations recensent les groupes "
                "locaux et prêtent parfois une salle."
            ),
        ),
        Suggestion(
            Relay.Kind.SOCIAL_CENTRE,
            _("Les centres sociaux"),
            _("Ils accueillent du public chaque jour et ont souvent un panneau d'affichage."),
        ),
        Suggestion(
            Relay.Kind.PHARMACY,
            _("Les pharmacies"),
            _("Une affiche près du comptoir touche beaucoup de monde dans le quartier."),
        ),
        Suggestion(
            Relay.Kind.MEDIA,
            _("Les médias locaux"),
            _(
                "Le journal local, la radio ou le bulletin municipal : envoyez-leur le "
                "communiqué ci-dessous."
            ),
        ),
    ]
