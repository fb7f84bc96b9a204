// The merchant app's few browser helpers (loaded on interactive pages only, never on the checkout).
(function () {
  "use strict";
  window.numiApp = {
    // Remembered for a year; the server reads it before the first render, so the page never flashes the other theme.
    saveTheme: function (mode) {
      document.cookie = "numi.theme=" + (mode === "dark" ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    },
    // The moment the merchant frame became interactive, for the time-to-interactive figures (README, e2e).
    markInteractive: function (renderer) {
      if (window.performance && performance.mark) performance.mark("numi-interactive", { detail: renderer });
    },
    copy: function (text) {
      return navigator.clipboard ? navigator.clipboard.writeText(text).then(function () { return true; }) : Promise.resolve(false);
    }
  };
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".numi-reconnect-retry") || !window.Blazor) return;
    window.Blazor.reconnect().then(function (ok) { if (!ok) location.reload(); });
  });
})();
