"""PDQ of images: the hash ThreatExchange/HMA compute, robust to re-encoding, rotations and flips as variants,
and a clear error for what is not an image or too flat to hash."""

import io

import numpy as np
import pytest
from PIL import Image

from hotline.peace.signals import (
    DEFAULT_PDQ_THRESHOLD,
    PDQ_MIN_QUALITY,
    LowQualityError,
    SignalError,
    is_valid_pdq,
    pdq_bytes,
    pdq_distance,
    pdq_from_bytes,
    pdq_variants,
)


def waves(seed: int = 0, size: int = 256) -> Image.Image:
    """A deterministic picture of overlapping colour waves (nothing real), different for each seed."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size]
    picture = np.zeros((size, size, 3))
    for channel in range(3):
        for _ in range(6):
            fx, fy = rng.uniform(0.5, 6, 2)
            phase = rng.uniform(0, 6.28)
            picture[..., channel] += np.sin(2 * np.pi * (fx * x / size + fy * y / size) + phase)
    picture = (picture - picture.min()) / (picture.max() - picture.min()) * 255
    return Image.fromarray(picture.astype(np.uint8))


def encode(picture: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def test_hash_is_the_one_threatexchange_computes():
    # Computed for this picture with threatexchange 1.2.17's pdq_hasher.pdq_from_bytes (the HMA hasher).
    signal = pdq_from_bytes(encode(waves(0)))
    assert signal.hash == "f8d6522478d6522c78d652bc06e8f90404e9af33a26d05dbefd00ddbf510a9db"
    assert signal.quality == 100


def test_reencoded_and_resized_copies_stay_within_the_threshold():
    original = pdq_from_bytes(encode(waves(1))).hash
    jpeg = pdq_from_bytes(encode(waves(1), "JPEG", quality=30)).hash
    smaller = pdq_from_bytes(encode(waves(1).resize((128, 128)))).hash
    greyscale = pdq_from_bytes(encode(waves(1).convert("L"))).hash
    for copy in (jpeg, smaller, greyscale):
        assert pdq_distance(original, copy) <= DEFAULT_PDQ_THRESHOLD


def test_different_pictures_are_far_apart():
    hashes = [pdq_from_bytes(encode(waves(seed))).hash for seed in range(5)]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1 :]:
            assert pdq_distance(a, b) > DEFAULT_PDQ_THRESHOLD


def test_variants_are_the_eight_rotations_and_flips_original_first():
    data = encode(waves(2))
    variants = pdq_variants(data)
    assert len(variants) == 8
    assert variants[0] == pdq_from_bytes(data)
    assert len({v.hash for v in variants}) == 8
    rotated = pdq_from_bytes(encode(waves(2).transpose(Image.Transpose.ROTATE_90))).hash
    mirrored = pdq_from_bytes(encode(waves(2).transpose(Image.Transpose.FLIP_LEFT_RIGHT))).hash
    # The rotated and the mirrored files are far from the original but match one of its variants.
    for turned in (rotated, mirrored):
        assert pdq_distance(turned, variants[0].hash) > DEFAULT_PDQ_THRESHOLD
        assert min(pdq_distance(turned, v.hash) for v in variants) <= DEFAULT_PDQ_THRESHOLD


def test_every_image_mode_is_hashed():
    picture = waves(3)
    for converted in (
        picture.convert("L"),
        picture.convert("P"),
        picture.convert("RGBA"),
        picture.convert("CMYK"),
    ):
        fmt = "JPEG" if converted.mode == "CMYK" else "PNG"
        assert pdq_from_bytes(encode(converted, fmt)).quality >= PDQ_MIN_QUALITY


def test_flat_or_tiny_image_is_rejected_for_low_quality():
    flat = encode(Image.new("RGB", (128, 128), (120, 120, 120)))
    with pytest.raises(LowQualityError) as error:
        pdq_from_bytes(flat)
    assert error.value.quality < PDQ_MIN_QUALITY
    assert "quality" in str(error.value)
    tiny = encode(waves(4).resize((4, 4)))
    with pytest.raises(LowQualityError):
        pdq_from_bytes(tiny)
    with pytest.raises(LowQualityError):
        pdq_variants(flat)
    # The caller may still ask for the hash of a low-quality image (to show it, never to bank it).
    assert is_valid_pdq(pdq_from_bytes(flat, min_quality=0).hash)


def test_what_is_not_an_image_gets_a_clear_error():
    for data in (b"", b"plain text, not a picture", b"%PDF-1.4\n%...", encode(waves(5))[:200]):
        with pytest.raises(SignalError):
            pdq_from_bytes(data)


def test_pdq_hex_helpers():
    a = "0" * 64
    b = "f" + "0" * 63
    assert pdq_distance(a, b) == 4
    assert pdq_distance(a, "F" * 64) == 256
    assert is_valid_pdq(b) and not is_valid_pdq("0" * 63) and not is_valid_pdq("g" * 64)
    assert not is_valid_pdq(None)
    with pytest.raises(SignalError):
        pdq_bytes("xyz")
    with pytest.raises(SignalError):
        pdq_distance(a, "1234")
