"""Sharing a campaign with a partner's Peace Media Center, so it can run a sister campaign: the campaign (its
key messages in three languages, audiences, regions, dates, goals) as a `hotline-counter-campaign` object and
each approved item of its library as a STIX `note` referring to it (stix_types.py), marked TLP:GREEN.

They are stored through intel in the `campaigns` collection (no role granted: people read campaigns through
these pages) and placed in the partner's outbound collection with `federation.share`, so the access policy
(`policy.share_refusal`) decides what may go, and federation signs and pushes it. Items approved later for a
shared campaign follow. The partner files what it receives (`receive_objects`, on federation's
`objects_received`) as read-only Campaign and LibraryItem rows whose `origin` is us; a newer `modified` wins;
the same object twice is one row; a partner's campaign is never passed on to a third one. Files of library
items (an image, a video) stay home: their text and link travel."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from hotline import stix
from hotline.access import policy
from hotline.federation import services as federation
from hotline.federation.models import Partner
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.peace.campaigns import stix_types
from hotline.peace.campaigns.models import Campaign, LibraryItem
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError

log = logging.getLogger(__name__)
COLLECTION = "campaigns"
TLP = "green"


@dataclass
class ShareResult:
    items: int = 0
    refused: list[str] = field(default_factory=list)


def campaigns_collection() -> Collection:
    return intel.create_collection(
        COLLECTION, "Counter-narrative campaigns", "Campaigns and library items shared"
    )


def campaign_object(campaign: Campaign) -> dict:
    return stix_types.campaign_object(
        stix_id=stix_types.object_id(campaign.stix_id), created=campaign.created_at,
        modified=campaign.updated_at, created_by_ref=federation.node_identity_id(), name=campaign.title,
        description=campaign.description, theme=campaign.theme,
        key_messages={code: getattr(campaign, f"key_message_{code}") for code in ("id", "vi", "en")},
        audiences=campaign.audiences, regions=campaign.regions, starts_on=campaign.starts_on,
        ends_on=campaign.ends_on, goal_content=campaign.goal_content, goal_reach=campaign.goal_reach,
        status=campaign.status, tlp=TLP,
    )  # fmt: skip


def item_object(item: LibraryItem) -> dict:
    return stix_types.library_note(
        stix_id=item.stix_id, created=item.approved_at, created_by_ref=federation.node_identity_id(),
        campaign_ref=stix_types.object_id(item.campaign.stix_id), title=item.title, text=item.text,
        link=item.link, language=item.language, theme=item.theme, kind=item.kind, tlp=TLP,
    )  # fmt: skip


def _send(partner: Partner, objects: list[dict], result: ShareResult) -> list[dict]:
    home = federation.node_identity_id()
    allowed = []
    for obj in objects:
        refusal = policy.share_refusal(obj, partner, along=objects, home_identity=home)
        if refusal:
            result.refused.append(refusal)
        else:
            allowed.append(obj)
    if allowed:
        stored = intel.add_objects(campaigns_collection(), allowed)
        if stored.failures:
            raise ReachError("; ".join(f"{f.id}: {f.message}" for f in stored.failures))
        try:
            federation.share(partner, allowed)
        except federation.PartnerError as exc:
            raise ReachError(str(exc)) from None
    return allowed


def share_campaign(user, campaign: Campaign, partner: Partner) -> ShareResult:
    """Share the campaign and every approved item of its library with the partner; items approved later
    follow. What the policy refuses stays home and is listed in the result."""
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("only a campaign coordinator shares campaigns")
    if campaign.read_only:
        raise ReachError(
            f"{campaign} came from {campaign.origin.name}; it is not passed on to another partner"
        )
    if not partner.active:
        raise ReachError(f"partner {partner.name} was removed")
    result = ShareResult()
    with transaction.atomic():
        campaign.shared_with.add(partner)
        items = list(campaign.library.filter(origin__isnull=True).select_related("campaign"))
        sent = _send(partner, [campaign_object(campaign), *map(item_object, items)], result)
        result.items = sum(1 for obj in sent if obj["type"] == "note")
        LibraryItem.shared_with.through.objects.bulk_create(
            [LibraryItem.shared_with.through(libraryitem_id=i.pk, partner_id=partner.pk) for i in items],
            ignore_conflicts=True,
        )
    return result


def on_library_item_saved(sender, instance: LibraryItem, created: bool, **kwargs) -> None:
    """An item approved for a shared campaign follows the campaign to its partners (after the commit)."""
    if instance.origin_id is not None or instance.campaign_id is None:
        return
    pk = instance.pk
    transaction.on_commit(lambda: _share_later(pk))


def _share_later(pk: int) -> None:
    item = LibraryItem.objects.select_related("campaign").filter(pk=pk).first()
    if item is None or item.campaign is None or item.campaign.read_only:
        return
    for partner in item.campaign.shared_with.filter(active=True):
        result = ShareResult()
        try:
            with transaction.atomic():
                if _send(partner, [campaign_object(item.campaign), item_object(item)], result):
                    item.shared_with.add(partner)
        except ReachError as exc:
            log.warning("library item %s not shared with %s: %s", item.stix_id, partner.name, exc)
        for reason in result.refused:
            log.info("not shared with %s: %s", partner.name, reason)


def page_context(campaign: Campaign) -> dict:
    return {
        "sharing_partners": list(Partner.objects.filter(active=True).order_by("name")),
        "shared_with": list(campaign.shared_with.order_by("name")),
    }


# --- receiving ----------------------------------------------------------------------------------------------


def on_objects_received(sender: Partner, objects: list[dict], **kwargs) -> None:
    receive_objects(objects, partner=sender)


def receive_objects(objects: list[dict], *, partner: Partner) -> int:
    """File a partner's shared campaigns, then their library notes (whatever the order they came in)."""
    ours = [o for o in objects if isinstance(o, dict) and o.get("created_by_ref") == partner.identity_id]
    campaigns = [o for o in ours if o.get("type") == stix_types.CAMPAIGN]
    notes = [o for o in ours if o.get("type") == "note"]
    filed = 0
    for obj, receive in [*((o, receive_campaign) for o in campaigns), *((o, receive_note) for o in notes)]:
        try:
            filed += bool(receive(obj, partner))
        except (ValueError, KeyError, TypeError) as exc:  # one bad object does not stop the others
            log.warning("from %s: %s not filed: %s", partner.name, obj.get("id"), exc)
    return filed


