"""The map's names in Chromium (labels.js): in every language, at 1,280 and 375 px, the story's
countries are named wherever their rank's zoom has come (Germany in every language), the
places a chapter's text names are named in that chapter from their ``min_zoom``, and no name
overlaps another or a dot."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LABELS_STATE, LANGUAGES, page_parts, wait_until

pytestmark = pytest.mark.browser

WIDTHS = {1280: 800, 375: 740, 343: 740}
MAIN = {"RUS", "UKR"}  # the story's countries: its name shows whole wherever it shows
# The places the chapters' texts name (data/places.csv), which each chapter must show.
CHAPTER_PLACES = {
    "no-activity": ["Kyiv", "Minsk", "Moscow"],
    "donbas": ["Donetsk", "Luhansk", "Mariupol", "Sevastopol", "Simferopol"],
    "seas": ["Odesa", "Sevastopol"],
}
# And the seas they are about, at 1,280 px (the Black Sea in the Donbas chapter: in the part
# of it in view, not at its pole below the view; a phone's view there shows the Sea of Azov).
CHAPTER_SEAS = {"donbas": ["Black Sea"], "seas": ["Black Sea", "Baltic Sea"]}


def _labels(path):
    """The page's labels (page-format.md, Label), by kind."""
    labels = [
        label
        for layer in page_parts(path).json["mapgen-data"]["layers"]
        for item in layer["items"]
        if item["kind"] == "labels"
        for label in item["labels"]
    ]
    return labels


def _story_countries_due(labels, state, framed=None):
    """The story's country names the view must show: their anchor in view, their zoom come,
    and (``framed``: the ids of the countries whose shapes reach into the chapter's frame) in
    the chapter: beyond its frame a phone's tall view shows more than the chapter is about,
    named there as any other, where it fits."""
    south, west, north, east = state["view"]
    return sorted(
        label["name"]
        for label in labels
        if label.get("kind", "country") == "country"
        and label.get("first")
        and state["zoom"] >= label["rank"] - 1
        and south < label["lat"] < north
        and west < label["lon"] < east
        and (framed is None or label["id"] in framed)
    )


# The countries whose drawn shapes reach into a chapter's frame, [[south, west], [north, east]]
FRAMED = """frame => { const b = L.latLngBounds(frame), ids = new Set();
  mapgen.map.eachLayer(l => { const id = l.feature && l.feature.properties.id;
    if (id && b.intersects(l.getBounds())) ids.add(id.split('-')[0]); });
  return [...ids]; }"""


def _frame(path, chapter):
    """A chapter's bounds (None: Explore)."""
    chapters = page_parts(path).json["mapgen-data"]["chapters"]
    return next((c["bounds"] for c in chapters if c["id"] == chapter), None)


def _place_names(labels, english, path_en, zoom):
    """The names, in the page's language, of the places given in English that are due at
    ``zoom`` (their ``min_zoom``)."""
    own = {label["name"]: label for label in _labels(path_en)}
    order = [label for label in _labels(path_en) if label.get("kind", "country") != "country"]
    local = [label for label in labels if label.get("kind", "country") != "country"]
    by_english = {e["name"]: here for e, here in zip(order, local, strict=True)}
    assert all(name in own for name in english)
    return [by_english[n]["name"] for n in english if zoom >= by_english[n]["rank"] - 1]


