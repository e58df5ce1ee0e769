"""Every string of the UI is translated into Indonesian and Vietnamese, and nothing is left fuzzy."""

import os
import shutil
import subprocess
import sys

import polib
import pytest

from hotline.node.translations import LOCALE_DIR, compile_all

PACKAGE = LOCALE_DIR.parent
LANGUAGES = ("id", "vi")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_string_the_code_marks_for_translation(language, tmp_path):
    """Extract the strings afresh with Django's makemessages and compare with the committed catalogue."""
    copy = tmp_path / "hotline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", language, "--no-obsolete", "--no-location"],
        cwd=copy, check=True, capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )  # fmt: skip
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))}
    committed = {e.msgid for e in polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))}

    assert sorted(extracted - committed) == []


def test_compiled_catalogues_are_up_to_date():
    compile_all()
    for language in LANGUAGES:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime
