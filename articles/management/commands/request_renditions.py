"""``manage.py request_renditions``: ask the worker for every public photo's missing renditions.

Approval asks for a photo's renditions once; a photo approved before a rendition was added to the list (the 1200x630
social picture) lacks it until something asks again. This asks, for every approved photo missing any, in one
transaction: the worker makes them in the background while readers keep being served the renditions there are.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Photo
from articles.tasks import request_renditions


class Command(BaseCommand):
    help = "Queue the renditions task for every approved photo that lacks one of its renditions."

    def handle(self, *args, **options):
        with transaction.atomic():
            asked = sum(request_renditions(photo) for photo in Photo.objects.public().iterator())
        self.stdout.write(f"Asked for the renditions of {asked} photos.")
