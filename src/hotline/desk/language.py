"""Which of the desk's three languages a text is in (lingua-language-detector); the sender may change it."""

from functools import lru_cache

LANGUAGES = {"en": "English", "id": "Indonesian", "vi": "Vietnamese"}
# Below this confidence the language is left empty rather than guessed.
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.INDONESIAN, Language.VIETNAMESE
    ).build()


def detect_language(text: str) -> str:
    """ "en", "id" or "vi", or "" when the text is too short or too mixed to tell."""
    text = (text or "").strip()
    if not text:
        return ""
    best = _detector().compute_language_confidence_values(text)[0]
    if best.value < MIN_CONFIDENCE:
        return ""
    return best.language.iso_code_639_1.name.lower()
