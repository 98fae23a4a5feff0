// boot.js: builds the map from the page's data (the JSON block "mapgen-data"); comes last.

function addPanes(map, panes) {
  Object.keys(panes).forEach(function (name) {
    map.createPane(name).style.zIndex = panes[name];
  });
}

function fillLayer(group, spec, asOf) {
  spec.items.forEach(function (item) {
    ADD[item.kind](group, item, asOf);
  });
}

// How many markers the page holds (past a threshold they are drawn on a canvas).
function markerCount(layers) {
  var n = 0;
  layers.forEach(function (spec) {
    spec.items.forEach(function (item) { n += item.kind === "markers" ? item.n : 0; });
  });
  return n;
}

// The map in the element with this id, returned for code that adds to it (a notebook's
// folium elements are added to the variable the map is assigned to).
function boot(id) {
  var data = readJson("mapgen-data");
  var view = data.view;
  var root = document.documentElement.style;
  root.setProperty("--mg-sea", data.style.sea);
  root.setProperty("--mg-label", data.style.label);
  addHatches(data.style.hatches);
  mapgen.ui = data.ui || {};
  // a notebook's markers: Leaflet's default icon from the page itself (see render/notebook.py)
  var icons = readJson("mapgen-icons");
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
  mapgen.map = map;
  // the controls in the page's language, mirrored on a right-to-left page
  L.control.zoom({ position: side("topleft"), zoomInTitle: word("zoomIn"),
                   zoomOutTitle: word("zoomOut") }).addTo(map);
  L.control.attribution({ position: side("bottomright") }).addTo(map);
  map.on("popupopen", function (event) {  // Leaflet names its × "Close popup", in English
    var button = event.popup._closeButton;
    if (button) {
      button.setAttribute("aria-label", (data.embed || {}).close || "");
    }
  });
  // Leaflet sets the prefix as HTML: the text of map.toml goes in escaped
  map.attributionControl.setPrefix(escapeHtml(view.attributionPrefix || ""));
  var opening = openingState(data);
  mapgen.asOf = opening.asOf;
  applyChrome();
  addBar();
  reportHeight();
  guardScroll(map, data.embed || {});
  addPanes(map, view.panes);
  watchDetail(map);
  var bounds = opening.chapter ? opening.chapter.bounds : view.bounds;
  if (bounds) {
    map.fitBounds(bounds, { animate: false });
  }
  if (data.tiles) {
    L.tileLayer(data.tiles.url, data.tiles.options).addTo(map);
  }
  var groups = {};
  canvasDots = markerCount(data.layers) >= CANVAS_FROM;
  var layers = data.layers.map(function (spec) {
    var group = L.featureGroup();
    group._mgKey = spec.name;  // the layer's name, as its legend entry knows it
    group.mgId = spec.id;
    if (spec.first) {
      fillLayer(group, spec, opening.asOf);
    } else {
      // filled after the first paint, as of the date shown then (a link may have moved it)
      afterPaint(function () { fillLayer(group, spec, mapgen.asOf); });
    }
    var on = openingWanted(spec, opening);
    if (spec.control) {
      group.mgWanted = on;
    }
    if (on && !(spec.since && spec.since > opening.asOf)) {
      group.addTo(map);
    }
    groups[spec.name] = group;
    return { spec: spec, group: group };
  });
  placePopups(map, view.popupOrder || []);
  afterPaint(function () {
    addPanel(map, layers, data.embed || {}, data.legend);
    addLegend(map, data.legend, groups);
  });
  var timeline = addTimeline(map, data, layers.filter(function (l) {
    return l.spec.since;
  }).map(function (l) {
    return { group: l.group, since: l.spec.since };
  }), opening.asOf);
  mapgen.story = addStory(map, data, layers, timeline, opening);
  mapgen.timeline = timeline;
  return map;
}

window.mapgen = {
  map: null,
  asOf: null,  // the date the map shows (ISO); the timeline moves it
  detail: detail,  // the level of detail drawn (0 coarse, 1 fine) and whether fine is parsed
  dated: dated,
  boot: boot
};
