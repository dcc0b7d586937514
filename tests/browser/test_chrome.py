"""The theme's header, drawer, palette and search box, as a reader uses them.

The icons are drawn by one stylesheet (overrides/assets/stylesheets/icons.css) instead of
inline SVG, and Material's small scripts come from files: these tests check what a reader
sees and does is unchanged, in the light and the dark scheme, on a desktop and a phone.
An icon counts as drawn when the square it takes holds a shape: some pixels, but not all,
stand out from the background (a missing icon has none, a mask that failed to load fills
the whole square).
"""

from __future__ import annotations

import base64

import pytest

from .conftest import _checked
from .support import DESKTOP, PHONE

# The square an icon takes, in CSS pixels: that of its inline SVG, or of the ::before
# box the stylesheet draws it in (the content box's height, at its start).
ICON_BOX_JS = """el => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el)
  const px = v => parseFloat(v) || 0
  const top = r.top + px(s.paddingTop) + px(s.borderTopWidth)
  const left = r.left + px(s.paddingLeft) + px(s.borderLeftWidth)
  const height = r.height - px(s.paddingTop) - px(s.paddingBottom)
                 - px(s.borderTopWidth) - px(s.borderBottomWidth)
  return {x: left, y: top, width: height, height: height}
}"""

# Share of the pixels of a PNG that differ clearly from its top-left pixel.
INK_JS = """async data => {
  const img = new Image()
  await new Promise(done => { img.onload = done; img.src = 'data:image/png;base64,' + data })
  const canvas = document.createElement('canvas')
  canvas.width = img.width; canvas.height = img.height
  const g = canvas.getContext('2d'); g.drawImage(img, 0, 0)
  const p = g.getImageData(0, 0, img.width, img.height).data
  let ink = 0
  for (let k = 0; k < p.length; k += 4)
    if (Math.max(Math.abs(p[k] - p[0]), Math.abs(p[k + 1] - p[1]),
                 Math.abs(p[k + 2] - p[2])) > 60) ink++
  return ink / (p.length / 4)
}"""

DESKTOP_ICONS = {
    "logo": ".md-header__button.md-logo",
    "palette toggle": ".md-header__option > label:not([hidden])",
    "search box's magnifier": ".md-search__form label.md-search__icon[for=__search]",
}
PHONE_ICONS = {
    "menu": ".md-header__button[for=__drawer]",
    "palette toggle": ".md-header__option > label:not([hidden])",
    "search button": ".md-header__button[for=__search]",
}


def _ink(page, selector: str) -> tuple[dict, float]:
    element = page.locator(selector)
    assert element.count() == 1, f"{selector}: {element.count()} elements"
    assert element.is_visible(), f"{selector} is not visible"
    box = element.evaluate(ICON_BOX_JS)
    assert box["width"] >= 16, f"{selector}: its icon is {box}"
    shot = page.screenshot(clip=box)
    return box, page.evaluate(INK_JS, base64.b64encode(shot).decode())


def _assert_drawn(page, icons: dict[str, str]) -> None:
    drawn = {name: _ink(page, selector) for name, selector in icons.items()}
    wrong = {name: f"{share:.0%} of {box}" for name, (box, share) in drawn.items()
             if not 0.08 <= share <= 0.75}
    assert not wrong, f"icons not drawn (share of the square they ink): {wrong}"


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


@pytest.fixture
def desktop(browser, server, scheme):
    yield from _checked(browser, server, DESKTOP, color_scheme=scheme)


@pytest.fixture
def phone(browser, server, scheme):
    yield from _checked(browser, server, PHONE, color_scheme=scheme, is_mobile=True,
                        has_touch=True)


def _open(page, server, scheme: str) -> None:
    page.goto(server.url("/"))
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == ("slate" if scheme == "dark" else "default")


def test_header_icons_are_drawn_on_a_desktop(desktop, server, scheme):
    _open(desktop, server, scheme)
    _assert_drawn(desktop, DESKTOP_ICONS)


def test_header_and_drawer_icons_are_drawn_on_a_phone(phone, server, scheme):
    _open(phone, server, scheme)
    _assert_drawn(phone, PHONE_ICONS)
    phone.locator(PHONE_ICONS["menu"]).click()
    phone.wait_for_function("document.getElementById('__drawer').checked")
    logo = ".md-nav--primary > .md-nav__title .md-logo"
    phone.wait_for_function(f"document.querySelector('{logo}').getBoundingClientRect().x >= 0")
    phone.wait_for_timeout(300)  # the drawer slides in over 0.25 s
    _assert_drawn(phone, {"drawer's logo": logo})


def test_the_palette_toggle_switches_the_scheme_and_every_page_keeps_it(page, server):
    page.goto(server.url("/"))
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    first = page.evaluate(scheme)
    page.locator(DESKTOP_ICONS["palette toggle"]).click()
    page.wait_for_function(f"{scheme} !== {first!r}")
    chosen = page.evaluate(scheme)
    assert {first, chosen} == {"default", "slate"}
    _assert_drawn(page, {"the other toggle": DESKTOP_ICONS["palette toggle"]})
    # Another page, in another folder, opens in the chosen scheme before Material's
    # script runs: the helpers and the palette script, loaded from files, applied it.
    page.route("**/bundle.*.min.js", lambda r: r.abort())
    page.goto(server.url("/methodology/"))
    assert page.evaluate(scheme) == chosen


def test_the_drawer_opens_on_a_phone_and_leads_to_a_page(phone_page, server):
    phone_page.goto(server.url("/"))
    drawer = phone_page.locator(".md-sidebar--primary")
    assert drawer.bounding_box()["x"] + drawer.bounding_box()["width"] <= 0
    phone_page.locator(PHONE_ICONS["menu"]).click()
    phone_page.wait_for_function(
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0")
    link = drawer.get_by_role("link", name="Methodology", exact=True)
    assert link.is_visible()
    link.click()
    phone_page.wait_for_url("**/methodology/")


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_search_opens_with_its_keyboard_shortcut(page, server, key: str):
    page.goto(server.url("/methodology/"))
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("Istanbul")
    page.wait_for_function(
        "/\\d+ matching document/.test("
        "document.querySelector('.md-search-result__meta').textContent)")
    assert page.locator("a.md-search-result__link").count() > 0
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
