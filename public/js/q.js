// Progressive enhancement of the citizen form; the form works the same without it.
// A second tap on "Gửi" while the first is on its way does nothing (the server would store it once anyway).
(function () {
  function reset(form) {
    var primary = form.querySelector("button.primary");
    form.removeAttribute("data-sent");
    if (primary && primary.getAttribute("data-label")) {
      primary.textContent = primary.getAttribute("data-label");
      primary.removeAttribute("aria-disabled");
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form || form.id !== "rate" || (button && button.name === "_lang")) return;
    if (form.getAttribute("data-sent")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "1");
    var primary = form.querySelector("button.primary");
    if (primary) {
      primary.setAttribute("data-label", primary.textContent);
      primary.setAttribute("aria-disabled", "true");
      primary.textContent = form.getAttribute("data-sending") || primary.textContent;
    }
  });
  // Back from the thank-you page may restore this page from the back-forward cache: make it usable again.
  window.addEventListener("pageshow", function (event) {
    var form = document.getElementById("rate");
    if (event.persisted && form) reset(form);
  });
})();
