"""Signals of the Peace Media Center: the hashes a bank entry is known by. Pure Python, no Django.

Files
    ``file_digests(data)`` -> ``{"md5": hex, "sha256": hex}`` for any file (image, video, PDF, ...).

Images (PDQ, the hash of Meta's ThreatExchange / HMA, computed with ``pdqhash``)
    ``pdq_from_bytes(data)`` -> ``PdqSignal(hash, quality)``. The hex is the one ThreatExchange and HMA
    print (64 lower-case hex chars, bit 0 of the hash first). Not an image -> ``SignalError``; quality below
    ``PDQ_MIN_QUALITY`` (50) -> ``LowQualityError`` (a ``SignalError``) unless ``min_quality`` is lowered.
    ``pdq_variants(data)`` -> the 8 rotations/flips (original first), for matching rotated or mirrored copies.
    ``pdq_distance(a, b)``, ``is_valid_pdq(value)``.

Videos
    MD5/SHA-256 as every file. ``vpdq_from_file(path)`` / ``vpdq_from_bytes(data)`` -> per-frame PDQ hashes
    (one a second) when the ``vpdq`` package is installed (it builds against FFmpeg's libav*), else
    ``SignalError``. ``vpdq_to_text`` is the stored form; ``vpdq_compare(query, targets)`` the frame-match
    percentages of ThreatExchange's VideoPDQSignal (both ≥ ``VPDQ_MATCH_PERCENT``, 80, is a match).

Text
    ``normalise_text``: Unicode NFC, lower case, retweet prefixes (``RT @user:``), URLs, @mentions, the
    ``#`` of hashtags and emoji removed, whitespace collapsed. Empty after that -> ``SignalError``.
    ``fold_diacritics`` (alias ``fold_vietnamese``): Vietnamese and other Latin diacritics removed (đ -> d).
    ``text_sha256`` / ``text_folded_sha256``: SHA-256 of the normalised (and folded) text.
    ``text_minhash`` / ``text_folded_minhash``: a ``datasketch`` MinHash (128 permutations, seed 1, scheme
    affine32, 5-grams hashed with CRC-32; see ``minhash_values``) of the set of character 5-grams of the
    normalised (folded) text, as hex (128 big-endian uint32 = 1,024 hex chars), so a
    partner can match a text it has never seen. ``text_jaccard(a, b)``: the exact Jaccard of two texts' 5-gram
    sets; ``minhash_jaccard(a, b)``: the estimate from two MinHash hex signatures.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import unicodedata
import warnings
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_PDQ_THRESHOLD = 31  # Hamming distance, of 256 bits (ThreatExchange's PDQ_CONFIDENT_MATCH_THRESHOLD)
PDQ_MIN_QUALITY = 50
PDQ_HEX_LENGTH = 64
# Jaccard of character 5-gram sets; chosen from bench/peace_text_robustness.py (docs/benchmarks.md).
DEFAULT_TEXT_THRESHOLD = 0.4
SHINGLE_SIZE = 5
MINHASH_PERMUTATIONS = 128
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"
MINHASH_HEX_LENGTH = MINHASH_PERMUTATIONS * 8
# Images larger than this many pixels are refused (decompression bombs); 100 megapixels is generous for posts.
MAX_IMAGE_PIXELS = 100_000_000


class SignalError(ValueError):
    """Input a signal cannot be computed from; the message is meant for the user."""


class LowQualityError(SignalError):
    """An image whose PDQ quality is too low for the hash to be trusted (flat, tiny or blank images)."""

    def __init__(self, quality: int, minimum: int = PDQ_MIN_QUALITY):
        self.quality = quality
        self.minimum = minimum
        super().__init__(
            f"PDQ quality {quality} is below {minimum}: the image has too little detail to be hashed reliably"
        )


@dataclass(frozen=True)
class PdqSignal:
    hash: str  # 64 lower-case hex chars
    quality: int  # 0..100


# ---------------------------------------------------------------------------------------------- files


def file_digests(data: bytes) -> dict[str, str]:
    """MD5 and SHA-256 of a file's bytes (MD5 for the hash lists that still use it)."""
    return {
        "md5": hashlib.md5(data, usedforsecurity=False).hexdigest(),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


# ---------------------------------------------------------------------------------------------- images


def _image_array(data: bytes) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise SignalError("the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise SignalError(f"the image is too large ({width}x{height} pixels)")
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise SignalError(
            "the file is not an image that can be read (JPEG, PNG, GIF, WebP, BMP, TIFF)"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, SignalError):
            raise
        raise SignalError(f"the image cannot be decoded: {exc}") from exc
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)


def _pdq_hex(bits: np.ndarray) -> str:
    # Bit 0 of pdqhash's vector is the most significant bit of the hex, as ThreatExchange prints it.
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def _check_quality(quality: int, min_quality: int) -> None:
    if quality < min_quality:
        raise LowQualityError(quality, min_quality)


def pdq_from_bytes(data: bytes, min_quality: int = PDQ_MIN_QUALITY) -> PdqSignal:
    """PDQ hash and quality of an image file. Raises SignalError (not an image) or LowQualityError."""
    import pdqhash

    bits, quality = pdqhash.compute(_image_array(data))
    _check_quality(int(quality), min_quality)
    return PdqSignal(_pdq_hex(bits), int(quality))


def pdq_variants(data: bytes, min_quality: int = PDQ_MIN_QUALITY) -> list[PdqSignal]:
    """The PDQ hashes of the 8 rotations and flips of an image, the original first.

    Order (pdqhash's ``compute_dihedral``): original, rotated 90°, 180°, 270°, flipped left-right,
    flipped top-bottom, transposed, anti-transposed. Quality is the same for all eight.
    """
    import pdqhash

    hashes, quality = pdqhash.compute_dihedral(_image_array(data))
    _check_quality(int(quality), min_quality)
    return [PdqSignal(_pdq_hex(bits), int(quality)) for bits in hashes]


def is_valid_pdq(value: str) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64}", value) is not None