def _check(page, labels, expect_places=(), story=True, frame=None):
    """The view's names: the story's countries due in the chapter's ``frame`` and the places
    expected are shown, no name overlaps anything, each
    stands by what it names, and none is under a button or the timeline or cut by the map's
    edge."""
    state = page.evaluate(LABELS_STATE)
    ids = {label["name"]: label.get("id") for label in labels}
    framed = set(page.evaluate(FRAMED, frame)) if frame else None
    due = _story_countries_due(labels, state, framed) if story else []
    missing = [n for n in due if n not in state["names"]]
    missing += [n for n in expect_places if n not in state["names"]]
    assert not missing, (missing, state["zoom"])
    assert state["overlaps"] == 0, state["overlaps"]
    assert state["near"] == [], state["near"]  # and no two names touch
    assert state["far"] == [], state["far"]  # every name by what it names (right to left too)
    # no name under a button or a phone's timeline, or cut off by the map's edge
    assert state["covered"] == [], state["covered"]
    # the story's two countries are never cut by the map's edge: a name that would run off it
    # moves into view (inside its country)
    assert [n for n in state["cut"] if ids.get(n) in MAIN] == [], state["cut"]
    return state


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_opening_view_names_the_story_in_every_language(
    built_languages, open_page, lang, width
):
    path = built_languages[lang]
    page = open_page(path, width=width, height=WIDTHS[width])
    page.wait_for_timeout(300)
    state = _check(page, _labels(path), frame=_frame(path, page_parts(path).data["opening"]))
    own = {"en": "Germany", "de": "Deutschland", "fr": "Allemagne", "pl": "Niemcy",
           "uk": "Німеччина", "ru": "Германия", "ar": "ألمانيا"}  # fmt: skip
    assert own[lang] in state["names"]  # the story's Germany, in every language (issue 23)
    assert len(state["names"]) >= 15


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
@pytest.mark.parametrize("chapter", list(CHAPTER_PLACES))
def test_each_chapter_names_its_places(built_languages, open_page, chapter, lang, width):
    path = built_languages[lang]
    page = open_page(path, width=width, height=WIDTHS[width], fragment=f"#chapter={chapter}")
    page.wait_for_timeout(600)
    labels = _labels(path)
    zoom = page.evaluate("mapgen.map.getZoom()")
    wanted = CHAPTER_PLACES[chapter] + (CHAPTER_SEAS.get(chapter, []) if width > 375 else [])
    places = _place_names(labels, wanted, built_languages["en"], zoom)
    assert places or width == 375, (chapter, zoom)  # at 1,280 px every one is due
    _check(page, labels, places, frame=_frame(path, chapter))


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_names_the_story_in_every_language(built_languages, open_page, lang, width):
    """Every chapter and Explore (every event on the map: the markers are smaller at the
    overview's zoom, mg.rules.markerScale, so the story's names find room), stepped to in one
    page: the story's countries due are named, and no name overlaps another, a dot or a
    marker, or stands away from what it names."""
    path = built_languages[lang]
    labels = _labels(path)
    chapters = [c["id"] for c in page_parts(path).json["mapgen-data"]["chapters"]]
    page = open_page(path, width=width, height=WIDTHS[width])
    for index, chapter in enumerate([*chapters, "explore"]):
        page.evaluate(f"mapgen.story.go({index}, false)")
        page.wait_for_timeout(500)
        assert page.evaluate("location.hash").startswith(f"#chapter={chapter}")
        try:
            _check(page, labels, frame=_frame(path, chapter))
        except AssertionError as failed:
            raise AssertionError(chapter) from failed


# A name beside its point, and the line that leads to it: the label's point (its box of no
# size), the name's box, the line's (its ::before) and the boxes of the markers on the map
BESIDE = """name => { const l = [...document.querySelectorAll('.mg-label[data-lead]')]
    .find(e => e.dataset.lead && e.textContent === name); if (!l) return null;
  const a = l.getBoundingClientRect(), n = l.querySelector('.mg-name');
  const r = n.getBoundingClientRect(), line = getComputedStyle(n, '::before');
  const markers = []; mapgen.map.eachLayer(m => { if (m instanceof L.CircleMarker &&
    m.getElement()) { const b = m.getElement().getBoundingClientRect();
    markers.push([b.left, b.top, b.right, b.bottom]); } });
  return {side: l.dataset.lead, x: a.left, y: a.top, left: r.left, right: r.right, top: r.top,
          bottom: r.bottom, width: parseFloat(line.width), height: parseFloat(line.height),
          across: line.borderTopWidth, down: line.borderLeftWidth, markers}; }"""


