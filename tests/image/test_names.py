"""The image's names (image/names.py): drawn in priority order, none touching another or a
marker, a place's beside its dot, on the PNG, the card and the print sheets alike."""

from __future__ import annotations

from mapgen.image.names import draw_names


def _axes(size=(6, 4)):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    return ax


def _apart(drawn) -> bool:
    boxes = [box for _name, box in drawn]
    return not any(
        a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def test_a_name_that_would_touch_one_drawn_before_is_left_out():
    ax = _axes()
    labels = [
        {"x": 40, "y": 50, "name": "France", "kind": "country"},
        {"x": 49, "y": 50, "name": "Switzerland", "kind": "country"},  # "FraSwitzerland"
        {"x": 40, "y": 20, "name": "Black Sea", "kind": "sea"},
    ]
    drawn = draw_names(ax, labels, [], pt=8, color="#333", stroke=2, marker_size=40)
    assert [name for name, _box in drawn] == ["France", "Black Sea"]
    assert ax.texts[-1].get_fontstyle() == "italic"


def test_a_place_is_a_dot_and_its_name_beside_it_clear_of_markers():
    ax = _axes()
    markers = [{"x": [80], "y": [80], "color": "#b03a2e"}]
    labels = [
        {"x": 20, "y": 80, "name": "Kyiv", "kind": "capital"},
        {"x": 80, "y": 80, "name": "Odesa", "kind": "city"},  # under a marker: left out
    ]
    drawn = draw_names(ax, labels, markers, pt=8, color="#333", stroke=2, marker_size=40)
    assert [name for name, _box in drawn] == ["Kyiv"]
    (dot,) = ax.lines
    assert list(dot.get_xdata()) == [20]
    (text,) = ax.texts
    assert text.get_ha() == "left"  # beside the dot, not over it


def test_the_default_image_names_the_story_and_no_two_names_touch(plans):
    frame, _shapes = plans
    ax = _axes((12, 9))  # as the PNG
    x0, y0, x1, y1 = frame["box"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    drawn = draw_names(
        ax, frame["labels"], frame["markers"], pt=7, color="#333", stroke=2.2, marker_size=40
    )
    names = [name for name, _box in drawn]
    assert {"Germany", "Poland", "Ukraine", "Russia"} <= set(names)
    assert _apart(drawn)
    assert len(names) < len(frame["labels"])  # some gave way
