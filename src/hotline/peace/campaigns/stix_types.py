"""The campaigns' STIX 2.1 objects (plain Python, no Django).

hotline-counter-campaign  a counter-narrative campaign shared with a partner's Peace Media Center so it can
                          run a sister campaign (a project type, new-sdo, declared by an extension definition:
                          a STIX `campaign` is an adversary's, which this is not): name, description, theme,
                          key_message_id / key_message_vi / key_message_en, audiences, regions, starts_on,
                          ends_on (YYYY-MM-DD), goal_content, goal_reach, status.
note                      an approved counter-narrative of the campaign's library: the standard STIX 2.1
                          note, `abstract` = its title, `content` = its text, `object_refs` = [the campaign],
                          `lang`, and the library's own properties `theme`, `content_kind` and `link`.
"""

import re
from datetime import date, datetime

from hotline import stix
from hotline.stix.extensions import PROJECT_IDENTITY, project_id

CAMPAIGN = "hotline-counter-campaign"
EXTENSION_ID = project_id("extension-definition", CAMPAIGN)
SCHEMA_BASE = "https://hotline.jwg-ct.example/stix/extensions/"
STATUSES = ("draft", "active", "closed")
KINDS = ("article", "infographic", "video", "other")
_DEFINED = "2025-06-18T00:00:00.000Z"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def definition() -> dict:
    return stix.make_extension_definition(
        id=EXTENSION_ID,
        name=CAMPAIGN,
        description="A Peace Media Center counter-narrative campaign: its theme, key messages in Indonesian, "
        "Vietnamese and English, target audiences and regions, dates, goals (content, reach) and status.",
        schema_url=SCHEMA_BASE + CAMPAIGN + ".json",
        version="1.0.0",
        extension_types=["new-sdo"],
        created_by_ref=PROJECT_IDENTITY["id"],
        created=_DEFINED,
    )


def register() -> None:
    stix.register_extension(definition(), check_campaign)


def object_id(campaign_stix_id: str) -> str:
    """Our campaign's `campaign--<uuid>` travels as `hotline-counter-campaign--<uuid>`."""
    return f"{CAMPAIGN}--{campaign_stix_id.split('--', 1)[-1]}"


def campaign_object(
    *, stix_id: str, created: datetime, modified: datetime, created_by_ref: str, name: str, description: str,
    theme: str, key_messages: dict[str, str], audiences: str, regions: list[str], starts_on: date,
    ends_on: date, goal_content: int, goal_reach: int, status: str, tlp: str = "green",
) -> dict:  # fmt: skip
    obj = {
        "type": CAMPAIGN,
        "spec_version": "2.1",
        "id": stix_id,
        "created": stix.format_timestamp(created),
        "modified": stix.format_timestamp(max(modified, created)),
        "created_by_ref": created_by_ref,
        "name": name,
        "description": description,
        "theme": theme,
        **{f"key_message_{code}": text for code, text in key_messages.items()},
        "audiences": audiences,
        "regions": list(regions),
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "goal_content": goal_content,
        "goal_reach": goal_reach,
        "status": status,
        "extensions": {EXTENSION_ID: {"extension_type": "new-sdo"}},
    }
    obj = {k: v for k, v in obj.items() if v not in (None, "", [])}
    return stix.mark(obj, tlp)


def library_note(
    *, stix_id: str, created: datetime, created_by_ref: str, campaign_ref: str, title: str, text: str,
    link: str, language: str, theme: str, kind: str, tlp: str = "green",
) -> dict:  # fmt: skip
    obj = {
        "type": "note",
        "spec_version": "2.1",
        "id": stix_id,
        "created": stix.format_timestamp(created),
        "modified": stix.format_timestamp(created),
        "created_by_ref": created_by_ref,
        "abstract": title,
        # A note must have content: a link-only item (a video, say) carries its address there too.
        "content": text or link or title,
        "object_refs": [campaign_ref],
        "lang": language,
        "theme": theme,
        "content_kind": kind,
        "link": link,
    }
    obj = {k: v for k, v in obj.items() if v not in (None, "", [])}
    return stix.mark(obj, tlp)


def check_campaign(obj: dict) -> list[str]:
    if obj.get("type") != CAMPAIGN:
        return []
    problems = []
    for name in ("name", "theme", "starts_on", "ends_on"):
        if not isinstance(obj.get(name), str) or not obj[name].strip():
            problems.append(f"property '{name}' is required and must be a string")
    for name in ("starts_on", "ends_on"):
        if isinstance(obj.get(name), str) and not _DAY.match(obj[name]):
            problems.append(f"property '{name}' must be a date YYYY-MM-DD")
    for name in ("description", "audiences", "key_message_id", "key_message_vi", "key_message_en"):
        if name in obj and not isinstance(obj[name], str):
            problems.append(f"property '{name}' must be a string")
    if "regions" in obj and not (
        isinstance(obj["regions"], list) and all(isinstance(r, str) for r in obj["regions"])
    ):
        problems.append("property 'regions' must be a list of strings")
    for name in ("goal_content", "goal_reach"):
        if name in obj and (type(obj[name]) is not int or obj[name] < 0):
            problems.append(f"property '{name}' must be a whole number of 0 or more")
    if obj.get("status", "active") not in STATUSES:
        problems.append(f"property 'status' must be one of {', '.join(STATUSES)}")
    return problems