def _day(text: str):
    return datetime.strptime(text, "%Y-%m-%d").date()


def receive_campaign(obj: dict, partner: Partner) -> Campaign | None:
    problems = stix.validate_object(obj)
    if problems:
        raise ValueError("; ".join(problems))
    modified = stix.parse_timestamp(obj["modified"])
    fields = {
        "title": obj["name"][:200], "theme": obj["theme"][:200], "description": obj.get("description", ""),
        "key_message_id": obj.get("key_message_id", ""), "key_message_vi": obj.get("key_message_vi", ""),
        "key_message_en": obj.get("key_message_en", ""), "audiences": obj.get("audiences", ""),
        "regions": list(obj.get("regions", [])), "starts_on": _day(obj["starts_on"]),
        "ends_on": _day(obj["ends_on"]), "goal_content": obj.get("goal_content", 0),
        "goal_reach": obj.get("goal_reach", 0), "status": obj.get("status", "active"),
    }  # fmt: skip
    with transaction.atomic():
        existing = Campaign.objects.select_for_update().filter(stix_id=obj["id"]).first()
        if existing is not None:
            if existing.origin_id != partner.pk:
                raise ValueError(f"{obj['id']} is not {partner.name}'s campaign")
            if existing.updated_at >= modified:
                return None  # the same version again, or an older one
            pk = existing.pk
        else:
            pk = Campaign.objects.create(stix_id=obj["id"], origin=partner, **fields).pk
        # The copy's updated_at is the partner's `modified` (an update() bypasses auto_now): a newer wins.
        Campaign.objects.filter(pk=pk).update(updated_at=modified, **fields)
    return Campaign.objects.get(pk=pk)


def receive_note(obj: dict, partner: Partner) -> LibraryItem | None:
    campaign = Campaign.objects.filter(stix_id__in=obj.get("object_refs") or [], origin=partner).first()
    if campaign is None:
        return None  # a note on something else: not the library's business
    problems = stix.validate_object(obj)
    if problems:
        raise ValueError("; ".join(problems))
    kind = obj.get("content_kind", "other")
    language = obj.get("lang", "en")
    fields = {
        "campaign": campaign, "title": (obj.get("abstract") or obj["content"])[:200],
        "theme": str(obj.get("theme") or campaign.theme)[:200],
        "language": language if language in dict(LibraryItem._meta.get_field("language").choices) else "en",
        "kind": kind if kind in stix_types.KINDS else "other",
        "text": obj["content"] if obj["content"] != obj.get("link") else "",
        "link": obj.get("link", "") if str(obj.get("link", "")).startswith(("http://", "https://")) else "",
        "approved_at": stix.parse_timestamp(obj["created"]),
    }  # fmt: skip
    existing = LibraryItem.objects.filter(stix_id=obj["id"]).first()
    if existing is not None:
        if existing.origin_id != partner.pk:
            raise ValueError(f"{obj['id']} is not {partner.name}'s library item")
        LibraryItem.objects.filter(pk=existing.pk).update(**fields)
        return None
    return LibraryItem.objects.create(stix_id=obj["id"], origin=partner, **fields)
