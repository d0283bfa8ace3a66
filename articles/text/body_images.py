"""Pictures in a story body: only the site's own photo renditions may stay, each one known as a photo.

The caller says which image addresses are allowed (a rendition's URL → its photo's id); every ``<img>`` whose
``src`` is not one of them is removed, and so is a ``<figure>`` left without its picture. ``srcset`` attributes and
``<picture>``/``<source>`` are not a way around this: ``srcset`` and ``<source>`` are dropped, ``<picture>`` keeps
only its ``<img>``, which is judged like any other.

Pure standard-library code (``html.parser``). The input is meant to have been through the body's allowlist (nh3)
already: that is what keeps out every other way of loading a picture (``<svg>``, video posters, ``style``,
iframes…). Still, nothing is passed through as it came: the output is written again from the parsed tokens, so a
browser reads exactly the elements judged here whatever tricks the input tried (comments, declarations and
processing instructions are dropped, ``<`` in text is escaped). The writing follows html5ever's (nh3's) rules, so
HTML nh3 produced comes back unchanged when there is nothing to remove.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

__all__ = ["clean_body_images", "image_sources", "url_key"]

# Elements that never have content or an end tag (the HTML standard's list), and <image>, which browsers read as
# <img> (or, inside <svg>, as a picture of its own).
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "basefont", "bgsound", "frame", "keygen", "image",
})  # fmt: skip
_PICTURES = frozenset({"img", "image"})
# What an <img> that stays may keep besides its src: what the body editor writes. Anything else (srcset, sizes,
# loading tricks, handlers) goes, so the src alone decides what is fetched.
_IMG_ATTRIBUTES = frozenset({"alt", "title", "width", "height", "data-file"})


def url_key(url: str, *, own_host: Callable[[str], bool] | None = None) -> str | None:
    """What two addresses of the same file have in common: ``/media/x.webp`` for ``https://site/media/x.webp?v=2``.

    The query and fragment do not name another file, so they are ignored; so are the scheme and, when
    ``own_host(host)`` says the host is the site's, the host. An address on another host keeps its host
    (``//cdn.example/media/x.webp``). None for anything that cannot be a rendition: another scheme (``data:``,
    ``javascript:``), or a path relative to the page.
    """
    try:
        # Browsers ignore spaces around an attribute's URL; so does this.
        parts = urlsplit(url.strip(" \t\n\r\f"))
        port = parts.port
    except ValueError:  # a malformed host or port
        return None
    if parts.scheme.lower() not in {"", "http", "https"}:
        return None
    if parts.netloc:
        host = (parts.hostname or "").lower()
        if not host:
            return None
        if own_host is None or not own_host(host):
            return f"//{host}:{port}{parts.path}" if port else f"//{host}{parts.path}"
    elif parts.scheme:
        return None  # "http:/x" has no host: not an address of anything
    return parts.path if parts.path.startswith("/") else None


def image_sources(html: str) -> list[str]:
    """The ``src`` of every ``<img>`` in the HTML, in order, each once (what a caller looks up before cleaning)."""
    builder = _parse(html, {}, None)
    return list(dict.fromkeys(src for src in builder.sources if src))


def clean_body_images(
    html: str,
    allowed_srcs: Mapping[str, int],
    *,
    own_host: Callable[[str], bool] | None = None,
    credits: Mapping[int, str] | None = None,
) -> tuple[str, list[int]]:
    """Remove every picture that is not one of ``allowed_srcs`` (a rendition URL → its photo's id).

    Returns the cleaned HTML and the ids of the photos still pictured, in the order they appear, each once. An
    ``<img>`` that stays gets the rendition's URL exactly as given (a query string or the site's own host in front
    is dropped), so the address readers' browsers fetch is always one the photo desk made.

    ``credits`` (photo id → credit line, e.g. "Foto: Dwi Arif"): a ``<figure>`` picturing one of those photos gets
    its credit line at the end of its caption as it reads now — stored in the body, a credit the desk corrected
    later would go on showing the old name.
    """
    allowed: dict[str, tuple[str, int]] = {}
    for url, photo_id in allowed_srcs.items():
        key = url_key(url, own_host=own_host)
        if key is not None:
            allowed.setdefault(key, (url, photo_id))
    builder = _parse(html, allowed, own_host, credits or {})
    return _write(builder.root), list(dict.fromkeys(builder.pictured))


# --- parsing and judging, in one pass ------------------------------------------------------------------------
# No recursion anywhere: a body of thousands of nested blockquotes is cleaned like any other.


@dataclass(eq=False)
class _Element:
    tag: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    children: list[_Element | str] = field(default_factory=list)
    # "drop" removes the element with what is inside it; "unwrap" keeps what is inside only.
    fate: str = "keep"
    # For a <figure>: the pictures inside it, how many of them stay, and the photos of those.
    pictures: int = 0
    kept: int = 0
    photos: list[int] = field(default_factory=list)


class _Cleaner(HTMLParser):
    """Builds a plain element tree and judges each picture as it comes (its src alone decides)."""

    def __init__(self, allowed: dict, own_host, credits: Mapping[int, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed, self.own_host, self.credits = allowed, own_host, credits
        self.root = _Element(tag="")
        self.open = [self.root]
        self.sources: list[str | None] = []
        self.pictured: list[int] = []

    def handle_starttag(self, tag, attrs):
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value or "")  # the first of a repeated attribute wins, as in a browser
        # A srcset offers the browser other files to fetch instead of the src: never kept, on any element.
        attributes.pop("srcset", None)
        element = _Element(tag=tag, attributes=list(attributes.items()))
        self.open[-1].children.append(element)
        if tag in _PICTURES:
            self._judge_picture(element, attributes.get("src"))
        elif tag == "source":
            element.fate = "drop"
        elif tag == "picture":
            element.fate = "unwrap"  # its <img> is judged like any other
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        # "<div/>" opens a div all the same in a browser; only void elements are complete on their own.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        # An end tag closes the nearest open element of its name (and whatever is still open inside it); a stray
        # one, with nothing of its name open, is dropped.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                self._close(depth)
                return

    def handle_data(self, data):
        self.open[-1].children.append(_escape(data))

    # Comments, declarations and processing instructions are not story text: dropping them also removes the places
    # where this parser and a browser could disagree about what is markup.
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass

    def close(self):
        super().close()
        self._close(1)

    def _close(self, depth: int) -> None:
        for element in self.open[depth:]:
            if element.tag == "figure" and element.pictures and not element.kept:
                element.fate = "drop"  # its caption describes a picture that is gone
            elif element.tag == "figure" and element.kept == 1 and self.credits.get(element.photos[0]):
                self._credit(element, self.credits[element.photos[0]])
        del self.open[depth:]

    def _judge_picture(self, element: _Element, src: str | None) -> None:
        self.sources.append(src)
        key = url_key(src, own_host=self.own_host) if src else None
        kept = key in self.allowed
        photo_id: int | None = None
        if kept:
            url, photo_id = self.allowed[key]
            element.tag = "img"
            element.attributes = [
                (name, url if name == "src" else value)
                for name, value in element.attributes
                if name == "src" or name in _IMG_ATTRIBUTES
            ]
            self.pictured.append(photo_id)
        else:
            element.fate = "drop"
        for figure in (open_element for open_element in self.open if open_element.tag == "figure"):
            figure.pictures += 1
            figure.kept += kept
            if photo_id is not None:
                figure.photos.append(photo_id)

    @staticmethod
    def _credit(figure: _Element, line: str) -> None:
        """The credit line at the end of the figure's own caption (a new caption when it has none)."""
        caption = next(
            (child for child in figure.children if isinstance(child, _Element) and child.tag == "figcaption"), None
        )
        if caption is None:
            caption = _Element(tag="figcaption")
            figure.children.append(caption)
        credit = _Element(tag="span", attributes=[("class", "credit")], children=[_escape(line)])
        caption.children += [" ", credit] if caption.children else [credit]


def _parse(html: str, allowed: dict, own_host, credits: Mapping[int, str] | None = None) -> _Cleaner:
    cleaner = _Cleaner(allowed, own_host, credits or {})
    cleaner.feed(html or "")
    cleaner.close()
    return cleaner


def _write(root: _Element) -> str:
    out: list[str] = []
    pending = [iter(root.children)]
    end_tags = [""]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
            out.append(end_tags.pop())
        elif isinstance(child, str):
            out.append(child)
        elif child.fate == "unwrap":
            pending.append(iter(child.children))
            end_tags.append("")
        elif child.fate == "keep":
            attributes = "".join(f' {name}="{_escape(value, attribute=True)}"' for name, value in child.attributes)
            out.append(f"<{child.tag}{attributes}>")
            if child.tag not in _VOID:
                pending.append(iter(child.children))
                end_tags.append(f"</{child.tag}>")
    return "".join(out)


def _escape(text: str, *, attribute: bool = False) -> str:
    # html5ever's (nh3's) serialisation, so nh3's output is written back byte for byte.
    text = text.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text
