// hatches.js: the diagonal hatch patterns of [style.hatches], as SVG <pattern> elements; a
// path whose style names a hatch is filled with it (fill="url(#mapgen-hatch-NAME)").
(function (mg, L) {
  var SVG = "http://www.w3.org/2000/svg";

  mg.hatches = {
    add: function (hatches) {
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("class", "mg-defs");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      var defs = document.createElementNS(SVG, "defs");
      Object.keys(hatches).sort().forEach(function (name) {
        var pattern = document.createElementNS(SVG, "pattern");
        pattern.setAttribute("id", "mapgen-hatch-" + name);
        pattern.setAttribute("patternUnits", "userSpaceOnUse");
        pattern.setAttribute("width", "7");
        pattern.setAttribute("height", "7");
        pattern.setAttribute("patternTransform", "rotate(45)");
        var line = document.createElementNS(SVG, "line");
        [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "7"], ["stroke", hatches[name]],
         ["stroke-width", "2"]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
        pattern.appendChild(line);
        defs.appendChild(pattern);
      });
      svg.appendChild(defs);
      document.body.appendChild(svg);
    },

    pathStyle: function (style) {
      var options = L.extend({}, style);
      if (options.hatch) {
        options.className = "mapgen-hatch-" + options.hatch;
        options.fillColor = "url(#mapgen-hatch-" + options.hatch + ")";
        delete options.hatch;
      }
      return options;
    }
  };
})(mg, L);
