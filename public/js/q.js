// Progressive enhancement of the citizen's pages; every form works the same without it.
// - On the rating page a tap on a face sends the rating at once: a face tap is a vote. Only a pointer's tap
//   sends: arrow keys and Space move among the faces, and the button (or Enter) sends.
// - A second tap on a send button while the first post is on its way does nothing (the server would store
//   the rating once anyway).
(function () {
  function primaryOf(form) {
    return form.querySelector("button.primary");
  }
  function reset(form) {
    var primary = primaryOf(form);
    form.removeAttribute("data-sent");
    if (primary && primary.getAttribute("data-label")) {
      primary.textContent = primary.getAttribute("data-label");
      primary.removeAttribute("aria-disabled");
    }
  }
  function ours(form) {
    return form && (form.id === "rate" || form.id === "details");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!ours(form) || (button && button.name === "_lang")) return;
    if (form.getAttribute("data-sent")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "1");
    var primary = primaryOf(form);
    if (primary) {
      primary.setAttribute("data-label", primary.textContent);
      primary.setAttribute("aria-disabled", "true");
      primary.textContent = form.getAttribute("data-sending") || primary.textContent;
    }
  });
  // Which kind of input chose the face: a tap (pointer) sends, the keyboard only chooses.
  var lastPointer = 0;
  document.addEventListener(
    "pointerdown",
    function () {
      lastPointer = Date.now();
    },
    true,
  );
  document.addEventListener(
    "keydown",
    function () {
      lastPointer = 0;
    },
    true,
  );
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "radio" || Date.now() - lastPointer > 2000) return;
    var form = input.form;
    if (!form || form.id !== "rate" || input.name !== form.getAttribute("data-vote")) return;
    var primary = primaryOf(form);
    if (form.requestSubmit) form.requestSubmit(primary || undefined);
    else if (primary) primary.click();
  });
  // Back from the thank-you page may restore this page from the back-forward cache: make it usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    ["rate", "details"].forEach(function (id) {
      var form = document.getElementById(id);
      if (form) reset(form);
    });
  });
})();
