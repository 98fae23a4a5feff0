// popups.js: tooltips and popups, built as DOM nodes with textContent.
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
  var sources = (p.source ? [[p.source, p.url]] : []).concat(p.more || []);
  if (sources.length) {
    var line = textNode("p", "mg-source", word(sources.length > 1 ? "sources" : "source") + " ");
    sources.forEach(function (pair, i) {
      if (i > 0) {
        line.appendChild(document.createTextNode("; "));
      }
      if (/^https?:\/\//i.test(pair[1] || "")) {
        var link = textNode("a", null, pair[0]);
        link.href = pair[1];
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        line.appendChild(link);
      } else {
        line.appendChild(document.createTextNode(pair[0]));
      }
    });
    box.appendChild(line);
  }
  return box;
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
function bind(group, items, shapes) {
  items.forEach(untabbable);
  if (items.some(function (item) { return item.mgTip; })) {
    group.bindTooltip(function (item) { return textNode("span", null, item.mgTip || ""); },
                      { sticky: true });
  }
  if (shapes) {  // a shape's popup is one section of the place's popup (placePopups)
    items.forEach(function (item) {
      if (item.mgPopup) {
        item.mgGroup = group;
        placed.push(item);
      }
    });
    return;
  }
  var withPopup = items.filter(function (item) { return item.mgPopup; });
  if (withPopup.length && withPopup.length === items.length) {
    group.bindPopup(function (item) { return popupNode(item.mgPopup); },
                    popupOptions(mapgen.map));
  } else {
    withPopup.forEach(function (item) {
      item.bindPopup(function () { return popupNode(item.mgPopup); }, popupOptions(mapgen.map));
    });
  }
}

// One popup for a place: a click on the map lists every story fact whose shape lies under the
// point (the no-activity zone, the Bucharest promise, Crimea or the held area …), in the order
// map.toml states (popup_order), then in drawing order from the top.
var placed = [];

function inRings(rings, point) {
  var inside = false;
  rings.forEach(function (ring) {
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i];
      var b = ring[j];
      if ((a.y > point.y) !== (b.y > point.y) &&
          point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
    }
  });
  return inside;
}

// A popup that fits the map: no wider than the map leaves beside the zoom buttons, no taller
// than most of it, panned clear of the zoom buttons (top left), the "Layers" button (top
// right) and a phone's timeline (over the foot of the map), so its close button shows.
// (What lies over the map's foot is read once per map size: reading styles forces a layout.)
var foot = { key: null, px: 0 };
function popupOptions(map) {
  var size = map.getSize();
  var timeline = document.getElementById("mg-timeline");
  var key = size.x + "x" + size.y;
  if (foot.key !== key && timeline && !timeline.hidden) {
    foot.key = key;
    foot.px = getComputedStyle(timeline).position === "absolute" ? timeline.offsetHeight : 0;
  }
  var below = 16 + (timeline && !timeline.hidden ? foot.px : 0);
  return {
    maxWidth: Math.max(160, Math.min(320, size.x - 130)),  // 64 + 16 of padding, 50 of frame
    maxHeight: Math.max(160, Math.round(size.y * 0.6) - below),
    autoPanPaddingTopLeft: L.point(64, 64),
    autoPanPaddingBottomRight: L.point(16, below)
  };
}

function placePopups(map, order) {
  function rank(item) {
    var id = item.mgGroup.mgId || "";
    for (var i = 0; i < order.length; i++) {
      if (id === order[i] || id.indexOf(order[i] + ".") === 0) {
        return i;
      }
    }
    return order.length;
  }
  map.on("click", function (event) {
    if (dotAt(event.containerPoint)) {
      return;  // a dot's own popup, not the place's beneath (as an SVG marker stops the click)
    }
    var point = map.latLngToLayerPoint(event.latlng);
    var here = placed.filter(function (item) {
      return map.hasLayer(item.mgGroup) && item.mgGroup.hasLayer(item) && item._rings &&
        inRings(item._rings, point);
    });
    if (!here.length) {
      return;
    }
    here.sort(function (a, b) { return rank(a) - rank(b) || b.mgOrder - a.mgOrder; });
    var box = document.createElement("div");
    box.className = "mg-place";
    here.forEach(function (item, i) {
      if (i > 0) {
        box.appendChild(document.createElement("hr"));
      }
      box.appendChild(popupNode(item.mgPopup));
    });
    L.popup(popupOptions(map)).setLatLng(event.latlng).setContent(box).openOn(map);
  });
}
