"""The page's style sheet and script, inlined into every page (no files, no CDN).

Colours and fonts come from the theme through CSS variables (`--bg`,
`--text`, `--muted`, `--accent`, `--heading`, `--body`) set by page.py.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """\
*{box-sizing:border-box}
html{background:var(--bg);color:var(--text);font-family:var(--body);line-height:1.5}
body{margin:0 auto;max-width:70rem;padding:1rem 1.5rem 3rem}
h1,h2,h3,h4{font-family:var(--heading);line-height:1.2}
h1{font-size:2rem;margin:.5rem 0}
h2{font-size:1.5rem;margin-top:2.5rem;border-bottom:3px solid var(--accent)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.subtitle{font-size:1.2rem;margin:.2rem 0}
.byline,.credit,.page-footer{color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
.defs{position:absolute;width:0;height:0}
.skip{position:absolute;left:-100rem}
.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.3rem .6rem;z-index:5}
.contents ol{columns:2;column-gap:2rem}
.contents .parts{list-style:none;padding:0;display:flex;gap:1.5rem}
.stage{width:100%}
.slide{margin:0 0 1rem}
.slide-svg{display:block;width:100%;height:auto;aspect-ratio:var(--ratio);
box-shadow:0 1px 6px rgba(0,0,0,.35)}
.slide-svg text{white-space:pre;font-kerning:none}
.notes{display:none;border-left:4px solid var(--accent);padding:.2rem 1rem;margin-top:.5rem}
.notes h4{margin:.3rem 0}
.show-notes .notes{display:block}
.controls{display:none;align-items:center;gap:1rem;justify-content:center;margin:.5rem 0}
.js .controls{display:flex}
button{font:inherit;color:var(--text);background:var(--bg);border:2px solid var(--muted);
border-radius:.4rem;padding:.2rem .8rem;cursor:pointer}
button[aria-pressed=true]{background:var(--accent);color:var(--bg)}
.counter{min-width:5rem;text-align:center;font-variant-numeric:tabular-nums}
.zoom{display:flex;gap:.5rem;align-items:center;margin:.5rem 0}
.timeline-scroll{overflow:auto;border:1px solid var(--muted);max-height:80vh}
.timeline-svg{display:block}
.handout article{margin-bottom:2rem}
.handout figure{margin:1rem 0;max-width:40rem}
.handout img{max-width:100%;height:auto}
.handout table{border-collapse:collapse}
.handout td,.handout th{text-align:left;vertical-align:top;padding:.2rem .8rem .2rem 0;
border-bottom:1px solid var(--muted)}
blockquote{font-style:italic;border-left:4px solid var(--accent);margin:1rem 0;padding-left:1rem}
.statement{font-size:1.3rem;font-weight:bold}
.deckgen-errors{position:fixed;inset:auto 0 0 0;background:#7a0010;color:#fff;padding:1rem;
font-family:monospace;white-space:pre-wrap;z-index:10;max-height:50vh;overflow:auto}
@media print{.controls,.zoom{display:none}.slide{break-inside:avoid}}
"""

# Slides: one shown at a time once the script runs (every slide stays in the
# document, and without a script all are shown one under another).
SCRIPT = """\
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var counter = document.querySelector(".counter");
  var notesButton = document.querySelector(".notes-toggle");
  var current = 0;
  function show(n, quiet) {
    if (!slides.length) return;
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, k) { s.hidden = k !== current; });
    counter.textContent = (current + 1) + " / " + slides.length;
    if (!quiet && history.replaceState) history.replaceState(null, "", "#" + slides[current].id);
  }
  function toggleNotes() {
    var on = !document.body.classList.contains("show-notes");
    document.body.classList.toggle("show-notes", on);
    notesButton.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function fromHash() {
    var id = location.hash.slice(1);
    var k = slides.findIndex(function (s) { return s.id === id; });
    if (k >= 0) { show(k); return true; }
    return false;
  }
  var prev = document.querySelector(".prev"), next = document.querySelector(".next");
  if (prev) prev.addEventListener("click", function () { show(current - 1); });
  if (next) next.addEventListener("click", function () { show(current + 1); });
  if (notesButton) notesButton.addEventListener("click", toggleNotes);
  window.addEventListener("hashchange", function () {
    if (fromHash()) document.getElementById("slides").scrollIntoView();
  });

  var levels = Array.prototype.slice.call(document.querySelectorAll(".zoom-level"));
  var zoomValue = document.querySelector(".zoom-value");
  var scroller = document.querySelector(".timeline-scroll");
  var zoom = 0;
  function setZoom(z) {
    if (!levels.length) return;
    var old = levels[zoom], frac = 0.5;
    if (scroller && scroller.scrollWidth > scroller.clientWidth) {
      frac = (scroller.scrollLeft + scroller.clientWidth / 2) / scroller.scrollWidth;
    }
    zoom = Math.max(0, Math.min(levels.length - 1, z));
    levels.forEach(function (l, k) { l.hidden = k !== zoom; });
    zoomValue.textContent = levels[zoom].getAttribute("data-zoom") + "\\u00d7";
    if (scroller && old !== levels[zoom]) {
      scroller.scrollLeft = frac * scroller.scrollWidth - scroller.clientWidth / 2;
    }
  }
  var zin = document.querySelector(".zoom-in"), zout = document.querySelector(".zoom-out");
  if (zin) zin.addEventListener("click", function () { setZoom(zoom + 1); });
  if (zout) zout.addEventListener("click", function () { setZoom(zoom - 1); });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && t.closest && t.closest("input, textarea, select")) return;
    if (t && t.closest && t.closest(".timeline, .zoom")) {
      if (e.key === "+" || e.key === "=") { setZoom(zoom + 1); e.preventDefault(); }
      else if (e.key === "-") { setZoom(zoom - 1); e.preventDefault(); }
      return;  // arrows scroll the timeline
    }
    if (t && t.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
    switch (e.key) {
      case "ArrowRight": case "PageDown": case " ": show(current + 1); break;
      case "ArrowLeft": case "PageUp": show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case "n": case "N": toggleNotes(); break;
      default: return;
    }
    e.preventDefault();
  });
  if (!fromHash()) show(0, true);
})();
"""
