// panel.js: the key below the map (only the layers that are on), the layer drawer over the map
// (opened by a "Layers" button) and the bar that folds the key and opens "About this map".

// The key: one entry per layer that has one, shown while its layer is on.
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
      mark(item, false);
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
  if (!entries.length) {
    list.hidden = true;
    var button = document.getElementById("mg-key-button");
    if (button) {
      button.hidden = true;
    }
  }
}

function mark(item, on) {
  item.classList.toggle("is-off", !on);
  item.hidden = !on;
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
      var entry = this.options.legend && this.options.legend[obj.layer._mgKey];
      if (entry) {  // the key's swatch, so that a year can be matched to its colour
        var swatch = textNode("span", "mg-swatch " + entry.pattern, "");
        swatch.style.setProperty("--c", entry.color);
        swatch.setAttribute("aria-hidden", "true");
        name.parentNode.insertBefore(swatch, name);
      }
    }
    var section = obj.layer.mgSection;
    if (section && obj.layer.mgFirstOfSection) {
      label.parentNode.insertBefore(textNode("h3", "mg-section", section), label);
    }
    return label;
  }
});

// The "Layers" button on the map, which opens the drawer.
var LayersButton = L.Control.extend({
  options: { position: "topright", text: "", toggle: null },
  onAdd: function () {
    var box = L.DomUtil.create("div", "leaflet-bar mg-layers-control");
    var button = textNode("button", "mg-layers-button", this.options.text);
    button.type = "button";
    button.setAttribute("aria-controls", "mg-panel");
    button.setAttribute("aria-expanded", "false");
    box.appendChild(button);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.on(button, "click", this.options.toggle);
    this.button = button;
    return box;
  }
});

// The drawer: over the map, from the right; Close, Escape or a click on the map shuts it and
// the focus goes back to the button.
function addDrawer(map, panel, text) {
  var close = document.getElementById("mg-panel-close");
  var control = null;
  function open(on) {
    panel.hidden = !on;
    control.button.setAttribute("aria-expanded", on ? "true" : "false");
    if (on) {
      (close || panel).focus();
    }
  }
  control = new LayersButton({
    position: side("topright"),
    text: text,
    toggle: function () { open(panel.hidden); }
  }).addTo(map);
  if (close) {
    close.addEventListener("click", function () {
      open(false);
      control.button.focus();
    });
  }
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      open(false);
      control.button.focus();
    }
  });
  map.on("click", function () {
    if (!panel.hidden) {
      open(false);
    }
  });
  L.DomEvent.disableClickPropagation(panel);
  L.DomEvent.disableScrollPropagation(panel);
  return control;
}

// The bar below the map: "Key" folds the key, "About this map / Data" opens the description,
// the tables and the full credit. Without scripts both stay open.
function addBar() {
  var bar = document.getElementById("mg-bar");
  if (!bar) {
    return;
  }
  bar.hidden = false;
  var key = document.getElementById("mg-key-button");
  if (key && window.matchMedia && window.matchMedia("(max-width: 480px)").matches) {
    key.setAttribute("aria-expanded", "false");  // a phone's key starts folded, under the map
  }
  var buttons = bar.querySelectorAll("button[aria-controls]");
  for (var i = 0; i < buttons.length; i++) {
    (function (button) {
      var target = document.getElementById(button.getAttribute("aria-controls"));
      if (!target) {
        return;
      }
      target.hidden = button.getAttribute("aria-expanded") !== "true";
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", on ? "true" : "false");
        target.hidden = !on;
      });
    })(buttons[i]);
  }
}

function addPanel(map, layers, texts, legend) {
  var swatches = {};
  (legend || []).forEach(function (entry) { swatches[entry.key] = entry; });
  var control = new LayerPanel({}, {}, { collapsed: false, position: side("topright"),
                                         legend: swatches });
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
  if (control._layersLink) {  // Leaflet's toggle (hidden: the list is never collapsed) says "Layers"
    control._layersLink.title = texts.layersButton || "";
  }
  var panel = document.getElementById("mg-panel");
  if (panel) {
    panel.appendChild(control.getContainer());
    addDrawer(map, panel, texts.layersButton || "");
  }
  return control;
}
