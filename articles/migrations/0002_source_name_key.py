from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    from articles.text.names import name_key

    Source = apps.get_model("articles", "Source")
    for source in Source.objects.only("pk", "name"):
        Source.objects.filter(pk=source.pk).update(name_key=name_key(source.name))


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="source",
            name="name_key",
            field=models.CharField(
                db_index=True, default="", editable=False, max_length=160, verbose_name="name for matching"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
