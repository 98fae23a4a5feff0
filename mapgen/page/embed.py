"""The snippet a web producer pastes into an article: a titled, responsive, self-sizing iframe."""

from __future__ import annotations

from urllib.parse import quote

from mapgen.page.jinja import ENV
from mapgen.texts import fill

FALLBACK_HEIGHT = 900  # px: where scripts are blocked, the frame keeps this height and scrolls


def embed_snippet(
    title: str,
    html_name: str,
    png_name: str | None = None,
    chapters: list | None = None,
    story: dict | None = None,
) -> str:
    """HTML for the article: the iframe follows the height the map page posts (postMessage).

    Parameters
    ----------
    title : str
        The iframe's accessible title (the map's title).
    html_name, png_name : str
        The file names of the map page and its static image, as uploaded beside the article.
    chapters : list of dict, optional
        The story's chapters: one more snippet each, opening at that step (``#chapter=ID``), so
        that one article can place the map beside several paragraphs.
    story : dict, optional
        The texts of the story (the comment above each chapter's snippet).
    """
    src = quote(html_name)  # a file name with #, ?, % or a space is still one address
    # the article has its own headline: the map hides its title and subtitle (#chrome=minimal)
    frames = [{"comment": None, "title": title, "src": f"{src}#chrome=minimal"}] + [
        {
            "comment": fill(story["embed_comment"], number=number, title=chapter["title"]),
            "title": f"{title}: {chapter['title']}",
            "src": f"{src}#chapter={quote(chapter['id'])}&chrome=minimal",
        }
        for number, chapter in enumerate(chapters or [], start=1)
    ]
    return ENV.get_template("embed.html").render(
        title=title,
        html_name=html_name,
        png_name=png_name,
        frames=frames,
        fallback_height=FALLBACK_HEIGHT,
    )
