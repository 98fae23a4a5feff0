// label-refuge.js: a story's country whose name found no clear room by its point (none at
// all, or only a form cut by the map's edge or under its buttons or a phone's timeline: its
// point lies under them or near the edge) is named where its shape shows in the clear. Of the
// spots inside its drawn shape and wholly in view, clear of every name, dot, marker and cover,
// it takes the one that keeps the most of the name over its country, in its first form that
// does (one line, two lines, a size smaller), nearest its point; the label's point (its
// marker) moves there, as a sea's does (label-forms.js anchor moves it back). Where none is
// clear, the name stands beside its point (right, left, above or below, 10 to 30 px off, a
// size smaller if need be) with a line to it, as an atlas names a small country. A story's
// place whose name is cut by the map's edge takes another of its forms wholly in view. Either
// goes over the names of lower priority, which give way, and where one name of the story
// (due) is in the way, that name moves to another clear form or spot of its own. A story's
// country named a zoom before it is due goes only where it fits: left unclear, it is taken
// off. labels.js asks once every other name is placed.
(function (mg) {
  var F = mg.labelForms;
  var STEP = 4;  // px between the spots tried
  var PAD = 2;  // px kept from the map's edge, as intoView keeps
  var SPOTS = 1500;  // spots tried a form, at most about
  var NEAR = 80;  // px round its point within which a name moved aside looks for a spot

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
  // near: only within that many px of its point (a name moved aside for another stays by it).
  // The spots are tried nearest its point first, STEP px apart or, over a large shape (a
  // country filling a zoomed-in view), farther apart, so that about SPOTS are tried a form;
  // the first that keeps the whole name over its country ends the search.
  function spot(map, item, layers, taken, view, sizeOf, near) {
    var area = extent(map, layers, view);
    if (near) {
      area = {
        lo: { x: Math.max(area.lo.x, item.x - near), y: Math.max(area.lo.y, item.y - near) },
        hi: { x: Math.min(area.hi.x, item.x + near), y: Math.min(area.hi.y, item.y + near) }
      };
    }
    var best = null;
    var centred = item.forms.filter(function (form) { return !form.dx && !form.dy; });
    centred.some(function (form) {
      var size = sizeOf(form);
      var w = size.w / 2;
      var h = size.h / 2;
      var lo = { x: Math.max(area.lo.x, PAD + w), y: Math.max(area.lo.y, PAD + h) };
      var hi = { x: Math.min(area.hi.x, view.x - PAD - w),
                 y: Math.min(area.hi.y, view.y - PAD - h) };
      var span = Math.max(0, hi.x - lo.x) * Math.max(0, hi.y - lo.y);
      var step = Math.max(STEP, Math.sqrt(span / SPOTS));
      var points = [];
      for (var y = lo.y; y <= hi.y; y += step) {
        for (var x = lo.x; x <= hi.x; x += step) {
          var cx = Math.round(x);
          var cy = Math.round(y);
          points.push({ x: cx, y: cy, d: Math.hypot(cx - item.x, cy - item.y) });
        }
      }
      points.sort(function (a, b) { return a.d - b.d; });
      var clash = F.clashes(taken, { left: lo.x - w - 1, right: hi.x + w + 1,
                                     top: lo.y - h - 1, bottom: hi.y + h + 1 });
      points.some(function (p) {
        var box = { left: p.x - w, right: p.x + w, top: p.y - h, bottom: p.y + h };
        var n = clash(box) ? 0 : inside(map, layers, box);
        if (n && (!best || n > best.n)) {  // nearest first: a later one of as many is farther
          best = { n: n, form: form, x: p.x, y: p.y, box: box };
        }
        return n === 9;
      });
      // the whole name over its country: no later form (a smaller one) is better
      return best && best.n === 9;
    });
    return best;
  }

  // Else beside its point, right of it, left, above or below, a line leading to it (mapgen.css,
  // [data-lead]), of 10 px, else longer, to 30, else the same a size smaller: the name's box
  // and its line's, each side, length and size ({form, box, line}). Where a marker covers the
  // point, the line ends at the marker's edge ("lead" of the form: the line's length).
  function sides(pane, item, markers) {
    var on = markers.filter(function (m) {
      return m.left < item.x && item.x < m.right && m.top < item.y && item.y < m.bottom;
    });
    function from(sx, sy) {  // px from the point to where the line starts
      return on.reduce(function (d, m) {
        return Math.max(d, sx > 0 ? m.right - item.x : sx < 0 ? item.x - m.left :
          sy > 0 ? m.bottom - item.y : item.y - m.top);
      }, 3);
    }
    var all = [];
    [false, true].forEach(function (small) {
      var size = mg.labelSizes.sizeOf(pane, item, { text: item.label.name, small: small });
      [10, 14, 18, 22, 26, 30].forEach(function (gap) {
        [["r", 1, 0], ["l", -1, 0], ["a", 0, -1], ["b", 0, 1]].forEach(function (side) {
          var sx = side[1];
          var sy = side[2];
          var start = from(sx, sy);
          var form = { text: item.label.name, small: small, dx: sx * (size.w / 2 + gap),
                       dy: sy * (size.h / 2 + gap), lead: side[0],
                       leadPx: Math.round(gap - (start > 3 ? start : 0)) };
          var d = [sx * start, sx * gap, sy * start, sy * gap];  // the line, but by the point
          var line = { left: item.x + Math.min(d[0], d[1]), right: item.x + Math.max(d[0], d[1]),
                       top: item.y + Math.min(d[2], d[3]), bottom: item.y + Math.max(d[2], d[3]) };
          if (gap - start >= 4) {  // a line to see
            all.push({ form: form, box: F.boxOf(item, form, size, 0), line: line });
          }
        });
      });
    });
    return all;
  }

  function clear(side, boxes) {
    return !F.overlaps(side.box, boxes) && !F.overlaps(side.line, boxes);
  }

  // A story place's forms wholly in view and clear of the covers, each with its box (as its
  // line: it has none) and its reach past its dot or a marker over it.
  function placeSides(pane, item, over, view, markers) {
    var reach = F.clearance(F.square(item.x, item.y, item.dot / 2), markers);
    return item.forms.map(function (form) {
      var box = F.boxOf(item, form, mg.labelSizes.sizeOf(pane, item, form), reach);
      return { form: form, box: box, line: box, reach: reach };
    }).filter(function (side) { return !F.unclear(side.box, over, view); });
  }

  // Puts a name where `found` says ({form, box}, and {x, y}: a spot of its shape, where its
  // point, its marker, moves; {reach}: a place's).
  function settle(map, item, found, taken) {
    item.chosen = found.form;
    if (found.reach !== undefined) {
      item.reach = found.reach;
    }
    if (found.x !== undefined) {
      var latlng = map.containerPointToLatLng([found.x, found.y]);
      item.marker.setLatLng(latlng);
      var p = F.drawnAt(map, latlng);  // its point as drawn (rounded): the form makes up the rest
      item.chosen = { text: found.form.text, small: found.form.small,
                      dx: found.x - p.x, dy: found.y - p.y };
    }
    item.box = found.box;
    item.held = F.grow(found.box, F.SPACE);
    taken.push(item.held);
  }

  // What is taken but the boxes of the names that give way (`minor`).
  function lesser(taken, minor) {
    return taken.filter(function (box) {
      return !minor.some(function (e) { return e.item.held === box; });
    });
  }

  function sizer(pane, item) {
    return function (form) { return mg.labelSizes.sizeOf(pane, item, form); };
  }

  // Of `candidates` (sides), one where one name of the story (a place's, a country's due) stands
  // in the way, that name moved to another clear form of its own (Sevastopol's, for Bulgaria's
  // on a phone) or, a country's, to a spot of its shape (Ukraine's, for Romania's; Romania's,
  // for Sevastopol's by a narrow phone's edge), over the names of lower rank (`minor`), which
  // give way; or null.
  function aside(map, pane, item, candidates, entries, taken, minor, markers, shapes, zoom) {
    var free = lesser(taken, minor);
    var chosen = null;
    var stuck = [];  // the names that could not move for an earlier side: each try is costly
    candidates.some(function (side) {  // the first only: each try may move a name
      var by = entries.filter(function (e) {
        return e.item !== item && e.item.chosen && e.key[0] < 2 &&
          F.overlaps(e.item.held, [side.box, side.line]);
      });
      var other = by.length === 1 && by[0].item;
      if (!other || stuck.indexOf(other) >= 0 ||
          !clear(side, free.filter(function (box) { return box !== other.held; }))) {
        return false;
      }
      var mine = [F.grow(side.box, F.SPACE), side.line];
      taken.push.apply(taken, mine);
      var layers = !other.place && shapes[other.label.id];
      var moved = mg.labelPlace.retry([other], taken, function () {
        var open = lesser(taken, minor);
        var found = !mg.labelPlace.place(map, pane, other, zoom, open, markers, shapes) &&
          layers && spot(map, other, layers, open, map.getSize(), sizer(pane, other), NEAR);
        if (found) {
          settle(map, other, found, open);
        }
        if (!other.chosen) {
          return false;
        }
        taken.push(other.held);
        minor.forEach(function (e) {
          if (e.item.chosen && F.overlaps(e.item.held, [other.box])) {
            F.release(e.item, taken);
          }
        });
        return true;
      });
      mine.forEach(function (box) { taken.splice(taken.indexOf(box), 1); });
      chosen = moved ? side : null;
      if (!moved) {
        stuck.push(other);
      }
      return moved;
    });
    return chosen;
  }

  // entries: the view's names ({item, key}: key[0] 0 a story's country due whose point is in
  // view, the names it moves for); taken: every box placed (the covers and the map's edges
  // among them); over: the covers; markers: the markers' boxes; shapes: the drawn layers by
  // id (label-forms.js drawnShapes).
  function refuge(map, pane, entries, taken, over, markers, shapes, zoom) {
    var view = map.getSize();
    entries.forEach(function (entry) {
      var item = entry.item;
      var layers = shapes[item.label.id] || [];
      if (entry.key[0] === 2 && item.chosen && F.unclear(item.box, over, view)) {
        F.release(item, taken);  // a zoom early, a name goes only where it fits
        return;
      }
      var story = item.place ? entry.key[0] === 1 : entry.key[0] === 0 && layers.length;
      if (!story || (item.chosen && !F.unclear(item.box, over, view))) {
        return;
      }
      var held = item.held;
      var at = item.chosen ? taken.indexOf(held) : -1;
      if (at >= 0) {
        taken.splice(at, 1);
      }
      // beside its point, a story's name goes over the names of lower priority (the others',
      // and the story's countries a zoom before they are due), which give way
      var minor = entries.filter(function (e) { return e.key[0] >= 2 && e.item.chosen; });
      var free = lesser(taken, minor);
      var candidates = item.place ? placeSides(pane, item, over, view, markers) :
        sides(pane, item, markers);
      var found = (!item.place && spot(map, item, layers, taken, view, sizer(pane, item))) ||
        candidates.filter(function (side) { return clear(side, free); })[0] ||
        aside(map, pane, item, candidates, entries, taken, minor, markers, shapes, zoom);
      if (!found) {
        if (at >= 0) {
          taken.splice(at, 0, held);
        }
        return;
      }
      minor.forEach(function (e) {
        if (e.item.chosen && found.line && F.overlaps(e.item.held, [found.box, found.line])) {
          F.release(e.item, taken);
        }
      });
      settle(map, item, found, taken);
    });
  }

  mg.labelRefuge = { refuge: refuge };
})(mg);
