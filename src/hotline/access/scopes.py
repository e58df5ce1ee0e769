"""The scope of an API token, carried on the user object of the request it authenticated.

The policy narrows a user's collection rights by it (`policy.collection_rights`); with no token (a web
session, HTTP Basic) there is no scope and the user's own rights apply.
"""

from dataclasses import dataclass

ATTRIBUTE = "_hotline_token_scope"


@dataclass(frozen=True)
class TokenScope:
    collection_ids: frozenset | None  # None: every collection the user may reach
    read: bool
    write: bool

    def narrow(self, collection_id, rights: tuple[bool, bool]) -> tuple[bool, bool]:
        if self.collection_ids is not None and collection_id not in self.collection_ids:
            return False, False
        return rights[0] and self.read, rights[1] and self.write


def of_token(token) -> TokenScope:
    ids = None if token.all_collections else frozenset(token.collections.values_list("pk", flat=True))
    return TokenScope(collection_ids=ids, read=token.can_read, write=token.can_write)


def attach(user, scope: TokenScope) -> None:
    setattr(user, ATTRIBUTE, scope)


def of_user(user) -> TokenScope | None:
    return getattr(user, ATTRIBUTE, None)
