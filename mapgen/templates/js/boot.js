// boot.js: builds the map from the page's data (the JSON block "mapgen-data"); comes last.
(function (mg, L) {
  function addPanes(map, panes) {
    Object.keys(panes).forEach(function (name) {
      map.createPane(name).style.zIndex = panes[name];
    });
  }

  // A map's state, made by boot and passed to what needs it.
  function mapState(map, data) {
    return {
      map: map,
      data: data,
      tables: new mg.ShapeTables(),  // the shape tables and the level of detail drawn
      afterPaint: mg.paintQueue(),
      asOf: null,  // the date the map shows (ISO); the timeline moves it
      layers: [],  // one record per layer of the data: {spec, group, wanted}
      recordOf: new Map(),  // a layer's group: its record
      items: new Map(),  // a drawn shape or marker: its texts (popups.js)
      dated: [],  // the features with a date (layers.js)
      drawn: 0,  // shapes in drawing order
      placed: [],  // the shapes that have a popup (places.js)
      foot: { key: null, px: 0 },  // what lies over the map's foot, per map size (popups.js)
      dots: [],  // the marker sets on a canvas (dot-layer.js)
      markerSets: [],  // the SVG marker sets, whose size follows the zoom (layers.js)
      canvasDots: Boolean(mg.DotLayer),  // shipped for CANVAS_FROM markers (page/scripts.py)
      later: null,  // the items of the layers drawn after the first paint (layers.js)
      story: null
    };
  }

  var last = null;  // the state of the map booted last (window.mapgen.map, .asOf, .story)

  // The controls in the page's language, mirrored on a right-to-left page.
  function addControls(map, data) {
    var side = mg.dom.side;
    L.control.zoom({ position: side("topleft"), zoomInTitle: mg.dom.word("zoomIn"),
                     zoomOutTitle: mg.dom.word("zoomOut") }).addTo(map);
    L.control.attribution({ position: side("bottomright") }).addTo(map);
    map.on("popupopen", function (event) {  // Leaflet names its × "Close popup", in English
      var button = mg.leaflet.closeButton(event.popup);
      if (button) {
        button.setAttribute("aria-label", (data.embed || {}).close || "");
      }
    });
    // Leaflet sets the prefix as HTML: the text of map.toml goes in escaped
    map.attributionControl.setPrefix(mg.dom.escapeHtml(data.view.attributionPrefix || ""));
  }

  // One record per layer of the data, its group on the map if the opening wants it; the
  // groups by layer id.
  function addLayers(state, opening) {
    var groups = {};
    state.data.layers.forEach(function (spec) {
      var record = { spec: spec, group: L.featureGroup(), wanted: undefined };
      state.layers.push(record);
      state.recordOf.set(record.group, record);
      groups[spec.id] = record.group;
      if (spec.first) {
        mg.layers.fill(state, record, opening.asOf);
      } else {
        // filled after the first paint, as of the date shown then (a link may have moved it)
        state.afterPaint(function () { mg.layers.fill(state, record, state.asOf); });
      }
      var on = opening.wanted(spec);
      if (spec.control) {
        record.wanted = on;
      }
      if (on && mg.rules.visible(spec, opening.asOf)) {
        record.group.addTo(state.map);
      }
    });
    return groups;
  }

  // The map in the element with this id, returned for code that adds to it (a notebook's
  // folium elements are added to the variable the map is assigned to).
  function boot(id) {
    var data = mg.dom.readJson("mapgen-data");
    var view = data.view;
    var root = document.documentElement.style;
    root.setProperty("--mg-sea", data.style.sea);
    root.setProperty("--mg-label", data.style.label);
    mg.hatches.add(data.style.hatches);
    mg.dom.words = data.ui || {};
    // a notebook's markers: Leaflet's default icon from the page itself (see page/notebook.py)
    var icons = mg.dom.readJson("mapgen-icons");
    if (icons) {
      L.Icon.Default.imagePath = "";
      L.Icon.Default.mergeOptions(icons);
    }
    var map = L.map(id, {
      center: view.center,
      zoom: view.zoom,
      minZoom: view.minZoom,
      maxZoom: view.maxZoom,
      zoomSnap: view.zoomSnap,
      zoomControl: false,
      attributionControl: false
    });
    var state = last = mapState(map, data);
    addControls(map, data);
    var opening = mg.opening(data);
    state.asOf = opening.asOf;
    mg.embed.applyChrome();
    mg.addBar();
    mg.embed.reportHeight();
    mg.embed.guardScroll(map, data.embed || {});
    addPanes(map, view.panes);
    state.tables.watch(map, function (layer) {
      if (layer instanceof mg.SharedShape) {
        layer.redrawDetail();
      }
    });
    var bounds = opening.chapter ? opening.chapter.bounds : view.bounds;
    if (bounds) {
      map.fitBounds(bounds, mg.fitOptions(map, { animate: false }));
    }
    if (data.tiles) {
      L.tileLayer(data.tiles.url, data.tiles.options).addTo(map);
    }
    mg.layers.sizeMarkers(state);
    var groups = addLayers(state, opening);
    mg.placePopups(state, view.popupOrder || []);
    mg.addKeys(map);
    // the key joins its entries to their layers by id (entry.layer)
    var legend = data.legend.map(function (entry) {
      return L.extend({}, entry, { layer: entry.layer || layerIdOf(state, entry.key) });
    });
    var byId = {};
    legend.forEach(function (entry) { byId[entry.layer] = entry; });
    state.afterPaint(function () {
      mg.addPanel(state, data.embed || {}, byId);
      mg.addLegend(map, legend, groups);
    });
    var timeline = mg.addTimeline(state, state.layers.filter(function (record) {
      return record.spec.since;
    }), opening.asOf);
    state.story = mg.addStory(state, timeline, opening);
    return map;
  }

  // A page whose key names layers by their names only (before `layer`).
  function layerIdOf(state, name) {
    var found = state.layers.filter(function (record) { return record.spec.name === name; });
    return found.length ? found[0].spec.id : null;
  }

  mg.boot = boot;
  function shown(name) {
    return { get: function () { return last ? last[name] : null; }, enumerable: true };
  }
  window.mapgen = Object.defineProperties({ boot: boot }, {
    map: shown("map"),
    asOf: shown("asOf"),  // the date the map shows (ISO)
    story: shown("story")  // go(index, animate): a chapter (scripts/screenshots.py)
  });
  // For the tests only: the last map's level of detail ({level, decoded}), dated features and
  // layer records.
  window.mapgen.forTests = function () {
    return { detail: last.tables.detail, dated: last.dated, layers: last.layers };
  };
})(mg, L);
