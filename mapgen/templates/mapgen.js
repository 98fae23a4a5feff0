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

  // A shape of the table, shared by every layer that draws it. The table holds each ring in
  // Leaflet's pixel coordinates at the grid zoom (a quarter of a pixel at the opening zoom),
  // closed and delta-encoded, and each shape's pixel bounds. A ring is decoded into absolute
  // coordinates [x0, y0, x1, y1, …] (closing point dropped, as Leaflet's polygons do) when
  // first drawn; L.LatLng objects are made only if Leaflet asks for them.
  function shapeOf(id) {
    if (shapes[id]) {
      return shapes[id];
    }
    var t = shapeTable();
    if (!t.shapes[id]) {
      throw new Error("mapgen: no shape " + id);
    }
    var box = t.bounds[id];
    var crs = L.CRS.EPSG3857;
    shapes[id] = {
      geom: t.shapes[id],
      box: box.length ? L.bounds([box[0], box[1]], [box[2], box[3]]) : null,
      bounds: box.length ? L.latLngBounds(crs.pointToLatLng(L.point(box[0], box[3]), t.gridZoom),
                                          crs.pointToLatLng(L.point(box[2], box[1]), t.gridZoom))
                         : L.latLngBounds([]),
      polygons: null,
      latlngs: null,
      projected: null
    };
    return shapes[id];
  }

  function gridOf(shape) {
    if (!shape.polygons) {
      shape.polygons = shape.geom.map(function (polygon) {
        return polygon.map(function (ring) {
          var grid = new Int32Array(ring.length);
          var n = 0;
          var x = 0;
          var y = 0;
          for (var i = 0; i < ring.length; i += 2) {
            x += ring[i];
            y += ring[i + 1];
            if (i > 0 && i === ring.length - 2 && x === ring[0] && y === ring[1]) {
              break;  // the closing point
            }
            grid[n++] = x;
            grid[n++] = y;
          }
          return grid.subarray(0, n);
        });
      });
    }
    return shape.polygons;
  }

  function latlngsOf(shape) {
    if (!shape.latlngs) {
      var zoom = shapeTable().gridZoom;
      shape.latlngs = gridOf(shape).map(function (polygon) {
        return polygon.map(function (grid) {
          var points = [];
          for (var i = 0; i < grid.length; i += 2) {
            points.push(L.CRS.EPSG3857.pointToLatLng(L.point(grid[i], grid[i + 1]), zoom));
          }
          return points;
        });
      });
    }
    return shape.latlngs;
  }

  // Grid pixels to pixels at the map's current zoom.
  function gridScale(map) {
    return map.options.crs.scale(map.getZoom()) / map.options.crs.scale(shapeTable().gridZoom);
  }

  // The shape's points in the map's layer coordinates at the current zoom: scaled from the
  // grid and rounded to whole pixels, as Leaflet rounds projected points.
  function projectShape(map, shape, key) {
    var f = gridScale(map);
    var origin = map.getPixelOrigin();
    var rings = [];
    var ringBounds = [];
    var all = new L.Bounds();
    gridOf(shape).forEach(function (polygon) {
      polygon.forEach(function (grid) {
        var points = new Array(grid.length / 2);
        var minX = Infinity;
        var minY = Infinity;
        var maxX = -Infinity;
        var maxY = -Infinity;
        for (var i = 0; i < grid.length; i += 2) {
          var x = Math.round(grid[i] * f) - origin.x;
          var y = Math.round(grid[i + 1] * f) - origin.y;
          points[i / 2] = new L.Point(x, y);
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
  //   a wave, the 1997 hatch …), from the table's pixel grid rather than from L.LatLng;
  // - a shape far outside the view (Canada, Japan, Korea at the opening view) is projected
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
      var box = this._mgShape.box;
      if (!box) {
        return false;
      }
      var size = map.getSize();
      var view = L.bounds(
        map.containerPointToLayerPoint(size.multiplyBy(-MARGIN)),
        map.containerPointToLayerPoint(size.multiplyBy(1 + MARGIN)));
      var f = gridScale(map);
      var origin = map.getPixelOrigin();
      return view.intersects(L.bounds(box.min.multiplyBy(f).subtract(origin),
                                      box.max.multiplyBy(f).subtract(origin)));
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

    addShapes: function (group, spec) {
      var self = this;
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
      var under = [];  // hidden under an opaque layer drawn above: added after the first paint
      spec.features.forEach(function (f, i) {
        if (f.since) {
          self.dated.push({ group: group, layer: shapes[i], since: f.since });
        }
        if (f.under) {
          under.push(shapes[i]);
        } else if (!f.since || !self.asOf || f.since <= self.asOf) {
          group.addLayer(shapes[i]);
        }
      });
      if (under.length) {
        self.afterPaint(function () {
          under.forEach(function (layer) {
            group.addLayer(layer);
            layer.bringToBack();
          });
        });
      }
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

    addMarkers: function (group, spec) {
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
