// layers.js: fills each layer of the page's data with its shapes, markers and names.

var SVG = "http://www.w3.org/2000/svg";

// The diagonal hatch patterns of [style.hatches], as SVG <pattern> elements; a path whose
// style names a hatch is filled with it (fill="url(#mapgen-hatch-NAME)").
function addHatches(hatches) {
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "mg-defs");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var defs = document.createElementNS(SVG, "defs");
  Object.keys(hatches).sort().forEach(function (name) {
    var pattern = document.createElementNS(SVG, "pattern");
    pattern.setAttribute("id", "mapgen-hatch-" + name);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "7");
    pattern.setAttribute("height", "7");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var line = document.createElementNS(SVG, "line");
    [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "7"], ["stroke", hatches[name]],
     ["stroke-width", "2"]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
    pattern.appendChild(line);
    defs.appendChild(pattern);
  });
  svg.appendChild(defs);
  document.body.appendChild(svg);
}

function pathStyle(style) {
  var options = L.extend({}, style);
  if (options.hatch) {
    options.className = "mapgen-hatch-" + options.hatch;
    options.fillColor = "url(#mapgen-hatch-" + options.hatch + ")";
    delete options.hatch;
  }
  return options;
}

// Features drawn from a date on (`since`) and up to one (`until`, not included): the 1997
// baseline, the held area, occupied Crimea, the build-up, events, deployments. The timeline and
// the chapters move them.
var dated = [];
var drawn = 0;  // shapes in drawing order: the later, the higher

function current(item, iso) {
  return (!item.since || !iso || item.since <= iso) && (!item.until || !iso || iso < item.until);
}

function addDated(group, items, specs, asOf) {
  items.forEach(function (item, i) {
    var spec = specs[i];
    if (spec.since || spec.until) {
      dated.push({ group: group, layer: item, since: spec.since, until: spec.until });
    }
    if (!spec.under && current(spec, asOf)) {
      group.addLayer(item);
    }
  });
}

function addShapes(group, spec, asOf) {
  var style = pathStyle(spec.style);
  var shapes = spec.features.map(function (f) {
    var layer = new SharedShape(shapeOf(f.id), L.extend({}, style));
    layer.feature = { properties: { id: f.id, since: f.since || null } };
    layer.mgTip = f.tip;
    layer.mgPopup = f.popup || spec.popup;
    layer.mgOrder = drawn++;
    return layer;
  });
  bind(group, shapes, true);
  addDated(group, shapes, spec.features, asOf);
  var under = shapes.filter(function (shape, i) { return spec.features[i].under; });
  if (under.length) {
    afterPaint(function () {
      under.forEach(function (layer) {
        group.addLayer(layer);
        layer.bringToBack();
      });
    });
  }
}

// Markers arrive in columns (positions in 1e-4 degrees; every other field a table of its
// values and each marker's value number, delta-encoded; a tooltip may be two fields joined,
// "date: title"). A page of fewer than CANVAS_FROM markers draws each as an SVG circle that
// reads its tooltip and popup from the columns when shown; more go on a canvas (dots.js).
var ColumnMarker = L.CircleMarker.extend({});
Object.defineProperty(ColumnMarker.prototype, "mgTip", {
  get: function () { return tipAt(this.mgSet, this.mgIndex); }
});
Object.defineProperty(ColumnMarker.prototype, "mgPopup", {
  get: function () { return popupAt(this.mgSet, this.mgIndex); }
});

// A column's value numbers, from their steps.
function indexColumns(spec) {
  Object.keys(spec.columns).forEach(function (name) {
    var column = spec.columns[name];
    var index = new Int32Array(column.steps.length);
    var at = 0;
    for (var i = 0; i < index.length; i++) {
      at += column.steps[i];
      index[i] = at;
    }
    column.index = index;
  });
}

