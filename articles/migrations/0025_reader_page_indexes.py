"""Readers' listings read in index order (issue 22).

The listings sort by publish time, then id: with id in the index too, no page sorts, and with the expiry time after it
the publication rule is checked in the index, so a listing's count and the stories a deep page skips over need no
read of the table. The new indexes replace the two of 0010, of which they hold every column in the same order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_notification_lead_withdrawn"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-publish_at", "-id", "expires_at"], name="article_published_order_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["section", "status", "-publish_at", "-id", "expires_at"], name="article_section_order_idx"
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_published_idx"),
        migrations.RemoveIndex(model_name="article", name="article_section_published_idx"),
    ]
