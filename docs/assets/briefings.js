/* Briefing pages: small progressive enhancements; every page reads fine without them. */
(function () {
  "use strict";

  /* Printouts carry the page's address: the build writes it from the site root; here it
     becomes the full URL the reader opened (host and folder included), without #anchor. */
  function showAddress() {
    var href = location.href.split("#")[0];
    document.querySelectorAll(".bf-page-url").forEach(function (el) {
      el.textContent = href;
    });
  }

  /* "Cite this page" names the address the reader is at, with the fact they came to. */
  function showHere() {
    document.querySelectorAll(".bf-here-url").forEach(function (el) {
      el.textContent = location.href;
    });
  }

  /* A fact's "#" link: a plain link to the fact without JavaScript; with it, a click also
     copies the fact's full address to the clipboard and says so for a moment. Its label
     ("Link to this fact", or point) is in the page; the tooltip saying what a click does
     is added here, when the pointer or focus reaches it (one attribute less in each of
     the tens of thousands of such links of a large briefing). */
  function copyLink(event) {
    var link = event.target.closest("a.bf-link");
    if (!link || !navigator.clipboard) return;
    var url = location.href.split("#")[0] + link.getAttribute("href");
    var label = link.dataset.label || link.getAttribute("aria-label");
    link.dataset.label = label;
    navigator.clipboard.writeText(url).then(function () {
      link.classList.add("bf-copied");
      link.setAttribute("aria-label", "Link copied");
      setTimeout(function () {
        link.classList.remove("bf-copied");
        link.setAttribute("aria-label", label);
      }, 2000);
    }, function () { /* no permission: the link still works */ });
  }

  function explainLink(event) {
    var link = event.target.closest && event.target.closest("a.bf-link");
    if (!link || link.title || !navigator.clipboard) return;
    var label = link.dataset.label || link.getAttribute("aria-label") || "";
    link.title = "Copy the " + label.charAt(0).toLowerCase() + label.slice(1);
  }

  function enhance() {
    showAddress();
    showHere();
  }

  document.addEventListener("click", copyLink);
  document.addEventListener("mouseover", explainLink);
  document.addEventListener("focusin", explainLink);
  window.addEventListener("hashchange", showHere);

  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance);  /* Material's page-loaded signal (instant navigation) */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
