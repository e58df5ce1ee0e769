"""`hotline demo` seeds each node with the programme: the seed's meetings and five agreed points, activities
under them, and a `secretariat` user who may edit it."""

from hotline.access import policy
from hotline.node import demo
from hotline.node.services import create_defaults
from hotline.programme.models import Activity, AgreedPoint, Meeting


def test_the_demo_seeds_the_programme(db, settings):
    settings.NODE_NAME = "mps"
    create_defaults()
    demo.seed("demo-password-1")
    demo.seed("demo-password-1")  # twice: nothing new

    assert set(Meeting.objects.values_list("code", flat=True)) == {"JWG-1", "JWG-2"}
    assert AgreedPoint.objects.filter(meeting__code="JWG-2").count() == 5
    assert Activity.objects.filter(theme="Use of AI by terrorist networks").count() == 1
    from django.contrib.auth import get_user_model

    assert policy.can_edit_programme(get_user_model().objects.get(username="secretariat"))
