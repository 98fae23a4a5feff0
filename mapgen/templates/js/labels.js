// labels.js: every name on the map in one placement. Countries are named inside their shape,
// capitals and cities beside their dot, regions (the oblasts) inside their outline where the
// name fits (label-forms.js has the candidates and the tests of a box). Names are placed in
// priority order (the story's countries, then the story's places, then the others by rank,
// as the data orders each set); each takes the first of its candidate positions that overlaps
// no name placed before it and no dot or marker, so a name is never dropped for one of lower
// priority (label-place.js places one name; a story's name left without clear room gets a
// second chance there and in label-refuge.js).
(function (mg, L) {
  var F = mg.labelForms;
  var P = mg.labelPlace;
  var place = P.place;
  var visible = P.visible;
  var priority = P.priority;
  var NEAR = 9;  // the first forms of a story's country, tried before the story's places
  var EDGE = 60;  // px round the view within which names are placed (a pan's moveend places anew)

  // A name's item: its forms are made when first wanted, its label's element when first
  // written (of the few hundred names, a view places a few dozen and shows fewer).
  function makeLabel(l) {
    l.kind = l.kind || "country";  // page-format.md: a country's is left out
    var place = l.kind === "capital" || l.kind === "city";
    var classes = "mg-label" + (place ? " mg-place-label" : "") +
      (l.kind === "sea" || l.kind === "region" ? " mg-" + l.kind + "-label" : "");
    var marker = L.marker([l.lat, l.lon], { interactive: false, keyboard: false,
                                            pane: "mgLabels" });
    var item = { label: l, marker: marker, name: null, classes: classes, place: place,
                 sizes: {} };
    var forms = null;
    Object.defineProperty(item, "forms", { get: function () {
      return forms || (forms = place ? F.placeForms(l.name) : F.countryForms(l.name));
    } });
    return item;
  }

  // The [classes, kind] of a name's forms, for label-sizes.js.
  function stylesOf(item) {
    if (!item.styles) {
      var seen = {};
      item.styles = [];
      item.forms.forEach(function (form) {
        var classes = mg.labelSizes.classesOf(item, form);
        if (!seen[classes]) {
          seen[classes] = item.styles.push([classes, item.label.kind]);
        }
      });
    }
    return item.styles;
  }

  // The label's element, made once: a place's dot and the name.
  function element(item) {
    var icon = document.createElement("div");
    if (item.place) {
      icon.appendChild(mg.dom.textNode("span", "mg-dot mg-" + item.label.kind, ""));
    }
    item.name = icon.appendChild(mg.dom.textNode("span", "mg-name", item.label.name));
    item.marker.setIcon(L.divIcon({ className: item.classes, html: icon, iconSize: null }));
  }

  // One placement a map: the label sets register, and every update places them all.
  var placements = [];  // [{ map, add }]
  function placement(map) {
    var known = placements.filter(function (p) { return p.map === map; })[0];
    if (known) {
      return known;
    }
    var sets = [];
    var busy = false;
    var cover = {};
    // An update reads nothing of the page's layout: the markers' boxes are computed from
    // their points and radii, the names' sizes from their styles (label-sizes.js), every name
    // is placed by arithmetic, then the chosen forms are written.
    function update() {
      if (busy) {
        return;
      }
      busy = true;
      pending = false;  // a placement asked for (later) is this one
      var start = performance.now();
      var zoom = map.getZoom();
      var pane = map.getPane("mgLabels");
      var view = map.getSize();
      function near(p, r) {
        return p.x + r > -EDGE && p.y + r > -EDGE && p.x - r < view.x + EDGE &&
          p.y - r < view.y + EDGE;
      }
      var markers = [];
      map.eachLayer(function (layer) {
        var p = layer instanceof L.CircleMarker && mg.leaflet.markerAt(map, layer);
        if (p) {
          var r = Math.max(Math.round(layer.getRadius()), 1);  // as Leaflet's SVG draws it
          if (near(p, r)) {
            markers.push(F.square(p.x, p.y, r));
          }
        }
      });
      var shapes = F.drawnShapes(map);
      // Beyond the chapter's frame (a phone's tall view shows more than the chapter is about):
      // a place whose point, a country none of whose shapes, lies in it.
      function beyond(item) {
        var frame = known.frame;
        return frame && !(item.place ? frame.contains([item.label.lat, item.label.lon]) :
          (shapes[item.label.id] || []).some(function (layer) {
            return frame.intersects(layer.getBounds());
          }));
      }
      var all = [];
      var off = [];
      sets.forEach(function (set, s) {
        var on = map.hasLayer(set.group);  // not a layer switched off (the oblasts)
        set.labels.forEach(function (item, i) {
          item.chosen = null;
          var p = on && visible(item, zoom) && F.drawnAt(map, F.anchor(map, item, view));
          if (p && near(p, 0)) {
            item.x = p.x;
            item.y = p.y;
            // a name whose point is out of view, or beyond the chapter's frame, comes last, as
            // the others, wholly in view
            var out = p.x < 0 || p.y < 0 || p.x > view.x || p.y > view.y || beyond(item);
            all.push({ item: item, group: set.group, key: [out ? 3 : priority(item, zoom), s, i] });
          } else if (set.group.hasLayer(item.marker)) {
            off.push({ item: item, group: set.group });
          }
        });
      });
      mg.labelSizes.read(pane, [].concat.apply([], all.map(function (e) {
        return stylesOf(e.item);
      })));
      all.forEach(function (e) {
        e.item.dot = e.item.place ? mg.labelSizes.sizeOf(pane, e.item, e.item.forms[0]).dot : 0;
      });
      all.sort(function (a, b) {
        return a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2];
      });
      var covered = F.covers(map, cover);
      var over = covered.over;
      var taken = markers.concat(over);
      // the story's dots first: they cannot move, so the names (its country's too) go round
      all.forEach(function (entry) {
        if (entry.item.place && entry.item.label.first) {
          taken.push(F.square(entry.item.x, entry.item.y, entry.item.dot / 2));
        }
      });
      // The story's countries due take their spot near their point first (NEAR forms), the
      // story's places their names next, then everything else its first free form.
      var done = [];
      var edged = false;
      all.forEach(function (entry, k) {
        if (entry.key[0] === 0) {
          done[k] = place(map, pane, entry.item, zoom, taken, markers, shapes, NEAR);
        }
      });
      // Before the others: a story country's name that runs off the map's edge moves into view
      // where there is room (its places named first); then the edges are taken (a story's
      // name whose point is in view may run off them, to stay by it; the others may not).
      function edge() {
        edged = true;
        all.forEach(function (e) {
          var item = e.item;
          if (e.key[0] < 3 && !item.place && item.chosen && taken.indexOf(item.held) >= 0 &&
              F.intoView(item.chosen, item.box, view)) {
            P.retry([item], taken, function () {
              return place(map, pane, item, zoom, taken, markers, shapes, 0, "shift");
            });
          }
        });
        taken.push.apply(taken, covered.edges);
      }
      all.forEach(function (entry, k) {
        if (entry.key[0] === 3 && !edged) {
          edge();
        }
        if (!done[k] && !place(map, pane, entry.item, zoom, taken, markers, shapes) &&
            entry.key[0] < 3) {
          // a story's name with no room clear of the map's buttons and timeline goes under
          // them rather than not at all (the others do not)
          var open = taken.filter(function (box) { return over.indexOf(box) < 0; });
          var n = open.length;
          if (place(map, pane, entry.item, zoom, open, markers, shapes)) {
            taken.push.apply(taken, open.slice(n));
          }
        }
      });
      if (!edged) {
        edge();
      }
      // a story's name still without clear room: another name moves aside, or a country's
      // goes where its shape shows in the clear
      P.displace(map, pane, all, taken, over, markers, shapes, zoom);
      mg.labelRefuge.refuge(map, pane, all, taken, over, markers, shapes, zoom);
      all.concat(off).forEach(function (entry) { write(entry.item, entry.group); });
      busy = false;
      // the placement's time, for bench/bench.py (User Timing: performance.getEntriesByName)
      performance.measure("mapgen-labels", { start: start });
    }
    // Names follow after the next paint (a frame, then a task: the shapes get on screen
    // first), or within a quarter second where frames do not come (a hidden frame).
    var pending = false;
    function later() {
      if (!pending) {
        pending = true;
        mg.afterFrame(function () {
          if (pending) {  // not placed meanwhile (a move's placement places every name)
            update();
          }
        });
      }
    }
    // after a move, once Leaflet has done with it (fitBounds fires viewreset after moveend)
    map.on("moveend", function () { Promise.resolve().then(update); });
    map.on("layeradd layerremove", function (event) {  // dots come and go with the date
      if (event.layer instanceof L.CircleMarker) {
        later();
      }
    });
    known = {
      map: map,
      frame: null,
      later: later,
      add: function (group, labels) {
        sets.push({ group: group, labels: labels });
        group.on("add", later);  // a layer switched on again: its names are placed anew
        later();
      }
    };
    placements.push(known);
    return known;
  }

  // The chosen form onto the page, or the name off it (a story place's dot stays reserved:
  // no name went over it).
  function write(item, group) {
    var form = item.chosen;
    if (!form) {
      group.removeLayer(item.marker);
      return;
    }
    if (!item.name) {
      element(item);
    }
    if (!group.hasLayer(item.marker)) {
      group.addLayer(item.marker);
    }
    var el = item.marker.getElement();
    item.name.textContent = form.text;
    el.classList.toggle("mg-small", Boolean(form.small));
    el.classList.toggle("mg-lines", form.text.indexOf("\n") >= 0);
    el.dataset.lead = form.lead || "";  // a line to its point (label-refuge.js sides)
    if (form.lead) {
      el.style.setProperty("--lead", form.leadPx + "px");
    }
    item.name.style.transform = item.place ? F.placeTransform(form.side, item.reach) :
      "translate(calc(-50% + " + form.dx + "px), calc(-50% + " + form.dy + "px))";
  }

  // The chapter's frame, its bounds (null: Explore, where no move follows to place anew).
  mg.labelFrame = function (map, bounds) {
    var known = placement(map);
    known.frame = bounds;
    if (!bounds) {
      known.later();
    }
  };

  mg.addLabels = function (group, set) {
    var labels = set.labels.map(makeLabel);
    function start(map) {
      placement(map).add(group, labels);
    }
    if (mg.leaflet.mapOf(group)) {
      start(mg.leaflet.mapOf(group));
    } else {
      group.on("add", function () { start(mg.leaflet.mapOf(group)); });
    }
  };
})(mg, L);
