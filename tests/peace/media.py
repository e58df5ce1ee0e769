"""Harmless synthetic content for the bank tests: generated images (random shapes, nothing real) and texts."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def image(seed: int, size: int = 256, fmt: str = "PNG") -> bytes:
    """A detailed synthetic picture (PDQ quality well above 50), different for each seed."""
    rng = random.Random(seed)
    picture = Image.new("RGB", (size, size), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x0, y0 = rng.randrange(size), rng.randrange(size)
        x1, y1 = x0 + rng.randrange(10, size // 2), y0 + rng.randrange(10, size // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
    return encode(picture.filter(ImageFilter.SMOOTH), fmt)


def encode(picture: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def reencoded(data: bytes, quality: int = 40) -> bytes:
    """The same picture as a lower-quality JPEG (a typical re-upload)."""
    with Image.open(io.BytesIO(data)) as picture:
        return encode(picture.convert("RGB"), "JPEG", quality=quality)


def flat_image(size: int = 128) -> bytes:
    """A plain grey square: PDQ quality far below 50."""
    return encode(Image.new("RGB", (size, size), (128, 128, 128)))


TEXT_ID = (
    "Bergabunglah dengan perjuangan kami, saudara-saudara, waktunya telah tiba untuk bangkit melawan "
    "para penindas di seluruh negeri ini (contoh sintetis untuk pengujian)"
)
TEXT_VI = (
    "Hãy tham gia cuộc đấu tranh của chúng tôi, thời khắc đã đến để đứng lên chống lại kẻ áp bức "
    "trên khắp đất nước này (ví dụ tổng hợp để kiểm thử)"
)


def videos(folder) -> dict[str, bytes]:
    """Small synthetic videos made by ffmpeg: a 4-second test pattern, a re-encoded copy of it, its first two
    seconds, and an unrelated 4-second video (a Mandelbrot zoom)."""
    import subprocess

    def ffmpeg(name: str, *args) -> bytes:
        path = folder / name
        subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", *map(str, args), str(path)], check=True, timeout=120
        )
        return path.read_bytes()

    pattern = ["-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=10", "-pix_fmt", "yuv420p"]
    mandelbrot = ["-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=10", "-t", "4", "-pix_fmt", "yuv420p"]
    return {
        "original": ffmpeg("a.mp4", *pattern),
        "reencoded": ffmpeg("b.mp4", "-i", folder / "a.mp4", "-crf", "30"),
        "clip": ffmpeg("c.mp4", "-i", folder / "a.mp4", "-t", "2", "-crf", "30"),
        "unrelated": ffmpeg("d.mp4", *mandelbrot),
    }
