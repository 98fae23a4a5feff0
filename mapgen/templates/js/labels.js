// labels.js: names drawn as text, each from the zoom its rank allows.
(function (mg, L) {
  var OFFSETS = [[0, 0], [0, 13], [0, -13], [34, 0], [-34, 0]];

  mg.addLabels = function (group, set) {
    var labels = set.labels.map(function (l) {
      return {
        rank: l.rank,
        marker: L.marker([l.lat, l.lon], {
          icon: L.divIcon({ className: "mg-label", html: mg.dom.textNode("span", null, l.name),
                            iconSize: null }),
          interactive: false,
          keyboard: false,
          pane: "mgLabels"
        })
      };
    });
    // Names in priority order (the data's order): each is shown if its zoom allows and it
    // overlaps no name placed before it and no dot on the map.
    var busy = false;
    function update() {
      var map = mg.leaflet.mapOf(group);
      if (!map || busy) {
        return;
      }
      busy = true;
      var zoom = map.getZoom();
      var taken = [];
      map.eachLayer(function (layer) {
        if (layer instanceof L.CircleMarker && layer.getElement && layer.getElement()) {
          taken.push(layer.getElement().getBoundingClientRect());
        }
      });
      labels.forEach(function (label) {
        var m = label.marker;
        var show = zoom >= label.rank - 1;
        if (show && !group.hasLayer(m)) {
          group.addLayer(m);
        } else if (!show && group.hasLayer(m)) {
          group.removeLayer(m);
        }
        if (!show) {
          return;
        }
        // where it stands, else just beside: below, above, right, left
        var span = m.getElement().firstChild;
        var placed = OFFSETS.some(function (offset) {
          span.style.transform = "translate(calc(-50% + " + offset[0] + "px), calc(-50% + " +
            offset[1] + "px))";
          var box = span.getBoundingClientRect();
          var clash = taken.some(function (t) {
            return box.left < t.right && t.left < box.right && box.top < t.bottom &&
              t.top < box.bottom;
          });
          if (!clash) {
            taken.push(box);
          }
          return !clash;
        });
        if (!placed) {
          group.removeLayer(m);
        }
      });
      busy = false;
    }
    var pending = false;
    function later() {
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; update(); });
      }
    }
    function start(map) {
      // Names follow in the next frame: the shapes get on screen first.
      requestAnimationFrame(update);
      map.on("zoomend", update);
      map.on("layeradd layerremove", function (event) {  // dots come and go with the date
        if (event.layer instanceof L.CircleMarker) {
          later();
        }
      });
    }
    if (mg.leaflet.mapOf(group)) {
      start(mg.leaflet.mapOf(group));
    } else {
      group.on("add", function () { start(mg.leaflet.mapOf(group)); });
    }
  };
})(mg, L);
