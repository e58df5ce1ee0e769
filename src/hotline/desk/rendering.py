"""Message bodies as safe HTML: Markdown through markdown-it-py (raw HTML off), then sanitised with nh3;
plain text escaped, with line breaks kept."""

from functools import lru_cache

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")


def render_body(body: str, body_format: str = "text") -> SafeString:
    """The body as HTML that is safe to put in a page."""
    if body_format == "markdown":
        html = _markdown().render(body or "")
        cleaned = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
        return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
    return mark_safe(linebreaks(body or "", autoescape=True))  # noqa: S308 - escaped by linebreaks
