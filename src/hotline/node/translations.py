"""Compile the UI translations (.po -> .mo) with polib, so no system gettext is needed to install a node.

The project catalogue lives in `hotline/locale`; a feature app may keep its own in `hotline/<app>/locale`
(Django finds both), so each part of the UI owns its strings.
"""

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"


def locale_dirs(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The project catalogue first, then every app's own."""
    # Any depth: an app inside a package (peace/campaigns) keeps its own catalogue too.
    own = package_dir / "locale"
    return [own, *sorted(p for p in package_dir.glob("**/locale") if p.is_dir() and p != own)]


def compile_all(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    compiled = []
    for locale_dir in locale_dirs(package_dir):
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path}")
