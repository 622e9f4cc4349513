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
    var names = layout.meta && layout.meta.names;
    if (!names || !layout.yaxis) { return; }
    var height = 70;
    layout.yaxis.ticktext = names.map(function (name) {
      var lines = wrap(name, NARROW_LINE);
      height += Math.max(28, 15 * lines.length + 10);
      return lines.join("<br>");
    });
    layout.yaxis.tickfont = { size: 10 };
    if (layout.meta.narrow_range && layout.xaxis) { layout.xaxis.range = layout.meta.narrow_range; }
    layout.height = Math.max(layout.height || 0, height);
    layout.margin = Object.assign({}, layout.margin, { r: 8 });
    if (layout.title) { layout.title.font = { size: 13 }; }
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
