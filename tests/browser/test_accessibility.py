"""axe-core finds no serious or critical accessibility violation on the main page types.

axe-core comes bundled with axe-playwright-python (axe.min.js) and is injected into the
page: it needs no network. Each page is checked once; the violations are split by where
they occur, so that a failure says whether the page content (what the templates and the
site's CSS make) or Material's chrome around it (header, tabs, search, footer) is at fault.
"""

from __future__ import annotations

import pytest

from .support import DESKTOP, Site

PAGES = {
    "home": None,  # the site's home page
    "actor": r"^Vladimir Medinsky$",
    "round": r"^Round 2$",
    "positions": r"^Positions$",
    "discrepancies": r"^Discrepancies$",
}
SERIOUS = {"serious", "critical"}

# Where each offending node is: inside the page content, or in the theme's chrome.
WHERE_JS = """
(targets) => targets.map(t => {
    const sel = Array.isArray(t) ? t[t.length - 1] : t;
    const el = document.querySelector(sel);
    return el && el.closest('.md-content') ? 'content' : 'chrome';
})
"""


@pytest.fixture(scope="module")
def axe_results(browser, server, site: Site) -> dict[str, dict]:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    context.route(  # nothing leaves the machine: axe must work offline
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(server.base_url) else r.abort(),
    )
    page = context.new_page()
    results = {}
    try:
        for name, heading in PAGES.items():
            built = site.pages[""] if heading is None else site.by_h1(heading)
            page.goto(server.url(built.path))
            response = axe.run(page).response
            for v in response["violations"]:
                where = page.evaluate(WHERE_JS, [n["target"] for n in v["nodes"]])
                for node, region in zip(v["nodes"], where, strict=True):
                    node["region"] = region
            results[name] = {"path": built.path, "response": response}
    finally:
        context.close()
    return results


def test_axe_runs_offline(axe_results):
    for name, r in axe_results.items():
        engine = r["response"].get("testEngine", {})
        assert engine.get("name") == "axe-core" and engine.get("version"), (name, engine)
        ran = len(r["response"].get("passes", [])) + len(r["response"]["violations"])
        assert ran > 10, f"axe checked only {ran} rules on {name}"


def _report(path: str, violations: list[dict], region: str) -> list[str]:
    lines = []
    for v in violations:
        if v["impact"] not in SERIOUS:
            continue
        nodes = [n for n in v["nodes"] if n["region"] == region]
        if not nodes:
            continue
        lines.append(f"{path or '/'}: {v['id']} ({v['impact']}): {v['help']} [{len(nodes)} nodes]")
        for n in nodes[:5]:
            summary = " ".join(n.get("failureSummary", "").split())[:220]
            lines.append(f"    {n['target']}: {summary}")
    return lines


@pytest.mark.parametrize("name", PAGES.keys())
def test_page_content_has_no_serious_violations(axe_results, name: str):
    r = axe_results[name]
    lines = _report(r["path"], r["response"]["violations"], "content")
    assert not lines, "serious/critical axe violations in the page content:\n" + "\n".join(lines)


@pytest.mark.parametrize("name", PAGES.keys())
def test_theme_chrome_has_no_serious_violations(axe_results, name: str):
    r = axe_results[name]
    lines = _report(r["path"], r["response"]["violations"], "chrome")
    assert not lines, "serious/critical axe violations in Material's chrome:\n" + "\n".join(lines)
