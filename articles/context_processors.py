from django.http import HttpRequest

from articles.models import Section


def site_navigation(request: HttpRequest) -> dict:
    # A lazy queryset: pages that never render the menu (admin, feeds) never run the query.
    return {"nav_sections": Section.objects.all()}
