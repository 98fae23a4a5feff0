// layer-panel.js: the layer drawer over the map (mg.LayerPanel, leaflet-private.js), opened by
// a "Layers" button.
(function (mg, L) {
  // The "Layers" button on the map, which opens the drawer.
  var LayersButton = L.Control.extend({
    options: { position: "topright", text: "", toggle: null },
    onAdd: function () {
      var box = L.DomUtil.create("div", "leaflet-bar mg-layers-control");
      var button = mg.dom.textNode("button", "mg-layers-button", this.options.text);
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
      position: mg.dom.side("topright"),
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

  // legend: the key's entries by layer id.
  mg.addPanel = function (state, texts, legend) {
    var map = state.map;
    var headings = {};
    var seen = {};
    state.layers.forEach(function (record) {
      var section = record.spec.section;
      if (record.spec.control && section && !seen[section]) {
        seen[section] = true;
        headings[record.spec.id] = section;
      }
    });
    var control = new mg.LayerPanel({}, {}, {
      collapsed: false,
      position: mg.dom.side("topright"),
      legend: legend,
      headings: headings,
      recordOf: function (group) { return state.recordOf.get(group); }
    });
    state.layers.forEach(function (record) {
      if (record.spec.control) {
        control.addOverlay(record.group, record.spec.name);
      }
    });
    control.addTo(map);
    control.setToggleTitle(texts.layersButton || "");
    var panel = document.getElementById("mg-panel");
    if (panel) {
      panel.appendChild(control.getContainer());
      addDrawer(map, panel, texts.layersButton || "");
    }
    return control;
  };
})(mg, L);
