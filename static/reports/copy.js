// "Sao chép" buttons: copy the text of the element named by data-copy-target. Uses the
// clipboard API where the page is a secure context, else selects the text and copies it.
(function () {
  "use strict";
  function copied(button) {
    const original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = button.dataset.copiedText || original;
    window.setTimeout(() => (button.textContent = original), 1500);
  }
  function fallback(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      document.execCommand("copy");
    } finally {
      selection.removeAllRanges();
    }
  }
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    button.addEventListener("click", () => {
      const element = document.getElementById(button.dataset.copyTarget);
      if (!element) return;
      const text = element.value !== undefined ? element.value : element.innerText;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(() => copied(button), () => {
          fallback(element);
          copied(button);
        });
      } else {
        fallback(element);
        copied(button);
      }
    });
  });
})();
