// shapes.js: the page's shape tables, each shape stored once and drawn by every layer that
// uses it, at two levels of detail.
//
// The coarse table ("mapgen-shapes") holds arcs, each border once, in Leaflet's pixel
// coordinates at its grid zoom (a quarter of a pixel at the opening zoom), delta-encoded,
// each arc's first point a step from the previous arc's last; a shape is a list of polygons,
// each a list of rings, each a list of arc numbers (~n: arc n backwards). The fine table
// ("mapgen-shapes-fine", after the page's code) holds finer versions of the arcs of the
// detail region; it is parsed only when the map is first zoomed in past the opening zoom over
// that region, and a shape there is then drawn from its fine arcs and its coarse ones.
var table = null;
var fine = null;  // the fine table, once parsed (false: the page has none)
var shapes = {};
var detail = { level: 0, decoded: false };  // mapgen.detail: the level drawn, and whether
                                            // the fine table has been parsed

function shapeTable() {
  if (!table) {
    table = readJson("mapgen-shapes");
    table.points = unchain(table.arcs);
  }
  return table;
}

function fineTable() {
  if (fine === null) {
    fine = readJson("mapgen-shapes-fine") || false;
    if (fine) {
      var points = unchain(fine.arcs);
      fine.byNumber = {};
      fine.numbers.forEach(function (n, i) { fine.byNumber[n] = points[i]; });
      detail.decoded = true;
    }
  }
  return fine;
}

// Chained delta codes to absolute points, one Int32Array [x0, y0, x1, y1, …] per arc.
function unchain(codes) {
  var x = 0;
  var y = 0;
  return codes.map(function (code) {
    var out = new Int32Array(code.length);
    for (var i = 0; i < code.length; i += 2) {
      x += code[i];
      y += code[i + 1];
      out[i] = x;
      out[i + 1] = y;
    }
    return out;
  });
}

// An arc's points at a level: the fine arc where there is one, else the coarse arc scaled
// to the fine grid.
function arcAt(n, level) {
  var t = shapeTable();
  if (level === 0) {
    return t.points[n];
  }
  var f = fineTable();
  if (f.byNumber[n]) {
    return f.byNumber[n];
  }
  var scale = Math.pow(2, f.gridZoom - t.gridZoom);
  var coarse = t.points[n];
  var out = new Int32Array(coarse.length);
  for (var i = 0; i < coarse.length; i++) {
    out[i] = coarse[i] * scale;
  }
  return out;
}

// A ring's points from its arcs: each junction once, the closing point dropped (as Leaflet's
// polygons do); null if fewer than three points are left.
function ringAt(refs, level) {
  var xs = [];
  refs.forEach(function (ref) {
    var arc = arcAt(ref < 0 ? ~ref : ref, level);
    var n = arc.length / 2;
    for (var k = 0; k < n; k++) {
      var j = ref < 0 ? n - 1 - k : k;
      var x = arc[2 * j];
      var y = arc[2 * j + 1];
      var m = xs.length;
      if (m && xs[m - 2] === x && xs[m - 1] === y) {
        continue;  // the junction with the arc before
      }
      xs.push(x, y);
    }
  });
  var m = xs.length;
  if (m > 2 && xs[0] === xs[m - 2] && xs[1] === xs[m - 1]) {
    xs.length = m - 2;
  }
  return xs.length >= 6 ? Int32Array.from(xs) : null;
}

// A shape of the table, shared by every layer that draws it. Its rings are joined from their
// arcs when first drawn (at each level); L.LatLng objects are made only if Leaflet asks.
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
    polygons: [null, null],
    fine: null,  // whether an arc of the shape has a fine version (known once fine is parsed)
    latlngs: null,
    projected: null
  };
  return shapes[id];
}

function hasFine(shape) {
  if (shape.fine === null) {
    var f = fineTable();
    shape.fine = Boolean(f) && shape.geom.some(function (polygon) {
      return polygon.some(function (ring) {
        return ring.some(function (ref) { return f.byNumber[ref < 0 ? ~ref : ref]; });
      });
    });
  }
  return shape.fine;
}

// The level a shape is drawn at in the map's present view.
function levelOf(shape) {
  return detail.level === 1 && hasFine(shape) ? 1 : 0;
}

function gridOf(shape, level) {
  level = level || 0;
  if (!shape.polygons[level]) {
    var polygons = [];
    shape.geom.forEach(function (polygon) {
      var rings = [];
      polygon.forEach(function (refs, i) {
        var ring = ringAt(refs, level);
        if (ring && (i === 0 || rings.length)) {  // a hole only in a drawn exterior
          rings.push(ring);
        }
      });
      if (rings.length) {
        polygons.push(rings);
      }
    });
    shape.polygons[level] = polygons;
  }
  return shape.polygons[level];
}

function latlngsOf(shape) {
  if (!shape.latlngs) {
    var zoom = shapeTable().gridZoom;
    shape.latlngs = gridOf(shape, 0).map(function (polygon) {
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

// Grid pixels (of a level) to pixels at the map's current zoom.
function gridScale(map, level) {
  var grid = level ? fineTable().gridZoom : shapeTable().gridZoom;
  return map.options.crs.scale(map.getZoom()) / map.options.crs.scale(grid);
}

// Which level the view asks for: the fine one when zoomed in past the opening zoom over the
// detail region. Watched before any shape is added, so that a zoom's new level is known when
// the shapes project; a pan into or out of the region redraws the shapes that have one.
function watchDetail(map) {
  var t = shapeTable();
  var region = t.detail ? L.latLngBounds(t.detail.region) : null;
  function wanted() {
    return region && map.getZoom() > t.zoom && map.getBounds().intersects(region) ? 1 : 0;
  }
  map.on("zoomend", function () { detail.level = wanted(); });
  map.on("moveend", function () {
    var level = wanted();
    if (level !== detail.level) {
      detail.level = level;
      map.eachLayer(function (layer) {
        if (layer._mgShape && hasFine(layer._mgShape)) {
          layer.redraw();
        }
      });
    }
  });
  map.whenReady(function () { detail.level = wanted(); });
}

// The shape's points in the map's layer coordinates at the current zoom: scaled from the
// grid and rounded to whole pixels, as Leaflet rounds projected points.
function projectShape(map, shape, key, level) {
  var f = gridScale(map, level);
  var origin = map.getPixelOrigin();
  var rings = [];
  var ringBounds = [];
  var all = new L.Bounds();
  gridOf(shape, level).forEach(function (polygon) {
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
    var level = levelOf(shape);
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
      cache = shape.projected = projectShape(map, shape, key, level);
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
