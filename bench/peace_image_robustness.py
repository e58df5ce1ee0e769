"""Image robustness of PDQ: which transformed copies of an image still match it, and which unrelated ones do.

The sample images bundled with scikit-image (``skimage.data``, no download), each transformed: JPEG quality
50 and 20, half and quarter size, greyscale, a 15% banner, crops of 5%, 10% and 20%, a 5° rotation, a mirror,
a 10% border. A copy matches when its PDQ is within the threshold (31 of 256 bits by default) of the
original's, or, with the variants, of any of the original's 8 rotations/flips. False matches: copies within
the threshold of a different original. Run (installs scikit-image with the bench extra):

    .venv/bin/python -m pip install -e ".[bench]"
    .venv/bin/python bench/peace_image_robustness.py [--threshold 31]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotline.peace.signals import (  # noqa: E402
    DEFAULT_PDQ_THRESHOLD,
    SignalError,
    pdq_distance,
    pdq_from_bytes,
    pdq_variants,
)

# skimage.data functions that return a picture (not a volume or a label map; "cat" is "chelsea" again).
SAMPLES = [
    "astronaut", "brick", "camera", "chelsea", "clock", "coffee", "coins", "colorwheel", "grass",
    "gravel", "horse", "hubble_deep_field", "immunohistochemistry", "logo", "microaneurysms", "moon", "page",
    "retina", "rocket", "shepp_logan_phantom", "text", "checkerboard", "binary_blobs",
]  # fmt: skip


def png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def jpeg(picture: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def crop(picture: Image.Image, share: float) -> Image.Image:
    """Cut `share` of the width and of the height, half on each side."""
    w, h = picture.size
    dx, dy = round(w * share / 2), round(h * share / 2)
    return picture.crop((dx, dy, w - dx, h - dy))


def banner(picture: Image.Image, share: float = 0.15) -> Image.Image:
    """A solid banner with a caption across the bottom `share` of the picture (as a repost adds)."""
    out = picture.convert("RGB").copy()
    w, h = out.size
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, round(h * (1 - share)), w, h), fill=(200, 20, 20))
    draw.text((10, round(h * (1 - share)) + 5), "VIRAL - SHARE NOW", fill=(255, 255, 255))
    return out


TRANSFORMS = {
    "JPEG quality 50": lambda p: jpeg(p, 50),
    "JPEG quality 20": lambda p: jpeg(p, 20),
    "half size": lambda p: png(p.resize((p.width // 2, p.height // 2), Image.Resampling.LANCZOS)),
    "quarter size": lambda p: png(p.resize((p.width // 4, p.height // 4), Image.Resampling.LANCZOS)),
    "greyscale": lambda p: png(p.convert("L")),
    "15% banner": lambda p: png(banner(p)),
    "crop 5%": lambda p: png(crop(p, 0.05)),
    "crop 10%": lambda p: png(crop(p, 0.10)),
    "crop 20%": lambda p: png(crop(p, 0.20)),
    "rotation 5°": lambda p: png(p.convert("RGB").rotate(5, resample=Image.Resampling.BICUBIC, expand=True)),
    "mirror": lambda p: png(ImageOps.mirror(p)),
    "10% border": lambda p: png(
        ImageOps.expand(p.convert("RGB"), border=round(max(p.size) * 0.10), fill=(255, 255, 255))
    ),
}


def load_samples() -> dict[str, Image.Image]:
    from skimage import data

    pictures = {}
    for name in SAMPLES:
        array = getattr(data, name)()
        if array.dtype == bool:
            array = array.astype(np.uint8) * 255
        elif array.dtype != np.uint8:
            array = (255 * (array - array.min()) / max(1e-9, float(array.max() - array.min()))).astype(
                np.uint8
            )
        if array.ndim == 3 and array.shape[2] == 4:
            array = array[..., :3]
        pictures[name] = Image.fromarray(array)
    return pictures


def run(threshold: int) -> str:
    pictures = load_samples()
    originals, variants, skipped = {}, {}, []
    for name, picture in pictures.items():
        try:
            signal = pdq_from_bytes(png(picture))
        except SignalError as error:
            skipped.append(f"{name} ({error})")
            continue
        originals[name] = signal.hash
        variants[name] = [v.hash for v in pdq_variants(png(picture))]
    names = list(originals)
    rows = []
    for label, transform in TRANSFORMS.items():
        plain = with_variants = false_plain = false_variants = low = 0
        distances = []
        for name in names:
            try:
                copy = pdq_from_bytes(transform(pictures[name]), min_quality=0)
            except SignalError:
                low += 1
                continue
            if copy.quality < 50:
                low += 1
            own = pdq_distance(copy.hash, originals[name])
            distances.append(own)
            plain += own <= threshold
            with_variants += min(pdq_distance(copy.hash, v) for v in variants[name]) <= threshold
            others = [n for n in names if n != name]
            false_plain += any(pdq_distance(copy.hash, originals[n]) <= threshold for n in others)
            false_variants += any(
                pdq_distance(copy.hash, v) <= threshold for n in others for v in variants[n]
            )
        median = sorted(distances)[len(distances) // 2]
        rows.append(
            f"| {label} | {plain}/{len(names)} | {with_variants}/{len(names)} | {median} | "
            f"{false_plain} | {false_variants} | {low} |"
        )
    pairs = [pdq_distance(originals[a], originals[b]) for i, a in enumerate(names) for b in names[i + 1 :]]
    close = sum(d <= threshold for d in pairs)
    lines = [
        f"{len(names)} images of `skimage.data`, threshold {threshold} bits of 256.",
        "",
        "| transformation | match | match with the 8 variants | median distance | false matches | "
        "false matches with variants | quality < 50 |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Unrelated originals: {close} of {len(pairs)} pairs within {threshold} bits; nearest pair "
        f"{min(pairs)} bits apart, median {sorted(pairs)[len(pairs) // 2]}.",
    ]
    if skipped:
        lines.append("Left out (PDQ quality below 50 for the original): " + ", ".join(skipped) + ".")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threshold", type=int, default=DEFAULT_PDQ_THRESHOLD)
    args = parser.parse_args()
    print(run(args.threshold))


if __name__ == "__main__":
    main()
