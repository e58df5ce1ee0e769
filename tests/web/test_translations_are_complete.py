"""Every string of the UI is translated into Indonesian and Vietnamese, and nothing is left fuzzy.

The project catalogue and each app's own catalogue (`hotline/<app>/locale`) are checked alike.
"""

import os
import shutil
import subprocess
import sys

import polib
import pytest

from hotline.node.translations import PACKAGE_DIR, compile_all, locale_dirs

LANGUAGES = ("id", "vi")
CATALOGUES = [(d.relative_to(PACKAGE_DIR), language) for d in locale_dirs() for language in LANGUAGES]
IDS = [f"{d}-{language}" for d, language in CATALOGUES]


def catalogue_path(root, locale_dir, language):
    return root / locale_dir / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize(("locale_dir", "language"), CATALOGUES, ids=IDS)
def test_every_entry_is_translated_and_none_is_fuzzy(locale_dir, language):
    catalogue = polib.pofile(str(catalogue_path(PACKAGE_DIR, locale_dir, language)))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_holds_every_string_the_code_marks_for_translation(language, tmp_path):
    """Extract the strings afresh with Django's makemessages and compare with the committed catalogues.

    makemessages writes each string to the nearest app `locale` directory, else to the project's.
    """
    copy = tmp_path / "hotline"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", language, "--no-obsolete", "--no-location"],
        cwd=copy, check=True, capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )  # fmt: skip
    missing = {}
    for locale_dir in locale_dirs():
        extracted_path = catalogue_path(copy, locale_dir.relative_to(PACKAGE_DIR), language)
        extracted = {e.msgid for e in polib.pofile(str(extracted_path))} if extracted_path.exists() else set()
        committed = {e.msgid for e in polib.pofile(str(catalogue_path(locale_dir, "", language)))}
        if extracted - committed:
            missing[str(locale_dir.relative_to(PACKAGE_DIR))] = sorted(extracted - committed)

    assert missing == {}


def test_compiled_catalogues_are_up_to_date():
    compile_all()
    for locale_dir in locale_dirs():
        for language in LANGUAGES:
            po = catalogue_path(locale_dir, "", language)
            assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime
