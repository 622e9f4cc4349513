/* Draws every chart of a page from the plain figure data the server hands over with
   json_script (the element named by the container's data-chart attribute). */
(function () {
  "use strict";

  function isEmpty(figure) {
    return !figure.data || figure.data.every(function (trace) {
      return !trace.x || trace.x.length === 0;
    });
  }

  // Below this width (a phone) the bars' names wrap narrower, so they take at most about
  // half of the chart and the bars keep the rest.
  var NARROW = 576;
  var NARROW_LINE = 16;

  function wrap(name, width) {
    var lines = [];
    name.split(/\s+/).forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function fitNarrow(layout) {
    // A title longer than a phone's line wraps (plotly would cut it at the edge).
    if (layout.title && layout.title.text) {
      var title = wrap(layout.title.text, 38);
      layout.title.text = title.join("<br>");
      layout.title.font = { size: 13 };
      layout.margin = Object.assign({}, layout.margin, { t: 24 + 17 * title.length });
    }
    var names = layout.meta && layout.meta.names;
    if (!names || !layout.yaxis) { return; }
    // Plotly gives every bar the same room: each gets what the longest name needs.
    var most = 1;
    layout.yaxis.ticktext = names.map(function (name) {
      var lines = wrap(name, NARROW_LINE);
      most = Math.max(most, lines.length);
      return lines.join("<br>");
    });
    var height = 70 + names.length * Math.max(28, 13 * most + 10);
    layout.yaxis.tickfont = { size: 10 };
    if (layout.meta.narrow_range && layout.xaxis) { layout.xaxis.range = layout.meta.narrow_range; }
    layout.height = Math.max(layout.height || 0, height);
    layout.margin = Object.assign({}, layout.margin, { r: 8 });
  }

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      if (isEmpty(figure) || !window.Plotly) {
        el.classList.add("chart-empty");
        el.textContent = el.dataset.empty || "";
        el.dataset.drawn = "empty";
        return;
      }
      var narrow = el.clientWidth < NARROW;
      if (narrow) { fitNarrow(figure.layout); }
      window.Plotly.newPlot(el, figure.data, figure.layout, {
        displaylogo: false,
        responsive: true,
        // On a phone the toolbar would sit over the title; zoom is the fingers' there.
        displayModeBar: narrow ? false : "hover",
        modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d"]
      }).then(function () { el.dataset.drawn = "1"; });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
