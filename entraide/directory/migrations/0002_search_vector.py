"""Stored French search vectors and their GIN index on PostgreSQL; an index on the format.

Other databases keep the column empty and search search_text instead.
"""

import django.contrib.postgres.search
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def index_and_fill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS group_search_vector ON directory_supportgroup "
        "USING gin (search_vector)"
    )
    schema_editor.execute(
        "UPDATE directory_supportgroup "
        "SET search_vector = to_tsvector('french'::regconfig, COALESCE(search_text, ''))"
    )


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS group_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportgroup",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="supportgroup",
            index=models.Index(fields=["format"], name="group_format"),
        ),
        migrations.RunPython(index_and_fill, drop_index, elidable=False),
    ]
