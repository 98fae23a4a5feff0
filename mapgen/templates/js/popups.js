// popups.js: tooltips and popups, built as DOM nodes with textContent.
(function (mg, L) {
  var textNode = mg.dom.textNode;

  // A line of sources ([[who, url], …]): each a link where its address is a web one.
  function sourcesLine(sources, prefix) {
    var line = textNode("p", "mg-source", prefix);
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
    return line;
  }

  function node(p) {
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
      box.appendChild(sourcesLine(sources, mg.dom.word(sources.length > 1 ? "sources" : "source") +
                                  " "));
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

  // A popup that fits the map: no wider than the map leaves beside the zoom buttons, no taller
  // than most of it, panned clear of the zoom buttons (top left), the "Layers" button (top
  // right) and a phone's timeline (over the foot of the map), so its close button shows.
  // (What lies over the map's foot is read once per map size, into state.foot: reading styles
  // forces a layout.)
  function options(state) {
    var foot = state.foot;
    var size = state.map.getSize();
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

  // An item's texts (state.items: a drawn item's {tip, popup}, or {set, index} in a
  // marker set's columns).
  function tipOf(item) {
    return item.set ? mg.columns.tip(item.set, item.index) : item.tip;
  }
  function popupOf(item) {
    return item.set ? mg.columns.popup(item.set, item.index) : item.popup;
  }

  // Tooltips and popups are bound once per layer group, not once per shape or marker: the
  // group shows each item's texts. An item without a popup in a group where others have one
  // gets its own.
  function bind(state, group, layers, shapes) {
    var items = state.items;
    layers.forEach(untabbable);
    if (layers.some(function (layer) { return tipOf(items.get(layer)); })) {
      group.bindTooltip(function (layer) {
        return textNode("span", null, tipOf(items.get(layer)) || "");
      }, { sticky: true });
      mg.leaflet.hoverTips(group);
    }
    if (shapes) {  // a shape's popup is one section of the place's popup (places.js)
      layers.forEach(function (layer) {
        if (items.get(layer).popup) {
          state.placed.push(items.get(layer));
        }
      });
      return;
    }
    var withPopup = layers.filter(function (layer) { return popupOf(items.get(layer)); });
    if (withPopup.length && withPopup.length === layers.length) {
      group.bindPopup(function (layer) { return node(popupOf(items.get(layer))); },
                      options(state));
    } else {
      withPopup.forEach(function (layer) {
        layer.bindPopup(function () { return node(popupOf(items.get(layer))); },
                        options(state));
      });
    }
  }

  mg.popups = { node: node, sourcesLine: sourcesLine, options: options, bind: bind };
})(mg, L);
