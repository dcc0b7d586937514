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

  function enhance() {
    showAddress();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance);  /* Material's page-loaded signal (instant navigation) */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
