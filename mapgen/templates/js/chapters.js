// chapters.js: the story in steps. Each chapter sets the view, the date and the layers on and
// says one thing; Previous/Next, the arrow keys on the stepper and the URL (#chapter=ID,
// #as-of=YYYY-MM-DD) move between them; "Explore" frees every layer.

function matchesAny(id, wanted) {
  return wanted.some(function (w) { return id === w || id.indexOf(w + ".") === 0; });
}

// Which layers are wanted on: the chapter's (or all, to explore). A wave also waits for its
// date, which the timeline applies.
function wantLayers(map, layers, wanted, iso) {
  layers.forEach(function (entry) {
    if (!entry.spec.control) {
      return;
    }
    var on = wanted === null || matchesAny(entry.spec.id, wanted);
    entry.group.mgWanted = on;
    var dated = entry.spec.since && iso && entry.spec.since > iso;
    if (on && !dated && !map.hasLayer(entry.group)) {
      map.addLayer(entry.group);
    } else if ((!on || dated) && map.hasLayer(entry.group)) {
      map.removeLayer(entry.group);
    }
  });
}

function readHash() {
  var state = {};
  (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
    var parts = pair.split("=");
    if (parts.length === 2 && /^(chapter|as-of|chrome)$/.test(parts[0])) {
      state[parts[0]] = decodeURIComponent(parts[1]);
    }
  });
  return state;
}

