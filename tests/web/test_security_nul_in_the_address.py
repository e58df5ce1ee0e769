"""A NUL character (%00) in a page's address, in the path or a query parameter: a 400 page in the user's
language before any view runs, for every actor and for a visitor who is not signed in; never a server error
(PostgreSQL refuses it as a query parameter). The same on SQLite and PostgreSQL."""

import pytest
from django.test import Client

from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/desk/search/?q=ferry%00",
    "/desk/inbox/?state=%00",
    "/desk/messages/hotline-message--%00/",
    "/login/?next=/desk/%00",
]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_a_nul_in_the_address_is_a_400_page_for_every_actor(actors, who, address):
    response = signed_in_client(actors[who], "vi").get(address)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_nul_in_the_address_is_a_400_page_before_signing_in(address):
    response = Client().get(address)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