function addMarkers(group, spec, asOf) {
  if (canvasDots) {
    addDots(group, spec, asOf);
    return;
  }
  indexColumns(spec);
  var markers = new Array(spec.n);
  var dates = new Array(spec.n);
  for (var i = 0; i < spec.n; i++) {
    var marker = new ColumnMarker([spec.lat[i] / 1e4, spec.lon[i] / 1e4], spec.style);
    marker.mgSet = spec;
    marker.mgIndex = i;
    markers[i] = marker;
    dates[i] = { since: valueAt(spec, "since", i), until: valueAt(spec, "until", i) };
  }
  bind(group, markers);
  addDated(group, markers, dates, asOf);
}

// Names drawn as text, each from the zoom its rank allows.
var OFFSETS = [[0, 0], [0, 13], [0, -13], [34, 0], [-34, 0]];
function addLabels(group, spec) {
  var markers = spec.labels.map(function (l) {
    var marker = L.marker([l.lat, l.lon], {
      icon: L.divIcon({ className: "mg-label", html: textNode("span", null, l.name),
                        iconSize: null }),
      interactive: false,
      keyboard: false,
      pane: "mgLabels"
    });
    marker.mgRank = l.rank;
    return marker;
  });
  // Names in priority order (the data's order): each is shown if its zoom allows and it
  // overlaps no name placed before it and no dot on the map.
  var busy = false;
  function update() {
    var map = group._map;
    if (!map || busy) {
      return;
    }
    busy = true;
    var zoom = map.getZoom();
    var taken = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker && layer.getElement && layer.getElement()) {
        taken.push(layer.getElement().getBoundingClientRect());
      }
    });
    markers.forEach(function (m) {
      var show = zoom >= m.mgRank - 1;
      if (show && !group.hasLayer(m)) {
        group.addLayer(m);
      } else if (!show && group.hasLayer(m)) {
        group.removeLayer(m);
      }
      if (!show) {
        return;
      }
      // where it stands, else just beside: below, above, right, left
      var span = m.getElement().firstChild;
      var placed = OFFSETS.some(function (offset) {
        span.style.transform = "translate(calc(-50% + " + offset[0] + "px), calc(-50% + " +
          offset[1] + "px))";
        var box = span.getBoundingClientRect();
        var clash = taken.some(function (t) {
          return box.left < t.right && t.left < box.right && box.top < t.bottom &&
            t.top < box.bottom;
        });
        if (!clash) {
          taken.push(box);
        }
        return !clash;
      });
      if (!placed) {
        group.removeLayer(m);
      }
    });
    busy = false;
  }
  var pending = false;
  function later() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () { pending = false; update(); });
    }
  }
  function start(map) {
    // Names follow in the next frame: the shapes get on screen first.
    requestAnimationFrame(update);
    map.on("zoomend", update);
    map.on("layeradd layerremove", function (event) {  // dots come and go with the date
      if (event.layer instanceof L.CircleMarker) {
        later();
      }
    });
  }
  if (group._map) {
    start(group._map);
  } else {
    group.on("add", function () { start(group._map); });
  }
}

var ADD = { shapes: addShapes, markers: addMarkers, labels: addLabels };

// Show the alliance as of a date: waves joined by then on, later ones off, and dated
// features (the 1997 baseline) following.
function setDate(map, iso, waves) {
  waves.forEach(function (w) {
    var on = w.since <= iso && w.group.mgWanted !== false;
    if (on && !map.hasLayer(w.group)) {
      map.addLayer(w.group);
    } else if (!on && map.hasLayer(w.group)) {
      map.removeLayer(w.group);
    }
  });
  dotSets.forEach(function (layer) { layer.setDate(iso); });
  dated.forEach(function (d) {
    var on = current(d, iso);
    if (on && !d.group.hasLayer(d.layer)) {
      d.group.addLayer(d.layer);
    } else if (!on && d.group.hasLayer(d.layer)) {
      d.group.removeLayer(d.layer);
    }
  });
}
