"""story: the chapters of map.toml, the stepper, links to a state, and layers that keep to
their dates."""

from __future__ import annotations

import re

import pytest

from mapgen import story
from mapgen.image import plan as static
from mapgen.layers import build_layers
from tests.conftest import DATA, page_parts, run_mapgen, wait_until

IDS = ["enlargement", "baseline", "no-activity", "donbas", "seas", "since"]


def test_the_default_story(sources):
    chapters = sources.settings.chapters
    assert [c["id"] for c in chapters] == IDS
    for chapter in chapters:
        assert len(chapter["text"].split()) <= 60, chapter["id"]
        assert chapter["sources"] and all(
            url.startswith("https://") for _, url in chapter["sources"]
        )


def test_chapters_name_only_layers_that_exist(sources, context_2021, monkeypatch):
    layers = build_layers(context_2021)
    assert story.problems(sources.settings, layers) == []
    chapters = [dict(c) for c in sources.settings.chapters]
    chapters[3]["layers"] = ["donbas", "dunbas"]
    monkeypatch.setattr(sources.settings, "chapters", chapters)
    (problem,) = story.problems(sources.settings, layers, ("--chapter", "nope"))[:1]
    line = sources.settings.lines["chapters.3.layers"]
    assert (
        str(problem)
        == f"{sources.settings.label}:{line}: key 'chapters.3.layers' names no layer dunbas"
    )


def test_an_unknown_chapter_option_is_exit_2_with_the_list(tmp_path):
    result = run_mapgen("build", "--quiet", "--no-png", "--chapter", "crimea", "--data-dir", DATA,
                        "--out", tmp_path / "m.html")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "--chapter: 'crimea' is not a chapter "
        "(enlargement, baseline, no-activity, donbas, seas, since, explore)"
    )
    assert not (tmp_path / "m.html").exists()


def test_a_chapter_too_long_is_located(tmp_path, data_copy):
    toml = data_copy / "map.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('text = "Twelve states', 'text = "' + "word " * 60 + "Twelve states"),
        encoding="utf-8",
    )
    result = run_mapgen("build", "--no-png", "--data-dir", data_copy, "--out", tmp_path / "m.html")
    assert result.returncode == 2
    assert (
        "key 'chapters.0.text'" in result.stderr and "a caption holds at most 60" in result.stderr
    )


def test_the_page_carries_the_story_and_every_chapter_date_is_a_stop(built_map):
    data = page_parts(built_map).data
    assert [c["id"] for c in data["chapters"]] == IDS
    assert data["opening"] == "enlargement"
    assert {c["asOf"] for c in data["chapters"]} <= set(data["timeline"]["dates"])
    assert set(data["descriptions"]) == set(data["timeline"]["dates"])
    early = data["descriptions"]["1999-03-12"]
    assert early.startswith("As of 12 March 1999, NATO had 19 members")
    assert "draft agreement" not in early  # the demands came in 2021
    assert "draft agreement" in data["descriptions"]["2021-12-17"]


def test_one_embed_snippet_per_chapter(built_map):
    snippet = built_map.with_name("nato_map.embed.html").read_text(encoding="utf-8")
    sources = re.findall(r'<iframe src="([^"]+)"', snippet)
    assert sources == ["nato_map.html#chrome=minimal"] + [
        f"nato_map.html#chapter={i}&amp;chrome=minimal" for i in IDS
    ]
    assert snippet.count("<!-- Chapter ") == 6


def test_the_image_shows_the_chapter_it_is_given(sources, context_2021):
    layers = build_layers(context_2021)
    view = story.chapter(sources.settings, "donbas")
    frame = static.frame_plan(layers, context_2021, "T", "S", "C", view)
    labels = [e["label"] for e in frame["legend"]]
    assert "Donbas: held by Russia-backed forces, 2015-2022 (approx.)" in labels
    assert not any(label.startswith("Sea:") or label == "Black Sea" for label in labels)
    early = dict(view, as_of="1999-03-12")
    labels = [
        e["label"] for e in static.frame_plan(layers, context_2021, "T", "S", "C", early)["legend"]
    ]
    assert not any("Crimea" in x or "held" in x or "build-up" in x for x in labels)


