"""The snippet a web producer pastes into an article: a titled, responsive, self-sizing iframe."""

from __future__ import annotations

from urllib.parse import quote

from mapgen.render.jinja import ENV

FALLBACK_HEIGHT = 900  # px: where scripts are blocked, the frame keeps this height and scrolls


def embed_snippet(title: str, html_name: str, png_name: str | None = None) -> str:
    """HTML for the article: the iframe follows the height the map page posts (postMessage).

    Parameters
    ----------
    title : str
        The iframe's accessible title (the map's title).
    html_name, png_name : str
        The file names of the map page and its static image, as uploaded beside the article.
    """
    return ENV.get_template("embed.html").render(
        title=title,
        html_name=html_name,
        src=quote(html_name),  # a file name with #, ?, % or a space is still one address
        png_name=png_name,
        fallback_height=FALLBACK_HEIGHT,
    )
