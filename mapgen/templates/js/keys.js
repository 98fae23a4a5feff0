// keys.js: the map by keyboard. Leaflet's arrow keys move the focused map and + and - zoom
// it; Enter (or Space) opens what a tap at the map's centre opens (a country's name and NATO
// status, the story's facts there, a marker's popup). A ring marks the centre while the map
// has the keyboard's focus (mapgen.css), and a live region reads out what opened.
(function (mg) {
  mg.addKeys = function (map) {
    var box = map.getContainer();
    var said = document.getElementById("mg-said");
    box.addEventListener("keydown", function (event) {
      if (event.target !== box || (event.key !== "Enter" && event.key !== " ") ||
          event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      event.preventDefault();
      var size = map.getSize();
      var rect = box.getBoundingClientRect();
      var x = rect.left + size.x / 2;
      var y = rect.top + size.y / 2;
      var target = document.elementFromPoint(x, y);
      var opened = null;
      function seen(e) { opened = e.popup; }
      map.closePopup();
      map.on("popupopen", seen);
      if (target && box.contains(target)) {  // a tap there: the shape, marker or dot under it
        target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true,
                                                       clientX: x, clientY: y, view: window }));
      }
      map.off("popupopen", seen);
      box.focus();  // the popup opened beside the focus, which stays on the map for the arrows
      if (said) {
        said.textContent = "";
        var text = opened && opened.getElement() ? opened.getElement()
          .querySelector(".leaflet-popup-content").innerText : mg.dom.word("nothingHere");
        requestAnimationFrame(function () { said.textContent = text; });
      }
    });
  };
})(mg);
