"""Hostile text in the editors' files shows as text and runs nothing; bad files never crash."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.errors import InputError
from mapgen.layers.events import COLUMNS as EVENT_COLUMNS
from mapgen.layers.events import load_events
from tests.conftest import DATA, rewrite_csv, run_mapgen

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
CATEGORIES = ["Treaties and diplomacy", "Enlargement", "Conflict", "Military activity", "Reactions"]


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory):
    import shutil

    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data)

    def members(row):
        if row["iso3"] in ("POL", "EST"):
            row["name"] = f"{row['name']} {PAYLOAD}"

    def events(row):
        row["title"] = f"{row['title']} {PAYLOAD}"
        row["description"] = f"{SCRIPT} {row['description']}"
        row["source"] = f"{PAYLOAD}{row['source']}"

    rewrite_csv(data / "nato_members.csv", members)
    rewrite_csv(data / "events.csv", events)
    out = data.parent / "hostile.html"
    run_mapgen(
        "build",
        "--quiet",
        "--data-dir",
        data,
        "--out",
        out,
        "--as-of",
        "2026-11-27",
        "--title",
        f"Map {SCRIPT}",
        check=True,
    )
    return out


def test_hostile_html_is_escaped_in_the_file(hostile_map):
    html = hostile_map.read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "<script>window.__pwned" not in html
    assert "&lt;img src=x onerror=" in html  # in the description and the title, as text
    assert html.count("<script>") == 3  # Leaflet, the runtime, the map: nothing injected


@pytest.mark.browser
def test_every_popup_and_tooltip_shows_hostile_text_as_text(hostile_map, open_page):
    page = open_page(hostile_map, fragment="#chapter=explore")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # Tooltips and popups are bound to a shape or marker, or to its group for all its items:
    # open each item's own, wherever it is bound.
    opened = page.evaluate("""() => {
      const texts = [];
      const open = (item, kind) => {
        const owner = [item, ...Object.values(item._eventParents || {})]
          .find(o => o['get' + kind] && o['get' + kind]());
        if (!owner) { return; }
        const overlay = owner['get' + kind]();
        overlay._source = item;
        owner['open' + kind](item.getLatLng ? item.getLatLng() : item.getBounds().getCenter());
        texts.push({kind, id: item.feature ? item.feature.properties.id : null,
                    text: overlay.getElement().textContent});
        owner['close' + kind]();
      };
      mapgen.map.eachLayer(l => {
        if (l instanceof L.Path) { open(l, 'Tooltip'); open(l, 'Popup'); }
      });
      return texts;
    }""")
    page.wait_for_timeout(200)
    assert len(opened) > 150
    # shown literally wherever the hostile names and events appear
    named = [o["text"] for o in opened if o["kind"] == "Tooltip" and o["id"] in ("POL", "EST")]
    assert len(named) >= 4 and all(PAYLOAD in text for text in named)
    events = [o["text"] for o in opened if o["kind"] == "Popup" and o["id"] is None]
    assert sum(PAYLOAD in text and SCRIPT in text for text in events) >= 28
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.external_requests == []
    assert page.locator("h1").inner_text() == f"Map {SCRIPT}"
    assert page.locator("img").count() == 0


def test_non_http_links_are_refused(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        "date,title,description,lat,lon,place,category,source,source_url\n"
        "2021-12-17,Drafts,Text,55.7,37.6,Moscow,Conflict,MFA,javascript:alert(1)\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_events(path, CATEGORIES)
    assert [p.message for p in err.value.problems] == [
        "source_url 'javascript:alert(1)' is not an http(s) URL"
    ]


# Property-based: whatever rows an editor writes, the loader accepts them with the right types
# or fails with located problems; never anything else.

cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2021-12-17",
            "2021-13-45",
            "1949-04-04",
            "55.75",
            "-91",
            "181",
            "nan",
            "inf",
            "",
            "https://www.nato.int/",
            "javascript:x",
            "Conflict",
            "Enlargement",
            '"',
            ",",
            "\n",
        ]
    ),
)
row = st.fixed_dictionaries({c.name: cell for c in EVENT_COLUMNS})


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row, max_size=6))
def test_generated_rows_are_accepted_typed_or_located(tmp_path, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in EVENT_COLUMNS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "events.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        table = load_events(path, CATEGORIES)
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.path.endswith("events.csv") and problem.line >= 1 and problem.message
        return
    for r in table.itertuples():
        assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180
        assert r.source_url.startswith(("http://", "https://"))
        assert r.category in CATEGORIES and r.title and r.source
        assert r.date.isoformat()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path, raw):
    path = tmp_path / "events.csv"
    path.write_bytes(b"date,title,description,lat,lon,place,category,source,source_url\n" + raw)
    try:
        load_events(path, CATEGORIES)
    except InputError as err:
        assert all(p.line is None or p.line >= 1 for p in err.problems)
