"""Limited Markdown in descriptions: paragraphs, lists, emphasis and links, sanitised."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> str:
    """HTML safe to insert as is: anything beyond the allowed tags is dropped by nh3, links
    keep only http(s) and mailto targets and get rel="nofollow noopener ugc"."""
    html = markdown.markdown(text, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "http", "mailto"},
        link_rel="nofollow noopener ugc",
    )
