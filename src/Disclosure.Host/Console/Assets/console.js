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
// After a refused submit the error summary (role=alert, at the top) takes the focus; its links move the focus to their
// field, opening the step it sits in and showing the field's label above it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) summary.focus();
});
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  var field = document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  for (var d = field.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  if (field.tagName === "DETAILS") field = field.querySelector("summary") || field;
  var label = document.querySelector("label[for='" + field.id + "']") || field;
  label.scrollIntoView();
  field.focus({ preventScroll: true });
});
// An error page's "返回上一页": the browser's history (the host sends no Referer), shown only when there is one.
document.addEventListener("DOMContentLoaded", function () {
  var back = document.querySelector("[data-history-back]");
  if (!back || window.history.length < 2) return;
  back.hidden = false;
  back.querySelector("a").addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
});
// A table wider than the screen scrolls sideways inside its .table-wrap: the keyboard must reach it to scroll it
// (axe: scrollable-region-focusable), so a wrap that overflows is focusable, named after its table.
function focusableWraps() {
  document.querySelectorAll(".table-wrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var table = wrap.querySelector("table");
      var name = table && (table.getAttribute("aria-label") || (table.caption && table.caption.textContent));
      var section = wrap.closest("section");
      var heading = section && section.querySelector("h2");
      wrap.setAttribute("aria-label", ((name || (heading && heading.textContent) || "表格") + "（可左右滚动）").trim());
    } else if (wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex"); wrap.removeAttribute("role"); wrap.removeAttribute("aria-label");
    }
  });
}
document.addEventListener("DOMContentLoaded", focusableWraps);
window.addEventListener("resize", focusableWraps);
