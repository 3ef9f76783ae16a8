"""Meeting places encrypted at rest: the addresses written before are encrypted first, while
the columns still hold plain text; the way back writes them in clear again."""

from typing import Any

from django.db import migrations

import entraide.lib.crypto
from entraide.lib.crypto import decrypt_column, encrypt_column

PLACES = [("Meeting", "place"), ("MeetingSeries", "place")]


def encrypt_places(apps: Any, schema_editor: Any) -> None:
    for model, name in PLACES:
        encrypt_column(apps.get_model("meetings", model), name, schema_editor.connection.alias)


def decrypt_places(apps: Any, schema_editor: Any) -> None:
    for model, name in PLACES:
        decrypt_column(apps.get_model("meetings", model), name, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_role_host"),
    ]

    operations = [
        migrations.RunPython(encrypt_places, decrypt_places),
        migrations.AlterField(
            model_name="meeting",
            name="place",
            field=entraide.lib.crypto.EncryptedTextField(
                blank=True, max_length=1000, verbose_name="adresse pour cette rencontre"
            ),
        ),
        migrations.AlterField(
            model_name="meetingseries",
            name="place",
            field=entraide.lib.crypto.EncryptedTextField(
                blank=True, max_length=1000, verbose_name="adresse"
            ),
        ),
    ]
