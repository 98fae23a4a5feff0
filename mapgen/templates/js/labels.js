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
    var forms = place ? F.SIDES : F.countryForms(l.name);
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
    // An update reads the page once (the markers, then the names' sizes, measured a form at
    // a time for every name at once), places every name by arithmetic, then writes the
    // chosen forms: no layout between a write and the next read.
    function update() {
      if (busy) {
        return;
      }
      busy = true;
      var start = performance.now();
      var zoom = map.getZoom();
      var frame = map.getContainer().getBoundingClientRect();
      var markers = [];
      map.eachLayer(function (layer) {
        if (layer instanceof L.CircleMarker && layer.getElement && layer.getElement()) {
          markers.push(layer.getElement().getBoundingClientRect());
        }
      });
      var all = [];
      sets.forEach(function (set, s) {
        if (!map.hasLayer(set.group)) {  // a layer switched off (the oblasts outside Donbas)
          return;
        }
        set.labels.forEach(function (item, i) {
          var on = visible(item, zoom);
          if (on) {
            shown(item, set.group);
          } else if (set.group.hasLayer(item.marker)) {
            set.group.removeLayer(item.marker);
          }
          if (on) {
            var p = map.latLngToContainerPoint(item.marker.getLatLng());
            item.x = frame.left + p.x;
            item.y = frame.top + p.y;
            item.chosen = null;
            all.push({ item: item, group: set.group, key: [priority(item, zoom), s, i] });
          }
        });
      });
      measure(all.map(function (entry) { return entry.item; }));
      all.sort(function (a, b) {
        return a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2];
      });
      var taken = markers.slice();
      // the story's dots first: they cannot move, so the names (its country's too) go round
      all.forEach(function (entry) {
        if (entry.item.place && entry.item.label.first) {
          taken.push(dotBox(entry.item));
        }
      });
      var shapes = F.drawnShapes(map);
      // The story's countries due take their spot near their point first (NEAR forms), the
      // story's places their names next, then everything else its first free form.
      var done = [];
      all.forEach(function (entry, k) {
        if (entry.key[0] === 0) {
          done[k] = place(map, frame, entry.item, zoom, taken, markers, shapes, NEAR);
        }
      });
      all.forEach(function (entry, k) {
        if (!done[k]) {
          place(map, frame, entry.item, zoom, taken, markers, shapes);
        }
      });
      all.forEach(function (entry) { write(entry.item, entry.group); });
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
    var r = (dot.right - dot.left) / 2;
    markers.forEach(function (m) {
      if (F.overlaps(dot, [m])) {
        r = Math.max(r, x - m.left, m.right - x, y - m.top, m.bottom - y);
      }
    });
    return r;
  }

  // The forms' sizes (and a place's dot's) do not change with the view: each is measured once,
  // the same form of every name that lacks it written, then all read (F.formKey).
  function setForm(item, form) {
    var el = item.marker.getElement();
    var name = el.querySelector(".mg-name");
    if (typeof form !== "string") {
      name.textContent = form.text;
      el.classList.toggle("mg-small", Boolean(form.small));
      el.classList.toggle("mg-lines", form.text.indexOf("\n") >= 0);
    }
    return name;
  }
  function measure(items) {
    var rounds = 1;
    items.forEach(function (item) {
      item.sizes = item.sizes || {};
      var seen = {};
      item.wanted = item.forms.filter(function (form) {
        var key = F.formKey(form);
        var fresh = !(key in item.sizes) && !seen[key];
        seen[key] = true;
        return fresh;
      });
      rounds = Math.max(rounds, item.wanted.length);
    });
    for (var k = 0; k < rounds; k++) {
      var reads = [];
      items.forEach(function (item) {
        if (item.wanted[k] !== undefined) {
          reads.push([item, item.wanted[k], setForm(item, item.wanted[k])]);
        }
      });
      reads.forEach(function (r) {
        var box = r[2].getBoundingClientRect();
        r[0].sizes[F.formKey(r[1])] = { w: box.width, h: box.height };
        var dot = r[0].place && r[0].marker.getElement().querySelector(".mg-dot");
        if (dot && !r[0].dot) {
          r[0].dot = dot.getBoundingClientRect().width;
        }
      });
    }
  }

  function dotBox(item) {
    var d = item.dot / 2;
    return { left: item.x - d, right: item.x + d, top: item.y - d, bottom: item.y + d };
  }

  // Chooses the name's form (item.chosen); returns whether it found one. Tries the first
  // `limit` forms of a country's.
  function place(map, frame, item, zoom, taken, markers, shapes, limit) {
    var dot = item.place ? dotBox(item) : null;
    var own = dot && item.label.first;  // a dot reserved before any name
    if (dot && !own && F.overlaps(dot, taken)) {
      return false;
    }
    var reach = dot ? clearance(dot, markers) : 0;
    var room = item.label.reach ? item.label.reach * Math.pow(2, zoom) : 0;
    var region = item.label.kind === "region";
    var anchor = { left: item.x, top: item.y };
    var forms = limit && !item.place ? item.forms.slice(0, limit) : item.forms;
    forms.some(function (form) {
      var box = F.boxOf(item, form, reach);
      var moved = (form.dx || form.dy) && item.label.id;
      if (F.overlaps(box, taken) || (region && !F.fits(box, anchor, room)) ||
          (moved && !F.within(map, frame, shapes, item.label.id, box))) {
        return false;
      }
      taken.push(box);
      item.chosen = form;
      item.reach = reach;
      return true;
    });
    if (item.chosen && dot && !own) {
      taken.push(dot);
    }
    return Boolean(item.chosen);
  }

  // The chosen form onto the page, or the name off it (a story place's dot stays reserved:
  // no name went over it).
  function write(item, group) {
    if (!item.chosen) {
      group.removeLayer(item.marker);
      return;
    }
    var name = setForm(item, item.chosen);
    name.style.transform = item.place ? F.placeTransform(item.chosen, item.reach) :
      "translate(calc(-50% + " + item.chosen.dx + "px), calc(-50% + " + item.chosen.dy + "px))";
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
