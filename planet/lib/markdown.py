"""Markdown rendered on the server and sanitised with an allow-list: stored input is never trusted.

Raw HTML in the source is escaped by the parser (html=False), and the parser's output is
cleaned again by nh3, so that neither a parser bug nor a future option can let markup through.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead",
    "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable("table").enable("strikethrough")


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    )


def render_markdown(source: str) -> SafeString:
    """Markdown source → safe HTML. Headings start at h2: the page owns the h1."""
    html = _parser.render(source or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return mark_safe(sanitise_html(html))  # noqa: S308 (sanitised just above)


def clean_markdown_source(source: str) -> str:
    """Normalise what is stored: no NUL or other control characters, Unix line ends."""
    source = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in source if ch in "\n\t" or ch >= " ").strip()