def test_png_chapter_option(tmp_path):
    out = tmp_path / "m.html"
    result = run_mapgen("build", "--png-chapter", "seas", "--data-dir", DATA, "--out", out)
    assert result.returncode == 0, result.stderr
    from PIL import Image

    assert Image.open(out.with_suffix(".png")).size == (1200, 900)


# In the browser.

IN_VIEW = """([lat, lon]) => mapgen.map.getBounds().contains([lat, lon])"""
ON = """() => {
  const on = [];
  mapgen.forTests().layers.forEach(r => {
    if (mapgen.map.hasLayer(r.group)) on.push(r.spec.name); });
  return on;
}"""
CAPTION = "document.getElementById('mg-chapter').textContent"


@pytest.mark.browser
def test_each_chapter_shows_its_places_layers_and_caption(built_map, open_page, sources):
    page = open_page(built_map)
    chapters = {c["id"]: c for c in sources.settings.chapters}
    for index, chapter_id in enumerate(IDS):
        page.locator(f'.mg-step[data-chapter="{chapter_id}"]').click()
        page.wait_for_timeout(1000)  # the fly animation
        root = page.evaluate("[document.documentElement.dataset.mapgenChapter, location.hash]")
        assert root[0] == chapter_id and root[1].startswith(f"#chapter={chapter_id}&as-of=")
        assert chapters[chapter_id]["text"] in page.evaluate(CAPTION)
        assert page.locator("#mg-chapter").get_attribute("aria-live") == "polite"
        assert page.locator(".mg-step").nth(index).get_attribute("aria-current") == "step"
        on = set(page.evaluate(ON)) - {"Countries", "Places"}  # not in the layer panel
        assert on, chapter_id
        wanted = chapters[chapter_id]["layers"]
        ids = {x["name"]: x["id"] for x in page_parts(built_map).data["layers"]}
        assert all(
            any(ids[name] == w or ids[name].startswith(w + ".") for w in wanted) for name in on
        )
    page.locator('.mg-step[data-chapter="donbas"]').click()
    page.wait_for_timeout(1000)
    assert page.evaluate("mapgen.map.getZoom()") >= 6
    assert page.evaluate(IN_VIEW, [48.0159, 37.8028]) and page.evaluate(IN_VIEW, [48.5740, 39.3078])
    page.locator('.mg-step[data-chapter="no-activity"]').click()
    page.wait_for_timeout(1000)
    assert page.evaluate(IN_VIEW, [50.4547, 30.5238]) and page.evaluate(IN_VIEW, [41.2646, 69.2163])
    assert page.console_errors == []


