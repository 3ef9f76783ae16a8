"""What a message may carry to the worker, and how the worker gets its context back.

A message carries the objects it is about by model and id, dates, numbers and short codes
(`pack`); the worker reads the objects again (`unpack`), so that the task table never holds
what a person wrote, and a message shows the objects as they are when it leaves.

An app whose message needs more than its objects (what one recipient may see, a sentence
built in their language) registers a builder for its template (`register`, from its
`AppConfig.ready`): the worker calls it with the unpacked context and the recipient, in the
recipient's language and the message's time zone.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.apps import apps
from django.db import models

from entraide.accounts.models import User

Builder = Callable[[Mapping[str, Any], User | None], Mapping[str, Any]]

# A code ("moved", "acknowledged"), never a sentence: words go through `private=`.
CODE = re.compile(r"[\w.-]{0,64}")

_builders: dict[str, Builder] = {}


def register(template: str, builder: Builder) -> None:
    """Let `builder` complete the context of the messages rendered from `template`."""
    _builders[template] = builder


def built(template: str, context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    builder = _builders.get(template)
    return dict(builder(context, to)) if builder is not None else {}


def pack(value: object) -> Any:
    """A JSON value that names `value` without copying words; TypeError for anything else."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        if not CODE.fullmatch(value):
            raise TypeError(f"only short codes travel in clear, not {value[:20]!r}…")
        return value
    if isinstance(value, models.Model):
        return {"$model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [pack(each) for each in value]
    raise TypeError(f"cannot send {type(value).__name__} to the worker")


def unpack(value: Any) -> Any:
    """The value `pack` named, read again; an object deleted since becomes None."""
    if isinstance(value, list):
        return [unpack(each) for each in value]
    if isinstance(value, dict):
        if "$model" in value:
            model = apps.get_model(value["$model"])
            return model._default_manager.filter(pk=value["pk"]).first()
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
    return value
