// The poster page's "In" button: shown only when this script runs (the page itself has no JavaScript).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("button[data-print]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
