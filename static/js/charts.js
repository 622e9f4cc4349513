/* Draws every chart of a page from the plain figure data the server hands over with
   json_script (the element named by the container's data-chart attribute). */
(function () {
  "use strict";

  function isEmpty(figure) {
    return !figure.data || figure.data.every(function (trace) {
      return !trace.x || trace.x.length === 0;
    });
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
      window.Plotly.newPlot(el, figure.data, figure.layout, {
        displaylogo: false,
        responsive: true,
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
