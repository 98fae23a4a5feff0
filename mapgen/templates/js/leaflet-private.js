// leaflet-private.js: the one file that touches Leaflet's private members (Leaflet is pinned
// at 1.9.3, mapgen/page/assets.py; check each of these when it moves):
// - SharedShape (an L.Polygon) overrides _setLatLngs, _project, _clipPoints, _simplifyPoints
//   and _update, sets _bounds, _rings, _parts, _pxBounds, _rawPxBounds and _latlngs, and reads
//   _renderer._bounds and _updateBounds: the drawing of a shape from the shared table;
// - LayerPanel (an L.Control.Layers) overrides _addItem and _onInputClick and reads
//   _layerControlInputs, _getLayer and _layersLink: names set as text, headings, swatches;
// - mg.leaflet reads a layer's _map, a polygon's _rings (and a SharedShape's _mgRingBounds),
//   a popup's _closeButton, and a circle marker's _point and _renderer (its _container and
//   _bounds); hoverTips wraps a layer's openTooltip, which Leaflet's own listeners call.
// Leaflet's own subclasses (DotLayer) read this._map as Leaflet's plugins do.
(function (mg, L) {
  // What last moved or pressed a pointer: "mouse", "touch" or "pen" (the mouse events a tap
  // also fires come after its pointer events).
  var pointer = "mouse";
  ["pointerover", "pointermove", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, function (event) { pointer = event.pointerType; },
                              { capture: true, passive: true });
  });

  mg.leaflet = {
    // A layer's tooltip opens for a mouse or pen (a hover, a click), not for a finger: a tap
    // opens the popup, which names the place (a tooltip would cover it and cost the tap's
    // frame). Leaflet opens it on mouseover, on click and on its element's focus, which a
    // tap also brings.
    hoverTips: function (layer) {
      var open = layer.openTooltip;
      layer.openTooltip = function () {
        return pointer === "touch" ? layer : open.apply(layer, arguments);
      };
    },
    mapOf: function (layer) { return layer._map; },
    ringsOf: function (polygon) { return polygon._rings; },  // projected, as drawn
    ringBoundsOf: function (polygon) { return polygon._mgRingBounds; },  // a shared shape's
    closeButton: function (popup) { return popup._closeButton; },
    // Where a circle marker is drawn, in the map's container: its point rounded (as the SVG
    // renderer draws it), moved as its renderer's box is: after a viewreset Leaflet sets that
    // box's transform off the pixel grid (by a fraction of a pixel: a fifth of the frame's
    // size, its padding, is not a whole pixel) and not its _leaflet_pos, so it is read back.
    markerAt: function (map, marker) {
      var r = marker._renderer;
      if (!marker._point || !r || !r._bounds) {
        return null;  // not drawn yet
      }
      var t = new DOMMatrixReadOnly(r._container.style.transform);
      return map.layerPointToContainerPoint(
        marker._point.round().add([t.m41, t.m42]).subtract(r._bounds.min));
    }
  };

  // A polygon drawing one of the shared shapes, as L.Polygon does, with less work:
  // - points are projected once per zoom for all the layers that draw the shape (the base,
  //   a wave, the 1997 hatch …), from the table's pixel grid rather than from L.LatLng;
  // - a shape far outside the view (Canada, Japan, Korea at the opening view) is projected
  //   only when a pan or zoom brings it near; until then it has nothing to draw (_mgLater);
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
      var f = this._mgShape.tables.gridScale(map);
      var origin = map.getPixelOrigin();
      return view.intersects(L.bounds(box.min.multiplyBy(f).subtract(origin),
                                      box.max.multiplyBy(f).subtract(origin)));
    },

    _project: function () {
      var map = this._map;
      var shape = this._mgShape;
      var level = shape.tables.levelOf(shape);
      var key = level + "/" + map.getZoom() + "/" + map.getPixelOrigin();
      var cache = shape.projected;
      this._mgLater = false;
      if (!cache || cache.key !== key) {
        if (!this._near()) {
          this._mgLater = true;
          this._rings = [];
          this._rawPxBounds = this._pxBounds = null;
          return;
        }
        cache = shape.projected = shape.tables.project(map, shape, key, level);
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
      if (this._map.getZoom() < this._mgShape.tables.zoom()) {
        L.Polygon.prototype._simplifyPoints.call(this);
      }
    },

    // A pan into or out of the detail region: drawn again if the shape has fine arcs.
    redrawDetail: function () {
      if (this._mgShape.tables.hasFine(this._mgShape)) {
        this.redraw();
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
      return this._mgLatLngs || this._mgShape.tables.latlngsOf(this._mgShape);
    },
    set: function (value) {
      this._mgLatLngs = value;
    }
  });
  mg.SharedShape = SharedShape;

  // Leaflet's layer control sets each name as HTML; this one sets it as text, puts the key's
  // swatch before it and each section's heading before its first layer (Leaflet rebuilds the
  // list whenever a layer comes or goes, so the headings are made with the items).
  // Options: recordOf(group), the map's record of a layer ({spec, group, wanted}); legend,
  // the key's entries by layer id; headings, a section's name by the id of its first layer.
  mg.LayerPanel = L.Control.Layers.extend({
    // A reader's tick or untick is what the reader wants, kept when the date or story moves.
    _onInputClick: function () {
      L.Control.Layers.prototype._onInputClick.apply(this, arguments);
      var inputs = this._layerControlInputs;
      for (var i = 0; i < inputs.length; i++) {
        var layer = this._getLayer(inputs[i].layerId);
        if (layer) {
          this.options.recordOf(layer.layer).wanted = inputs[i].checked;
        }
      }
    },

    _addItem: function (obj) {
      var id = this.options.recordOf(obj.layer).spec.id;
      var label = L.Control.Layers.prototype._addItem.call(
        this, { layer: obj.layer, name: "", overlay: obj.overlay });
      var name = label.querySelector("span > span");
      if (name) {
        name.textContent = " " + obj.name;
        var entry = this.options.legend[id];
        if (entry) {  // the key's swatch, so that a year can be matched to its colour
          var swatch = mg.dom.textNode("span", "mg-swatch " + entry.pattern, "");
          swatch.style.setProperty("--c", entry.color);
          swatch.setAttribute("aria-hidden", "true");
          name.parentNode.insertBefore(swatch, name);
        }
      }
      var section = this.options.headings[id];
      if (section) {
        label.parentNode.insertBefore(mg.dom.textNode("h3", "mg-section", section), label);
      }
      return label;
    },

    // Leaflet's toggle (hidden: the list is never collapsed) says "Layers".
    setToggleTitle: function (title) {
      if (this._layersLink) {
        this._layersLink.title = title;
      }
    }
  });
})(mg, L);
