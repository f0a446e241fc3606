// The page's only script: live updates over SSE. Without it (or without JS) the page is complete, just static.
// It re-fetches the page and swaps <main>: the server's escaping is the only escaping, no client-side templating.
export const clientScript = `
(function () {
  "use strict";
  var live = document.getElementById("live-status");
  if (!live || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var units = [[86400000, "d"], [3600000, "h"], [60000, "min"], [1000, "s"]];
  function age(iso) {
    var delta = Date.parse(iso) - Date.now();
    if (isNaN(delta)) return iso;
    var abs = Math.abs(delta), unit = units[3];
    for (var i = 0; i < units.length; i++) { if (abs >= units[i][0]) { unit = units[i]; break; } }
    var amount = Math.floor(abs / unit[0]);
    if (amount === 0 && unit[1] === "s") return "just now";
    return delta < 0 ? amount + " " + unit[1] + " ago" : "in " + amount + " " + unit[1];
  }
  function refreshAges() {
    var times = document.querySelectorAll("time[data-age]");
    for (var i = 0; i < times.length; i++) times[i].textContent = age(times[i].getAttribute("datetime"));
  }
  var busy = false, again = false;
  function reload() {
    if (busy) { again = true; return; }
    busy = true;
    var known = {};
    var rows = document.querySelectorAll("tr.run[data-run-id]");
    for (var i = 0; i < rows.length; i++) known[rows[i].getAttribute("data-run-id")] = true;
    fetch(location.pathname, { headers: { accept: "text/html" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.text(); })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, "text/html").querySelector("main");
        var current = document.querySelector("main");
        if (!next || !current) return;
        var open = [];
        var opened = current.querySelectorAll("details[open][id]");
        for (var i = 0; i < opened.length; i++) open.push(opened[i].id);
        current.replaceWith(document.adoptNode(next));
        for (var j = 0; j < open.length; j++) { var d = document.getElementById(open[j]); if (d) d.open = true; }
        var fresh = document.querySelectorAll("tr.run[data-run-id]");
        for (var k = 0; k < fresh.length; k++) if (!known[fresh[k].getAttribute("data-run-id")]) fresh[k].classList.add("fresh");
        refreshAges();
        live.textContent = "Live: updated " + new Date().toLocaleTimeString();
      })
      .catch(function (error) { live.textContent = "Live update failed (" + error.message + "); retrying on the next event"; })
      .then(function () { busy = false; if (again) { again = false; reload(); } });
  }
  // A notice (toast) when a run starts or ends: text only (textContent), announced by the
  // role="status" region it is added to, and gone after a while.
  var notices = document.getElementById("run-notices");
  function notify(type, event) {
    if (!notices) return;
    var data = {};
    try { data = JSON.parse(event.data) || {}; } catch (error) { data = {}; }
    var what = (data.kind ? String(data.kind) : "a") + " run" + (data.id ? " #" + String(data.id) : "") + (data.stack ? " of " + String(data.stack) : "");
    var note = document.createElement("p");
    note.className = "toast " + (type === "run-started" ? "toast-started" : data.result === "success" ? "toast-success" : "toast-problem");
    note.setAttribute("data-event", type);
    note.textContent = type === "run-started" ? "Started: " + what : "Finished: " + what + (data.result ? " — " + String(data.result) : "");
    notices.appendChild(note);
    while (notices.children.length > 4) notices.removeChild(notices.firstElementChild);
    setTimeout(function () { if (note.parentNode) note.parentNode.removeChild(note); }, 10000);
  }
  var source = new EventSource("api/events");
  source.addEventListener("open", function () { live.textContent = "Live updates on"; });
  source.addEventListener("error", function () { live.textContent = "Live updates reconnecting…"; });
  ["run", "run-started", "status", "drift"].forEach(function (type) { source.addEventListener(type, reload); });
  ["run", "run-started"].forEach(function (type) { source.addEventListener(type, function (event) { notify(type, event); }); });
  setInterval(refreshAges, 30000);
})();
`;
