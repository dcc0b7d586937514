"""A round page warns that its sources disagree, and the warning leads to the comparison.

The discrepancy and its two claims come from the briefing's discrepancies.yaml; the round
page is the built page that hosts the claims.
"""

from __future__ import annotations

import yaml

from .support import REPO, Site, assert_landed

BRIEFING = REPO / "briefings" / "istanbul-2025"


def _load(name: str, key: str) -> list[dict]:
    return yaml.safe_load((BRIEFING / name).read_text(encoding="utf-8"))[key]


DISCREPANCY = _load("discrepancies.yaml", "discrepancies")[0]
CLAIMS = {c["id"]: c for c in _load("rounds/round-2.yaml", "claims")}
SOURCES = {s["id"]: s for s in _load("sources.yaml", "sources")}

# The rows of the comparison that follows the landed heading, up to the next heading of
# the same level, with where each row is on screen.
SECTION_JS = """
(id) => {
    const head = document.getElementById(id);
    const level = head.tagName;
    const rows = [], ids = [];
    for (let el = head.nextElementSibling; el && el.tagName !== level; el = el.nextElementSibling) {
        el.querySelectorAll('[id]').forEach(x => ids.push(x.id));
        if (el.id) ids.push(el.id);
        const tables = el.matches('table') ? [el] : [...el.querySelectorAll('table')];
        for (const t of tables) for (const tr of t.querySelectorAll('tbody tr')) {
            const r = tr.getBoundingClientRect();
            rows.push({
                table: tables.indexOf(t),
                hrefs: [...tr.querySelectorAll('a')].map(a => a.getAttribute('href')),
                text: tr.textContent.replace(/\\s+/g, ' ').trim(),
                top: r.top, bottom: r.bottom,
            });
        }
    }
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return {ids, rows, header, innerHeight};
}
"""


def test_round_page_marks_the_discrepancy_and_leads_to_both_claims(page, server, site: Site):
    claim_ids = DISCREPANCY["claims"]
    round_page = site.with_id(claim_ids[0])
    assert "/rounds/" in f"/{round_page.path}", f"the claims live on {round_page.path}"

    page.goto(server.url(round_page.path))
    marker = page.locator(".admonition").filter(
        has=page.locator("a[href*='discrepancies/']")
    )
    assert marker.count() >= 1, "the round page shows no discrepancy marker"
    marker = marker.first
    assert marker.is_visible()
    assert "disagree" in marker.locator(".admonition-title").inner_text().lower()

    link = marker.locator("a[href*='discrepancies/']").first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/discrepancies/#{fragment}")
    assert_landed(page, fragment)

    section = page.evaluate(SECTION_JS, fragment)
    assert DISCREPANCY["id"] in section["ids"], (
        f"the marker led to #{fragment}, which is not the recorded discrepancy "
        f"{DISCREPANCY['id']!r} (ids there: {section['ids']})"
    )

    # Both claims, side by side: rows of one table, each naming its source and what it
    # reported, on screen together right after the jump.
    rows = {}
    for claim_id in claim_ids:
        found = [r for r in section["rows"]
                 if any(h and h.endswith(f"#{claim_id}") for h in r["hrefs"])]
        assert found, f"no row for claim {claim_id} after #{fragment}: {section['rows']}"
        rows[claim_id] = found[0]
    assert len({r["table"] for r in rows.values()}) == 1, "the claims are not in one table"
    for claim_id, row in rows.items():
        claim = CLAIMS[claim_id]
        source = SOURCES[claim["citations"][0]["source"]]
        assert claim["reported"] in row["text"], row
        # a source without publisher or title goes by its kind (generator/names.py)
        shown = source["publisher"] if source["publisher"] != "unknown" else "Unattributed"
        assert shown in row["text"], row
        assert row["top"] >= section["header"] - 1 and row["bottom"] <= section["innerHeight"], (
            f"after the jump the row of {claim_id} is off screen: {row} "
            f"(header ends at {section['header']}, viewport {section['innerHeight']})"
        )