def pdq_bytes(value: str) -> bytes:
    """The 32 bytes of a PDQ hex hash; SignalError if it is not 64 hex chars."""
    if not is_valid_pdq(value):
        raise SignalError(f"not a PDQ hash (64 hex characters expected): {str(value)[:80]!r}")
    return bytes.fromhex(value)


def pdq_distance(a: str, b: str) -> int:
    """Hamming distance between two PDQ hex hashes (0..256)."""
    return (int.from_bytes(pdq_bytes(a), "big") ^ int.from_bytes(pdq_bytes(b), "big")).bit_count()


# ---------------------------------------------------------------------------------------------- videos


def vpdq_available() -> bool:
    try:
        import vpdq  # noqa: F401
    except ImportError:
        return False
    return True


def vpdq_from_file(path: str | Path, seconds_per_hash: float = 1.0) -> list[tuple[int, str, int, float]]:
    """vPDQ of a video: ``(frame number, PDQ hex, quality, timestamp in seconds)`` per sampled frame."""
    try:
        import vpdq
    except ImportError as exc:
        raise SignalError("video hashing (vPDQ) is not installed on this node") from exc
    try:
        features = vpdq.computeHash(str(path), seconds_per_hash=seconds_per_hash)
    except Exception as exc:  # vpdq raises plain exceptions for unreadable videos
        raise SignalError(f"the video cannot be hashed: {exc}") from exc
    return [(int(f.frame_number), str(f.hex), int(f.quality), float(f.timestamp)) for f in features]


# vPDQ matching, as ThreatExchange's VideoPDQSignal: frames below quality 50 are left out, identical frame
# hashes counted once, a frame matches within PDQ distance 31, and two videos match when at least 80% of the
# query's frames match some frame of the bank's video AND 80% of the bank video's frames match some frame of
# the query (so a short clip of a long video, or a long video containing a short one, does not match).
VPDQ_QUALITY = 50
VPDQ_MATCH_PERCENT = 80.0
VPDQ_SECONDS_PER_HASH = 1.0
_VPDQ_TEXT = re.compile(r"[0-9a-f]{64},\d{1,3}(?: [0-9a-f]{64},\d{1,3})*\Z")


