// table.js: the page's shape tables, each shape stored once and drawn by every layer that
// uses it, at two levels of detail. The format (arcs on an integer pixel grid, delta-encoded;
// rings as lists of arc numbers; the fine table parsed only when the map is first zoomed in
// over the detail region) is documented once, in docs/page-format.md.
(function (mg, L) {
  // The packed numbers of the tables (docs/page-format.md, "Packed arcs"): base64url digits
  // of 5 bits, lowest first (a digit from 32 on says another follows), zigzag-coded; "."
  // ends an arc (or a shape's ring), "," a shape's polygon.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = new Int8Array(128);
  for (var d = 0; d < DIGITS.length; d++) {
    VALUE[DIGITS.charCodeAt(d)] = d;
  }

  function numbers(text) {
    var out = [];
    var number = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var v = VALUE[text.charCodeAt(i)];
      number += (v & 31) * scale;
      scale *= 32;
      if (v < 32) {
        out.push(number % 2 ? -(number + 1) / 2 : number / 2);
        number = 0;
        scale = 1;
      }
    }
    return out;
  }

  // The arcs to absolute points, one Int32Array [x0, y0, x1, y1, …] per arc; each arc's
  // first point is a step from the last point of the arc before.
  function unpack(text) {
    var x = 0;
    var y = 0;
    return (text ? text.split(".") : []).map(function (arc) {
      var steps = numbers(arc);
      var out = new Int32Array(steps.length);
      for (var i = 0; i < steps.length; i += 2) {
        x += steps[i];
        y += steps[i + 1];
        out[i] = x;
        out[i + 1] = y;
      }
      return out;
    });
  }

  // A shape's polygons of rings of arc references; each a step from the one before.
  function unpackShape(text) {
    var last = 0;
    return (text ? text.split(",") : []).map(function (polygon) {
      return polygon.split(".").map(function (ring) {
        return numbers(ring).map(function (step) {
          last += step;
          return last;
        });
      });
    });
  }

  // A map's tables: parsed when first needed, with the shapes made from them and the level
  // of detail the view asks for (detail.level; detail.decoded: whether fine is parsed).
  function ShapeTables() {
    this.table = null;
    this.fine = null;  // the fine table, once parsed (false: the page has none)
    this.byId = {};
    this.detail = { level: 0, decoded: false };
  }
  var crs = L.CRS.EPSG3857;

  ShapeTables.prototype = {
    coarseTable: function () {
      if (!this.table) {
        this.table = mg.dom.readJson("mapgen-shapes");
        this.table.points = unpack(this.table.arcs);
      }
      return this.table;
    },

    fineTable: function () {
      if (this.fine === null) {
        var fine = this.fine = mg.dom.readJson("mapgen-shapes-fine") || false;
        if (fine) {
          var points = unpack(fine.arcs);
          fine.byNumber = {};
          fine.numbers.forEach(function (n, i) { fine.byNumber[n] = points[i]; });
          this.detail.decoded = true;
        }
      }
      return this.fine;
    },

    zoom: function () { return this.coarseTable().zoom; },

    // An arc's points at a level: the fine arc where there is one, else the coarse arc scaled
    // to the fine grid.
    arcAt: function (n, level) {
      var t = this.coarseTable();
      if (level === 0) {
        return t.points[n];
      }
      var f = this.fineTable();
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
    },

    // A ring's points from its arcs: each junction once, the closing point dropped (as
    // Leaflet's polygons do); null if fewer than three points are left.
    ringAt: function (refs, level) {
      var xs = [];
      refs.forEach(function (ref) {
        var arc = this.arcAt(ref < 0 ? ~ref : ref, level);
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
      }, this);
      var m = xs.length;
      if (m > 2 && xs[0] === xs[m - 2] && xs[1] === xs[m - 1]) {
        xs.length = m - 2;
      }
      return xs.length >= 6 ? Int32Array.from(xs) : null;
    },

    // A shape of the table, shared by every layer that draws it. Its rings are joined from
    // their arcs when first drawn (at each level); L.LatLng objects are made only if Leaflet
    // asks.
    shapeOf: function (id) {
      if (this.byId[id]) {
        return this.byId[id];
      }
      var t = this.coarseTable();
      if (!t.shapes[id]) {
        throw new Error("mapgen: no shape " + id);
      }
      var box = t.bounds[id];
      var z = t.gridZoom;
      this.byId[id] = {
        tables: this,
        geom: unpackShape(t.shapes[id]),
        box: box.length ? L.bounds([box[0], box[1]], [box[2], box[3]]) : null,
        bounds: box.length ? L.latLngBounds(crs.pointToLatLng(L.point(box[0], box[3]), z),
                                            crs.pointToLatLng(L.point(box[2], box[1]), z))
                           : L.latLngBounds([]),
        polygons: [null, null],
        fine: null,  // whether an arc of the shape has a fine version (known once fine is parsed)
        latlngs: null,
        projected: null
      };
      return this.byId[id];
    },

    hasFine: function (shape) {
      if (shape.fine === null) {
        var f = this.fineTable();
        shape.fine = Boolean(f) && shape.geom.some(function (polygon) {
          return polygon.some(function (ring) {
            return ring.some(function (ref) { return f.byNumber[ref < 0 ? ~ref : ref]; });
          });
        });
      }
      return shape.fine;
    },

    // The level a shape is drawn at in the map's present view.
    levelOf: function (shape) {
      return this.detail.level === 1 && this.hasFine(shape) ? 1 : 0;
    },

    gridOf: function (shape, level) {
      if (!shape.polygons[level]) {
        var polygons = [];
        shape.geom.forEach(function (polygon) {
          var rings = [];
          polygon.forEach(function (refs, i) {
            var ring = this.ringAt(refs, level);
            if (ring && (i === 0 || rings.length)) {  // a hole only in a drawn exterior
              rings.push(ring);
            }
          }, this);
          if (rings.length) {
            polygons.push(rings);
          }
        }, this);
        shape.polygons[level] = polygons;
      }
      return shape.polygons[level];
    },

    latlngsOf: function (shape) {
      if (!shape.latlngs) {
        var zoom = this.coarseTable().gridZoom;
        shape.latlngs = this.gridOf(shape, 0).map(function (polygon) {
          return polygon.map(function (grid) {
            var points = [];
            for (var i = 0; i < grid.length; i += 2) {
              points.push(crs.pointToLatLng(L.point(grid[i], grid[i + 1]), zoom));
            }
            return points;
          });
        });
      }
      return shape.latlngs;
    },

    // Grid pixels (of a level) to pixels at the map's current zoom.
    gridScale: function (map, level) {
      var grid = level ? this.fineTable().gridZoom : this.coarseTable().gridZoom;
      return map.options.crs.scale(map.getZoom()) / map.options.crs.scale(grid);
    },

    // Which level the view asks for: the fine one when zoomed in past the opening zoom over
    // the detail region. Watched before any shape is added, so that a zoom's new level is
    // known when the shapes project; a pan into or out of the region redraws the shapes that
    // have one (redraw(layer) for each layer of the map).
    watch: function (map, redraw) {
      var t = this.coarseTable();
      var detail = this.detail;
      var region = t.detail ? L.latLngBounds(t.detail.region) : null;
      function wanted() {
        return region && map.getZoom() > t.zoom && map.getBounds().intersects(region) ? 1 : 0;
      }
      map.on("zoomend", function () { detail.level = wanted(); });
      map.on("moveend", function () {
        var level = wanted();
        if (level !== detail.level) {
          detail.level = level;
          map.eachLayer(redraw);
        }
      });
      map.whenReady(function () { detail.level = wanted(); });
    },

    // The shape's points in the map's layer coordinates at the current zoom: scaled from the
    // grid and rounded to whole pixels, as Leaflet rounds projected points.
    project: function (map, shape, key, level) {
      var f = this.gridScale(map, level);
      var origin = map.getPixelOrigin();
      var rings = [];
      var ringBounds = [];
      var all = new L.Bounds();
      this.gridOf(shape, level).forEach(function (polygon) {
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
  };
  mg.ShapeTables = ShapeTables;
})(mg, L);
