"""What a page tells search engines and social networks: the story page's NewsArticle JSON-LD and card, and the
descriptions and Open Graph basics of listing pages. The values are built in articles/structured_data.py."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles import structured_data

register = template.Library()


def _absolute(context):
    return context["request"].build_absolute_uri


@register.simple_tag(takes_context=True)
def story_url(context, article) -> str:
    """The story's own absolute address in the page's language: its canonical URL, og:url and JSON-LD ``url``."""
    return _absolute(context)(article.get_absolute_url())


@register.simple_tag(takes_context=True)
def story_json_ld(context, article, tags) -> SafeString:
    """``<script type="application/ld+json">`` with the story's NewsArticle, escaped as ``json_script`` escapes."""
    data = structured_data.news_article(
        article, tags=tags, url=story_url(context, article), absolute=_absolute(context)
    )
    return format_html('<script type="application/ld+json">{}</script>', SafeString(structured_data.json_ld(data)))


@register.simple_tag(takes_context=True)
def story_card(context, article, tags) -> structured_data.SocialCard:
    return structured_data.social_card(article, tags=tags, url=story_url(context, article), absolute=_absolute(context))


@register.simple_tag
def story_description(article) -> str:
    return structured_data.description(article)


@register.simple_tag(takes_context=True)
def page_description(context, kind: str) -> str:
    """A listing page's description, for ``<meta name="description">`` and ``og:description`` alike."""
    name = structured_data.site_name()
    if kind == "listing":
        section = context.get("section")
        if section is not None:
            return _("Latest stories in %(section)s from %(site)s.") % {"section": section.display_name, "site": name}
        tag = getattr(context.get("view"), "tag", None)
        if tag is not None:
            return _("Stories about %(topic)s from %(site)s.") % {"topic": tag.name, "site": name}
    elif kind == "contributor":
        contributor = context["contributor"]
        return structured_data.first_sentences(contributor.bio) or _("Stories and photos by %(name)s for %(site)s.") % {
            "name": contributor.name,
            "site": name,
        }
    elif kind == "home":
        return _("The latest news from %(site)s: the city's government, economy, education, health and culture.") % {
            "site": name
        }
    elif kind == "corrections":
        return _("Corrections, clarifications and updates to %(site)s stories, newest first.") % {"site": name}
    elif kind == "quotes":
        return _("Search what people said in %(site)s stories, by speaker, topic and date.") % {"site": name}
    elif kind == "source":
        return _("What %(name)s said in %(site)s stories, with the story each quote comes from.") % {
            "name": context["source"].name,
            "site": name,
        }
    return _(
        "News from the city: government, the economy, education, health and culture, reported by the Newsroom desk."
    )


@register.inclusion_tag("articles/includes/page_og.html", takes_context=True)
def page_og(context, title: str, kind: str) -> dict:
    """The Open Graph basics of a page that is not a story: type website, title (else the site's name), the page's
    description (``page_description``), its canonical address, the site."""
    from articles.templatetags.site_languages import canonical_url

    name = structured_data.site_name()
    return {
        "title": title or name,
        "description": page_description(context, kind),
        "url": canonical_url(context),
        "site_name": name,
    }
