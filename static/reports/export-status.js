// Polls an export's status while it is being built, moves the progress bar, and reloads the
// page once the build has finished or failed (the page then shows the download or the reason).
(function () {
  "use strict";
  const box = document.querySelector("[data-export-status-url]");
  if (!box) return;
  const url = box.dataset.exportStatusUrl;
  const bar = box.querySelector(".progress-bar");
  const label = box.querySelector("[data-export-status-label]");
  let delay = 800;
  // The bar's width comes from here, not a style attribute (the Content-Security-Policy).
  if (bar) bar.style.width = bar.dataset.progress + "%";

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        if (bar) {
          bar.style.width = data.progress + "%";
          bar.setAttribute("aria-valuenow", data.progress);
        }
        if (label) label.textContent = data.label;
        if (data.status === "done" || data.status === "failed" || data.can_retry) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.5, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, delay);
})();
