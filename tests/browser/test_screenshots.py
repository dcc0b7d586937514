"""Screenshots of the home page, a round page and the positions matrix, for the README.

Written to docs/assets/screenshots/<page>-<device>.png at desktop (1280×800) and phone
(390×844) sizes, as the reader first sees each page (the viewport, not the whole page).
A file is rewritten only when the picture changed (`support.save_screenshot`), so a run
leaves git clean unless the site looks different.
"""

from __future__ import annotations

import struct
import zlib

import pytest

from .support import DESKTOP, PHONE, Site, save_screenshot

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
    save_screenshot(f"{name}-{device}.png", data)


def _png(rows: list[bytes], width: int) -> bytes:
    """A minimal RGB PNG of these rows of pixels (3 bytes each), rows unfiltered."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def test_a_picture_is_rewritten_when_it_changes_not_for_a_few_antialiased_pixels(tmp_path):
    rows = [bytes([y % 256]) * 30 for y in range(40)]  # 10 × 40 pixels
    save_screenshot("p.png", _png(rows, 10), tmp_path)
    first = (tmp_path / "p.png").read_bytes()
    noisy = list(rows)
    noisy[20] = b"\x07" + noisy[20][1:]  # edge pixels of two rows, as Chromium's flicker
    noisy[21] = b"\x07" + noisy[21][1:]
    save_screenshot("p.png", _png(noisy, 10), tmp_path)
    assert (tmp_path / "p.png").read_bytes() == first  # git stays clean
    changed = [b"\xff" * 30 if 10 <= y < 22 else row for y, row in enumerate(rows)]  # a glyph
    save_screenshot("p.png", _png(changed, 10), tmp_path)
    assert (tmp_path / "p.png").read_bytes() == _png(changed, 10)
    save_screenshot("p.png", _png(rows[:39], 10), tmp_path)  # another size
    assert (tmp_path / "p.png").read_bytes() == _png(rows[:39], 10)
