// panel.js: the legend and the layer panel beside the map.

// The legend: one entry per layer that has one, struck through while its layer is off.
function addLegend(map, entries, groups) {
  var list = document.getElementById("mg-legend");
  if (!list) {
    return;
  }
  entries.forEach(function (entry) {
    var item = document.createElement("li");
    item.setAttribute("data-legend-key", entry.key);
    var group = groups[entry.key];
    if (group ? !map.hasLayer(group) : entry.off) {
      item.className = "is-off";
    }
    var swatch = textNode("span", "mg-swatch " + entry.pattern, "");
    swatch.style.setProperty("--c", entry.color);
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(entry.label));
    list.appendChild(item);
    if (group) {
      group.on("add", function () { mark(item, true); });
      group.on("remove", function () { mark(item, false); });
    }
  });
  list.hidden = entries.length === 0;
}

function mark(item, on) {
  item.classList.toggle("is-off", !on);
  item.setAttribute("aria-disabled", on ? "false" : "true");
}

// Leaflet's layer control sets each name as HTML; this one sets it as text, and puts each
// section's heading before its first layer (Leaflet rebuilds the list whenever a layer comes
// or goes, so the headings are made with the items).
var LayerPanel = L.Control.Layers.extend({
  // A reader's tick or untick is what the reader wants, kept when the date or story moves.
  _onInputClick: function () {
    L.Control.Layers.prototype._onInputClick.apply(this, arguments);
    var inputs = this._layerControlInputs;
    for (var i = 0; i < inputs.length; i++) {
      var layer = this._getLayer(inputs[i].layerId);
      if (layer) {
        layer.layer.mgWanted = inputs[i].checked;
      }
    }
  },

  _addItem: function (obj) {
    var label = L.Control.Layers.prototype._addItem.call(
      this, { layer: obj.layer, name: "", overlay: obj.overlay });
    var name = label.querySelector("span > span");
    if (name) {
      name.textContent = " " + obj.name;
    }
    var section = obj.layer.mgSection;
    if (section && obj.layer.mgFirstOfSection) {
      label.parentNode.insertBefore(textNode("h3", "mg-section", section), label);
    }
    return label;
  }
});

function addPanel(map, layers) {
  var control = new LayerPanel({}, {}, { collapsed: false, position: "topright" });
  var seen = {};
  layers.forEach(function (entry) {
    if (!entry.spec.control) {
      return;
    }
    var group = entry.group;
    group.mgSection = entry.spec.section || null;
    group.mgFirstOfSection = Boolean(group.mgSection) && !seen[group.mgSection];
    seen[group.mgSection] = true;
    control.addOverlay(group, entry.spec.name);
  });
  control.addTo(map);
  var panel = document.getElementById("mg-panel");
  if (panel) {
    panel.appendChild(control.getContainer());
  }
  return control;
}
