/* mapgen runtime: draws the page's shared shapes into Leaflet layers. Data arrive as JSON;
   every text is set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var table = null;
  var shapes = {};

  function shapeTable() {
    if (!table) {
      table = JSON.parse(document.getElementById("mapgen-shapes").textContent);
    }
    return table;
  }

  // A shape of the table, shared by every layer that draws it: its delta-encoded rings, its
  // bounds, and (only when Leaflet asks for them) its L.LatLng objects. Rings are closed in
  // the table; the closing point is dropped, as Leaflet's polygons do.
  function shapeOf(id) {
    if (shapes[id]) {
      return shapes[id];
    }
    var t = shapeTable();
    var geom = t.shapes[id];
    if (!geom) {
      throw new Error("mapgen: no shape " + id);
    }
    var minX = Infinity;
    var minY = Infinity;
    var maxX = -Infinity;
    var maxY = -Infinity;
    geom.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var x = 0;
        var y = 0;
        for (var i = 0; i < ring.length; i += 2) {
          x += ring[i];
          y += ring[i + 1];
          if (x < minX) { minX = x; }
          if (x > maxX) { maxX = x; }
          if (y < minY) { minY = y; }
          if (y > maxY) { maxY = y; }
        }
      });
    });
    shapes[id] = {
      geom: geom,
      step: t.step,
      bounds: L.latLngBounds([minY * t.step, minX * t.step], [maxY * t.step, maxX * t.step]),
      latlngs: null,
      projected: null
    };
    return shapes[id];
  }

  // Calls fn(lat, lng) for each point of a ring, the closing point left out.
  function eachPoint(ring, step, fn) {
    var x = 0;
    var y = 0;
    for (var i = 0; i < ring.length; i += 2) {
      x += ring[i];
      y += ring[i + 1];
      if (i > 0 && i === ring.length - 2 && x === ring[0] && y === ring[1]) {
        break;
      }
      fn(y * step, x * step);
    }
  }

  function latlngsOf(shape) {
    if (!shape.latlngs) {
      shape.latlngs = shape.geom.map(function (polygon) {
        return polygon.map(function (ring) {
          var points = [];
          eachPoint(ring, shape.step, function (lat, lng) {
            points.push(new L.LatLng(lat, lng));
          });
          return points;
        });
      });
    }
    return shape.latlngs;
  }

  // Leaflet's map.latLngToLayerPoint for every point of a shape, with the same arithmetic
  // in the same order (spherical Mercator, rounded to whole pixels), straight from the
  // table: no L.LatLng objects and none of the per-point temporaries.
  function projectShape(map, shape, key) {
    var crs = map.options.crs;
    var merc = L.Projection.SphericalMercator;
    var t = crs.transformation;
    var scale = crs.scale(map.getZoom());
    var origin = map.getPixelOrigin();
    var d = Math.PI / 180;
    var max = merc.MAX_LATITUDE;
    var step = shape.step;
    var rings = [];
    var ringBounds = [];
    var all = new L.Bounds();
    shape.geom.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var points = [];
        var minX = Infinity;
        var minY = Infinity;
        var maxX = -Infinity;
        var maxY = -Infinity;
        var gx = 0;
        var gy = 0;
        for (var i = 0; i < ring.length; i += 2) {
          gx += ring[i];
          gy += ring[i + 1];
          if (i > 0 && i === ring.length - 2 && gx === ring[0] && gy === ring[1]) {
            break;  // the closing point
          }
          var lat = gy * step;
          lat = lat > max ? max : (lat < -max ? -max : lat);
          var sin = Math.sin(lat * d);
          var x = Math.round(scale * (t._a * (merc.R * (gx * step) * d) + t._b)) - origin.x;
          var y = Math.round(scale * (t._c * (merc.R * Math.log((1 + sin) / (1 - sin)) / 2) +
                                      t._d)) - origin.y;
          points.push(new L.Point(x, y));
          if (x < minX) { minX = x; }
          if (x > maxX) { maxX = x; }
          if (y < minY) { minY = y; }
          if (y > maxY) { maxY = y; }
        }
        rings.push(points);
        var box = L.bounds([minX, minY], [maxX, maxY]);
        ringBounds.push(box);
        all.extend(box);
      });
    });
    return { key: key, rings: rings, ringBounds: ringBounds, pxBounds: all };
  }

  // A polygon drawing one of the shared shapes, as L.Polygon does, with less work:
  // - points are projected once per zoom for all the layers that draw the shape (the base,
  //   a wave, the 1997 hatch …), straight from the table;
  // - a shape far outside the view (Canada, the US, China at the opening view) is projected
  //   only when a pan or zoom brings it near; until then it has nothing to draw;
  // - rings wholly inside (or outside) the clip box skip the clipping algorithm;
  // - the points are not simplified a second time at the zoom they were simplified for.
  var MARGIN = 0.5;  // views: how far outside the view a shape is still projected

  var SharedShape = L.Polygon.extend({
    _setLatLngs: function (shape) {
      this._mgShape = shape;
      this._bounds = shape.bounds;
    },

    _near: function () {
      var map = this._map;
      var size = map.getSize();
      var view = L.bounds(
        map.containerPointToLayerPoint(size.multiplyBy(-MARGIN)),
        map.containerPointToLayerPoint(size.multiplyBy(1 + MARGIN)));
      var b = this._bounds;
      return view.intersects(L.bounds(map.latLngToLayerPoint(b.getSouthWest()),
                                      map.latLngToLayerPoint(b.getNorthEast())));
    },

    _project: function () {
      var map = this._map;
      var shape = this._mgShape;
      var key = map.getZoom() + "/" + map.getPixelOrigin();
      var cache = shape.projected;
      this._mgLater = false;
      if (!cache || cache.key !== key) {
        if (!this._near()) {
          this._mgLater = true;
          this._rings = [];
          this._rawPxBounds = this._pxBounds = null;
          return;
        }
        cache = shape.projected = projectShape(map, shape, key);
      }
      this._rings = cache.rings;
      this._mgRingBounds = cache.ringBounds;
      this._rawPxBounds = cache.pxBounds;
      this._updateBounds();
    },

    _clipPoints: function () {
      var w = this.options.weight;
      var p = new L.Point(w, w);
      var bounds = this._renderer._bounds;
      bounds = new L.Bounds(bounds.min.subtract(p), bounds.max.add(p));
      this._parts = [];
      if (!this._pxBounds || !this._pxBounds.intersects(bounds)) {
        return;
      }
      for (var i = 0; i < this._rings.length; i++) {
        var box = this._mgRingBounds[i];
        if (bounds.contains(box)) {
          this._parts.push(this._rings[i]);
        } else if (bounds.intersects(box)) {
          var clipped = L.PolyUtil.clipPolygon(this._rings[i], bounds, true);
          if (clipped.length) {
            this._parts.push(clipped);
          }
        }
      }
    },

    // The table is already simplified for the opening zoom (to 3/4 of a pixel); Leaflet's
    // own pass (smoothFactor, another pixel) only runs when the map is zoomed out further.
    _simplifyPoints: function () {
      if (this._map.getZoom() < shapeTable().zoom) {
        L.Polygon.prototype._simplifyPoints.call(this);
      }
    },

    _update: function () {
      if (this._map && this._mgLater && this._near()) {
        this._project();
      }
      L.Polygon.prototype._update.call(this);
    }
  });

  // Leaflet's own code (popups, tooltips, getCenter) still finds L.LatLng objects here.
  Object.defineProperty(SharedShape.prototype, "_latlngs", {
    get: function () {
      return this._mgLatLngs || latlngsOf(this._mgShape);
    },
    set: function (value) {
      this._mgLatLngs = value;
    }
  });

  function textNode(tag, className, content) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    el.textContent = content;
    return el;
  }

  function popupNode(p) {
    var box = document.createElement("div");
    box.className = "mg-popup";
    if (p.title) {
      box.appendChild(textNode("strong", "mg-popup-title", p.title));
    }
    if (p.date) {
      box.appendChild(textNode("p", "mg-popup-date", p.date));
    }
    if (p.text) {
      box.appendChild(textNode("p", null, p.text));
    }
    if (p.source) {
      var line = textNode("p", "mg-source", "Source: ");
      if (/^https?:\/\//i.test(p.url || "")) {
        var link = textNode("a", null, p.source);
        link.href = p.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        line.appendChild(link);
      } else {
        line.appendChild(document.createTextNode(p.source));
      }
      box.appendChild(line);
    }
    return box;
  }

  function followLegend(group, key) {
    if (!key) {
      return;
    }
    function mark(on) {
      var items = document.querySelectorAll("[data-legend-key]");
      for (var i = 0; i < items.length; i++) {
        if (items[i].getAttribute("data-legend-key") === key) {
          items[i].classList.toggle("is-off", !on);
          items[i].setAttribute("aria-disabled", on ? "false" : "true");
        }
      }
    }
    group.on("add", function () { mark(true); });
    group.on("remove", function () { mark(false); });
  }

  // Chromium puts every clickable SVG path in the Tab order: hundreds of stops before the
  // controls. The map itself stays focusable (arrow keys pan it); the data table and the text
  // description carry what the shapes say.
  function untabbable(layer) {
    layer.on("add", function () {
      var el = layer.getElement && layer.getElement();
      if (el) {
        el.setAttribute("tabindex", "-1");
      }
    });
  }

  // Tooltips and popups are bound once per layer group, not once per shape or marker: each
  // item carries its texts (mgTip, mgPopup) and the group shows them. An item without a popup
  // in a group where others have one gets its own.
  function bind(group, items) {
    items.forEach(untabbable);
    if (items.some(function (item) { return item.mgTip; })) {
      group.bindTooltip(function (item) { return textNode("span", null, item.mgTip || ""); },
                        { sticky: true });
    }
    var withPopup = items.filter(function (item) { return item.mgPopup; });
    if (withPopup.length && withPopup.length === items.length) {
      group.bindPopup(function (item) { return popupNode(item.mgPopup); }, { maxWidth: 320 });
    } else {
      withPopup.forEach(function (item) {
        item.bindPopup(function () { return popupNode(item.mgPopup); }, { maxWidth: 320 });
      });
    }
  }

  // Leaflet's zoom buttons are links with role="button": let Space press them too.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === " " || event.key === "Spacebar") && target &&
        target.getAttribute && target.getAttribute("role") === "button" &&
        target.tagName === "A") {
      event.preventDefault();
      target.click();
    }
  });

  // Work that waits for the first paint: the page shows the base and the membership waves
  // first; the story layers, markers and layer panel follow a frame later. When all is done,
  // <html data-mapgen-ready> is set and a "mapgen:ready" event fires (for screenshot tools,
  // tests and embedding pages).
  var queue = [];
  var scheduled = false;

  function flush() {
    scheduled = false;
    while (queue.length) {
      queue.shift()();
    }
    if (!document.documentElement.hasAttribute("data-mapgen-ready")) {
      document.documentElement.setAttribute("data-mapgen-ready", "");
      document.dispatchEvent(new Event("mapgen:ready"));
    }
  }

  window.mapgen = {
    // The date the map shows (ISO string); the timeline moves it.
    asOf: null,
    dated: [],

    afterPaint: function (fn) {
      queue.push(fn);
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(function () { setTimeout(flush, 0); });
        setTimeout(flush, 250);  // a hidden frame gets no animation frames
      }
    },

    addShapes: function (group, spec, afterPaint) {
      var self = this;
      if (afterPaint) {
        this.afterPaint(function () { self.addShapes(group, spec, false); });
        return;
      }
      group._mgKey = spec.key;
      followLegend(group, spec.key);
      var shapes = spec.features.map(function (f) {
        var layer = new SharedShape(shapeOf(f.id), L.extend({}, spec.style));
        layer.feature = { properties: { id: f.id, since: f.since || null } };
        layer.mgTip = f.tip;
        layer.mgPopup = f.popup || spec.popup;
        return layer;
      });
      bind(group, shapes);
      spec.features.forEach(function (f, i) {
        if (f.since) {
          self.dated.push({ group: group, layer: shapes[i], since: f.since });
        }
        if (!f.since || !self.asOf || f.since <= self.asOf) {
          group.addLayer(shapes[i]);
        }
      });
    },

    // Show the alliance as of a date: waves joined by then on, later ones off, and dated
    // features (the 1997 baseline) following.
    setDate: function (iso, waves) {
      var map = this.map;
      this.asOf = iso;
      waves.forEach(function (w) {
        var on = w[1] <= iso;
        if (on && !map.hasLayer(w[0])) {
          map.addLayer(w[0]);
        } else if (!on && map.hasLayer(w[0])) {
          map.removeLayer(w[0]);
        }
      });
      this.dated.forEach(function (d) {
        var on = d.since <= iso;
        if (on && !d.group.hasLayer(d.layer)) {
          d.group.addLayer(d.layer);
        } else if (!on && d.group.hasLayer(d.layer)) {
          d.group.removeLayer(d.layer);
        }
      });
    },

    timeline: function (spec, waves) {
      var self = this;
      var box = document.getElementById("mg-timeline");
      var slider = document.getElementById("mg-date");
      var status = document.getElementById("mg-status");
      var play = document.getElementById("mg-play");
      if (!box || !slider) {
        return;
      }
      var reduced = window.matchMedia &&
        window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      var timer = null;
      box.hidden = false;
      function show(i) {
        slider.value = String(i);
        slider.setAttribute("aria-valuetext", spec.labels[i]);
        status.textContent = spec.labels[i];
        self.setDate(spec.dates[i], waves);
      }
      function stop() {
        if (timer) {
          clearInterval(timer);
          timer = null;
        }
        play.textContent = reduced ? "Next" : "Play";
        play.setAttribute("aria-pressed", "false");
      }
      slider.addEventListener("input", function () {
        stop();
        show(Number(slider.value));
      });
      play.textContent = reduced ? "Next" : "Play";
      if (!reduced) {
        play.setAttribute("aria-pressed", "false");
      }
      play.addEventListener("click", function () {
        var last = spec.dates.length - 1;
        if (reduced) {  // no animation: one step per press
          show(Number(slider.value) >= last ? 0 : Number(slider.value) + 1);
          return;
        }
        if (timer) {
          stop();
          return;
        }
        if (Number(slider.value) >= last) {
          show(0);
        }
        play.textContent = "Pause";
        play.setAttribute("aria-pressed", "true");
        timer = setInterval(function () {
          var next = Number(slider.value) + 1;
          if (next > last) {
            stop();
          } else {
            show(next);
          }
        }, spec.interval);
      });
      self.timelineSpec = spec;
    },

    // Tell an embedding page how tall this page is (the embed snippet listens).
    reportHeight: function () {
      if (window.parent === window || !window.parent.postMessage) {
        return;
      }
      var last = 0;
      function post() {
        var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
        if (height !== last) {
          last = height;
          window.parent.postMessage({ mapgen: { height: height } }, "*");
        }
      }
      if (window.ResizeObserver) {
        new ResizeObserver(post).observe(document.documentElement);
      }
      window.addEventListener("load", post);
      post();
    },

    addMarkers: function (group, spec, afterPaint) {
      var self = this;
      if (afterPaint) {
        this.afterPaint(function () { self.addMarkers(group, spec, false); });
        return;
      }
      group._mgKey = spec.key;
      followLegend(group, spec.key);
      var markers = spec.markers.map(function (m) {
        var marker = L.circleMarker([m.lat, m.lon], L.extend({}, spec.style));
        marker.mgTip = m.tip;
        marker.mgPopup = m.popup;
        return marker;
      });
      bind(group, markers);
      markers.forEach(function (marker) { group.addLayer(marker); });
    },

    // The layer control lives beside the map, its entries under section headings. Leaflet
    // rebuilds the list whenever a layer comes or goes, so the headings follow each rebuild.
    dockControl: function (control, sections) {
      var panel = document.getElementById("mg-panel");
      if (panel) {
        panel.appendChild(control.getContainer());
      }
      function headings() {
        var labels = control.getContainer().querySelectorAll(
          ".leaflet-control-layers-overlays label");
        for (var i = 0; i < labels.length; i++) {
          var name = labels[i].textContent.trim();
          if (Object.prototype.hasOwnProperty.call(sections, name)) {
            labels[i].parentNode.insertBefore(
              textNode("h3", "mg-section", sections[name]), labels[i]);
          }
        }
      }
      var update = control._update;
      control._update = function () {
        var out = update.apply(this, arguments);
        headings();
        return out;
      };
      headings();
    },

    addPanes: function (map, panes) {
      Object.keys(panes).forEach(function (name) {
        map.createPane(name).style.zIndex = panes[name];
      });
    },

    addLabels: function (group, labels) {
      var markers = labels.map(function (l) {
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
      function update() {
        var zoom = group._map.getZoom();
        markers.forEach(function (m) {
          var show = zoom >= m.mgRank - 1;
          if (show && !group.hasLayer(m)) {
            group.addLayer(m);
          } else if (!show && group.hasLayer(m)) {
            group.removeLayer(m);
          }
        });
      }
      group.on("add", function () {
        var map = group._map;
        // Names follow in the next frame: the shapes get on screen first.
        requestAnimationFrame(update);
        map.on("zoomend", update);
      });
    }
  };
})();
