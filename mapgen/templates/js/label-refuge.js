// label-refuge.js: a story's country whose name found no clear room by its point (none at
// all, or only a form cut by the map's edge or under its buttons or a phone's timeline: its
// point lies under them or near the edge) is named where its shape shows in the clear. Of the
// spots inside its drawn shape and wholly in view, clear of every name, dot, marker and cover,
// it takes the one that keeps the most of the name over its country, in its first form that
// does (one line, two lines, a size smaller), nearest its point; the label's point (its
// marker) moves there, as a sea's does (label-forms.js anchor moves it back). Where none is
// clear, the name stands beside its point (right, left, above or below) with a line to it, as
// an atlas names a small country, over the names of lower rank, which give way. A story's
// country named a zoom before it is due goes only where it fits: left unclear, it is taken
// off. labels.js asks once every other name is placed.
(function (mg) {
  var F = mg.labelForms;
  var STEP = 4;  // px between the spots tried
  var PAD = 2;  // px kept from the map's edge, as intoView keeps

  // The box, in the map's container and within the view, of a country's shapes.
  function extent(map, layers, view) {
    var box = L.latLngBounds([]);
    layers.forEach(function (layer) { box.extend(layer.getBounds()); });
    var lo = map.latLngToContainerPoint(box.getNorthWest());
    var hi = map.latLngToContainerPoint(box.getSouthEast());
    return { lo: { x: Math.max(0, lo.x), y: Math.max(0, lo.y) },
             hi: { x: Math.min(view.x, hi.x), y: Math.min(view.y, hi.y) } };
  }

  // How many of a box's nine points (corners, mid-sides, centre) lie in the country; 0 where
  // its centre does not.
  function inside(map, layers, box) {
    var xs = [box.left + 1, (box.left + box.right) / 2, box.right - 1];
    var ys = [box.top + 1, (box.top + box.bottom) / 2, box.bottom - 1];
    function has(x, y) {
      var point = map.containerPointToLayerPoint([x, y]);
      return layers.some(function (layer) { return mg.inShape(layer, point); });
    }
    if (!has(xs[1], ys[1])) {
      return 0;
    }
    var n = 0;
    xs.forEach(function (x) { ys.forEach(function (y) { n += has(x, y) ? 1 : 0; }); });
    return n;
  }

  // The best spot for one name ({form, x, y, box}), or null. sizeOf: a form's {w, h}.
  function spot(map, item, layers, taken, view, sizeOf) {
    var area = extent(map, layers, view);
    var best = null;
    var centred = item.forms.filter(function (form) { return !form.dx && !form.dy; });
    centred.forEach(function (form, f) {
      if (best && best.n === 9) {
        return;  // the whole name over its country in an earlier form: no later one is better
      }
      var size = sizeOf(form);
      var w = size.w / 2;
      var h = size.h / 2;
      var right = Math.min(area.hi.x, view.x - PAD - w);
      var bottom = Math.min(area.hi.y, view.y - PAD - h);
      for (var y = Math.max(area.lo.y, PAD + h); y <= bottom; y += STEP) {
        for (var x = Math.max(area.lo.x, PAD + w); x <= right; x += STEP) {
          var cx = Math.round(x);
          var cy = Math.round(y);
          var box = { left: cx - w, right: cx + w, top: cy - h, bottom: cy + h };
          var n = F.overlaps(box, taken) ? 0 : inside(map, layers, box);
          var d = Math.hypot(cx - item.x, cy - item.y);
          if (n && (!best || n > best.n || (n === best.n && (f < best.f ||
              (f === best.f && d < best.d))))) {
            best = { n: n, f: f, d: d, form: form, x: cx, y: cy, box: box };
          }
        }
      }
    });
    return best;
  }

  // Else beside its point, right of it, left, above or below, a line leading to it (mapgen.css,
  // [data-lead]), the name and its line clear of every box taken ({form, box, line}, or null).
  var LEAD = 10;  // px from the point to the name, the line's length in mapgen.css
  function beside(pane, item, taken) {
    var size = mg.labelSizes.sizeOf(pane, item, { text: item.label.name });
    var found = null;
    [["r", 1, 0], ["l", -1, 0], ["a", 0, -1], ["b", 0, 1]].some(function (side) {
      var sx = side[1];
      var sy = side[2];
      var form = { text: item.label.name, dx: sx * (size.w / 2 + LEAD),
                   dy: sy * (size.h / 2 + LEAD), lead: side[0] };
      var box = F.boxOf(item, form, size, 0);
      var d = [sx * 3, sx * LEAD, sy * 3, sy * LEAD];  // the line, but by the point
      var line = { left: item.x + Math.min(d[0], d[1]), right: item.x + Math.max(d[0], d[1]),
                   top: item.y + Math.min(d[2], d[3]), bottom: item.y + Math.max(d[2], d[3]) };
      if (!F.overlaps(box, taken) && !F.overlaps(line, taken)) {
        found = { form: form, box: box, line: line };
      }
      return found;
    });
    return found;
  }

  // entries: the view's names ({item, key}: key[0] 0 a story's country due whose point is in
  // view, the names it moves for); taken: every box placed (the covers and the map's edges
  // among them); over: the covers; shapes: the drawn layers by id (label-forms.js
  // drawnShapes).
  function refuge(map, pane, entries, taken, over, shapes) {
    var view = map.getSize();
    entries.forEach(function (entry) {
      var item = entry.item;
      var layers = shapes[item.label.id] || [];
      if (entry.key[0] === 2 && item.chosen && F.unclear(item.box, over, view)) {
        F.release(item, taken);  // a zoom early, a name goes only where it fits
        return;
      }
      if (item.place || entry.key[0] !== 0 || !layers.length ||
          (item.chosen && !F.unclear(item.box, over, view))) {
        return;
      }
      var at = item.chosen ? taken.indexOf(item.held) : -1;
      var others = at >= 0 ? taken.slice(0, at).concat(taken.slice(at + 1)) : taken;
      // beside its point, a story's name goes over the others' names, which give way
      var minor = entries.filter(function (e) { return e.key[0] === 3 && e.item.chosen; });
      var found = spot(map, item, layers, others, view, function (form) {
        return mg.labelSizes.sizeOf(pane, item, form);
      }) || beside(pane, item, others.filter(function (box) {
        return !minor.some(function (e) { return e.item.held === box; });
      }));
      if (!found) {
        return;
      }
      if (at >= 0) {
        taken.splice(at, 1);
      }
      minor.forEach(function (e) {
        if (found.line && F.overlaps(e.item.held, [found.box, found.line])) {
          F.release(e.item, taken);
        }
      });
      item.chosen = found.form;
      if (!found.form.lead) {
        var latlng = map.containerPointToLatLng([found.x, found.y]);
        item.marker.setLatLng(latlng);
        var p = F.drawnAt(map, latlng);  // its point as drawn (rounded): the form makes up the rest
        item.chosen = { text: found.form.text, small: found.form.small,
                        dx: found.x - p.x, dy: found.y - p.y };
      }
      item.box = found.box;
      item.held = F.grow(found.box, F.SPACE);
      taken.push(item.held);
    });
  }

  mg.labelRefuge = { refuge: refuge };
})(mg);
