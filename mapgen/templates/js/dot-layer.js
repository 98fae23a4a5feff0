// dot-layer.js: many markers (a page with CANVAS_FROM or more: page/scripts.py ships this
// file only then) drawn as one layer per set on a canvas, straight from the page's columns:
// no Leaflet object per marker, so that 10,000 events cost little more memory than their
// numbers. The layer follows the date (since and until), finds the dot under the pointer in
// a grid of the drawn dots, and shows its tooltip and popup as the SVG markers do.
(function (mg, L) {
  var GRID_PX = 16;

  // The topmost drawn dot under a point of the map, of all the map's sets ({layer, i}), or
  // null: one dot answers the pointer, however many sets overlap there.
  function dotAt(sets, point) {
    for (var k = sets.length - 1; k >= 0; k--) {
      var layer = sets[k];
      var i = mg.leaflet.mapOf(layer) && layer._grid ? layer._at(point) : -1;
      if (i >= 0) {
        return { layer: layer, i: i };
      }
    }
    return null;
  }
  mg.dotAt = dotAt;

  mg.DotLayer = L.Layer.extend({
    initialize: function (spec, style, asOf, state) {
      this._spec = spec;
      this._state = state;  // the map's: its other sets (state.dots), its popups' options
      this._style = style;
      var n = spec.n;
      // Web Mercator, in the unit square (Leaflet's pixels at zoom z are these times 256 * 2^z)
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var sin = Math.sin(spec.lat[i] / 1e4 * Math.PI / 180);
        this._x[i] = (spec.lon[i] / 1e4 + 180) / 360;
        this._y[i] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
      }
      this._shown = new Uint8Array(n);
      this.setDate(asOf);
    },

    // Which dots the date shows: one test per distinct date, then a lookup per dot.
    setDate: function (iso) {
      var spec = this._spec;
      function allowed(name, test) {
        var column = spec.columns[name];
        if (!column) {
          return null;
        }
        return { ok: column.values.map(test), index: column.index };
      }
      var since = allowed("since", function (d) { return mg.rules.visible({ since: d }, iso); });
      var until = allowed("until", function (d) { return mg.rules.visible({ until: d }, iso); });
      for (var i = 0; i < spec.n; i++) {
        this._shown[i] = (!since || since.ok[since.index[i]]) &&
          (!until || until.ok[until.index[i]]) ? 1 : 0;
      }
      if (this._map) {
        this._redraw();
      }
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "mg-dots leaflet-zoom-hide");
      map.getPane(this._style.pane || "overlayPane").appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      map.on("mousemove", this._hover, this);
      map.on("click", this._click, this);
      this._redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      map.off("mousemove", this._hover, this);
      map.off("click", this._click, this);
      this._unhover();
    },

    _redraw: function () {
      var map = this._map;
      var size = map.getSize();
      var ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, topLeft);
      var scale = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin();
      var dx = origin.x + topLeft.x;
      var dy = origin.y + topLeft.y;
      var style = this._style;
      var r = style.radius * mg.rules.markerScale(map.getZoom());
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.beginPath();
      var grid = {};
      for (var i = 0; i < this._spec.n; i++) {
        if (!this._shown[i]) {
          continue;
        }
        var x = this._x[i] * scale - dx;
        var y = this._y[i] * scale - dy;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) {
          continue;
        }
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        var cell = Math.floor(x / GRID_PX) + "," + Math.floor(y / GRID_PX);
        (grid[cell] = grid[cell] || []).push(i);
      }
      ctx.globalAlpha = style.fillOpacity;
      ctx.fillStyle = style.fillColor;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = style.weight;
      ctx.strokeStyle = style.color;
      ctx.stroke();
      this._grid = grid;
      this._scale = scale;
      this._dx = dx;
      this._dy = dy;
    },

    // The dot under a point of the map (the last drawn, i.e. the topmost), or -1.
    _at: function (point) {
      var r = this._style.radius * mg.rules.markerScale(this._map.getZoom()) +
        this._style.weight;
      var best = -1;
      var cx = Math.floor(point.x / GRID_PX);
      var cy = Math.floor(point.y / GRID_PX);
      for (var gx = cx - 1; gx <= cx + 1; gx++) {
        for (var gy = cy - 1; gy <= cy + 1; gy++) {
          (this._grid[gx + "," + gy] || []).forEach(function (i) {
            var x = this._x[i] * this._scale - this._dx - point.x;
            var y = this._y[i] * this._scale - this._dy - point.y;
            if (x * x + y * y <= r * r && i > best) {
              best = i;
            }
          }, this);
        }
      }
      return best;
    },

    _latLngOf: function (i) {
      var unit = L.point(this._x[i], this._y[i]).multiplyBy(256);
      return this._map.unproject(unit, 0);
    },

    _hover: function (event) {
      var hit = dotAt(this._state.dots, event.containerPoint);
      if (!hit || hit.layer !== this) {  // another set's dot, or none: that one answers
        this._hideTip();
        if (!hit) {
          this._map.getContainer().style.cursor = "";
        }
        return;
      }
      var i = hit.i;
      this._map.getContainer().style.cursor = "pointer";
      if (!this._tip) {
        this._tip = L.tooltip({ direction: "top", offset: [0, -this._style.radius] });
      }
      this._tip.setLatLng(this._latLngOf(i))
        .setContent(mg.dom.textNode("span", null, mg.columns.tip(this._spec, i)));
      if (!this._map.hasLayer(this._tip)) {
        this._tip.addTo(this._map);
      }
    },

    _hideTip: function () {
      if (this._tip && this._map && this._map.hasLayer(this._tip)) {
        this._map.removeLayer(this._tip);
      }
    },

    _unhover: function () {
      if (this._map) {
        this._map.getContainer().style.cursor = "";
      }
      this._hideTip();
    },

    _click: function (event) {
      var hit = dotAt(this._state.dots, event.containerPoint);
      var popup = hit && hit.layer === this ? mg.columns.popup(this._spec, hit.i) : null;
      var i = hit ? hit.i : -1;
      if (popup) {
        L.popup(mg.popups.options(this._state)).setLatLng(this._latLngOf(i))
          .setContent(mg.popups.node(popup)).openOn(this._map);
      }
    }
  });
})(mg, L);
