"""Themes get their other words (the search's synonym list), and every group's searchable words
are written again in the new French form (gender and number folded, compounds joined)."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from entraide.lib.text import index_words


def rewrite_search_text(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The parts of directory.actions.search_text_for, read from this migration's models.
    support_group = apps.get_model("directory", "SupportGroup")
    for group in support_group.objects.select_related("organisation").prefetch_related("themes"):
        parts = [
            group.name,
            group.summary,
            group.description,
            group.town,
            group.postal_code,
            str(group.get_kind_display()),
            group.organisation.name if group.organisation else "",
        ]
        for theme in group.themes.all():
            parts.extend([theme.name_fr, theme.name_en, theme.keywords.replace(",", " ")])
        support_group.objects.filter(pk=group.pk).update(search_text=index_words(" ".join(parts)))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE directory_supportgroup "
            "SET search_vector = to_tsvector('french'::regconfig, COALESCE(search_text, ''))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_encrypt_meeting_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="keywords",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Les variantes et synonymes que les gens écrivent, dans les deux langues, "
                    "séparés par des virgules : « burn-out, burnout, épuisement professionnel ». "
                    "La recherche les trouve comme le nom de la thématique."
                ),
                max_length=1000,
                verbose_name="autres mots pour la trouver",
            ),
        ),
        migrations.RunPython(rewrite_search_text, migrations.RunPython.noop, elidable=False),
    ]
