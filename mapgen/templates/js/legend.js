// legend.js: the key below the map (only the layers that are on) and the bar that folds the
// key and opens "About this map".
(function (mg) {
  function mark(item, on) {
    item.classList.toggle("is-off", !on);
    item.hidden = !on;
  }

  // The key: one entry per layer that has one, shown while its layer is on. An entry names
  // its layer by id (entry.layer); groups: the map's layer groups by id.
  mg.addLegend = function (map, entries, groups) {
    var list = document.getElementById("mg-legend");
    if (!list) {
      return;
    }
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.setAttribute("data-legend-key", entry.key);
      var group = groups[entry.layer];
      if (group ? !map.hasLayer(group) : entry.off) {
        mark(item, false);
      }
      var swatch = mg.dom.textNode("span", "mg-swatch " + entry.pattern, "");
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
  };

  // The bar below the map: "Key" folds the key, "About this map / Data" opens the description,
  // the tables and the full credit. Without scripts both stay open.
  mg.addBar = function () {
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
  };
})(mg);