@pytest.mark.browser
def test_a_link_reopens_a_chapter_and_a_date(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=seas&as-of=2004-03-29")
    state = page.evaluate("[document.documentElement.dataset.mapgenChapter, "
                          "document.documentElement.dataset.mapgenAsOf]")  # fmt: skip
    assert state == ["seas", "2004-03-29"]
    assert page.locator("#mg-status").inner_text() == "29 March 2004: 26 members"
    assert "Black Sea" in page.evaluate(CAPTION)


@pytest.mark.browser
def test_in_1999_19_members_and_no_crimea_held_area_or_build_up(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=explore&as-of=1999-03-12")
    assert page.locator("#mg-data tbody tr:not([hidden])").count() == 19
    waves = [k for k in page.evaluate(ON) if re.fullmatch(r"\d{4}(: .+| \(later\))?", k)]
    assert waves == ["1949", "1952", "1955", "1982", "1990: German reunification", "1999"]
    drawn = page.evaluate("""() => mapgen.forTests().dated.filter(d => d.group.hasLayer(d.layer))
      .map(d => [d.since, d.until || '', d.layer.feature ? d.layer.feature.properties.id : ''])""")
    assert drawn and all(since <= "1999-03-12" and (not until or until > "1999-03-12")
                         for since, until, _ in drawn)  # fmt: skip
    ids = {i for _, _, i in drawn}
    assert not ids & {"UKR-11", "UKR-20", "DONBAS-HELD"}
    buildup = page.evaluate("""() => { let n = 0; mapgen.forTests().layers.forEach(r => {
      if (r.spec.name === 'Russian build-up, 2021' && mapgen.map.hasLayer(r.group))
        n = r.group.getLayers().length; }); return n; }""")
    assert buildup == 0
    assert (
        page.locator("#mg-description").inner_text().startswith("As of 12 March 1999, NATO had 19")
    )


@pytest.mark.browser
def test_next_and_the_arrow_keys_move_and_reduced_motion_makes_no_animation(
    built_map, open_page, browser
):
    page = open_page(built_map)
    count = """() => { if (!window.__flies) { window.__flies = 0;
      const fly = mapgen.map.flyToBounds.bind(mapgen.map);
      mapgen.map.flyToBounds = (...a) => { window.__flies += 1; return fly(...a); }; }
      return window.__flies; }"""
    page.evaluate(count)
    page.locator(".mg-next").click()
    _shows(page, "baseline")
    assert page.evaluate(count) == 1
    page.locator(".mg-next").focus()
    page.keyboard.press("ArrowRight")
    _shows(page, "no-activity")
    page.keyboard.press("ArrowLeft")
    _shows(page, "baseline")
    page.keyboard.press("ArrowLeft")
    _shows(page, "enlargement")
    assert page.evaluate(count) == 4
    still = browser.new_page(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    still.goto(built_map.resolve().as_uri())
    still.locator("html[data-mapgen-ready]").wait_for(state="attached")
    still.evaluate(count)
    still.locator(".mg-next").click()
    _shows(still, "baseline")
    assert still.evaluate(count) == 0  # no fly: the view jumps
    still.close()


def _shows(page, chapter: str) -> None:
    """Wait for the map to show a chapter: a reader's step moves it a frame after the tap."""
    wait_until(page, f"document.documentElement.dataset.mapgenChapter === '{chapter}'", 5)


@pytest.mark.browser
def test_a_step_answers_the_tap_before_the_map_moves(built_map, open_page):
    """A tap on Next changes the words and the step in the tap's own frame; the map's work
    (layers, date, view, the URL) follows after that frame is painted, so the tap's answer does
    not wait for it (issue 24: a step to the next frame within 100 ms on a phone)."""
    page = open_page(built_map)
    opening = page.evaluate("mapgen.map.getCenter()")
    line = """() => mapgen.forTests().layers.some(r => r.spec.id === 'baseline'
      && mapgen.map.hasLayer(r.group))"""
    first = page.evaluate(f"""() => {{ document.querySelector('.mg-next').click();
      return [document.getElementById('mg-chapter').textContent,
              document.querySelector('.mg-step[aria-current="step"]').dataset.chapter,
              document.documentElement.dataset.mapgenChapter, ({line})()]; }}""")
    assert "1997" in first[0] and first[1] == "baseline"  # the words and the step: at once
    assert first[2:] == ["enlargement", False]  # the map, its 1997 line: not yet
    _shows(page, "baseline")
    assert page.evaluate(line) and page.evaluate("mapgen.map.getCenter()") != opening


@pytest.mark.browser
def test_explore_frees_every_layer(built_map, open_page):
    page = open_page(built_map)
    page.locator('.mg-step[data-chapter="explore"]').click()
    _shows(page, "explore")
    on = set(page.evaluate(ON))
    data = page_parts(built_map).data
    control = {x["name"] for x in data["layers"] if x["control"] and not x["since"]}
    assert control <= on


def test_a_date_without_a_chapter_opens_explore_at_that_date(tmp_path):
    out = tmp_path / "m.html"
    result = run_mapgen("build", "--no-png", "--quiet", "--as-of", "1999-03-12",
                        "--data-dir", DATA, "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = page_parts(out).data
    assert data["opening"] is None
    assert data["timeline"]["dates"][data["timeline"]["start"]] == "1999-03-12"
    with_chapter = tmp_path / "c.html"
    run_mapgen("build", "--no-png", "--quiet", "--as-of", "1999-03-12", "--chapter", "seas",
               "--data-dir", DATA, "--out", with_chapter, check=True)  # fmt: skip
    assert page_parts(with_chapter).data["opening"] == "seas"


def test_the_rules_of_the_story():
    assert story.visible_on(None, None, "2000-01-01")  # no bound: always drawn
    assert story.visible_on("2000-01-01", None, "2000-01-01")  # from its date on
    assert not story.visible_on("2000-01-02", None, "2000-01-01")
    assert story.visible_on(None, "2000-01-02", "2000-01-01")
    assert not story.visible_on(None, "2000-01-01", "2000-01-01")  # gone on its end date
    assert story.visible_on("", "", "2000-01-01")  # an empty bound is open too
    stops = ["1949-08-24", "1999-03-12", "2004-03-29"]
    assert story.snap(stops, "2000-01-01") == "1999-03-12"  # the latest stop on or before
    assert story.snap(stops, "1999-03-12") == "1999-03-12"
    assert story.snap(stops, "2030-01-01") == "2004-03-29"
    assert story.snap(stops, "1900-01-01") is None
    assert story.matches("seas.black", ["seas"]) and story.matches("seas", ["baseline", "seas"])
    assert story.matches("seas.black", ["seas.black"])
    assert not story.matches("seasons", ["seas"]) and not story.matches("seas", ["seas.black"])


def test_the_timeline_is_computed_once_per_page(context_2021, layers_2021, monkeypatch):
    from mapgen.page.document import RenderOptions, page_data

    calls = []
    timeline = story.timeline
    monkeypatch.setattr(story, "timeline", lambda *args: calls.append(args) or timeline(*args))
    data = page_data(layers_2021, context_2021, RenderOptions())
    assert len(calls) == 1  # the stops and the description of each stop share it
    stops = timeline(context_2021.joined, context_2021.settings)
    assert data["timeline"]["dates"] == [d.isoformat() for d in stops.dates]
    assert set(data["descriptions"]) == set(data["timeline"]["dates"])
    assert data["timeline"]["dates"][stops.start] == "2021-12-17"  # it opens on the map's date


@pytest.mark.browser
def test_on_a_phone_each_chapter_is_fitted_above_the_timeline(built_map, open_page, sources):
    """At 375 px the timeline lies over the map's foot (mapgen.css): every chapter's bounds
    are fitted to the part of the map above it, so nothing a chapter frames lies under the bar
    (Sevastopol in the Donbas chapter and Türkiye in the baseline chapter did)."""
    page = open_page(built_map, width=375, height=740)
    foot = """(b) => { const map = mapgen.map, c = map.getContainer().getBoundingClientRect();
      const bar = document.getElementById('mg-timeline').getBoundingClientRect();
      const view = L.latLngBounds(b), p = map.latLngToContainerPoint(view.getSouthWest());
      return {south: p.y, bar: bar.top - c.top, height: c.height}; }"""
    for index, chapter in enumerate(sources.settings.chapters):
        page.evaluate(f"mapgen.story.go({index}, false)")
        page.wait_for_timeout(300)
        at = page.evaluate(foot, chapter["bounds"])
        assert at["bar"] < at["height"] - 30, at  # the bar lies over the map's foot
        assert at["south"] <= at["bar"] + 0.5, (chapter["id"], at)
    assert page.console_errors == []
