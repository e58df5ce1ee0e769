"""The demo's coordinator gets a bank of harmless synthetic items, shared with the other demo node; seeding
twice adds nothing."""

from hotline.federation.services import create_partner
from hotline.intel.models import CollectionEntry
from hotline.peace import demo
from hotline.peace.models import Bank, BankEntry


def test_the_demo_bank_is_seeded_once_and_shared(coordinator):
    mps = create_partner("mps", "Ministry of Public Security (Viet Nam)")
    demo.seed("bnpt")
    demo.seed("bnpt")
    bank = Bank.objects.get(name=demo.DEMO_BANK)
    kinds = sorted(bank.entries.values_list("content_type", flat=True))
    assert kinds == ["image", "image", "image", "text", "text"]
    assert all(e.content_file and "demo" in e.tags for e in BankEntry.objects.all())
    assert list(bank.shared_with.all()) == [mps]
    assert CollectionEntry.objects.filter(collection=mps.outbound, type="hotline-bank-entry").count() == 5
