"""The main menu. Each feature adds its entry here: (url name, label, who may see it)."""

ENTRIES: list[tuple] = []


def register(url_name: str, label, allowed) -> None:
    if all(entry[0] != url_name for entry in ENTRIES):
        ENTRIES.append((url_name, label, allowed))
