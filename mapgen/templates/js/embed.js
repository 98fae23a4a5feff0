// embed.js: tell an embedding page how tall this page is (the embed snippet listens).
(function (mg, L) {
  function reportHeight() {
    if (window.parent === window || !window.parent.postMessage) {
      return;
    }
    var last = 0;
    function post() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ mapgen: { height: height } }, "*");
      }
    }
    if (window.ResizeObserver) {
      new ResizeObserver(post).observe(document.documentElement);
    }
    window.addEventListener("load", post);
    post();
  }

  // In an article (an iframe), the page must not trap the reader's scrolling: the wheel scrolls
  // the article until the map is clicked or focused (or with Ctrl/Cmd held), and on touch one
  // finger scrolls the article while two move and zoom the map. A short hint says so. The page
  // on its own keeps the usual wheel zoom and one-finger panning.
  function guardScroll(map, texts) {
    if (window.parent === window) {
      return;
    }
    var container = map.getContainer();
    var hint = mg.dom.textNode("div", "mg-hint", "");
    hint.setAttribute("aria-hidden", "true");
    hint.hidden = true;
    container.appendChild(hint);
    var timer = null;
    function say(text) {
      hint.textContent = text;
      hint.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(function () { hint.hidden = true; }, 1500);
    }
    var engaged = false;
    function engage() {
      engaged = true;
      map.scrollWheelZoom.enable();
      hint.hidden = true;
    }
    map.scrollWheelZoom.disable();
    container.addEventListener("click", engage);
    container.addEventListener("focus", engage);
    document.addEventListener("click", function (event) {
      if (!container.contains(event.target)) {
        engaged = false;
        map.scrollWheelZoom.disable();
      }
    });
    container.addEventListener("wheel", function (event) {
      if (engaged) {
        return;
      }
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        var step = event.deltaY < 0 ? 0.5 : -0.5;
        map.setZoomAround(map.mouseEventToContainerPoint(event), map.getZoom() + step);
        return;
      }
      say(texts.wheelHint || "");
    }, { passive: false });
    if (L.Browser.touch) {
      map.dragging.disable();  // one finger scrolls the article; two pinch and move the map
      container.addEventListener("touchstart", function (event) {
        if (event.touches.length === 1) {
          say(texts.touchHint || "");
        } else {
          hint.hidden = true;
        }
      }, { passive: true });
    }
  }

  // #chrome=minimal: the article has its own headline, so the page hides its title and
  // subtitle (the embed snippets ask for it).
  function applyChrome() {
    var minimal = /(^#|&)chrome=minimal(&|$)/.test(window.location.hash || "");
    document.documentElement.classList.toggle("mg-chrome-minimal", minimal);
  }

  mg.embed = { reportHeight: reportHeight, guardScroll: guardScroll, applyChrome: applyChrome };
})(mg, L);
