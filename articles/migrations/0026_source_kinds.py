"""Sources get a level and a suggested kind; police and military get their own kind; quotes say what kind of
speaker said them.

The data steps are functions so tests can run them on their own (tests/test_source_kinds.py):
``suggest_kinds`` fills the suggestion of every source from its title and organisation (its latest title over time
when the record's own is empty); ``government_to_security`` moves sources an editor filed as government whose title
or organisation is clearly police or military to the new kind, which did not exist when they chose; its reverse
files every police or military source back under government. Both read the suggestions through the pure
articles.text.source_kinds, as the models do.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 1000


def suggest_kinds(apps, schema_editor):
    from articles.text.source_kinds import suggest_kind

    Source = apps.get_model("articles", "Source")
    SourceTitle = apps.get_model("articles", "SourceTitle")
    latest_title = SourceTitle.objects.filter(source=OuterRef("pk")).order_by("-last_seen", "-pk").values("title")[:1]
    changed = []
    sources = Source.objects.annotate(latest_title=Subquery(latest_title)).only("pk", "title", "organisation")
    for source in sources.order_by("pk").iterator(chunk_size=BATCH):
        suggestion = suggest_kind(source.title or source.latest_title or "", source.organisation)
        source.suggested_type, source.suggested_level = suggestion.source_type, suggestion.level
        source.suggestion_reason = suggestion.reason[:200]
        changed.append(source)
        if len(changed) >= BATCH:
            Source.objects.bulk_update(changed, ["suggested_type", "suggested_level", "suggestion_reason"])
            changed = []
    Source.objects.bulk_update(changed, ["suggested_type", "suggested_level", "suggestion_reason"])


def government_to_security(apps, schema_editor):
    # After suggest_kinds: the suggestion is what the title and organisation say.
    Source = apps.get_model("articles", "Source")
    Source.objects.filter(source_type="government", suggested_type="security").update(source_type="security")


def security_to_government(apps, schema_editor):
    Source = apps.get_model("articles", "Source")
    Source.objects.filter(source_type="security").update(source_type="government")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0025_reader_page_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='quote',
            name='speaker_kind',
            field=models.CharField(blank=True, choices=[('person', 'Person'), ('group', 'Group'), ('organisation', 'Organisation')], help_text='A named person, a group (“most street vendors”) or an organisation speaking as such; empty when unknown. A group or an organisation has no speaker record.', max_length=12, verbose_name='kind of speaker'),
        ),
        migrations.AddField(
            model_name='source',
            name='level',
            field=models.CharField(blank=True, choices=[('city', 'City or regency'), ('province', 'Province or state'), ('national', 'National'), ('international', 'International')], db_index=True, help_text='For government officials, lawmakers, police and military: the level they speak for (city or regency, province, national). Leave empty when unknown or not applicable.', max_length=16, verbose_name='level'),
        ),
        migrations.AddField(
            model_name='source',
            name='suggested_level',
            field=models.CharField(blank=True, choices=[('city', 'City or regency'), ('province', 'Province or state'), ('national', 'National'), ('international', 'International')], editable=False, help_text='The level the title and organisation suggest; an editor confirms it.', max_length=16, verbose_name='suggested level'),
        ),
        migrations.AddField(
            model_name='source',
            name='suggested_type',
            field=models.CharField(blank=True, choices=[('government', 'Government official'), ('lawmaker', 'Lawmaker'), ('security', 'Police or military'), ('expert', 'Expert'), ('business', 'Business'), ('civil_society', 'Civil society'), ('citizen', 'Citizen'), ('other', 'Other')], editable=False, help_text='The type the title and organisation suggest; an editor confirms it.', max_length=16, verbose_name='suggested type'),
        ),
        migrations.AddField(
            model_name='source',
            name='suggestion_reason',
            field=models.CharField(blank=True, editable=False, help_text='The words of the title or organisation that decided the suggestion.', max_length=200, verbose_name='suggested from'),
        ),
        migrations.AlterField(
            model_name='source',
            name='source_type',
            field=models.CharField(blank=True, choices=[('government', 'Government official'), ('lawmaker', 'Lawmaker'), ('security', 'Police or military'), ('expert', 'Expert'), ('business', 'Business'), ('civil_society', 'Civil society'), ('citizen', 'Citizen'), ('other', 'Other')], db_index=True, help_text='What kind of voice this is; the “who gets quoted” report counts quotes by it.', max_length=16, verbose_name='type'),
        ),
        migrations.RunPython(suggest_kinds, migrations.RunPython.noop),
        migrations.RunPython(government_to_security, security_to_government),
    ]
