// Print buttons and one-submit-only forms, without inline script (the CSP forbids it).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
// Phone widths: a list table's rows stack as cards (portal.css .table-stack), each cell labelled with its column's
// heading, copied here once so that no template repeats every heading on every cell.
function labelStackedCells(root) {
  root.querySelectorAll("table.table-stack").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", heads[i]); }
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () {
  labelStackedCells(document);
  // A form sent back with errors: the summary is read first, and its links lead to each field.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
document.addEventListener("htmx:afterSwap", function (event) { labelStackedCells(event.target); });
// htmx 2 drops a 4xx answer; where the server explains a refusal in a fragment (data-show-refusal), it is shown
// in place, so a click is never met with silence. The status stays 403 for every other client.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  var asking = event.detail.requestConfig && event.detail.requestConfig.elt;  // detail.elt is the target
  if ((status === 403 || status === 409) && asking && asking.closest("[data-show-refusal]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// A 获取短信验证码 button counts down to the next send the server allows, once a code went out.
document.addEventListener("htmx:afterRequest", function (event) {
  var button = event.detail.elt;
  if (!button.matches("[data-countdown]") || !event.detail.successful) { return; }
  if (event.detail.xhr.responseText.indexOf("data-sent") < 0) { return; }
  var left = parseInt(button.dataset.countdown, 10), label = button.textContent;
  button.disabled = true;
  (function tick() {
    if (left <= 0) { button.disabled = false; button.textContent = label; return; }
    button.textContent = button.dataset.countdownLabel.replace("%(n)s", left);
    left -= 1;
    setTimeout(tick, 1000);
  })();
});
document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("[data-once]");
  if (button) { setTimeout(function () { button.disabled = true; }, 0); }
});
// A file is checked as soon as it is chosen (its type by name, its size), before anything is sent; the server
// checks it again by its content and keeps it in the applicant's draft at the first post.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches("input[type=file][data-max-bytes]")) { return; }
  var allowed = (input.getAttribute("accept") || "").toLowerCase().split(",").filter(function (s) { return s; });
  var problem = "";
  Array.prototype.forEach.call(input.files, function (file) {
    var dot = file.name.lastIndexOf("."), ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    if (allowed.length && allowed.indexOf(ext) < 0) { problem = input.dataset.typeMessage.replace("%(name)s", file.name); }
    else if (file.size > Number(input.dataset.maxBytes)) { problem = input.dataset.sizeMessage.replace("%(name)s", file.name); }
  });
  var note = document.getElementById(input.id + "_check");
  if (!note) {
    note = document.createElement("div");
    note.id = input.id + "_check";
    note.className = "invalid-feedback d-block";
    note.setAttribute("role", "alert");
    input.insertAdjacentElement("afterend", note);
  }
  note.textContent = problem;
  input.setAttribute("aria-invalid", problem ? "true" : "false");
});
