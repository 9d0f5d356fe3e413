// Small progressive enhancements; every page works without this file.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const select = event.target.closest("select.autosubmit");
  if (select && select.form) select.form.requestSubmit();
});
// On a phone the main navigation folds behind the "Menu" button (site.css shows the button
// only when this script runs, so without it the navigation simply stays open).
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".nav-toggle");
  if (!toggle) return;
  const open = toggle.getAttribute("aria-expanded") === "true";
  toggle.setAttribute("aria-expanded", String(!open));
});
