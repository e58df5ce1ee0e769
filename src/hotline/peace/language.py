"""The language of a submitted post (lingua-language-detector): Indonesian, Vietnamese, English, or other.

The detector knows, besides the three, the languages most often met next to them in the region's posts
(Arabic, Chinese, Thai, Tagalog, French, Spanish, Russian), so a post in one of those is "other" instead
of being forced into one of the three. Malay is left out on purpose: it is too close to Indonesian for short
posts, which belong to the Indonesian team anyway.
"""

from functools import lru_cache

MIN_CONFIDENCE = 0.5
TEAMS = {"INDONESIAN": "id", "VIETNAMESE": "vi", "ENGLISH": "en"}


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.INDONESIAN, Language.VIETNAMESE, Language.ENGLISH, Language.ARABIC, Language.CHINESE,
        Language.THAI, Language.TAGALOG, Language.FRENCH, Language.SPANISH, Language.RUSSIAN,
    ]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str) -> str:
    """ "id", "vi", "en" or "other" (also for no text, or a text too short or mixed to tell)."""
    text = (text or "").strip()
    if not text:
        return "other"
    best = _detector().compute_language_confidence_values(text)[0]
    if best.value < MIN_CONFIDENCE:
        return "other"
    return TEAMS.get(best.language.name, "other")
