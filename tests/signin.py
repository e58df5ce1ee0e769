"""A Django test client signed in as a user: every in-process view test logs in through here, so a change to
what a complete sign-in is (a second factor, say) is made in one place."""

from django.test import Client


def signed_in_client(user, language: str = "en", **client_options) -> Client:
    client = Client(headers={"accept-language": language}, **client_options)
    client.force_login(user)
    return client
