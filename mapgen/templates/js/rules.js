// rules.js: the story's rules, once (their Python copy is mapgen/story.py).
(function (mg) {
  mg.rules = {
    // Whether an item with since/until (ISO dates, either may be missing) is drawn on a date:
    // since <= iso < until. Without a date, everything is.
    visible: function (item, iso) {
      return (!item.since || !iso || item.since <= iso) &&
        (!item.until || !iso || iso < item.until);
    },
    // The index of the latest stop on or before a date (0, the first stop, for an earlier one).
    snap: function (stops, iso) {
      var index = 0;
      stops.forEach(function (d, k) { if (d <= iso) { index = k; } });
      return index;
    },
    // Whether a layer id is one of a chapter's list: the id itself or a part of it
    // ("seas" matches "seas.black").
    matches: function (id, wanted) {
      return wanted.some(function (w) { return id === w || id.indexOf(w + ".") === 0; });
    },
    // A marker's size by zoom (the page's only: the images size theirs for their own scale):
    // its style's radius from zoom 5 on, three quarters of it at zoom 3 and below, so that
    // the overview of every event leaves room for the story's names (on a phone's screen).
    markerScale: function (zoom) {
      return 0.75 + 0.25 * Math.min(1, Math.max(0, (zoom - 3) / 2));
    }
  };
})(mg);