def vpdq_from_bytes(
    data: bytes, seconds_per_hash: float = VPDQ_SECONDS_PER_HASH
) -> list[tuple[int, str, int, float]]:
    """vPDQ of a video given as bytes (written to a private temporary file for libav)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".video") as handle:
        handle.write(data)
        handle.flush()
        return vpdq_from_file(handle.name, seconds_per_hash=seconds_per_hash)


def vpdq_to_text(frames) -> str:
    """The stored and shared form: "pdqhex,quality" per sampled frame, in order, separated by spaces."""
    return " ".join(f"{pdq},{quality}" for _, pdq, quality, _ in frames)


def is_valid_vpdq_text(value) -> bool:
    return isinstance(value, str) and bool(_VPDQ_TEXT.match(value))


def vpdq_to_hma(frames) -> str:
    """HMA's form of a vPDQ signal (ThreatExchange's ``vpdq`` signal type): a JSON list of
    "pdqhex,quality,timestamp" strings, from the frames of ``vpdq_from_file``."""
    return json.dumps([f"{pdq},{quality},{timestamp:.3f}" for _, pdq, quality, timestamp in frames])


def vpdq_from_signal(value) -> str:
    """A vPDQ signal as a caller gives it -- HMA's JSON list of "pdqhex,quality,timestamp" strings, or the
    stored form ("pdqhex,quality" separated by spaces) -- in the stored form. SignalError says what is
    wrong."""
    if not isinstance(value, str) or not value.strip():
        raise SignalError('vpdq: a JSON list of "pdqhex,quality,timestamp" frames expected')
    value = value.strip()
    if not value.startswith("["):
        if not is_valid_vpdq_text(value.lower()):
            raise SignalError('vpdq: a JSON list of "pdqhex,quality,timestamp" frames expected')
        return value.lower()
    try:
        frames = json.loads(value)
    except ValueError:
        raise SignalError("vpdq: the signal is not valid JSON") from None
    if not isinstance(frames, list) or not frames:
        raise SignalError("vpdq: a non-empty JSON list of frames expected")
    stored = []
    for number, frame in enumerate(frames):
        parts = frame.split(",") if isinstance(frame, str) else []
        if (
            len(parts) != 3
            or not re.fullmatch(r"[0-9a-fA-F]{64}", parts[0])
            or not re.fullmatch(r"\d{1,3}", parts[1])
            or int(parts[1]) > 100
            or not re.fullmatch(r"\d+(?:\.\d*)?", parts[2])
        ):
            raise SignalError(f'vpdq: frame {number} is not "pdqhex,quality,timestamp": {str(frame)[:90]!r}')
        stored.append(f"{parts[0].lower()},{int(parts[1])}")
    return " ".join(stored)


def vpdq_frame_codes(text: str, quality: int) -> np.ndarray:
    """The distinct frame hashes of quality >= `quality`, as an (n, 4) uint64 array."""
    hashes = sorted({pdq for pdq, q in (f.split(",") for f in text.split()) if int(q) >= quality})
    if not hashes:
        return np.empty((0, 4), dtype=np.uint64)
    return np.frombuffer(b"".join(pdq_bytes(h) for h in hashes), dtype=np.uint64).reshape(-1, 4)


def vpdq_compare(
    query: str,
    targets: list[tuple[int, str]],
    *,
    distance: int = DEFAULT_PDQ_THRESHOLD,
    quality: int = VPDQ_QUALITY,
) -> list[tuple[int, float, float]]:
    """Compare a video's vPDQ (text form) with many: ``(target id, query match %, target match %)`` for each
    target sharing at least one matching frame. Exact (every frame against every frame), in numpy blocks."""
    q = vpdq_frame_codes(query, quality)
    if not len(q) or not targets:
        return []
    codes, owners = [], []
    for number, (_, text) in enumerate(targets):
        c = vpdq_frame_codes(text, quality)
        codes.append(c)
        owners.append(np.full(len(c), number, dtype=np.int64))
    t = np.concatenate(codes)
    owner = np.concatenate(owners)
    if not len(t):
        return []
    totals = np.bincount(owner, minlength=len(targets))
    pairs, target_hit = [], np.zeros(len(t), dtype=bool)
    block = max(1, 200_000 // len(q))
    for start in range(0, len(t), block):
        part = t[start : start + block]
        near = np.bitwise_count(q[:, None, :] ^ part[None, :, :]).sum(axis=2) <= distance
        rows, cols = np.nonzero(near)
        target_hit[start + cols] = True
        pairs.append(rows * len(targets) + owner[start + cols])
    if not pairs or not target_hit.any():
        return []
    matched_query = np.bincount(np.unique(np.concatenate(pairs)) % len(targets), minlength=len(targets))
    matched_target = np.bincount(owner[target_hit], minlength=len(targets))
    return [
        (targets[n][0], 100.0 * matched_query[n] / len(q), 100.0 * matched_target[n] / totals[n])
        for n in np.flatnonzero(matched_target).tolist()
    ]


# ---------------------------------------------------------------------------------------------- text

_RETWEET = re.compile(r"^\s*(?:rt\s*@\w+\s*:?\s*)+", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w+")
_HASHTAG = re.compile(r"(?<!\w)#(?=\w)")
_SPACE = re.compile(r"\s+")
# Joiners, variation selectors and the keycap mark that build emoji sequences out of ordinary characters,
# skin tones and the tag characters of flag sequences.
_EMOJI_PARTS = [(0x200D, 0x200D), (0xFE0E, 0xFE0F), (0x20E3, 0x20E3), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F)]


@functools.cache
def _emoji_pattern() -> re.Pattern:
    """Every 'other symbol' (Unicode category So: emoji, pictographs, dingbats) and the emoji blocks."""
    ranges = list(_EMOJI_PARTS) + [(0x1F000, 0x1FAFF)]
    start = None
    for code in range(0x110000):
        symbol = unicodedata.category(chr(code)) == "So"
        if symbol and start is None:
            start = code
        elif not symbol and start is not None:
            ranges.append((start, code - 1))
            start = None
    char_class = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in sorted(ranges)
    )
    return re.compile(f"[{char_class}]+")


def normalise_text(text: str) -> str:
    """The text as matched: NFC, lower case, retweet prefix, URLs, @mentions, hashtags' '#', emoji removed,
    whitespace collapsed. Raises SignalError if nothing is left."""
    if not isinstance(text, str):
        raise SignalError("text expected")
    text = unicodedata.normalize("NFC", text)
    text = _RETWEET.sub("", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _HASHTAG.sub("", text)
    text = _emoji_pattern().sub(" ", text)
    text = _SPACE.sub(" ", text.lower()).strip()
    if not text:
        raise SignalError("the text is empty once links, mentions and emoji are removed")
    return text


# Latin letters that carry their mark in the letter itself, so Unicode decomposition does not separate it.
_FOLD = str.maketrans(
    {"đ": "d", "Đ": "D", "ð": "d", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ħ": "h", "ı": "i", "ŧ": "t"}
    | {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th"}
)


def fold_diacritics(text: str) -> str:
    """Remove Vietnamese (and other Latin) diacritics: 'Hòa bình, đoàn kết' -> 'Hoa binh, doan ket'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


