"""Template filters for staff pages (admin, previews)."""

from django import template

from articles.services.revisions import person_name

register = template.Library()


@register.filter
def staff_name(user) -> str:
    """A desk member's name, or what made the change when no account did (an import, a command, a deleted user)."""
    return person_name(user)
