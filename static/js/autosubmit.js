/* A select marked data-autosubmit sends its form when it changes (the year switch): a script
   file, since the Content-Security-Policy refuses inline handlers such as onchange="...". */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
