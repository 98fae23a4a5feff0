// hash.js: the page's address (#chapter=ID&as-of=YYYY-MM-DD&chrome=minimal) and where the
// page opens.
(function (mg) {
  function read() {
    var state = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && /^(chapter|as-of|chrome)$/.test(parts[0])) {
        state[parts[0]] = decodeURIComponent(parts[1]);
      }
    });
    return state;
  }

  function write(chapter, iso) {
    var parts = [];
    if (chapter) {
      parts.push("chapter=" + encodeURIComponent(chapter));
    }
    if (iso) {
      parts.push("as-of=" + iso);
    }
    var chrome = read().chrome;
    if (chrome) {
      parts.push("chrome=" + encodeURIComponent(chrome));  // the embed's choice stays
    }
    var root = document.documentElement;
    root.setAttribute("data-mapgen-chapter", chapter || "");
    root.setAttribute("data-mapgen-as-of", iso || "");
    if (window.history && window.history.replaceState) {
      try {
        window.history.replaceState(null, "", "#" + parts.join("&"));
      } catch (error) {
        // a sandboxed frame may refuse; the page works the same
      }
    }
  }

  mg.hash = { read: read, write: write };

  // Where the page opens: the chapter and date of the link (#chapter=, #as-of=), else the
  // opening chapter of the build, else Explore at the build's date. Known before the layers
  // are added, so that the first paint draws the opening view once.
  mg.opening = function (data) {
    var chapters = data.chapters || [];
    var asked = read();
    var id = asked.chapter || data.opening || "explore";
    var index = chapters.map(function (c) { return c.id; }).indexOf(id);
    var chapter = chapters[index] || null;
    var wanted = asked["as-of"] || (chapter ? chapter.asOf : data.view.asOf);
    var stops = data.timeline.dates;
    return {
      index: chapter ? index : -1,
      chapter: chapter,
      asOf: stops[mg.rules.snap(stops, wanted)],
      story: chapters.length > 0,
      // whether a layer is on when the page opens
      wanted: function (spec) {
        if (!spec.control || !chapters.length) {
          return spec.show;
        }
        return chapter ? mg.rules.matches(spec.id, chapter.layers) : true;
      }
    };
  };
})(mg);
