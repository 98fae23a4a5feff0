// label-forms.js: where a name may stand, and the tests of its box: a country's candidate
// forms (nudged round its point, on two lines, a size smaller), a place's sides, the box a
// form gives (as its transform draws it), whether a box overlaps those taken, fits in a
// region's circle, or has its centre inside its country, and what lies over the map, where
// no name goes. labels.js places.
(function (mg) {
  var GAP = 3;  // px between a dot and its name
  // A place's candidates: its name right of its dot, left, above, below, then the same a
  // size smaller (a city by the map's edge keeps its name in view).
  function placeForms(name) {
    var forms = [];
    [false, true].forEach(function (small) {
      ["right", "left", "above", "below"].forEach(function (side) {
        forms.push({ text: name, side: side, small: small });
      });
    });
    return forms;
  }
  // A country's candidates: centred, then nudged farther and farther round its point (the
  // nine of a plain cross, then rings of 7 x 6 px steps out to 28 x 24 px; labels.js keeps
  // the centre inside the country, within), then on two lines (broken at the space nearest
  // the middle: a long name is not hyphenated), then a size smaller, centred and nudged.
  var NUDGES = (function () {
    var out = [[0, 0], [0, 11], [0, -11], [14, 0], [-14, 0], [0, 21], [0, -21], [26, 0], [-26, 0]];
    for (var r = 1; r <= 4; r++) {
      for (var dy = -r; dy <= r; dy++) {
        for (var dx = -r; dx <= r; dx++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) === r) { out.push([dx * 7, dy * 6]); }
        }
      }
    }
    return out;
  })();

  function twoLines(name) {
    var best = -1;
    for (var i = 0; i < name.length; i++) {
      if (name[i] === " " && (best < 0 || Math.abs(i - name.length / 2) <
                                          Math.abs(best - name.length / 2))) {
        best = i;
      }
    }
    return best < 0 ? null : name.slice(0, best) + "\n" + name.slice(best + 1);
  }

  function countryForms(name) {
    var broken = twoLines(name);
    var forms = NUDGES.map(function (n) { return { text: name, dx: n[0], dy: n[1] }; });
    if (broken) {
      forms.push({ text: broken, dx: 0, dy: 0 });
    }
    NUDGES.forEach(function (n) {
      forms.push({ text: broken || name, dx: n[0], dy: n[1], small: true });
    });
    return forms;
  }

  // Whether a region's name lies within its circle: every corner within reach of the anchor.
  function fits(box, anchor, reach) {
    return [box.left, box.right].every(function (x) {
      return [box.top, box.bottom].every(function (y) {
        return Math.pow(x - anchor.left, 2) + Math.pow(y - anchor.top, 2) <= reach * reach;
      });
    });
  }

  // A box grown by d on every side: a name takes its box and SPACE px round it, so that two
  // names stand that far apart at least ("Frankreich" and "Schweiz" touched before).
  var SPACE = 2;
  function grow(b, d) {
    return { left: b.left - d, right: b.right + d, top: b.top - d, bottom: b.bottom + d };
  }

  // The box of a point's r round it (a marker, a dot).
  function square(x, y, r) {
    return { left: x - r, right: x + r, top: y - r, bottom: y + r };
  }

  function overlaps(box, taken) {
    return taken.some(function (t) {
      return box.left < t.right && t.left < box.right && box.top < t.bottom && t.top < box.bottom;
    });
  }

  // A test of boxes against `taken` over `area` (where the boxes tried lie): the boxes taken
  // there are picked once, and a box within the area is tested against those only (a name's
  // forms are tried against a few boxes, not every box of the view); one beyond it, against all.
  function clashes(taken, area) {
    var here = taken.filter(function (t) {
      return area.left < t.right && t.left < area.right && area.top < t.bottom &&
        t.top < area.bottom;
    });
    return function (box) {
      var inside = box.left >= area.left && box.right <= area.right && box.top >= area.top &&
        box.bottom <= area.bottom;
      return overlaps(box, inside ? here : taken);
    };
  }

  // Whether a placed box is cut by the map's edge or lies under what lies over it (`over`).
  function unclear(box, over, view) {
    return box.left < 0 || box.top < 0 || box.right > view.x || box.bottom > view.y ||
      overlaps(box, over);
  }

  // A name gives up its place: its room out of `taken`, no form chosen.
  function release(item, taken) {
    var at = item.chosen ? taken.indexOf(item.held) : -1;
    if (at >= 0) {
      taken.splice(at, 1);
    }
    item.chosen = null;
  }

  // Whether a nudged country name's centre lies in its country: in the drawn shape of its id
  // or of a part of it (DEU-GDR is a part of DEU; shapes: a drawn layer of each, by id, read
  // once an update; box: in the map's container). Where none is drawn, it is not.
  function within(map, shapes, id, box) {
    var point = map.containerPointToLayerPoint([(box.left + box.right) / 2,
                                                (box.top + box.bottom) / 2]);
    return (shapes[id] || []).some(function (layer) { return mg.inShape(layer, point); });
  }

  // A drawn layer of each shape (the base, a wave and the 1997 hatch draw the same one).
  function drawnShapes(map) {
    var shapes = {};
    var seen = {};
    map.eachLayer(function (layer) {
      var id = layer.feature && layer.feature.properties.id;
      if (id && !seen[id]) {
        seen[id] = true;
        var whole = id.split("-")[0];
        (shapes[whole] = shapes[whole] || []).push(layer);
      }
    });
    return shapes;
  }

  // How far a dot's name stands from its centre: past the dot, or past a marker drawn over it.
  function clearance(dot, markers) {
    var x = (dot.left + dot.right) / 2;
    var y = (dot.top + dot.bottom) / 2;
    var r = (dot.right - dot.left) / 2;
    markers.forEach(function (m) {
      if (overlaps(dot, [m])) {
        r = Math.max(r, x - m.left, m.right - x, y - m.top, m.bottom - y);
      }
    });
    return r;
  }

  // Where a name stands in this view: at its point, but a sea's at the first of its anchors
  // (its pole, then where a chapter's view shows part of it: Label.also) whose point is in
  // view by MARGIN; the marker is moved there (and back from where label-refuge.js moved it).
  var MARGIN = 40;
  function anchor(map, item, view) {
    var marker = item.marker;
    var all = [[item.label.lat, item.label.lon]].concat(item.label.also || []);
    var inView = all.filter(function (latlng) {
      var p = map.latLngToContainerPoint(latlng);
      return p.x > MARGIN && p.y > MARGIN && p.x < view.x - MARGIN && p.y < view.y - MARGIN;
    });
    var at = (inView.length ? inView : all)[0];
    if (!marker.getLatLng().equals(at)) {
      marker.setLatLng(at);
    }
    return marker.getLatLng();
  }

  // Where Leaflet puts a label (a marker: its layer point rounded), in the map's container.
  function drawnAt(map, latlng) {
    return map.layerPointToContainerPoint(map.latLngToLayerPoint(latlng).round());
  }

  // A form moved the least way that brings its box within the view by PAD px, and that box;
  // null where the box is within it already or is wider or taller than the view.
  var PAD = 2;
  function intoView(form, box, view) {
    function shift(low, high, size) {
      return low < PAD ? PAD - low : high > size - PAD ? size - PAD - high : 0;
    }
    var dx = shift(box.left, box.right, view.x);
    var dy = shift(box.top, box.bottom, view.y);
    if ((!dx && !dy) || box.right - box.left > view.x - 2 * PAD ||
        box.bottom - box.top > view.y - 2 * PAD) {
      return null;
    }
    var moved = { text: form.text, dx: (form.dx || 0) + dx, dy: (form.dy || 0) + dy,
                  small: form.small };
    return { form: moved, box: { left: box.left + dx, right: box.right + dx,
                                 top: box.top + dy, bottom: box.bottom + dy } };
  }

  // A form's measure's key: forms differ by text and size (a place's sides do not).
  function formKey(form) {
    return form.text + (form.small ? "|s" : "");
  }
  // r: from the dot's centre to the edge of what it stands under (itself, or a marker drawn
  // over it, as an event at Odesa is).
  function placeTransform(side, r) {
    r += GAP;
    switch (side) {
      case "right": return "translate(" + r + "px, -50%)";
      case "left": return "translate(calc(-100% - " + r + "px), -50%)";
      case "above": return "translate(-50%, calc(-100% - " + r + "px))";
      default: return "translate(-50%, " + r + "px)";
    }
  }

  // Where a form of `size` puts the name (as its transform in labels.js's write does), r: a
  // place's reach.
  function boxOf(item, form, size, r) {
    var x = item.x;
    var y = item.y;
    var left = x - size.w / 2;
    var top = y - size.h / 2;
    if (item.place) {
      r += GAP;
      var side = form.side;
      left = side === "right" ? x + r : side === "left" ? x - size.w - r : left;
      top = side === "above" ? y - size.h - r : side === "below" ? y + r : top;
    } else {
      left += form.dx;
      top += form.dy;
    }
    return { left: left, top: top, right: left + size.w, bottom: top + size.h };
  }

  // What lies over the map (its zoom and Layers buttons, the attribution, and on a phone the
  // timeline bar over its foot), and beyond its edges, in the map's container: {over, edges}.
  // Read once per map size and timeline shown or not (reading boxes forces a layout).
  var FAR = 1e5;
  function covers(map, cache) {
    var size = map.getSize();
    var timeline = document.getElementById("mg-timeline");
    var on = timeline && !timeline.hidden;
    var key = size + on;
    if (cache.key !== key) {
      var frame = map.getContainer().getBoundingClientRect();
      var over = [].slice.call(map.getContainer().querySelectorAll(".leaflet-control"));
      cache.key = key;
      cache.over = over.concat(on ? [timeline] : []).map(function (el) {
        var r = el.getBoundingClientRect();
        return { left: r.left - frame.left, right: r.right - frame.left,
                 top: r.top - frame.top, bottom: r.bottom - frame.top };
      });
      cache.edges = [{ left: -FAR, right: 0, top: -FAR, bottom: FAR },
                     { left: size.x, right: FAR, top: -FAR, bottom: FAR },
                     { left: -FAR, right: FAR, top: -FAR, bottom: 0 },
                     { left: -FAR, right: FAR, top: size.y, bottom: FAR }];
    }
    return cache;
  }

  mg.labelForms = {
    covers: covers,
    clearance: clearance,
    SPACE: SPACE,
    grow: grow,
    anchor: anchor,
    drawnAt: drawnAt,
    intoView: intoView,
    square: square,
    placeForms: placeForms,
    formKey: formKey,
    placeTransform: placeTransform,
    boxOf: boxOf,
    countryForms: countryForms,
    fits: fits,
    overlaps: overlaps,
    clashes: clashes,
    unclear: unclear,
    release: release,
    within: within,
    drawnShapes: drawnShapes
  };
})(mg);
