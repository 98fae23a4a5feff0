// embed.js: tell an embedding page how tall this page is (the embed snippet listens).

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
