// core.js: what the other files share. Each file of mapgen/templates/js is one closure over the
// namespace mg, using only what the files before it define (mapgen/page/scripts.py states the
// order; tests/page/test_scripts.py checks it). The page's scripts are the same bytes whatever
// the data: every value arrives as JSON in a data block (a script element of type
// application/json) and every text is set with textContent.
(function (mg) {
  function readJson(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  // A corner of the map, mirrored on a right-to-left page ("topright" becomes "topleft").
  function side(position) {
    if (document.documentElement.dir !== "rtl") {
      return position;
    }
    return position.replace(/left|right/, function (s) { return s === "left" ? "right" : "left"; });
  }

  function textNode(tag, className, content) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    el.textContent = content == null ? "" : String(content);
    return el;
  }

  mg.dom = {
    readJson: readJson,
    escapeHtml: escapeHtml,
    side: side,
    textNode: textNode,
    words: {},  // the page's own words (map.toml's [ui], in the language of the build)
    word: function (name) { return mg.dom.words[name] || ""; }
  };

  // Work that waits for the first paint: the page shows the base and the membership waves
  // first; the story layers, markers and layer panel follow a frame later. When all is done,
  // <html data-mapgen-ready> is set and a "mapgen:ready" event fires (for screenshot tools,
  // tests and embedding pages). One queue per map.
  mg.paintQueue = function () {
    var queue = [];
    var scheduled = false;
    function flush() {
      scheduled = false;
      while (queue.length) {
        queue.shift()();
      }
      if (!document.documentElement.hasAttribute("data-mapgen-ready")) {
        document.documentElement.setAttribute("data-mapgen-ready", "");
        document.dispatchEvent(new Event("mapgen:ready"));
      }
    }
    // after the frame and once the document is parsed: the blocks after the code are read
    function parsed() {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", flush, { once: true });
      } else {
        flush();
      }
    }
    return function afterPaint(fn) {
      queue.push(fn);
      if (!scheduled) {
        scheduled = true;
        mg.afterFrame(parsed);
      }
    };
  };

  // fn after the next paint (a frame, then a task), or within a quarter second where frames
  // do not come (a hidden frame); once.
  mg.afterFrame = function (fn) {
    var done = false;
    function run() {
      if (!done) {
        done = true;
        fn();
      }
    }
    requestAnimationFrame(function () { setTimeout(run, 0); });
    setTimeout(run, 250);
  };

  // Leaflet's zoom buttons are links with role="button": let Space press them too.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === " " || event.key === "Spacebar") && target &&
        target.getAttribute && target.getAttribute("role") === "button" &&
        target.tagName === "A") {
      event.preventDefault();
      target.click();
    }
  });
})(mg);
