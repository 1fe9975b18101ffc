// Correction forms (templates/_correct.html): post to /api/corrections with the token the
// analyst typed, as a bearer header, then reload to show the record as corrected.
// Kept out of the pages: their Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function valueOf(action, text) {
    if (action === "reject") { return null; }
    return text;
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("correction")) { return; }
    ev.preventDefault();
    var status = form.querySelector(".status");
    var action = form.elements.action.value;
    var body = {
      action: action,
      target_kind: form.dataset.kind,
      target_id: form.dataset.id,
      value: valueOf(action, form.elements.value.value.trim()),
      why: form.elements.why.value.trim() || null
    };
    status.textContent = "saving…";
    fetch("/api/corrections", {
      method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer " + form.elements.token.value},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) {
        if (r.ok) { status.textContent = "saved as correction " + data.id; window.location.reload(); }
        else { status.textContent = (data.error && data.error.message) || ("error " + r.status); }
      });
    }).catch(function () { status.textContent = "the server could not be reached"; });
  });
})();
