// Progressive enhancement of the citizen form; the form works the same without it.
// A second tap on "Gửi" while the first is on its way does nothing (the server would store it once anyway).
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
    primary.setAttribute("aria-disabled", "true");
    primary.textContent = form.getAttribute("data-sending") || primary.textContent;
  }
});
