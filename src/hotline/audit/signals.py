"""Hooks on Django's own events: logins and failed logins, role (group) changes of users, collection grants,
and every change made in the Django admin."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_delete

from hotline.access.models import ApiToken, CollectionGrant
from hotline.access.services import token_created, token_revoked
from hotline.access.throttle import TOKEN_USERNAME
from hotline.audit.services import record


def on_login(sender, request, user, **kwargs) -> None:
    record("login", actor=user, request=request, target=user.get_username())


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already replaced the password in `credentials` with stars; keep only the user name.
    username = str(credentials.get("username", ""))[:150]
    if username == TOKEN_USERNAME:
        return  # a refused API token: the TAXII entry point records it by its prefix (credentials_refused)
    record("login.failed", actor="", request=request, target=username, detail={"username": username})


def on_groups_changed(sender, instance, action, pk_set, reverse, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    verb = {"post_add": "role.add", "post_remove": "role.remove", "pre_clear": "role.remove"}[action]
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the users
        users = get_user_model().objects.filter(pk__in=pk_set or ()).values_list("username", flat=True)
        for username in users:
            record(verb, target=username, detail={"roles": [instance.name]})
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
    else:
        names = list(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    if names:
        record(verb, target=instance.get_username(), detail={"roles": sorted(names)})


def _grant_detail(grant: CollectionGrant) -> dict:
    who = {"role": grant.group.name} if grant.group_id else {"user": grant.user.get_username()}
    return {"collection": grant.collection.alias, **who, "read": grant.can_read, "write": grant.can_write}


def on_grant_saved(sender, instance, created, **kwargs) -> None:
    record("grant.add" if created else "grant.change", target=instance.collection.alias,
           detail=_grant_detail(instance))  # fmt: skip


def on_grant_deleted(sender, instance, **kwargs) -> None:
    record("grant.remove", target=instance.collection.alias, detail=_grant_detail(instance))


def _token_detail(token: ApiToken) -> dict:
    """Which token and what it may do; never the token itself (its prefix is what `hotline token list`
    shows)."""
    collections = None if token.all_collections else sorted(c.alias for c in token.collections.all())
    return {
        "token_id": token.pk, "name": token.name, "prefix": token.prefix, "user": token.user.get_username(),
        "read": token.can_read, "write": token.can_write, "collections": collections or "all",
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
    }  # fmt: skip


def on_token_created(sender, token, by=None, **kwargs) -> None:
    record("token.create", actor=by, target=token.user.get_username(), detail=_token_detail(token))


def on_token_revoked(sender, token, by=None, **kwargs) -> None:
    record("token.revoke", actor=by, target=token.user.get_username(), detail=_token_detail(token))


def on_admin_change(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    verb = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}
    model = instance.content_type.model_class() if instance.content_type_id else None
    record(
        f"admin.{verb.get(instance.action_flag, 'change')}", actor=instance.user,
        target=f"{model._meta.label if model else '?'} {instance.object_id or ''}".strip(),
        detail={"object": instance.object_repr, "change": instance.get_change_message()},
    )  # fmt: skip


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="hotline.audit.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="hotline.audit.login_failed")
    m2m_changed.connect(
        on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="hotline.audit.groups"
    )
    post_save.connect(on_grant_saved, sender=CollectionGrant, dispatch_uid="hotline.audit.grant_saved")
    # pre_delete: the grant's collection and group are still there to be named (a cascade removes them next).
    pre_delete.connect(on_grant_deleted, sender=CollectionGrant, dispatch_uid="hotline.audit.grant_deleted")
    post_save.connect(on_admin_change, sender=LogEntry, dispatch_uid="hotline.audit.admin")
    token_created.connect(on_token_created, dispatch_uid="hotline.audit.token_created")
    token_revoked.connect(on_token_revoked, dispatch_uid="hotline.audit.token_revoked")
