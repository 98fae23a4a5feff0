// places.js: one popup for a place: a click on the map lists every story fact whose shape lies
// under the point (the no-activity zone, the Bucharest promise, Crimea or the held area …), in
// the order map.toml states (popup_order), then in drawing order from the top.
(function (mg, L) {
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

  // Whether a layer point lies in a drawn polygon: only the rings whose box holds it are
  // tested (a ring that does not hold it is crossed an even number of times).
  function inShape(layer, point) {
    var rings = mg.leaflet.ringsOf(layer);
    var bounds = mg.leaflet.ringBoundsOf(layer);
    return Boolean(rings) && inRings(bounds ? rings.filter(function (ring, i) {
      return bounds[i].contains(point);
    }) : rings, point);
  }

  mg.inShape = inShape;

  // state.placed: the shapes' items ({layer, popup, order, record}) that have a popup.
  mg.placePopups = function (state, order) {
    var map = state.map;
    function rank(item) {
      var id = item.record.spec.id || "";
      for (var i = 0; i < order.length; i++) {
        if (mg.rules.matches(id, [order[i]])) {
          return i;
        }
      }
      return order.length;
    }
    map.on("click", function (event) {
      if (state.dots.length && mg.dotAt(state.dots, event.containerPoint)) {
        return;  // a dot's own popup, not the place's beneath (as an SVG marker stops the click)
      }
      var point = map.latLngToLayerPoint(event.latlng);
      var here = state.placed.filter(function (item) {
        var group = item.record.group;
        return map.hasLayer(group) && group.hasLayer(item.layer) && inShape(item.layer, point);
      });
      if (!here.length) {
        return;
      }
      here.sort(function (a, b) { return rank(a) - rank(b) || b.order - a.order; });
      var box = document.createElement("div");
      box.className = "mg-place";
      here.forEach(function (item, i) {
        if (i > 0) {
          box.appendChild(document.createElement("hr"));
        }
        box.appendChild(mg.popups.node(item.popup));
      });
      L.popup(mg.popups.options(state)).setLatLng(event.latlng).setContent(box).openOn(map);
    });
  };
})(mg, L);
