#!/usr/bin/env python3
"""Draws the portal icon (a service bell on the brand colour, as in static/icon.svg) as PNG files
for the web app manifest. Pure Python, so it runs anywhere: python3 scripts/make-icons.py"""
import struct
import zlib
from pathlib import Path

BRAND = (0x0B, 0x5E, 0x6B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # supersampling per axis, for smooth edges


def inside_rounded_rect(x, y, x0, y0, w, h, r):
    cx = min(max(x, x0 + r), x0 + w - r)
    cy = min(max(y, y0 + r), y0 + h - r)
    return x0 <= x <= x0 + w and y0 <= y <= y0 + h and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x, y):
    """The icon in its 64x64 design space: None is transparent."""
    if not inside_rounded_rect(x, y, 0, 0, 64, 64, 14):
        return None
    dome = y <= 42 and (x - 32) ** 2 + (y - 42) ** 2 <= 18 ** 2
    base = inside_rounded_rect(x, y, 10, 45, 44, 5, 2.5)
    knob = inside_rounded_rect(x, y, 29, 18, 6, 7, 2)
    return WHITE if (dome or base or knob) else BRAND


def render(size):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * 64 / size
                    y = (py + (sy + 0.5) / SAMPLES) * 64 / size
                    c = colour_at(x, y)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = SAMPLES * SAMPLES
            alpha = acc[3] // n
            if alpha:
                row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], alpha])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "crates" / "web" / "static"
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(render(size))
