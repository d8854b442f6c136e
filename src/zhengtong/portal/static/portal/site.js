// Print buttons and one-submit-only forms, without inline script (the CSP forbids it).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("[data-once]");
  if (button) { setTimeout(function () { button.disabled = true; }, 0); }
});
