"""Draw the check-in desk's PNG icons (192 and 512 px) from the geometry of desk-icon.svg.

Chromium installs a web app only with raster icons of at least 144 px; the SVG stays for the
browsers that take it. Run after changing the SVG: .venv/bin/python scripts/desk_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "events" / "static" / "events"
BLUE, WHITE = (11, 61, 107, 255), (255, 255, 255, 255)
TICK = [(140, 270), (220, 350), (380, 170)]  # the SVG's path, in its 512-unit box


def draw(size: int) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges without an SVG renderer
    big = size * scale
    unit = big / 512
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(96 * unit), fill=BLUE)
    points = [(x * unit, y * unit) for x, y in TICK]
    width = round(48 * unit)
    pen.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round caps, as stroke-linecap="round"
        pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    for size in (192, 512):
        path = STATIC / f"desk-icon-{size}.png"
        draw(size).save(path, optimize=True)
        print(f"{path.relative_to(STATIC.parents[2])}: {path.stat().st_size} bytes")
