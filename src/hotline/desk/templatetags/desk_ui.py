"""Template helpers of the desk's pages: translated labels of codes, TLP badges, live countdowns, bodies."""

from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hotline.desk import forms, rendering
from hotline.federation.services import format_duration

register = template.Library()

LABELS = {
    "state": forms.STATE_LABELS,
    "kind": forms.KIND_LABELS,
    "priority": forms.PRIORITY_LABELS,
    "direction": forms.DIRECTION_LABELS,
    "tlp": forms.TLP_LABELS,
    "handling": forms.HANDLING_LABELS,
    "reliability": forms.RELIABILITY_LABELS,
    "credibility": forms.CREDIBILITY_LABELS,
    "language": forms.LANGUAGE_LABELS,
    "stix_type": forms.STIX_TYPE_LABELS,
    "event": forms.EVENT_LABELS,
    "event_action": forms.EVENT_ACTION_LABELS,
}


@register.filter
def label(value, kind: str) -> str:
    """{{ message.state|label:"state" }} -> the translated name of the code."""
    return forms.label(LABELS[kind], value)


@register.filter
def tlp_class(level: str) -> str:
    return "tlp-" + (level or "clear").replace("+", "-")


@register.filter
def body_html(message):
    """The message's body as safe HTML (Markdown through the desk's sanitising renderer)."""
    return rendering.render_body(message.body, message.body_format)


@register.filter
def duration(value) -> str:
    return format_duration(value) if value else ""


def remaining_text(due: datetime, now: datetime) -> tuple[str, bool]:
    """ "1 d 02:03:04" (or "0:14:59") and whether the deadline has passed; the script counts on from it."""
    seconds = int((due - now).total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}" if days else f"{hours}:{minutes:02d}:{secs:02d}"
    if days:
        clock = _("%(days)s d") % {"days": days} + " " + clock
    return (_("overdue by %(time)s") if overdue else _("%(time)s left")) % {"time": clock}, overdue


@register.simple_tag
def countdown(due, now=None):
    """A live countdown to `due`: the text is right when the page is made; static/web/countdown.js keeps it
    right every second from the data-deadline attribute."""
    if due is None:
        return ""
    now = now or timezone.now()
    text, overdue = remaining_text(due, now)
    stamp = due.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return format_html(
        '<time class="countdown{}" datetime="{}" data-deadline="{}" data-left="{}" data-overdue="{}" '
        'data-days="{}" title="{}" role="timer">{}</time>',
        " overdue" if overdue else "",
        stamp,
        stamp,
        _("%(time)s left") % {"time": "%s"},
        _("overdue by %(time)s") % {"time": "%s"},
        _("%(days)s d") % {"days": "%s"},
        due.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        text,
    )


def next_deadline(message) -> tuple[str, datetime] | None:
    """The deadline the message waits on now: ("ack", due) or ("reply", due), or None."""
    waiting_ack = message.state in ("received", "sent", "delivered")
    if waiting_ack and message.ack_due_at and message.acknowledged_at is None:
        return "ack", message.ack_due_at
    waiting_reply = message.state in ("received", "sent", "delivered", "acknowledged", "in_progress")
    if waiting_reply and message.reply_due_at and message.answered_at is None:
        return "reply", message.reply_due_at
    return None


@register.simple_tag
def deadline(message, now=None):
    """ "Acknowledge: 0:14:59 left" / "Reply: …" with a live countdown, or a dash."""
    found = next_deadline(message)
    if found is None:
        return mark_safe('<span class="muted">—</span>')  # noqa: S308 - a constant
    what, due = found
    text = _("Acknowledge:") if what == "ack" else _("Reply:")
    return format_html('<span class="deadline">{} {}</span>', text, countdown(due, now))
