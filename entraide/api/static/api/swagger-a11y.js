/* What Swagger UI leaves out for assistive technologies, added as it draws: a name for its
   copy buttons, and keyboard access to the answers' scrolling blocks (WCAG 4.1.2, 2.1.1). */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.MutationObserver) { return; }
  var copy = root.dataset.copyLabel || "Copy";
  function mend() {
    root.querySelectorAll(".copy-to-clipboard > button:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", copy);
    });
    root.querySelectorAll("pre:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();
