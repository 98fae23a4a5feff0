// timeline.js: the date slider and play button: the alliance as of each stop (the accession
// dates, the map's date and the chapters'). The waves, the dated features, the description
// and the members table follow the date. A view is fitted above the bar where it lies over
// the map (fitOptions).
(function (mg) {
  function followDate(data, iso) {
    var caption = document.getElementById("mg-description");
    if (caption && data.descriptions && data.descriptions[iso]) {
      caption.textContent = data.descriptions[iso];
    }
    var rows = document.querySelectorAll("#mg-data tr[data-joined]");
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = rows[i].getAttribute("data-joined") > iso;
    }
  }

  // waves: the records of the layers that have a date (since); state.asOf follows the date.
  mg.addTimeline = function (state, waves, asOf) {
    var data = state.data;
    var timeline = data.timeline;
    var box = document.getElementById("mg-timeline");
    var slider = document.getElementById("mg-date");
    var status = document.getElementById("mg-status");
    var play = document.getElementById("mg-play");
    var listeners = [];
    var index = Math.max(0, timeline.dates.indexOf(asOf));
    var reduced = window.matchMedia &&
      window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var timer = null;

    function show(i, quiet) {
      index = i;
      var iso = timeline.dates[i];
      if (slider) {
        slider.value = String(i);
        slider.setAttribute("aria-valuetext", timeline.labels[i]);
        status.textContent = timeline.labels[i];
      }
      state.asOf = iso;
      mg.layers.setDate(state, iso, waves);
      followDate(data, iso);
      if (!quiet) {
        listeners.forEach(function (fn) { fn(iso); });
      }
    }

    var api = {
      current: function () { return timeline.dates[index]; },
      onChange: function (fn) { listeners.push(fn); },
      // The latest stop on or before a date (the first stop for an earlier one).
      goTo: function (iso) {
        show(mg.rules.snap(timeline.dates, iso), true);
      }
    };
    if (!box || !slider || !timeline.dates.length) {
      return api;
    }
    function stop() {
      if (timer) {
        clearInterval(timer);
        timer = null;
      }
      play.textContent = mg.dom.word(reduced ? "step" : "play");
      play.setAttribute("aria-pressed", "false");
    }
    slider.min = "0";
    slider.max = String(timeline.dates.length - 1);
    box.hidden = false;
    show(index, true);
    slider.addEventListener("input", function () {
      stop();
      show(Number(slider.value));
    });
    play.textContent = mg.dom.word(reduced ? "step" : "play");
    if (!reduced) {
      play.setAttribute("aria-pressed", "false");
    }
    play.addEventListener("click", function () {
      var last = timeline.dates.length - 1;
      if (reduced) {  // no animation: one step per press
        show(Number(slider.value) >= last ? 0 : Number(slider.value) + 1);
        return;
      }
      if (timer) {
        stop();
        return;
      }
      if (Number(slider.value) >= last) {
        show(0);
      }
      play.textContent = mg.dom.word("pause");
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        var next = Number(slider.value) + 1;
        if (next > last) {
          stop();
        } else {
          show(next);
        }
      }, timeline.interval);
    });
    return api;
  };

  // How a view is fitted to what a reader sees of the map (Leaflet's fitBounds options): on a
  // phone the timeline lies over the map's foot (mapgen.css), so a view is fitted above it,
  // its names and places clear of it. The bar is measured shown (at boot it is shown later).
  mg.fitOptions = function (map, options) {
    var bar = document.getElementById("mg-timeline");
    var hidden = bar.hidden;
    bar.hidden = false;
    var m = map.getContainer().getBoundingClientRect();
    var b = bar.getBoundingClientRect();
    bar.hidden = hidden;
    var over = b.left < m.right && m.left < b.right && b.top < m.bottom && m.top < b.bottom;
    var foot = over ? Math.round(m.bottom - b.top) : 0;
    return Object.assign({ paddingTopLeft: [0, 0], paddingBottomRight: [0, foot] }, options);
  };
})(mg);
