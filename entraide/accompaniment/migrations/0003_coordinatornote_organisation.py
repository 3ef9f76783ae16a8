import django.db.models.deletion
from django.db import migrations, models


def notes_belong_to_the_asked_organisation(apps, schema_editor):
    """Notes written before this field was added belong to the organisation the project asked;
    a note whose project no longer names one cannot be attributed, and is removed."""
    CoordinatorNote = apps.get_model("accompaniment", "CoordinatorNote")
    for note in CoordinatorNote.objects.select_related("initiative"):
        if note.initiative.organisation_id is None:
            note.delete()
        else:
            note.organisation_id = note.initiative.organisation_id
            note.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0002_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="coordinatornote",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(notes_belong_to_the_asked_organisation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="coordinatornote",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="coordinatornote",
            index=models.Index(fields=["initiative", "organisation"], name="note_initiative_org"),
        ),
    ]
