"""The writes of the recruitment step: the quorum and the list of partner relays.

Relays are the group's own working notes about public organisations (who was told, when,
what came of it): they are not journaled, unlike decisions about people.
"""

from typing import Any

from entraide.founding.models import Initiative, Relay

RELAY_FIELDS = ("name", "kind", "contact", "contacted_on", "contacted_by", "note")


def set_quorum(initiative: Initiative, quorum: int) -> Initiative:
    """How many people the group waits for before its first meetings (seed 000: 6 to 10)."""
    initiative.quorum = quorum
    initiative.save(update_fields=["quorum", "updated_at"])
    return initiative


def add_relay(initiative: Initiative, fields: dict[str, Any]) -> Relay:
    return Relay.objects.create(
        initiative=initiative, **{name: fields[name] for name in RELAY_FIELDS}
    )


def update_relay(relay: Relay, fields: dict[str, Any]) -> Relay:
    for name in RELAY_FIELDS:
        setattr(relay, name, fields[name])
    relay.save(update_fields=list(RELAY_FIELDS))
    return relay


def delete_relay(relay: Relay) -> None:
    relay.delete()
