"""Screenshots of the home page, a round page and the positions matrix, for the README.

Written to docs/assets/screenshots/<page>-<device>.png at desktop (1280×800) and phone
(390×844) sizes, as the reader first sees each page (the viewport, not the whole page).
A file is rewritten only when the picture changed, so a run leaves git clean unless the
site looks different.
"""

from __future__ import annotations

import struct

import pytest

from .support import DESKTOP, PHONE, SCREENSHOTS, Site

PAGES = {
    "home": None,
    "round": r"^Round 2$",
    "positions": r"^Positions$",
}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("device", DEVICES.keys())
@pytest.mark.parametrize("name", PAGES.keys())
def test_screenshot(browser, server, site: Site, name: str, device: str):
    viewport = DEVICES[device]
    mobile = {"is_mobile": True, "has_touch": True} if device == "phone" else {}
    context = browser.new_context(
        viewport=viewport, color_scheme="light", reduced_motion="reduce", **mobile
    )
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(server.base_url) else r.abort(),
    )
    try:
        page = context.new_page()
        built = site.pages[""] if PAGES[name] is None else site.by_h1(PAGES[name])
        page.goto(server.url(built.path), wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        data = page.screenshot(animations="disabled", caret="hide")
    finally:
        context.close()

    assert _png_size(data) == (viewport["width"], viewport["height"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{device}.png"
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
