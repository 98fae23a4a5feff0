// story.js: the story in steps. Each chapter sets the view, the date and the layers on and
// says one thing; Previous/Next, the arrow keys on the stepper and the URL (#chapter=ID,
// #as-of=YYYY-MM-DD) move between them; "Explore" frees every layer.
(function (mg, L) {
  var textNode = mg.dom.textNode;

  // Which layers are wanted on: the chapter's (or all, to explore). A wave also waits for its
  // date, which the timeline applies.
  function wantLayers(state, wanted, iso) {
    var map = state.map;
    state.layers.forEach(function (record) {
      if (!record.spec.control) {
        return;
      }
      var on = wanted === null || mg.rules.matches(record.spec.id, wanted);
      record.wanted = on;
      var later = !mg.rules.visible(record.spec, iso);
      if (on && !later && !map.hasLayer(record.group)) {
        map.addLayer(record.group);
      } else if ((!on || later) && map.hasLayer(record.group)) {
        map.removeLayer(record.group);
      }
    });
  }

  // Previous or Next: an arrow, and the word (which a phone's narrow row leaves to screen
  // readers).
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

  // The stepper: one row of Previous, the steps (one per chapter, then Explore; scrolling
  // sideways where they do not fit) and Next. go(index) moves (-1: Explore); at() is the
  // step shown.
  function stepList(box, chapters, texts, go, at) {
    var buttons = [];
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
        button.addEventListener("click", function () {
          go(i < chapters.length ? i : -1, true, false, true);
        });
        item.appendChild(button);
        list.appendChild(item);
        buttons.push(button);
      });
    var row = document.createElement("div");
    row.className = "mg-steps-row";
    var prev = stepMove("mg-prev", "\u2039", texts.previous || "Previous");
    var next = stepMove("mg-next", "\u203A", texts.next || "Next", true);
    prev.addEventListener("click", function () {
      go(at() === -1 ? chapters.length - 1 : Math.max(0, at() - 1), true, false, true);
    });
    next.addEventListener("click", function () {
      go(at() >= chapters.length - 1 ? -1 : at() + 1, true, false, true);
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
    var forward = mg.dom.side("right") === "right" ? "ArrowRight" : "ArrowLeft";
    var back = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
    box.addEventListener("keydown", function (event) {
      if (event.key === forward && at() !== -1) {
        event.preventDefault();
        next.click();
      } else if (event.key === back && at() !== 0) {
        event.preventDefault();
        prev.click();
      }
    });
    // the step shown is the current one; Previous and Next stop at the ends
    return function showCurrent(index) {
      buttons.forEach(function (button, i) {
        var on = i === index || (i === chapters.length && index === -1);
        button.setAttribute("aria-current", on ? "step" : "false");
      });
      prev.disabled = index === 0;
      next.disabled = index === -1;
    };
  }

  // The story's handle: go(index, animate) moves to a chapter (-1: Explore); current.index.
  mg.addStory = function (state, timeline, opening) {
    var map = state.map;
    var chapters = state.data.chapters || [];
    var texts = state.data.story || {};
    var box = document.getElementById("mg-story");
    var reduced = window.matchMedia &&
      window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = { index: -1 };
    var showCurrent = null;

    function say(chapter) {
      if (chapter) {
        mg.caption(chapter.title, chapter.text, chapter.sources, texts.sources || "Sources");
      } else {
        mg.caption(texts.exploreTitle || "", texts.exploreText || "", []);
      }
    }

    // The map to a chapter (null: Explore): its layers, date and view; then the URL.
    function show(chapter, animate) {
      if (chapter) {
        wantLayers(state, chapter.layers, chapter.asOf);
        timeline.goTo(chapter.asOf);
        var bounds = L.latLngBounds(chapter.bounds);
        if (animate && !reduced) {
          map.flyToBounds(bounds, mg.fitOptions(map, { duration: 0.8 }));
        } else {
          map.fitBounds(bounds, mg.fitOptions(map, { animate: false }));
        }
      } else {
        wantLayers(state, null, timeline.current());
      }
      mg.hash.write(chapter ? chapter.id : "explore", timeline.current());
    }

    // To a chapter (-1: Explore). opened: the opening state, whose layers, date and view are
    // set already; tapped: a reader's step, whose words and step show in the next frame and
    // the map a frame later (the tap's answer is not kept waiting for the map's work).
    function go(index, animate, opened, tapped) {
      var chapter = chapters[index] || null;
      current.index = chapter ? index : -1;
      mg.labelFrame(map, chapter && L.latLngBounds(chapter.bounds));
      say(chapter);
      if (showCurrent) {
        showCurrent(current.index);
      }
      if (opened) {
        return;  // the URL: written once the story is set up (addStory)
      }
      if (tapped) {
        var at = current.index;
        mg.afterFrame(function () {
          if (current.index === at) {  // not stepped on again meanwhile
            show(chapter, animate);
          }
        });
      } else {
        show(chapter, animate);
      }
    }

    if (box && chapters.length) {
      box.hidden = false;
      box.setAttribute("aria-label", texts.label || "");
      showCurrent = stepList(box, chapters, texts, go, function () { return current.index; });
    }

    // The reader's own moves of the date keep the URL and <html> current.
    timeline.onChange(function (iso) {
      var chapter = current.index === -1 ? "explore"
        : chapters[current.index] && chapters[current.index].id;
      mg.hash.write(chapters.length ? chapter : null, iso);
    });

    if (chapters.length) {
      go(opening.index, false, true);
    }
    mg.hash.write(opening.chapter ? opening.chapter.id : (chapters.length ? "explore" : null),
                  timeline.current());
    return { go: go, state: current };
  };
})(mg, L);
