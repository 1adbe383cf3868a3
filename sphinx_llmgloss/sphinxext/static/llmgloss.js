/* llmgloss tooltips: hover, keyboard focus, tap; Esc closes. No dependencies. */
(function () {
  "use strict";
  var PREFIX = "llmgloss-id-";
  var popup = null;
  var current = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var shownBeforeTap = false;

  function tipFor(link) {
    var term = link.querySelector(".llmgloss-term");
    if (!term) return null;
    for (var i = 0; i < term.classList.length; i++) {
      var cls = term.classList[i];
      if (cls.indexOf(PREFIX) === 0) {
        return document.getElementById("llmgloss-tip-" + cls.slice(PREFIX.length));
      }
    }
    return null;
  }

  function makePopup() {
    popup = document.createElement("div");
    popup.id = "llmgloss-popup";
    popup.className = "llmgloss-popup";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    popup.addEventListener("mouseenter", cancelHide);
    popup.addEventListener("mouseleave", scheduleHide);
    popup.addEventListener("focusout", function (event) {
      if (!popup.contains(event.relatedTarget) && event.relatedTarget !== current) hide();
    });
    document.body.appendChild(popup);
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    popup.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    popup.style.left = left + window.scrollX + "px";
    var below = rect.bottom + 6;
    var height = popup.offsetHeight;
    var top = below + height > window.innerHeight && rect.top - height - 6 > 0
      ? rect.top - height - 6 : below;
    popup.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var tip = tipFor(link);
    if (!tip) return;
    cancelHide();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    popup.innerHTML = tip.innerHTML;
    popup.hidden = false;
    link.setAttribute("aria-describedby", popup.id);
    place(link);
  }

  function hide() {
    cancelHide();
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function cancelHide() {
    if (hideTimer) window.clearTimeout(hideTimer);
    hideTimer = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, 300);
  }

  function wire(link) {
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", scheduleHide);
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function (event) {
      if (!popup.contains(event.relatedTarget)) scheduleHide();
    });
    link.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType;
      // Taps also fire mouse events that open the tooltip; remember how it was before.
      shownBeforeTap = current === link && !popup.hidden;
    });
    link.addEventListener("click", function (event) {
      // On touch screens the first tap shows the definition, the second follows the link.
      if (lastPointer === "touch" && !shownBeforeTap) {
        event.preventDefault();
        show(link);
      }
    });
  }

  function init() {
    var terms = document.querySelectorAll("a .llmgloss-term");
    if (!terms.length) return;
    makePopup();
    for (var i = 0; i < terms.length; i++) wire(terms[i].closest("a"));
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") hide();
    });
    document.addEventListener("pointerdown", function (event) {
      if (popup.hidden || popup.contains(event.target)) return;
      if (current && current.contains(event.target)) return;
      hide();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
