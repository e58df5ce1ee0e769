"""The access policy: the one place that answers "may this user see / do this". All entry points ask it."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from hotline.access.models import CollectionGrant
from hotline.intel.models import Collection

User = AbstractBaseUser | AnonymousUser


def _grants(user: User, collection: Collection | None = None) -> QuerySet:
    grants = CollectionGrant.objects.filter(Q(user_id=user.pk) | Q(group__in=user.groups.all()))
    return grants.filter(collection=collection) if collection is not None else grants


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_read_collection(user: User, collection: Collection) -> bool:
    if not _is_active(user):
        return False
    return user.is_superuser or _grants(user, collection).filter(can_read=True).exists()


def can_write_collection(user: User, collection: Collection) -> bool:
    if not _is_active(user):
        return False
    return user.is_superuser or _grants(user, collection).filter(can_write=True).exists()


def can_see_collection(user: User, collection: Collection) -> bool:
    """A collection exists for a user who may read or write it; for anyone else it does not (404, not 403)."""
    return can_read_collection(user, collection) or can_write_collection(user, collection)


def visible_collections(user: User) -> QuerySet:
    if not _is_active(user):
        return Collection.objects.none()
    if user.is_superuser:
        return Collection.objects.all()
    granted = _grants(user).filter(Q(can_read=True) | Q(can_write=True)).values("collection_id")
    return Collection.objects.filter(pk__in=granted)


def can_view_status(user: User, owner_id: int | None) -> bool:
    """A TAXII status belongs to the user who posted the objects (and the node admins)."""
    return _is_active(user) and (user.is_superuser or user.pk == owner_id)
