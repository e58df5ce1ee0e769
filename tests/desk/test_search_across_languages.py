"""Search covers subject, body and attached intelligence, in all three languages, without regard to case or
diacritics (Vietnamese with or without its marks), as a query on the normalised column."""

import pytest

from hotline.desk import inbound, services
from hotline.desk.search import normalise, search
from hotline.intel.models import Collection
from hotline.intel.services import add_objects
from tests.desk.conftest import T0, draft, partner_message
from tests.factories import sdo


@pytest.fixture
def messages(desk):
    actor = sdo("threat-actor", name="Jemaah Ansharut Daulah cell Medan", description="Recruits online")
    add_objects(Collection.objects.get(alias="intel"), [actor])
    return {
        "vi": inbound.receive_message(
            partner_message(
                subject="Cảnh báo khẩn cấp", body="Nhóm khủng bố đang lên kế hoạch tấn công Đà Nẵng"
            ),
            partner=desk.mps,
            now=T0,
        ),
        "id": services.send(
            desk.alice,
            draft(subject="Peringatan serangan", body="Sel teroris merencanakan serangan di pelabuhan"),
            now=T0,
        ),
        "en": services.send(
            desk.alice,
            draft(subject="Recruitment videos", body="See the attached actor.", intel_refs=[actor["id"]]),
            now=T0,
        ),
    }


def _found(user, query):
    return {m.language for m in search(user, query)}


@pytest.mark.parametrize(
    "query",
    [
        "Cảnh báo khẩn cấp",
        "canh bao khan cap",
        "CANH BAO",
        "khủng bố",
        "khung bo",
        "đà nẵng",
        "da nang",
        "Đà Nang",
    ],
)
def test_vietnamese_with_and_without_diacritics(messages, desk, query):
    assert _found(desk.alice, query) == {"vi"}


@pytest.mark.parametrize("query", ["serangan", "PELABUHAN", "sel teroris"])
def test_indonesian(messages, desk, query):
    assert _found(desk.alice, query) == {"id"}


def test_attached_intelligence_is_searched(messages, desk):
    assert _found(desk.alice, "ansharut daulah") == {"en"}
    assert _found(desk.alice, "recruits online") == {"en"}


def test_every_word_must_match(messages, desk):
    assert _found(desk.alice, "serangan teroris") == {"id"}
    assert _found(desk.alice, "serangan khung") == set()
    assert _found(desk.alice, "   ") == set()


def test_normalise():
    assert normalise("Cảnh BÁO — khẩn_cấp! Đường") == "canh bao khan cap duong"
    assert normalise("Phạm Thế Tùng") == "pham the tung"


def test_search_is_one_database_query(messages, desk, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the user's roles, then the search itself
        list(search(desk.alice, "canh bao"))
