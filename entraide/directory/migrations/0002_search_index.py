"""A French full-text index for PostgreSQL; other databases search without it.

The indexed expression is the one django.contrib.postgres's SearchVector("search_text",
config="french") writes, so the planner can use the index for directory searches.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS group_search_fr ON directory_supportgroup "
    "USING gin (to_tsvector('french'::regconfig, COALESCE(search_text, '')))"
)


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS group_search_fr")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
