// labels.js: every name on the map in one placement. Countries are named inside their shape,
// capitals and cities beside their dot, regions (the oblasts) inside their outline where the
// name fits (label-forms.js has the candidates and the tests of a box). Names are placed in
// priority order (the story's countries, then the story's places, then the others by rank,
// as the data orders each set); each takes the first of its candidate positions that overlaps
// no name placed before it and no dot or marker, so a name is never dropped for one of lower
// priority.
(function (mg, L) {
  var F = mg.labelForms;
  var NEAR = 9;  // the first forms of a story's country, tried before the story's places
  var EDGE = 60;  // px round the view within which names are placed (a pan's moveend places anew)

  function makeLabel(l) {
    var place = l.kind === "capital" || l.kind === "city";
    var icon = document.createElement("div");
    var name = mg.dom.textNode("span", "mg-name", l.name);
    var classes = "mg-label" + (place ? " mg-place-label" : "") +
      (l.kind === "sea" || l.kind === "region" ? " mg-" + l.kind + "-label" : "");
    if (place) {
      icon.appendChild(mg.dom.textNode("span", "mg-dot mg-" + l.kind, ""));
    }
    icon.appendChild(name);
    var marker = L.marker([l.lat, l.lon], {
      icon: L.divIcon({ className: classes, html: icon, iconSize: null }),
      interactive: false,
      keyboard: false,
      pane: "mgLabels"
    });
    var item = { label: l, marker: marker, name: name, classes: classes, place: place,
                 forms: place ? F.SIDES : F.countryForms(l.name), sizes: {} };
    var seen = {};
    item.styles = [];  // [classes, kind] of its forms, for label-sizes.js
    item.forms.forEach(function (form) {
      var classes = mg.labelSizes.classesOf(item, form);
      if (!seen[classes]) {
        seen[classes] = item.styles.push([classes, l.kind]);
      }
    });
    return item;
  }

  // Where Leaflet puts a label (a marker: its layer point rounded), in the map's container.
  function drawnAt(map, latlng) {
    return map.layerPointToContainerPoint(map.latLngToLayerPoint(latlng).round());
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
      var all = [];
      var off = [];
      sets.forEach(function (set, s) {
        var on = map.hasLayer(set.group);  // not a layer switched off (the oblasts)
        set.labels.forEach(function (item, i) {
          item.chosen = null;
          var p = on && visible(item, zoom) && drawnAt(map, F.anchor(map, item, view));
          if (p && near(p, 0)) {
            item.x = p.x;
            item.y = p.y;
            // a name whose point is out of view comes last, as the others, wholly in view
            var out = p.x < 0 || p.y < 0 || p.x > view.x || p.y > view.y;
            all.push({ item: item, group: set.group, key: [out ? 3 : priority(item, zoom), s, i] });
          } else if (set.group.hasLayer(item.marker)) {
            off.push({ item: item, group: set.group });
          }
        });
      });
      mg.labelSizes.read(pane, [].concat.apply([], all.map(function (e) {
        return e.item.styles;
      })));
      all.forEach(function (e) {
        e.item.dot = e.item.place ? mg.labelSizes.sizeOf(pane, e.item, "").dot : 0;
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
      var shapes = F.drawnShapes(map);
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
          var item = e.item, was = item.chosen;
          var at = was ? taken.indexOf(item.held) : -1;
          if (e.key[0] < 3 && !item.place && at >= 0 && F.intoView(was, item.box, view)) {
            var box = item.box;
            var held = taken.splice(at, 1)[0];
            item.chosen = null;
            if (!place(map, pane, item, zoom, taken, markers, shapes, 0, "shift")) {
              item.chosen = was;
              item.box = box;
              item.held = held;
              taken.push(held);
            }
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
      add: function (group, labels) {
        sets.push({ group: group, labels: labels });
        group.on("add", later);  // a layer switched on again: its names are placed anew
        later();
      }
    };
    placements.push(known);
    return known;
  }

  // Which names come first: the story's countries due at this zoom, then the story's places
  // (their dots are reserved before any name: a dot cannot move, a name can), then the
  // story's countries a zoom early (where they fit), then the others.
  function due(item, zoom) {
    return zoom >= item.label.rank - 1;
  }

  function visible(item, zoom) {
    return due(item, zoom) || (item.label.first && !item.place && zoom >= item.label.rank - 2);
  }

  function priority(item, zoom) {
    return !item.label.first ? 3 : item.place ? 1 : due(item, zoom) ? 0 : 2;
  }

  // Chooses the name's form (item.chosen, its box item.box); returns whether it found one.
  // Tries the first `limit` forms of a country's; `mode`: see tries.
  function place(map, pane, item, zoom, taken, markers, shapes, limit, mode) {
    var dot = item.place ? F.square(item.x, item.y, item.dot / 2) : null;
    var own = dot && item.label.first;  // a dot reserved before any name
    if (dot && !own && F.overlaps(dot, taken)) {
      return false;
    }
    var reach = dot ? F.clearance(dot, markers) : 0;
    var room = item.label.reach ? item.label.reach * Math.pow(2, zoom) : 0;
    var region = item.label.kind === "region";
    var anchor = { left: item.x, top: item.y };
    var forms = limit && !item.place ? item.forms.slice(0, limit) : item.forms;
    var view = map.getSize();
    function takes(form, box) {
      var moved = (form.dx || form.dy) && item.label.id;
      if (F.overlaps(box, taken) || (region && !F.fits(box, anchor, room)) ||
          (moved && !F.within(map, shapes, item.label.id, box))) {
        return false;
      }
      item.held = F.grow(box, F.SPACE);  // the room it takes: its box and a space round it
      taken.push(item.held);
      item.box = box;
      item.chosen = form;
      item.reach = reach;
      return true;
    }
    // mode "in": only forms wholly in view (a story's place tries these first); "shift": a
    // form that would run off the map's edge moved into view (still in its country)
    function tries(mode) {
      return forms.some(function (form) {
        var box = F.boxOf(item, form, mg.labelSizes.sizeOf(pane, item, form), reach);
        var cut = mode && F.intoView(form, box, view);
        if (cut && mode === "in") {
          return false;
        }
        return cut ? takes(cut.form, cut.box) : takes(form, box);
      });
    }
    if ((mode ? tries(mode) : (item.place && item.label.first && tries("in")) || tries()) &&
        dot && !own) {
      taken.push(dot);
    }
    return Boolean(item.chosen);
  }

  // The chosen form onto the page, or the name off it (a story place's dot stays reserved:
  // no name went over it).
  function write(item, group) {
    var form = item.chosen;
    if (!form) {
      group.removeLayer(item.marker);
      return;
    }
    if (!group.hasLayer(item.marker)) {
      group.addLayer(item.marker);
    }
    var el = item.marker.getElement();
    if (typeof form !== "string") {
      item.name.textContent = form.text;
      el.classList.toggle("mg-small", Boolean(form.small));
      el.classList.toggle("mg-lines", form.text.indexOf("\n") >= 0);
    }
    item.name.style.transform = item.place ? F.placeTransform(form, item.reach) :
      "translate(calc(-50% + " + form.dx + "px), calc(-50% + " + form.dy + "px))";
  }

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
