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
    var line = textNode("p", "mg-source", sources.length > 1 ? "Sources: " : "Source: ");
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
function bind(group, items) {
  items.forEach(untabbable);
  if (items.some(function (item) { return item.mgTip; })) {
    group.bindTooltip(function (item) { return textNode("span", null, item.mgTip || ""); },
                      { sticky: true });
  }
  var withPopup = items.filter(function (item) { return item.mgPopup; });
  if (withPopup.length && withPopup.length === items.length) {
    group.bindPopup(function (item) { return popupNode(item.mgPopup); }, { maxWidth: 320 });
  } else {
    withPopup.forEach(function (item) {
      item.bindPopup(function () { return popupNode(item.mgPopup); }, { maxWidth: 320 });
    });
  }
}