fold_vietnamese = fold_diacritics


def folded_text(text: str) -> str:
    """The normalised text with diacritics folded (what the second text signal is computed from)."""
    return fold_diacritics(normalise_text(text))


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode()).hexdigest()


def text_folded_sha256(text: str) -> str:
    return hashlib.sha256(folded_text(text).encode()).hexdigest()


def shingles(normalised: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The set of character n-grams of an already normalised text (the whole text if it is shorter)."""
    if len(normalised) <= size:
        return {normalised}
    return {normalised[i : i + size] for i in range(len(normalised) - size + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def text_jaccard(a: str, b: str, folded: bool = False) -> float:
    """Exact Jaccard similarity of the character 5-gram sets of two texts (normalised, optionally folded)."""
    prepare = folded_text if folded else normalise_text
    return jaccard(shingles(prepare(a)), shingles(prepare(b)))


@functools.cache
def _minhash_permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for 128 values of seed 1: h -> a * h + b mod 2**32."""
    from datasketch import MinHash

    a, b = MinHash(
        num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED, hashfunc=zlib.crc32, scheme=MINHASH_SCHEME
    ).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix of each hashed value before permuting)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


_MINHASH_BLOCK = 32_768  # 5-grams permuted at once (a 16 MB block of uint32 x 128)


