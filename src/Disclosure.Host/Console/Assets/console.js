// Progressive enhancement only: every page works without this script.
// A form that is being sent cannot be sent twice by a double click (the server also makes a repeated intake one case).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sending) { event.preventDefault(); return; }
  form.dataset.sending = "1";
  var buttons = form.querySelectorAll("button[type=submit]");
  for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-disabled", "true");
});
// Applicant fields that only concern a natural person or an organisation are shown for that category.
function applyCategory() {
  var select = document.querySelector("select[name='applicant.category']");
  if (!select) return;
  var person = select.value === "" || select.value === "natural_person";
  document.querySelectorAll("[data-for=person]").forEach(function (e) { e.hidden = !person; });
  document.querySelectorAll("[data-for=organisation]").forEach(function (e) { e.hidden = person; });
}
document.addEventListener("change", function (event) { if (event.target.name === "applicant.category") applyCategory(); });
document.addEventListener("DOMContentLoaded", applyCategory);
