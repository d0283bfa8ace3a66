"""``manage.py request_renditions``: ask the worker for every photo's missing renditions.

Saving a photo's image asks for its renditions; a photo stored before a rendition was added to the list (the 1200x630
social picture), or before renditions were made at upload (a pending photo then has no thumbnail in the desk's queue),
lacks it until something asks again. This asks, for every photo with an image missing any, in one transaction: the
worker makes them in the background while readers keep being served the renditions there are.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Photo
from articles.tasks import request_renditions


class Command(BaseCommand):
    help = "Queue the renditions task for every photo whose image lacks one of its renditions."

    def handle(self, *args, **options):
        with transaction.atomic():
            asked = sum(request_renditions(photo) for photo in Photo.objects.exclude(image="").iterator())
        self.stdout.write(f"Asked for the renditions of {asked} photos.")
