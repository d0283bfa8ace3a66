"""Pictures for demo stories that have none, drawn with Pillow so the repository ships no image files."""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 675)


def demo_picture(label: str, *, seed: int) -> ContentFile:
    """A 16:9 JPEG with a soft two-colour gradient, a few shapes and the label, different for every seed."""
    rng = random.Random(seed)
    top = tuple(rng.randrange(40, 200) for _ in range(3))
    bottom = tuple(rng.randrange(40, 200) for _ in range(3))
    gradient = Image.linear_gradient("L").resize(SIZE)
    image = Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, radius = rng.randrange(SIZE[0]), rng.randrange(SIZE[1]), rng.randrange(40, 220)
        colour = tuple(min(255, channel + rng.randrange(20, 60)) for channel in top)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=colour, width=6)
    font = ImageFont.load_default(size=44)
    draw.text((48, SIZE[1] - 110), label[:48], fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")
