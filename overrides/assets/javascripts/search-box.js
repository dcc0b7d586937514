{#-
  A theme template (mkdocs.yml, theme.static_templates), rendered once per build, so that
  the words of Material's search results, in the site's language, live here instead of in
  every page's configuration (overrides/main.html leaves them out of it).
-#}
{% import "partials/language.html" as lang with context -%}
{% set translations = {
  "search.result.placeholder": lang.t("search.result.placeholder"),
  "search.result.none": lang.t("search.result.none"),
  "search.result.one": lang.t("search.result.one"),
  "search.result.other": lang.t("search.result.other"),
  "search.result.more.one": lang.t("search.result.more.one"),
  "search.result.more.other": lang.t("search.result.more.other"),
  "search.result.term.missing": lang.t("search.result.term.missing")
} -%}
{% raw %}/* Search with Pagefind in Material's own search box: replaces the search worker named in
   the page's configuration with a small worker made from the function below (no
   download), speaking Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3, as
   in Material 9.8.2's integrations/search/worker/message), which loads Pagefind only when
   the reader types a first query. Loaded by overrides/main.html after the configuration
   and before Material's bundle; a file of its own, so the browser fetches it once for the
   whole site instead of with every page. It also gives Material the words of its search
   results, which the pages' configuration leaves out (overrides/main.html). */
{% endraw %}(function () {
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  var translations = {{ translations | tojson }}
  for (var key in translations)
    if (!(key in config.translations)) config.translations[key] = translations[key]
  var base = new URL(config.base + "/", location.href).href
{% raw %}  function worker(base) {
    var pagefind, latest
    function escape(text) {
      return String(text).replace(/[&<>"]/g, function (c) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]
      })
    }
    function load() {
      return pagefind = pagefind || import(base + "pagefind/pagefind.js")
        .then(function (module) {
          return module.options({ baseUrl: base, excerptLength: 24 })
            .then(function () { return module })
        })
    }
    function sections(page, terms) {
      var subs = page.sub_results.filter(function (s) { return s.url !== page.url })
      subs.sort(function (a, b) { return b.locations.length - a.locations.length })
      return subs.map(function (s, i) {
        return { location: s.url, title: escape(s.title), text: s.excerpt,
                 score: i < 2 ? 1 : 0.5, terms: terms }
      })
    }
    self.onmessage = async function (event) {
      if (event.data.type !== 2) return
      var query = latest = event.data.data.replace(/[*+~^:-]+/g, " ").trim()
      var items = []
      if (query) {
        var module = await load()
        var found = await module.search(query)
        if (query !== latest) return
        var pages = await Promise.all(found.results.slice(0, 10).map(function (r) {
          return r.data()
        }))
        if (query !== latest) return
        var terms = {}
        query.split(/\s+/).forEach(function (t) { terms[t.toLowerCase()] = true })
        items = pages.map(function (page) {
          return [{ location: page.url, title: escape(page.meta.title), text: page.excerpt,
                    score: 1, terms: terms }].concat(sections(page, terms))
        })
      }
      self.postMessage({ type: 3, data: { items: items } })
    }
    self.postMessage({ type: 1 })
  }
  var code = "(" + worker + ")(" + JSON.stringify(base) + ")"
  config.search = URL.createObjectURL(new Blob([code], { type: "text/javascript" }))
  element.textContent = JSON.stringify(config)
  if (new URLSearchParams(location.search).get("h"))
    import(base + "assets/javascripts/search-highlight.js")
})()
{% endraw %}
