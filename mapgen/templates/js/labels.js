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
  var GAP = 3;  // px between a dot and its name
  var SIDES = ["right", "left", "above", "below"];  // a place's candidates

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

  function makeLabel(l) {
    var place = l.kind === "capital" || l.kind === "city";
    var icon = document.createElement("div");
    var name = mg.dom.textNode("span", "mg-name", l.name);
    var dot = null;
    if (place) {
      dot = mg.dom.textNode("span", "mg-dot mg-" + l.kind, "");
      icon.appendChild(dot);
    }
    icon.appendChild(name);
    var marker = L.marker([l.lat, l.lon], {
      icon: L.divIcon({ className: "mg-label" + (place ? " mg-place-label" : "") +
                                   (l.kind === "sea" || l.kind === "region" ?
                                    " mg-" + l.kind + "-label" : ""),
                        html: icon, iconSize: null }),
      interactive: false,
      keyboard: false,
      pane: "mgLabels"
    });
    var forms = place ? SIDES : F.countryForms(l.name);
    return { label: l, marker: marker, place: place, forms: forms };
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
    function update() {
      if (busy) {
        return;
      }
      busy = true;
      var start = performance.now();
      var zoom = map.getZoom();
      var markers = [];
      map.eachLayer(function (layer) {
        if (layer instanceof L.CircleMarker && layer.getElement && layer.getElement()) {
          markers.push(layer.getElement().getBoundingClientRect());
        }
      });
      var taken = markers.slice();
      var all = [];
      sets.forEach(function (set, s) {
        if (!map.hasLayer(set.group)) {  // a layer switched off (the oblasts outside Donbas)
          return;
        }
        set.labels.forEach(function (item, i) {
          all.push({ item: item, group: set.group, key: [priority(item, zoom), s, i] });
        });
      });
      all.sort(function (a, b) {
        return a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2];
      });
      // the story's dots first: they cannot move, so the names (its country's too) go round
      all.forEach(function (entry) {
        var item = entry.item;
        if (item.place && item.label.first && visible(item, zoom)) {
          shown(item, entry.group);
          taken.push(item.marker.getElement().querySelector(".mg-dot").getBoundingClientRect());
        }
      });
      var shapes = F.drawnShapes(map);
      // The story's countries due take their spot near their point first (NEAR forms), the
      // story's places their names next, then everything else its first free form.
      var done = [];
      all.forEach(function (entry, k) {
        if (entry.key[0] === 0) {
          done[k] = place(entry.item, entry.group, zoom, taken, markers, shapes, NEAR);
        }
      });
      all.forEach(function (entry, k) {
        if (!done[k]) {
          place(entry.item, entry.group, zoom, taken, markers, shapes);
        }
      });
      busy = false;
      // the placement's time, for bench/bench.py (User Timing: performance.getEntriesByName)
      performance.measure("mapgen-labels", { start: start });
    }
    var pending = false;
    function later() {
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; update(); });
      }
    }
    map.on("zoomend", update);
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
        later();  // names follow in the next frame: the shapes get on screen first
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
    if (!item.label.first) {
      return 3;
    }
    return item.place ? 1 : due(item, zoom) ? 0 : 2;
  }

  function shown(item, group) {
    if (!group.hasLayer(item.marker)) {
      group.addLayer(item.marker);
    }
  }

  function clearance(dot, markers) {
    var x = (dot.left + dot.right) / 2;
    var y = (dot.top + dot.bottom) / 2;
    var r = dot.width / 2;
    markers.forEach(function (m) {
      if (F.overlaps(dot, [m])) {
        r = Math.max(r, x - m.left, m.right - x, y - m.top, m.bottom - y);
      }
    });
    return r;
  }

  // Returns whether the name was placed; tries the first `limit` forms of a country's.
  function place(item, group, zoom, taken, markers, shapes, limit) {
    var m = item.marker;
    if (!visible(item, zoom)) {
      if (group.hasLayer(m)) {
        group.removeLayer(m);
      }
      return true;  // (not shown at this zoom: nothing to place)
    }
    shown(item, group);
    var el = m.getElement();
    var name = el.querySelector(".mg-name");
    var dot = el.querySelector(".mg-dot");
    var dotBox = dot ? dot.getBoundingClientRect() : null;
    var own = dotBox && item.label.first;  // a dot reserved before any name
    if (dotBox && !own && F.overlaps(dotBox, taken)) {
      group.removeLayer(m);
      return false;
    }
    var reach = dotBox ? clearance(dotBox, markers) : 0;
    var room = item.label.reach ? item.label.reach * Math.pow(2, zoom) : 0;
    var anchor = el.getBoundingClientRect();
    var region = item.label.kind === "region";
    var map = mg.leaflet.mapOf(group);
    var forms = limit && !item.place ? item.forms.slice(0, limit) : item.forms;
    var placed = forms.some(function (form) {
      if (item.place) {
        name.style.transform = placeTransform(form, reach);
      } else {
        name.textContent = form.text;
        el.classList.toggle("mg-small", Boolean(form.small));
        el.classList.toggle("mg-lines", form.text.indexOf("\n") >= 0);
        name.style.transform = "translate(calc(-50% + " + form.dx + "px), calc(-50% + " +
          form.dy + "px))";
      }
      var box = name.getBoundingClientRect();
      if (F.overlaps(box, taken) || (region && !F.fits(box, anchor, room)) ||
          ((form.dx || form.dy) && item.label.id && !F.within(map, shapes, item.label.id, box))) {
        return false;
      }
      taken.push(box);
      return true;
    });
    if (!placed) {  // (a story place's dot stays reserved: no name went over it)
      group.removeLayer(m);
    } else if (dotBox) {
      taken.push(dotBox);
    }
    return placed;
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
