// Numi's own behaviour on top of server-rendered pages. Everything here is an enhancement: pages work without it.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#element-id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = "Copied";
    });
  });

  // Close open <details> menus on Escape or a click outside them.
  function closeMenus(except) {
    document.querySelectorAll("details.numi-menu[open]").forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }
  document.addEventListener("click", function (event) { closeMenus(event.target.closest("details.numi-menu")); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closeMenus(null); });

  // Move focus to the error summary after a failed submit so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