def minhash_many(gram_sets: Iterable[Iterable[str]]) -> np.ndarray:
    """The MinHashes (uint32, n x 128) of many 5-gram sets at once: datasketch's values (scheme affine32,
    seed 1, CRC-32 of each 5-gram's UTF-8 bytes, MurmurHash3 finalizer, min of the affine permutations),
    computed in numpy blocks instead of one datasketch call per text."""
    crcs: list[int] = []
    lengths: list[int] = []
    for grams in gram_sets:
        before = len(crcs)
        crcs.extend(zlib.crc32(g.encode()) for g in grams)
        lengths.append(len(crcs) - before)
    out = np.full((len(lengths), MINHASH_PERMUTATIONS), np.iinfo(np.uint32).max, dtype=np.uint32)
    if not crcs:
        return out
    a, b = _minhash_permutations()
    mixed = _fmix32(np.array(crcs, dtype=np.uint32))
    ends = np.cumsum(lengths)
    starts = ends - np.array(lengths)
    nonempty = np.flatnonzero(np.array(lengths) > 0)
    first = 0
    while first < len(nonempty):  # whole texts per block, at least one
        last = first + 1
        limit = starts[nonempty[first]] + _MINHASH_BLOCK
        while last < len(nonempty) and ends[nonempty[last]] <= limit:
            last += 1
        texts = nonempty[first:last]
        lo, hi = starts[texts[0]], ends[texts[-1]]
        with np.errstate(over="ignore"):
            permuted = mixed[lo:hi, None] * a + b
        out[texts] = np.minimum.reduceat(permuted, starts[texts] - lo, axis=0)
        first = last
    return out


def minhash_values(normalised: str, grams: set[str] | None = None) -> np.ndarray:
    """The MinHash (uint32[128]) of an already normalised text's 5-gram set (`grams`, if already computed).

    datasketch's MinHash, scheme "affine32", 128 permutations of seed 1, each 5-gram hashed as the CRC-32 of
    its UTF-8 bytes (datasketch mixes it with the MurmurHash3 finalizer before permuting; CRC-32 is several
    times faster than datasketch's default SHA-1 and what a partner must use to compute comparable MinHashes).
    Computed by `minhash_many` (numpy), equal to datasketch's (tests/peace/test_signal_text_minhash.py).
    """
    grams = grams if grams is not None else shingles(normalised)
    if not grams:
        return minhash_many([grams])[0]
    a, b = _minhash_permutations()
    mixed = _fmix32(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32, count=len(grams)))
    with np.errstate(over="ignore"):
        return (mixed[:, None] * a + b).min(axis=0)


def minhash_hex(values: np.ndarray) -> str:
    return np.asarray(values, dtype=">u4").tobytes().hex()


def minhash_from_hex(value: str) -> np.ndarray:
    """The uint32[128] MinHash of a hex signature; SignalError if it is not one."""
    if not isinstance(value, str) or re.fullmatch(f"[0-9a-fA-F]{{{MINHASH_HEX_LENGTH}}}", value) is None:
        raise SignalError(f"not a text MinHash ({MINHASH_HEX_LENGTH} hex characters expected)")
    return np.frombuffer(bytes.fromhex(value), dtype=">u4").astype(np.uint32)


def text_minhash(text: str) -> str:
    return minhash_hex(minhash_values(normalise_text(text)))


def text_folded_minhash(text: str) -> str:
    return minhash_hex(minhash_values(folded_text(text)))


def minhash_jaccard(a: str, b: str) -> float:
    """Jaccard similarity estimated from two MinHash hex signatures (share of equal values)."""
    return float(np.mean(minhash_from_hex(a) == minhash_from_hex(b)))


def text_signals(text: str) -> dict[str, str]:
    """All text signals at once: sha256, minhash, and their diacritic-folded twins."""
    normalised = normalise_text(text)
    folded = fold_diacritics(normalised)
    return {
        "text_sha256": hashlib.sha256(normalised.encode()).hexdigest(),
        "text_minhash": minhash_hex(minhash_values(normalised)),
        "text_folded_sha256": hashlib.sha256(folded.encode()).hexdigest(),
        "text_folded_minhash": minhash_hex(minhash_values(folded)),
    }
