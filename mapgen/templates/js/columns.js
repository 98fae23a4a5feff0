// columns.js: a marker set's columns. Markers arrive in columns (positions in 1e-4 degrees;
// every other field a table of its values and each marker's value number, delta-encoded; a
// tooltip may be two fields joined, "date: title").
(function (mg) {
  mg.columns = {
    // A column's value numbers, from their steps.
    index: function (set) {
      Object.keys(set.columns).forEach(function (name) {
        var column = set.columns[name];
        var index = new Int32Array(column.steps.length);
        var at = 0;
        for (var i = 0; i < index.length; i++) {
          at += column.steps[i];
          index[i] = at;
        }
        column.index = index;
      });
    },

    value: function (set, name, i) {
      var column = set.columns[name];
      return column ? column.values[column.index[i]] : null;
    },

    tip: function (set, i) {
      var from = set.tipFrom;  // texts and field names in turn: ["", "popup.date", ": ", …]
      if (!from) {
        return mg.columns.value(set, "tip", i);
      }
      return from.map(function (part, k) {
        return k % 2 ? mg.columns.value(set, part, i) : part;
      }).join("");
    },

    // A marker's popup: its popup.* fields, or null if the set has none.
    popup: function (set, i) {
      var popup = null;
      Object.keys(set.columns).forEach(function (name) {
        if (name.indexOf("popup.") === 0) {
          popup = popup || {};
          popup[name.slice(6)] = mg.columns.value(set, name, i);
        }
      });
      return popup;
    }
  };
})(mg);
