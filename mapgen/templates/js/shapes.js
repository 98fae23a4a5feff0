// shapes.js: the page's shape table, each shape stored once and drawn by every layer that
// uses it.
var table = null;
var shapes = {};

function shapeTable() {
  if (!table) {
    table = readJson("mapgen-shapes");
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
