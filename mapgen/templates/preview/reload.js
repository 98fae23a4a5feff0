(function () {
  var seen = null;
  function show(problems) {
    var box = document.getElementById("mapgen-preview-problems");
    if (!problems.length) {
      if (box) { box.remove(); }
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = "mapgen-preview-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:99999;margin:0;" +
        "padding:12px;background:#fff4f2;color:#8a1c0b;border-bottom:3px solid #c0392b;" +
        "font:13px/1.4 monospace;white-space:pre-wrap;max-height:50vh;overflow:auto";
      document.body.appendChild(box);
    }
    box.textContent = "mapgen: the last edit has problems; this is the last good map.\n" +
      problems.join("\n");
  }
  function check() {
    fetch({{ state_path|tojson }}, { cache: "no-store" }).then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen === null) { seen = state.build; }
        if (state.build !== seen) { location.reload(); return; }
        show(state.problems);
      })
      .catch(function () {})
      .then(function () { setTimeout(check, 700); });
  }
  check();
})();
