"""The group's exact meeting place encrypted at rest: the addresses written before are
encrypted first, while the column still holds plain text; the way back writes them in clear."""

from typing import Any

from django.db import migrations

import entraide.lib.crypto
from entraide.lib.crypto import decrypt_column, encrypt_column


def encrypt_places(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("directory", "SupportGroup")
    encrypt_column(group, "meeting_place", schema_editor.connection.alias)


def decrypt_places(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("directory", "SupportGroup")
    decrypt_column(group, "meeting_place", schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_supportgroup_meeting_place"),
    ]

    operations = [
        migrations.RunPython(encrypt_places, decrypt_places),
        migrations.AlterField(
            model_name="supportgroup",
            name="meeting_place",
            field=entraide.lib.crypto.EncryptedTextField(
                blank=True,
                help_text=(
                    "Adresse, étage, code d'entrée ou lien de visioconférence. "
                    "Visible des membres seulement."
                ),
                verbose_name="lieu exact des rencontres",
            ),
        ),
    ]
