// layers.js: fills each layer of the page's data with its shapes, markers and names, and
// shows the layers and their dated features as of a date.
(function (mg, L) {
  // Features drawn from a date on (`since`) and up to one (`until`, not included): the 1997
  // baseline, the held area, occupied Crimea, the build-up, events, deployments. The timeline
  // and the chapters move them (state.dated).
  function addDated(state, group, layers, dates, asOf) {
    layers.forEach(function (layer, i) {
      var d = dates[i];
      if (d.since || d.until) {
        state.dated.push({ group: group, layer: layer, since: d.since, until: d.until });
      }
      if (!d.under && mg.rules.visible(d, asOf)) {
        group.addLayer(layer);
      }
    });
  }

  function addShapes(state, record, set, asOf) {
    var group = record.group;
    var style = mg.hatches.pathStyle(set.style);
    var shapes = set.features.map(function (f) {
      var layer = new mg.SharedShape(state.tables.shapeOf(f.id), L.extend({}, style));
      layer.feature = { properties: { id: f.id, since: f.since || null } };
      // in drawing order: the later, the higher
      // a feature's popup, with what it leaves out from the set's, headed with its tip where
      // it has no heading (page-format.md, Popup)
      var popup = f.popup || set.popup;
      if (popup && set.popup && (f.popup || !set.popup.title)) {
        popup = L.extend({}, set.popup, f.popup);
        popup.title = popup.title || f.tip;
      }
      state.items.set(layer, { layer: layer, tip: f.tip, popup: popup,
                               order: state.drawn++, record: record });
      return layer;
    });
    mg.popups.bind(state, group, shapes, true);
    addDated(state, group, shapes, set.features, asOf);
    var under = shapes.filter(function (shape, i) { return set.features[i].under; });
    if (under.length) {
      state.afterPaint(function () {
        under.forEach(function (layer) {
          group.addLayer(layer);
          layer.bringToBack();
        });
      });
    }
  }

  // A page of fewer than CANVAS_FROM markers (page/scripts.py) draws each as an SVG circle
  // that reads its tooltip and popup from the columns when shown; more go on a canvas
  // (dot-layer.js).
  function addMarkers(state, record, set, asOf) {
    mg.columns.index(set);
    if (state.canvasDots) {
      var dots = new mg.DotLayer(set, set.style, asOf, state);
      state.dots.push(dots);
      record.group.addLayer(dots);
      return;
    }
    var markers = new Array(set.n);
    var dates = new Array(set.n);
    var radius = set.style.radius * mg.rules.markerScale(state.map.getZoom());
    for (var i = 0; i < set.n; i++) {
      var marker = L.circleMarker([set.lat[i] / 1e4, set.lon[i] / 1e4],
                                  L.extend({}, set.style, { radius: radius }));
      state.items.set(marker, { set: set, index: i, record: record });
      markers[i] = marker;
      dates[i] = { since: mg.columns.value(set, "since", i),
                   until: mg.columns.value(set, "until", i) };
    }
    mg.popups.bind(state, record.group, markers);
    addDated(state, record.group, markers, dates, asOf);
    state.markerSets.push({ style: set.style, markers: markers });
  }

  // The markers' size follows the zoom (mg.rules.markerScale). Listened to before any names
  // are placed (boot.js), so the names go round the markers at their new size.
  function sizeMarkers(state) {
    state.map.on("zoomend", function () {
      var scale = mg.rules.markerScale(state.map.getZoom());
      state.markerSets.forEach(function (set) {
        set.markers.forEach(function (m) { m.setRadius(set.style.radius * scale); });
      });
    });
  }

  var ADD = {
    shapes: addShapes,
    markers: addMarkers,
    labels: function (state, record, set) { mg.addLabels(record.group, set); }
  };

  mg.layers = {
    sizeMarkers: sizeMarkers,
    // A layer's items: in its spec for a layer drawn before the first paint, else in the
    // "mapgen-later" block after the page's code (docs/page-format.md), read once.
    fill: function (state, record, asOf) {
      var items = record.spec.items;
      if (!record.spec.first) {
        state.later = state.later || (mg.dom.readJson("mapgen-later") || { layers: {} }).layers;
        items = state.later[record.spec.id] || items;
      }
      items.forEach(function (set) {
        ADD[set.kind](state, record, set, asOf);
      });
    },

    // Show the alliance as of a date: waves (records with a since) joined by then on, later
    // ones off, and the dated features (the 1997 baseline) following.
    setDate: function (state, iso, waves) {
      var map = state.map;
      waves.forEach(function (w) {
        var on = mg.rules.visible(w.spec, iso) && w.wanted !== false;
        if (on && !map.hasLayer(w.group)) {
          map.addLayer(w.group);
        } else if (!on && map.hasLayer(w.group)) {
          map.removeLayer(w.group);
        }
      });
      state.dots.forEach(function (layer) { layer.setDate(iso); });
      state.dated.forEach(function (d) {
        var on = mg.rules.visible(d, iso);
        if (on && !d.group.hasLayer(d.layer)) {
          d.group.addLayer(d.layer);
        } else if (!on && d.group.hasLayer(d.layer)) {
          d.group.removeLayer(d.layer);
        }
      });
    }
  };
})(mg, L);
