// caption.js: a chapter's words beside the map: its title, its text and its sources, folded
// behind a button at the end of the text to keep the map in view.
(function (mg) {
  var textNode = mg.dom.textNode;

  mg.caption = function (title, text, sources, more) {
    var target = document.getElementById("mg-chapter");
    if (!target) {
      return;
    }
    target.textContent = "";
    target.appendChild(textNode("h2", "mg-chapter-title", title));
    var paragraph = textNode("p", "mg-chapter-text", text);
    target.appendChild(paragraph);
    if (sources && sources.length) {
      var line = mg.popups.sourcesLine(sources, "");
      line.id = "mg-chapter-sources";
      line.hidden = true;
      var toggle = textNode("button", "mg-source-toggle", more + " (" + sources.length + ")");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", line.id);
      toggle.addEventListener("click", function () {
        line.hidden = !line.hidden;
        toggle.setAttribute("aria-expanded", line.hidden ? "false" : "true");
      });
      paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(toggle);
      target.appendChild(line);
    }
  };
})(mg);
