"""Make the screenshots in docs/ from a build: the page, each chapter, the embed in an article
at 375 and 680 px, a popup on a phone, the German, Ukrainian and Arabic versions, and the
map's names (docs/names/).

    mapgen build --out /tmp/shots/nato_map.html --lang en,de,uk,ar
    python scripts/screenshots.py /tmp/shots/nato_map.en.html docs

Needs Playwright and Debian's Chromium (/usr/bin/chromium), as the browser tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHAPTERS = ["enlargement", "baseline", "no-activity", "donbas", "seas", "since"]
LANGUAGES = ["de", "uk", "ar"]  # shown in docs/languages/, where the build has them
ARTICLE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<meta name='viewport' content='width=device-width, initial-scale=1'>"
    "<style>body{{margin:0;font:18px/1.5 Georgia,serif;color:#222}}"
    "main{{max-width:680px;margin:0 auto;padding:0 16px}} h1{{line-height:1.15}}</style>"
    "</head><body><main><h1>What Moscow demanded of NATO in December 2021</h1>"
    "<p>On 17 December 2021 Russia's foreign ministry published two draft treaties: one with "
    "the United States, one with NATO's members.</p>{snippet}"
    "<p>The article goes on below the map.</p>{more}</main></body></html>"
)


def _ready(page) -> None:
    page.locator("html[data-mapgen-ready]").wait_for(state="attached")
    page.wait_for_timeout(600)


def _article(html: Path) -> Path:
    text = html.with_name(html.stem + ".embed.html").read_text(encoding="utf-8")
    snippet = text[text.index('<div class="mapgen-embed"') :]
    snippet = snippet[: snippet.index("</div>") + len("</div>")]
    article = html.with_name("article.html")
    more = "<p>More of the article's text.</p>" * 12
    article.write_text(ARTICLE.format(snippet=snippet, more=more), encoding="utf-8")
    return article


def main(html: Path, out: Path) -> None:
    (out / "chapters").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width, height in ((1280, 800), (375, 740)):
            for chapter in CHAPTERS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{html.resolve().as_uri()}#chapter={chapter}")
                _ready(page)
                page.screenshot(
                    path=out / "chapters" / f"chapter-{chapter}-{width}.jpg",
                    type="jpeg",
                    quality=72,
                )
                page.close()
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{html.resolve().as_uri()}#chapter=explore")
        _ready(page)
        page.screenshot(path=out / "screenshot.png", full_page=True)
        page.close()
        # the embed in an article, as a reader scrolls to it
        article = _article(html).resolve().as_uri()
        for width in (375, 680):
            phone = width < 500
            context = browser.new_context(
                viewport={"width": width, "height": 860 if phone else 1000},
                device_scale_factor=2 if phone else 1,
                has_touch=phone,
                is_mobile=phone,
            )
            page = context.new_page()
            page.goto(article)
            _ready(page.frames[1])
            frame_box = page.locator("iframe").bounding_box()  # the article's top to below the map
            bottom = frame_box["y"] + frame_box["height"] + 60
            page.screenshot(
                path=out / f"embed-{width}.png",
                full_page=True,
                clip={"x": 0, "y": 0, "width": width, "height": bottom},
            )
            if phone:  # a popup on the phone: a tap on Odesa oblast in the opening chapter
                frame = page.frames[1]
                page.locator("iframe").scroll_into_view_if_needed()
                frame.evaluate("mapgen.story.go(2, false)")
                page.wait_for_timeout(400)
                box = frame.locator(".mg-map").bounding_box()
                point = frame.evaluate(
                    "(ll) => { const p = mapgen.map.latLngToContainerPoint(ll);"
                    " return [p.x, p.y]; }",
                    [46.6, 30.4],
                )
                page.mouse.click(box["x"] + point[0], box["y"] + point[1])
                page.wait_for_timeout(600)
                frame_box = page.locator("iframe").bounding_box()
                page.screenshot(
                    path=out / "popup-phone.png",
                    clip={"x": 0, "y": frame_box["y"], "width": width, "height": 760},
                )
            context.close()
        _languages(browser, html, out / "languages")
        _names(browser, html, out / "names")
        browser.close()


def _languages(browser, html: Path, out: Path) -> None:
    """Each language the build has beside ``html``: the no-activity chapter at 1,280 px with
    Ukraine's popup open, and the Donbas chapter on a phone."""
    stem = html.stem.removesuffix(".en")
    for lang in LANGUAGES:
        page_path = html.with_name(f"{stem}.{lang}.html")
        if not page_path.exists():
            continue
        out.mkdir(parents=True, exist_ok=True)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{page_path.resolve().as_uri()}#chapter=no-activity")
        _ready(page)
        point = page.evaluate(
            "(ll) => { const p = mapgen.map.latLngToContainerPoint(ll);"
            " const r = mapgen.map.getContainer().getBoundingClientRect();"
            " return [r.left + p.x, r.top + p.y]; }",
            [49.5, 31.0],
        )
        page.mouse.click(*point)
        page.wait_for_timeout(600)
        page.screenshot(path=out / f"{lang}-1280.png")
        page.close()
        page = browser.new_page(viewport={"width": 375, "height": 760}, device_scale_factor=2)
        page.goto(f"{page_path.resolve().as_uri()}#chapter=donbas")
        _ready(page)
        page.screenshot(path=out / f"{lang}-375.jpg", type="jpeg", quality=72)
        page.close()


# docs/names/: the map (its stage: the map and the phone's timeline) as named in a view
NAMES = [("en", "donbas", 1280), ("uk", "donbas", 1280), ("de", "enlargement", 1280),
         ("en", "enlargement", 375)]  # fmt: skip


def _names(browser, html: Path, out: Path) -> None:
    stem = html.stem.removesuffix(".en")
    for lang, chapter, width in NAMES:
        page_path = html.with_name(f"{stem}.{lang}.html")
        if not page_path.exists():
            continue
        out.mkdir(parents=True, exist_ok=True)
        phone = width < 500
        page = browser.new_page(
            viewport={"width": width, "height": 740 if phone else 800},
            has_touch=phone,
            is_mobile=phone,
        )
        page.goto(f"{page_path.resolve().as_uri()}#chapter={chapter}")
        _ready(page)
        view = "opening" if chapter == CHAPTERS[0] else chapter
        path = out / f"{view}-{lang}-{width}.jpg"
        page.locator(".mg-stage").screenshot(path=path, type="jpeg", quality=80)
        page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