function writeHash(chapter, iso) {
  var parts = [];
  if (chapter) {
    parts.push("chapter=" + encodeURIComponent(chapter));
  }
  if (iso) {
    parts.push("as-of=" + iso);
  }
  var chrome = readHash().chrome;
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

// Where the page opens: the chapter and date of the link (#chapter=, #as-of=), else the
// opening chapter of the build, else Explore at the build's date. Known before the layers are
// added, so that the first paint draws the opening view once.
function openingState(data) {
  var chapters = data.chapters || [];
  var asked = readHash();
  var id = asked.chapter || data.opening || "explore";
  var index = chapters.map(function (c) { return c.id; }).indexOf(id);
  var chapter = chapters[index] || null;
  var wanted = asked["as-of"] || (chapter ? chapter.asOf : data.view.asOf);
  var stops = data.timeline.dates;
  var asOf = stops[0];
  stops.forEach(function (d) { if (d <= wanted) { asOf = d; } });
  return { index: chapter ? index : -1, chapter: chapter, asOf: asOf, story: chapters.length > 0 };
}

// Whether a layer is on when the page opens.
function openingWanted(spec, opening) {
  if (!spec.control || !opening.story) {
    return spec.show;
  }
  return opening.chapter ? matchesAny(spec.id, opening.chapter.layers) : true;
}

// Previous or Next: an arrow, and the word (which a phone's narrow row leaves to screen readers).
function stepMove(className, arrow, word, after) {
  var button = textNode("button", className, "");
  button.type = "button";
  var words = textNode("span", "mg-word", after ? word + " " : " " + word);
  if (after) {
    button.appendChild(words);
  }
  button.appendChild(textNode("span", "mg-arrow", arrow));
  if (!after) {
    button.appendChild(words);
  }
  button.setAttribute("aria-label", word);
  return button;
}

function addStory(map, data, layers, timeline, opening) {
  var chapters = data.chapters || [];
  var texts = data.story || {};
  var box = document.getElementById("mg-story");
  var reduced = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var state = { index: -1 };

  function caption(title, text, sources) {
    var target = document.getElementById("mg-chapter");
    if (!target) {
      return;
    }
    target.textContent = "";
    target.appendChild(textNode("h2", "mg-chapter-title", title));
    var paragraph = textNode("p", "mg-chapter-text", text);
    target.appendChild(paragraph);
    if (sources && sources.length) {
      // the sources fold behind a button at the end of the text, to keep the map in view
      var line = textNode("p", "mg-source", "");
      line.id = "mg-chapter-sources";
      line.hidden = true;
      sources.forEach(function (pair, i) {
        if (i > 0) {
          line.appendChild(document.createTextNode("; "));
        }
        var link = textNode("a", null, pair[0]);
        if (/^https?:\/\//i.test(pair[1] || "")) {
          link.href = pair[1];
          link.target = "_blank";
          link.rel = "noopener noreferrer";
        }
        line.appendChild(link);
      });
      var more = textNode("button", "mg-source-toggle",
                          (texts.sources || "Sources") + " (" + sources.length + ")");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      more.setAttribute("aria-controls", line.id);
      more.addEventListener("click", function () {
        line.hidden = !line.hidden;
        more.setAttribute("aria-expanded", line.hidden ? "false" : "true");
      });
      paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(more);
      target.appendChild(line);
    }
  }

  var buttons = [];
  function mark() {
    buttons.forEach(function (button, i) {
      var on = i === state.index || (i === chapters.length && state.index === -1);
      button.setAttribute("aria-current", on ? "step" : "false");
    });
    if (prev) {
      prev.disabled = state.index === 0;
      next.disabled = state.index === -1;
    }
  }

  function go(index, animate, opened) {
    state.index = index;
    var chapter = chapters[index];
    if (opened) {  // the opening state: layers, date and view are set already
      if (chapter) {
        caption(chapter.title, chapter.text, chapter.sources);
      } else {
        caption(texts.exploreTitle || "", texts.exploreText || "", []);
      }
    } else if (chapter) {
      wantLayers(map, layers, chapter.layers, chapter.asOf);
      timeline.goTo(chapter.asOf);
      var bounds = L.latLngBounds(chapter.bounds);
      if (animate && !reduced) {
        map.flyToBounds(bounds, { duration: 0.8 });
      } else {
        map.fitBounds(bounds, { animate: false });
      }
      caption(chapter.title, chapter.text, chapter.sources);
    } else {
      state.index = -1;
      wantLayers(map, layers, null, timeline.current());
      caption(texts.exploreTitle || "", texts.exploreText || "", []);
    }
    mark();
    writeHash(chapter ? chapter.id : "explore", timeline.current());
  }

  var prev = null;
  var next = null;
  if (box && chapters.length) {
    box.hidden = false;
    box.setAttribute("aria-label", texts.label || "");
    var list = document.createElement("ol");
    list.className = "mg-steps";
    chapters.concat([{ id: "explore", title: texts.explore || "Explore" }]).forEach(
      function (chapter, i) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.className = "mg-step";
        if (i < chapters.length) {
          button.appendChild(textNode("span", "mg-step-number", (i + 1) + "."));
          button.appendChild(document.createTextNode(" "));
        }
        button.appendChild(textNode("span", "mg-step-title", chapter.title));
        button.title = button.textContent;
        button.type = "button";
        button.setAttribute("data-chapter", chapter.id);
        button.addEventListener("click", function () { go(i < chapters.length ? i : -1, true); });
        item.appendChild(button);
        list.appendChild(item);
        buttons.push(button);
      });
    // one row: Previous, the steps (scrolling sideways where they do not fit), Next
    var row = document.createElement("div");
    row.className = "mg-steps-row";
    prev = stepMove("mg-prev", "\u2039", texts.previous || "Previous");
    next = stepMove("mg-next", "\u203A", texts.next || "Next", true);
    prev.addEventListener("click", function () {
      go(state.index === -1 ? chapters.length - 1 : Math.max(0, state.index - 1), true);
    });
    next.addEventListener("click", function () {
      go(state.index >= chapters.length - 1 ? -1 : state.index + 1, true);
    });
    row.appendChild(prev);
    row.appendChild(list);
    row.appendChild(next);
    box.insertBefore(row, box.firstChild);
    // Where the steps would wrap (long titles: German, Ukrainian …), the others show their
    // number only; the current one its title. Checked again as the window changes.
    var fitting = false;
    function fit() {
      fitting = false;
      row.classList.remove("is-compact");
      if (list.offsetHeight > 1.5 * buttons[0].offsetHeight) {
        row.classList.add("is-compact");
      }
    }
    fit();
    window.addEventListener("resize", function () {
      if (!fitting) {
        fitting = true;
        requestAnimationFrame(fit);
      }
    });
    // the arrow that points along the reading direction moves on (left on a right-to-left page)
    var forward = side("right") === "right" ? "ArrowRight" : "ArrowLeft";
    var back = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
    box.addEventListener("keydown", function (event) {
      if (event.key === forward && state.index !== -1) {
        event.preventDefault();
        next.click();
      } else if (event.key === back && state.index !== 0) {
        event.preventDefault();
        prev.click();
      }
    });
  }

  // The reader's own moves of the date keep the URL and <html> current.
  timeline.onChange(function (iso) {
    var chapter = state.index === -1 ? "explore" : chapters[state.index] && chapters[state.index].id;
    writeHash(chapters.length ? chapter : null, iso);
  });

  if (chapters.length) {
    go(opening.index, false, true);
  }
  writeHash(opening.chapter ? opening.chapter.id : (chapters.length ? "explore" : null),
            timeline.current());
  return { go: go, state: state };
}
