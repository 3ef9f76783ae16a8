"""Encryption at rest for what a person writes for themselves or confides (carnet, concerns) and
for where groups meet (meeting places, often someone's home).

Fernet (AES-128 in CBC mode with an HMAC-SHA256, from `cryptography`) with several keys:
the first key of `settings.ENCRYPTION_KEYS` encrypts, every key decrypts. The keys come from
the environment (`ENCRYPTION_KEYS`, or a file named by `ENCRYPTION_KEYS_FILE`), never from
the database, so a copy of the database or of its backups alone reads nothing.

Rotation: put a new key first (`python -m entraide.lib.crypto` prints one), restart, run
`manage.py rotate_encryption_keys` (every encrypted value is written again under the first
key), then remove the old key.

An encrypted column can be read and written, never searched or sorted on: every token differs,
even for the same text.
"""

import json
from functools import cache
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Combinable, Expression
from django_stubs_ext import monkeypatch

# Lets a model field class name its types at run time, as below (settings does it too; here for
# `python -m entraide.lib.crypto`, which runs without them).
monkeypatch()

# What a field takes and gives, for the type checker: text by default, anything for JSON.
_ST = TypeVar("_ST", default=str | Combinable)
_GT = TypeVar("_GT", default=str)

MISSING_KEYS = "Set ENCRYPTION_KEYS (or ENCRYPTION_KEYS_FILE), or DEBUG=1 for development."


class UnreadableValueError(Exception):
    """A stored value that none of the keys opens: a key was removed too early."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(MISSING_KEYS)
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeEncodeError) as error:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEYS: each key must be 32 url-safe base64-encoded bytes "
            "(python -m entraide.lib.crypto prints one)."
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise UnreadableValueError from error


def is_under_first_key(token: str) -> bool:
    """Whether the first key alone opens this token (after a rotation, every token should)."""
    first = Fernet(settings.ENCRYPTION_KEYS[0].encode("ascii"))
    try:
        first.decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField[_ST, _GT]):
    """Text stored as a Fernet token; Python code sees the text (typed `str` by default).

    The database holds only tokens. The column cannot be filtered on (except `isnull`).
    """

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(self.to_text(value))

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None:
            return None
        return self.from_text(decrypt(value))

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


class EncryptedJSONField(EncryptedTextField[Any, Any]):
    """A JSON value (a dict of answers, a number…) stored as one Fernet token."""

    def to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt(self.to_text(value))


def encrypt_column(model: type[models.Model], name: str, using: str) -> None:
    """For a data migration: encrypt every value of a column still holding plain text (the
    migration's historical model, before the field becomes an EncryptedTextField)."""
    for pk, text in model._default_manager.using(using).values_list("pk", name).iterator():
        model._default_manager.using(using).filter(pk=pk).update(**{name: encrypt(text or "")})


def decrypt_column(model: type[models.Model], name: str, using: str) -> None:
    """The way back of `encrypt_column`: every token of the column written as plain text."""
    for pk, token in model._default_manager.using(using).values_list("pk", name).iterator():
        model._default_manager.using(using).filter(pk=pk).update(
            **{name: decrypt(token) if token else ""}
        )


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted columns, and their names: what a rotation rewrites."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if names:
            found.append((model, names))
    return found


if __name__ == "__main__":
    print(Fernet.generate_key().decode("ascii"))
