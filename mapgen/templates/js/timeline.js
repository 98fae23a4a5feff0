// timeline.js: the date slider and play button: the alliance as of each accession date.

function addTimeline(map, spec, waves) {
  var box = document.getElementById("mg-timeline");
  var slider = document.getElementById("mg-date");
  var status = document.getElementById("mg-status");
  var play = document.getElementById("mg-play");
  if (!box || !slider || !spec || !spec.dates.length) {
    return;
  }
  var reduced = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var timer = null;
  slider.min = "0";
  slider.max = String(spec.dates.length - 1);
  box.hidden = false;
  function show(i) {
    slider.value = String(i);
    slider.setAttribute("aria-valuetext", spec.labels[i]);
    status.textContent = spec.labels[i];
    mapgen.asOf = spec.dates[i];
    setDate(map, spec.dates[i], waves);
  }
  function stop() {
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
    play.textContent = reduced ? "Next" : "Play";
    play.setAttribute("aria-pressed", "false");
  }
  slider.value = String(spec.start);
  slider.setAttribute("aria-valuetext", spec.labels[spec.start]);
  status.textContent = spec.labels[spec.start];
  slider.addEventListener("input", function () {
    stop();
    show(Number(slider.value));
  });
  play.textContent = reduced ? "Next" : "Play";
  if (!reduced) {
    play.setAttribute("aria-pressed", "false");
  }
  play.addEventListener("click", function () {
    var last = spec.dates.length - 1;
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
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      var next = Number(slider.value) + 1;
      if (next > last) {
        stop();
      } else {
        show(next);
      }
    }, spec.interval);
  });
  mapgen.timelineSpec = spec;
}
