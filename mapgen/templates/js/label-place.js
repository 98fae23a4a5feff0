// label-place.js: the placement of one name and its second chance. place: which of a name's
// forms it takes (the first that overlaps nothing taken before it); priority: which names come
// first; displace: a story's name left with no clear room (none, or only cut by the map's edge
// or under its buttons) takes a clear form that one name of the view held, where that name
// finds another clear form (the country's "Germany" moves aside for the story's Brussels,
// beside its dot at the map's edge); else nothing changes. labels.js places every name.
(function (mg) {
  var F = mg.labelForms;

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
    return !item.label.first ? 3 : item.place ? 1 : due(item, zoom) ? 0 : 2;
  }

  // Chooses the name's form (item.chosen, its box item.box); returns whether it found one.
  // Tries the first `limit` forms of a country's; `mode`: see tries.
  function place(map, pane, item, zoom, taken, markers, shapes, limit, mode) {
    var dot = item.place ? F.square(item.x, item.y, item.dot / 2) : null;
    var own = dot && item.label.first;  // a dot reserved before any name
    if (dot && !own && F.overlaps(dot, taken)) {
      return false;
    }
    var reach = dot ? F.clearance(dot, markers) : 0;
    var room = item.label.reach ? item.label.reach * Math.pow(2, zoom) : 0;
    var region = item.label.kind === "region";
    var anchor = { left: item.x, top: item.y };
    var forms = limit && !item.place ? item.forms.slice(0, limit) : item.forms;
    var view = map.getSize();
    // where its forms lie (wider and taller than its first by what the others add: a nudge,
    // a second line, a side of its dot); a form beyond it, moved into view, is tested too
    var first = mg.labelSizes.sizeOf(pane, item, forms[0]);
    var ax = first.w + reach + 32;
    var ay = 2 * first.h + reach + 28;
    var clash = F.clashes(taken, { left: item.x - ax, right: item.x + ax,
                                   top: item.y - ay, bottom: item.y + ay });
    function takes(form, box) {
      var moved = (form.dx || form.dy) && item.label.id;
      if (clash(box) || (region && !F.fits(box, anchor, room)) ||
          (moved && !F.within(map, shapes, item.label.id, box))) {
        return false;
      }
      item.held = F.grow(box, F.SPACE);  // the room it takes: its box and a space round it
      taken.push(item.held);
      item.box = box;
      item.chosen = form;
      item.reach = reach;
      return true;
    }
    // mode "in": only forms wholly in view (a story's place tries these first); "shift": a
    // form that would run off the map's edge moved into view (still in its country)
    function tries(mode) {
      return forms.some(function (form) {
        var box = F.boxOf(item, form, mg.labelSizes.sizeOf(pane, item, form), reach);
        var cut = mode && F.intoView(form, box, view);
        if (cut && mode === "in") {
          return false;
        }
        return cut ? takes(cut.form, cut.box) : takes(form, box);
      });
    }
    if ((mode ? tries(mode) : (item.place && item.label.first && tries("in")) || tries()) &&
        dot && !own) {
      taken.push(dot);
    }
    return Boolean(item.chosen);
  }

  // The boxes a name's forms may take round its point (where it could stand, taken or not).
  function spread(pane, item) {
    var boxes = item.forms.map(function (form) {
      return F.boxOf(item, form, mg.labelSizes.sizeOf(pane, item, form), item.dot / 2 + 12);
    });
    return boxes.reduce(function (a, b) {
      return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right),
               top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
    });
  }

  // Gives up the names' places and asks `again` to place them anew; where it fails, every
  // name keeps the place it had (taken as it was). Returns whether it placed them.
  function retry(items, taken, again) {
    var saved = taken.slice();
    var states = items.map(function (item) {
      var state = { chosen: item.chosen, box: item.box, held: item.held, reach: item.reach };
      F.release(item, taken);
      return state;
    });
    if (again()) {
      return true;
    }
    taken.length = 0;
    taken.push.apply(taken, saved);
    items.forEach(function (item, i) { Object.assign(item, states[i]); });
    return false;
  }

  // entries: the view's names ({item, key}), placed, in placement order (key[0] 0: a story's
  // country due, 1: a story's place, the names moved for); taken: every box placed (the
  // covers and the map's edges among them); over: the covers.
  function displace(map, pane, entries, taken, over, markers, shapes, zoom) {
    var view = map.getSize();
    entries.forEach(function (entry) {
      var item = entry.item;
      if (entry.key[0] > 1 || (item.chosen && !F.unclear(item.box, over, view))) {
        return;
      }
      var around = spread(pane, item);
      // the names that stand where it could: a country's, a sea's, a region's or a story
      // place's (another place's dot lies in taken beside its name)
      entries.filter(function (other) {
        var o = other.item;
        return o !== item && o.chosen && (!o.place || o.label.first) &&
          F.overlaps(o.held, [around]);
      }).some(function (other) {
        return retry([item, other.item], taken, function () {
          return place(map, pane, item, zoom, taken, markers, shapes) &&
            !F.unclear(item.box, over, view) &&  // in the clear now, not cut as before
            place(map, pane, other.item, zoom, taken, markers, shapes);
        });
      });
    });
  }

  mg.labelPlace = { place: place, priority: priority, visible: visible, retry: retry,
                    displace: displace };
})(mg);