@pytest.mark.parametrize(
    "lang, chapter, country",
    [("en", "since", "BGR"), ("de", "since", "BGR"), ("fr", "since", "BGR"),
     ("pl", "since", "BGR"), ("uk", "since", "BGR"), ("ru", "since", "BGR"),
     ("en", "explore", "BGR"), ("de", "explore", "BGR"), ("pl", "explore", "BGR"),
     ("uk", "explore", "BGR"), ("ru", "explore", "BGR"), ("ru", "stepped", "ROU")],
)  # fmt: skip
def test_a_story_country_with_no_room_inside_is_named_beside_its_point_with_a_line(
    built_languages, open_page, lang, chapter, country
):
    """On a phone, with the events since 2022 on the map, their markers fill Bulgaria (and, in
    Russian in Explore, Romania): its name stands beside its point (right, left, above or below
    it), 10 to 30 px off, with a 1 px line from the name to the point, or to the edge of a
    marker over the point, that crosses no marker; and the view's checks hold (no overlap,
    nothing under a button or cut). "stepped": Explore, reached by stepping through every
    chapter (Romania's point then lies under a marker, and its line stops at the marker's
    edge)."""
    path = built_languages[lang]
    fragment = "" if chapter == "stepped" else f"#chapter={chapter}"
    page = open_page(path, width=375, height=WIDTHS[375], fragment=fragment)
    if chapter == "stepped":
        chapter = "explore"
        for index in range(len(page_parts(path).json["mapgen-data"]["chapters"]) + 1):
            page.evaluate(f"mapgen.story.go({index}, false)")
            page.wait_for_timeout(500)
    page.wait_for_timeout(600)
    labels = _labels(path)
    name = next(label["name"] for label in labels if label.get("id") == country)
    _check(page, labels, frame=_frame(path, chapter))
    got = page.evaluate(BESIDE, name)
    assert got, name  # named beside its point
    side, x, y = got["side"], got["x"], got["y"]
    across = side in "rl"
    length = got["width"] if across else got["height"]
    assert (got["width"], got["height"]) == ((length, 0) if across else (0, length)), got
    assert (got["across"], got["down"]) == (("1px", "0px") if across else ("0px", "1px")), got
    gap = {"r": got["left"] - x, "l": x - got["right"], "a": y - got["bottom"],
           "b": got["top"] - y}[side]  # fmt: skip
    assert 9 <= gap <= 31 and 4 <= length <= gap + 0.5, got
    if across:
        assert got["top"] < y < got["bottom"], got  # level with the point
    else:
        assert got["left"] < x < got["right"], got  # above or below it
    # the line: from the name's edge `length` px towards the point
    sx, sy = {"r": (1, 0), "l": (-1, 0), "a": (0, -1), "b": (0, 1)}[side]
    near, far = gap - length, gap
    line = (
        x + min(sx * near, sx * far),
        y + min(sy * near, sy * far),
        x + max(sx * near, sx * far),
        y + max(sy * near, sy * far),
    )
    markers = got["markers"]
    hit = [m for m in markers if m[0] < line[2] - 0.5 and line[0] + 0.5 < m[2]
           and m[1] < line[3] - 0.5 and line[1] + 0.5 < m[3]]  # fmt: skip
    assert hit == [], (got, line)  # it crosses no marker
    if near > 1.5:  # it stops short of the point: at the edge of a marker over it
        edges = [{"r": m[2] - x, "l": x - m[0], "a": y - m[1], "b": m[3] - y}[side]
                 for m in markers if m[0] < x < m[2] and m[1] < y < m[3]]  # fmt: skip
        assert edges and abs(max(edges) - near) <= 1.5, (got, near, edges)


REGIONS = {  # as shown (upper case), Donetsk first
    "en": ["DONETSK OBLAST", "LUHANSK OBLAST"],
    "uk": ["ДОНЕЦЬКА ОБЛАСТЬ", "ЛУГАНСЬКА ОБЛАСТЬ"],
    "ar": ["مقاطعة دونيتسك", "مقاطعة لوغانسك"],
}


@pytest.mark.parametrize("lang", list(REGIONS))
def test_the_oblasts_are_named_inside_their_outlines_where_they_fit(
    built_languages, open_page, lang
):
    """At 1,280 px (zoom 6.5) the Donbas chapter names Donetsk and Luhansk oblasts; at every
    width a name that is drawn lies wholly inside its oblast (at 375 px, zoom 6, a long name
    does not fit and is left out); at the baseline chapter's zoom 4.5 neither is drawn."""
    import geopandas as gpd
    from shapely.geometry import Point

    oblasts = gpd.read_file(Path(__file__).parent.parent / "data/geo/ukraine_admin1.fgb")
    oblasts = oblasts.set_index("shape_id").geometry
    corners = """() => [...document.querySelectorAll('.mg-region-label .mg-name')].map(e => {
      const r = e.getBoundingClientRect(), c = mapgen.map.getContainer().getBoundingClientRect();
      const ll = (x, y) => mapgen.map.containerPointToLatLng([x - c.left, y - c.top]);
      return {text: e.innerText.replace('\\n', ' '), corners: [ll(r.left, r.top),
        ll(r.right, r.top), ll(r.left, r.bottom), ll(r.right, r.bottom)]}; })"""

    def inside(shown):
        for region in shown:
            sid = "UKR-05" if region["text"] == REGIONS[lang][0] else "UKR-14"
            assert all(
                oblasts[sid].contains(Point(c["lng"], c["lat"])) for c in region["corners"]
            ), region

    path = built_languages[lang]
    page = open_page(path, width=1280, height=800, fragment="#chapter=donbas")
    wait_until(page, "document.querySelectorAll('.mg-region-label .mg-name').length === 2", 5)
    shown = page.evaluate(corners)
    assert sorted(s["text"] for s in shown) == sorted(REGIONS[lang]), shown
    inside(shown)
    _check(page, _labels(path))
    phone = open_page(path, width=375, height=740, fragment="#chapter=donbas")
    phone.wait_for_timeout(600)
    inside(phone.evaluate(corners))
    _check(phone, _labels(path))
    far = open_page(path, width=1280, height=800, fragment="#chapter=baseline")
    far.wait_for_timeout(600)
    assert far.evaluate(corners) == []
