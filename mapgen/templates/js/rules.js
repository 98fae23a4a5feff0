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
    }
  };
})(mg);
