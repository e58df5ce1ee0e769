"""Every control of the desk's forms has a label (or is a labelled button), so the forms work with a screen
reader and the keyboard; no control is taken out of the tab order."""

from html.parser import HTMLParser

import pytest

from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import client_for, incoming
from tests.factories import sdo


class Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.tabindex = [], set(), []
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "tabindex" in attrs and attrs["tabindex"].startswith("-"):
            self.tabindex.append((tag, attrs))
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        if tag == "button":
            self._button = ""

    def handle_data(self, data):
        if self._button is not None:
            self._button += data

    def handle_endtag(self, tag):
        if tag == "button":
            assert self._button.strip(), "a button without text"
            self._button = None


def unlabelled(page: str) -> list:
    parser = Controls()
    parser.feed(page)
    assert not parser.tabindex
    return [c for c in parser.controls if c.get("id") not in parser.labels and not c.get("aria-label")]


@pytest.mark.parametrize("path", ["/desk/compose/", "/desk/search/", "/desk/report/", "/desk/roster/"])
def test_every_control_is_labelled(desk, path):
    assert unlabelled(client_for(desk.sam).get(path).content.decode()) == []


def test_the_reply_form_is_labelled(desk):
    message = incoming(desk, kind="rfi")

    assert unlabelled(client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode()) == []


def test_the_picked_intelligence_checkboxes_are_labelled(desk):
    intel.add_objects(Collection.objects.get(alias="intel"), [sdo("campaign", name="Ramadan wave")])

    page = (
        client_for(desk.alice)
        .post("/desk/compose/", {"find_intel": "1", "intel_query": "ramadan", "intel_type": ""})
        .content.decode()
    )

    assert 'name="intel_refs"' in page and "Ramadan wave" in page
    assert unlabelled(page) == []
