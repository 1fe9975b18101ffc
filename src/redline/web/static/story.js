// Zoom and pan on the story's time axis (an SVG), and filters that apply on change.
// A static file because the Content-Security-Policy forbids inline script.
(function () {
  "use strict";
  var svg = document.getElementById("axis");
  var form = document.getElementById("filters");
  if (form) {
    form.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { form.submit(); });
    });
  }
  if (!svg) return;
  var full = { w: +svg.dataset.width, h: +svg.dataset.height };
  var view = { x: 0, w: full.w };
  var zoomBox = document.querySelector(".zoom");
  if (zoomBox) zoomBox.hidden = false;

  function clamp() {
    view.w = Math.min(full.w, Math.max(full.w / 40, view.w));
    view.x = Math.min(full.w - view.w, Math.max(0, view.x));
  }
  // Zooming moves marks and ticks along x only (shapes and labels keep their size):
  // each carries its unzoomed position in data-x.
  var movable = svg.querySelectorAll("[data-x]");
  function apply() {
    clamp();
    var scale = full.w / view.w;
    movable.forEach(function (el) {
      var x = +el.dataset.x;
      el.setAttribute("transform", "translate(" + ((x - view.x) * scale - x).toFixed(1) + ",0)");
    });
    svg.dataset.zoom = scale.toFixed(2);
  }
  function zoom(factor, centre) {
    var c = centre === undefined ? view.x + view.w / 2 : centre;
    var w = view.w / factor;
    view.x = c - (c - view.x) * (w / view.w);
    view.w = w;
    apply();
  }
  function svgX(clientX) {
    var r = svg.getBoundingClientRect();
    return view.x + (clientX - r.left) / r.width * view.w;  // unzoomed x under the pointer
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.25 : 0.8, svgX(ev.clientX));
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest("a")) return;  // a click on a mark opens its article
    drag = { x: ev.clientX, start: view.x };
    svg.setPointerCapture(ev.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    view.x = drag.start - (ev.clientX - drag.x) / r.width * view.w;
    apply();
  });
  function stop() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var what = b.dataset.zoom;
      if (what === "in") zoom(1.5);
      else if (what === "out") zoom(1 / 1.5);
      else { view = { x: 0, w: full.w }; apply(); }
    });
  });
})();
