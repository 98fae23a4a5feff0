// label-sizes.js: how big a name's form and a place's dot are, without a layout. The style of
// each class of label is read once from a probe (a hidden label of that class in the labels'
// pane, so it inherits the page's font and language); a text's width is measured on a canvas,
// its height is its lines times the line height. labels.js places by these sizes.
(function (mg) {
  var PAD = 0.05;  // px: the layout rounds a width up to its unit (1/64 px), the canvas not
  var pen = document.createElement("canvas").getContext("2d");
  var font = "";
  var styles = {};

  // Reads the styles of the classes of label ([classes, kind] pairs) not read before, all at
  // once: the probes go onto the page together and are read together, so that the page's
  // style is computed once for all of them.
  function read(pane, wanted) {
    var probes = {};
    wanted.forEach(function (w) {
      var key = w.join("|");
      if (!styles[key] && !probes[key]) {
        var probe = document.createElement("div");
        probe.className = w[0];
        probe.style.visibility = "hidden";
        probe.appendChild(mg.dom.textNode("span", "mg-dot mg-" + w[1], ""));
        probe.appendChild(mg.dom.textNode("span", "mg-name", ""));
        probes[key] = pane.appendChild(probe);
      }
    });
    Object.keys(probes).forEach(function (key) {
      var s = getComputedStyle(probes[key].lastChild);
      styles[key] = {
        font: [s.fontStyle, s.fontWeight, s.fontSize, s.fontFamily].join(" "),
        spacing: parseFloat(s.letterSpacing) || 0,  // "normal" is none
        upper: s.textTransform === "uppercase",
        line: parseFloat(s.lineHeight),
        dot: parseFloat(getComputedStyle(probes[key].firstChild).width)
      };
    });
    Object.keys(probes).forEach(function (key) { pane.removeChild(probes[key]); });
  }

  // The box of `text` (lines apart at "\n") in a label of `classes`: {w, h, dot}.
  function size(pane, classes, kind, text) {
    read(pane, [[classes, kind]]);  // read before (read), or read now
    var s = styles[classes + "|" + kind];
    if (font !== s.font) {
      pen.font = font = s.font;
    }
    var lines = (s.upper ? text.toUpperCase() : text).split("\n");
    var w = 0;
    lines.forEach(function (line) {
      w = Math.max(w, pen.measureText(line).width + s.spacing * line.length);
    });
    return { w: w + PAD, h: lines.length * s.line, dot: s.dot };
  }

  // The classes of a form's label (forms differ by text and size; a place's sides do not),
  // and its size, measured once an item for each.
  function classesOf(item, form) {
    return item.classes + (form.small ? " mg-small" : "") +
      (form.text.indexOf("\n") >= 0 ? " mg-lines" : "");
  }
  function sizeOf(pane, item, form) {
    var key = mg.labelForms.formKey(form);
    if (!item.sizes[key]) {
      item.sizes[key] = size(pane, classesOf(item, form), item.label.kind, form.text);
    }
    return item.sizes[key];
  }

  mg.labelSizes = { read: read, size: size, classesOf: classesOf, sizeOf: sizeOf };
})(mg);
