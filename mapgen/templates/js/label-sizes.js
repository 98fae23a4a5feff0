// label-sizes.js: how big a name's form and a place's dot are, without a layout. The style of
// each class of label is read once from a probe (a hidden label of that class in the labels'
// pane, so it inherits the page's font and language); a text's width is measured on a canvas,
// its height is its lines times the line height. labels.js places by these sizes.
(function (mg) {
  var PAD = 0.05;  // px: the layout rounds a text's width up to its unit (1/64 px), the canvas does not
  var pen = document.createElement("canvas").getContext("2d");
  var font = "";
  var styles = {};

  function styleOf(pane, classes, kind) {
    var key = classes + "|" + kind;
    if (!styles[key]) {
      var probe = document.createElement("div");
      var name = mg.dom.textNode("span", "mg-name", "");
      var dot = mg.dom.textNode("span", "mg-dot mg-" + kind, "");
      probe.className = classes;
      probe.style.visibility = "hidden";
      probe.appendChild(dot);
      probe.appendChild(name);
      pane.appendChild(probe);
      var s = getComputedStyle(name);
      styles[key] = {
        font: [s.fontStyle, s.fontWeight, s.fontSize, s.fontFamily].join(" "),
        spacing: parseFloat(s.letterSpacing) || 0,  // "normal" is none
        upper: s.textTransform === "uppercase",
        line: parseFloat(s.lineHeight),
        dot: parseFloat(getComputedStyle(dot).width)
      };
      pane.removeChild(probe);
    }
    return styles[key];
  }

  // The box of `text` (lines apart at "\n") in a label of `classes`: {w, h, dot}.
  mg.labelSize = function (pane, classes, kind, text) {
    var s = styleOf(pane, classes, kind);
    if (font !== s.font) {
      pen.font = font = s.font;
    }
    var lines = (s.upper ? text.toUpperCase() : text).split("\n");
    var w = 0;
    lines.forEach(function (line) {
      w = Math.max(w, pen.measureText(line).width + s.spacing * line.length);
    });
    return { w: w + PAD, h: lines.length * s.line, dot: s.dot };
  };
})(mg);
