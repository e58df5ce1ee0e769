"""The desk's web forms: they parse and check what a person typed (with translated messages, shown next to
the field); the desk's services check it again and do the work. Also the translated labels of the desk's
codes (states, kinds, priorities, TLP, handling codes, admiralty scale), used by forms and templates."""

import re
import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotline import stix
from hotline.access import policy, roles
from hotline.desk import attachments as files
from hotline.federation import services as federation

INTERNAL = "internal"

STATE_LABELS = {
    "sent": _("sent"),
    "delivered": _("delivered"),
    "received": _("received"),
    "acknowledged": _("acknowledged"),
    "in_progress": _("in progress"),
    "answered": _("answered"),
    "closed": _("closed"),
}
KIND_LABELS = {
    "alert": _("alert"),
    "rfi": _("request for information"),
    "reply": _("reply"),
    "notice": _("notice"),
}
PRIORITY_LABELS = {"flash": _("flash"), "urgent": _("urgent"), "routine": _("routine")}
DIRECTION_LABELS = {"incoming": _("incoming"), "outgoing": _("outgoing"), "internal": _("internal")}
TLP_LABELS = {level: f"TLP:{level.upper()}" for level in stix.TLP_LEVELS}
HANDLING_LABELS = {
    "H0": _("H0 – for law-enforcement use only"),
    "H1": _("H1 – not to be used in judicial proceedings without the sender's permission"),
    "H2": _("H2 – no further dissemination without the sender's permission"),
    "H3": _("H3 – other restrictions (stated in words)"),
}
RELIABILITY_LABELS = {
    "A": _("A – completely reliable"),
    "B": _("B – usually reliable"),
    "C": _("C – fairly reliable"),
    "D": _("D – not usually reliable"),
    "E": _("E – unreliable"),
    "F": _("F – reliability cannot be judged"),
}
CREDIBILITY_LABELS = {
    1: _("1 – confirmed by other sources"),
    2: _("2 – probably true"),
    3: _("3 – possibly true"),
    4: _("4 – doubtful"),
    5: _("5 – improbable"),
    6: _("6 – truth cannot be judged"),
}
LANGUAGE_LABELS = {"en": _("English"), "id": _("Indonesian"), "vi": _("Vietnamese")}
BODY_FORMAT_LABELS = {"text": _("Plain text"), "markdown": _("Markdown")}
EVENT_LABELS = {
    "new_message": _("New message"),
    "assigned": _("Assigned to you"),
    "ack_overdue": _("Acknowledgement overdue"),
    "reply_overdue": _("Reply overdue"),
    "acknowledged": _("Acknowledged"),
    "answered": _("Answered"),
    "link_failing": _("Partner link failing"),
    "link_recovered": _("Partner link recovered"),
    "request_overdue": _("Cooperation request overdue"),
}
EVENT_ACTION_LABELS = {
    "state": _("state changed"),
    "assigned": _("assigned"),
    "escalated": _("escalated"),
    "note": _("note"),
}
# The STIX types the intelligence picker offers, and those that can be created while composing.
STIX_TYPE_LABELS = {
    "threat-actor": _("Threat actor"),
    "intrusion-set": _("Intrusion set"),
    "campaign": _("Campaign"),
    "indicator": _("Indicator"),
    "malware": _("Malware"),
    "tool": _("Tool"),
    "attack-pattern": _("Attack pattern"),
    "infrastructure": _("Infrastructure"),
    "location": _("Location"),
    "identity": _("Identity"),
    "report": _("Report"),
    "vulnerability": _("Vulnerability"),
}
CREATABLE_TYPES = ("threat-actor", "campaign", "indicator", "location", "identity", "report")
IDENTITY_CLASSES = {
    "organization": _("organisation"),
    "group": _("group"),
    "individual": _("individual"),
    "class": _("class"),
    "unknown": _("unknown"),
}
STIX_ID = re.compile(
    r"[a-z][a-z0-9-]*[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"
)


def label(labels: dict, value) -> str:
    """The translated label of a code, or the code itself."""
    return str(labels.get(value, value if value is not None else ""))


def _choices(labels: dict, *, blank=None) -> list:
    found = [(value, text) for value, text in labels.items()]
    return [("", blank), *found] if blank is not None else found


# --- files ------------------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input. Each is read (at most the size limit) and checked with the desk's rules,
    with a translated message naming the file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        return [self._check(upload) for upload in uploads]

    def _check(self, upload) -> files.AttachmentFile:
        name = files.sanitise_name(getattr(upload, "name", ""))
        limit = files.max_bytes()
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("%(name)s is too large: at most %(limit)s bytes are accepted."),
                params={"name": name, "limit": f"{limit:,}"},
            )
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise forms.ValidationError(
                _("%(name)s is too large: at most %(limit)s bytes are accepted."),
                params={"name": name, "limit": f"{limit:,}"},
            )
        if not data:
            raise forms.ValidationError(_("%(name)s is empty."), params={"name": name})
        mime = files.content_type(data)
        if mime is None or mime not in files.allowed_types():
            raise forms.ValidationError(
                _("%(name)s: files of this type are not accepted (%(type)s)."),
                params={"name": name, "type": mime or _("unknown type")},
            )
        return files.AttachmentFile(upload.name or name, data)


# --- composing --------------------------------------------------------------------------------------------


class StixIdsField(forms.MultipleChoiceField):
    """STIX ids ticked in the intelligence picker. Any well-formed id is accepted here; the desk's service
    checks that the user may read each one."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return bool(STIX_ID.match(str(value)))


def desk_readers():
    """The users of this node who may read the desk (those a message can name)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__name__in=policy.DESK_READ_ROLES) | Q(is_superuser=True)).distinct()


class MessageFields(forms.Form):
    """Fields shared by a new message and a reply."""

    body = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    body_format = forms.ChoiceField(
        label=_("Format of the message"), choices=_choices(BODY_FORMAT_LABELS), initial="text"
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=_choices(LANGUAGE_LABELS, blank=_("Detect automatically")),
        help_text=_("Detected from the subject and message unless you choose one."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("You may choose several files. Their type is checked from the content."),
    )


class ComposeForm(MessageFields):
    field_order = [
        "kind", "to", "priority", "subject", "body", "body_format", "language", "tlp", "handling_code",
        "handling_text", "source_reliability", "information_credibility", "recipients", "attachments",
    ]  # fmt: skip

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, KIND_LABELS[k]) for k in ("alert", "rfi", "notice")],
        initial="alert",
    )
    to = forms.ChoiceField(label=_("Addressee"))
    priority = forms.ChoiceField(label=_("Priority"), choices=_choices(PRIORITY_LABELS), initial="routine")
    subject = forms.CharField(label=_("Subject"), max_length=300)
    tlp = forms.ChoiceField(
        label=_("Traffic Light Protocol (TLP)"),
        choices=[(level, TLP_LABELS[level]) for level in stix.TLP_LEVELS],
        initial="amber",
        help_text=_("TLP:RED messages are shown on this node only to the people named on them."),
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=_choices(HANDLING_LABELS), initial="H0"
    )
    handling_text = forms.CharField(
        label=_("Restriction (for handling code H3)"), required=False, max_length=500
    )
    source_reliability = forms.ChoiceField(
        label=_("Source reliability"),
        required=False,
        choices=_choices(RELIABILITY_LABELS, blank=_("Not evaluated")),
    )
    information_credibility = forms.TypedChoiceField(
        label=_("Information credibility"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_choices(CREDIBILITY_LABELS, blank=_("Not evaluated")),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Named recipients on this node"),
        required=False,
        queryset=get_user_model().objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Optional. Needed for TLP:RED: only the author, the assignee and these people see it."),
    )
    intel_refs = StixIdsField(label=_("Attached intelligence"), required=False)
    intel_query = forms.CharField(label=_("Find intelligence by name"), required=False, max_length=200)
    intel_type = forms.ChoiceField(
        label=_("Type of intelligence"),
        required=False,
        choices=_choices(STIX_TYPE_LABELS, blank=_("Any type")),
    )

    def __init__(self, *args, picked: list[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        partners = [(p.name, p.title) for p in federation.list_partners()]
        self.fields["to"].choices = [(INTERNAL, _("Internal (this node's duty officer)")), *partners]
        self.fields["recipients"].queryset = desk_readers().order_by("username")
        self.fields["recipients"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.set_intel_choices(picked)

    def set_intel_choices(self, objects: list[dict]) -> None:
        self.fields["intel_refs"].choices = [(o["id"], intel_label(o)) for o in objects]

    def clean(self):
        data = super().clean()
        if data.get("handling_code") == "H3" and not (data.get("handling_text") or "").strip():
            self.add_error("handling_text", _("Handling code H3 needs the restriction in words."))
        return data


def intel_label(obj: dict) -> str:
    kind = label(STIX_TYPE_LABELS, obj.get("type"))
    name = obj.get("name") or obj.get("pattern") or obj.get("id", "")
    marks = [m for m in (TLP_LABELS.get(stix.tlp_level(obj) or ""), policy.handling_code(obj)) if m]
    return f"{kind}: {name}" + (f" [{', '.join(marks)}]" if marks else "")


class ReplyForm(MessageFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True
        self.fields["body"].label = _("Your reply")


class NewIntelForm(forms.Form):
    """One STIX object created while composing. Left with no type, the form is ignored."""

    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("None")), *[(t, STIX_TYPE_LABELS[t]) for t in CREATABLE_TYPES]],
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    pattern = forms.CharField(
        label=_("Pattern (indicators)"),
        required=False,
        max_length=2000,
        help_text=_("A STIX pattern, e.g. [domain-name:value = 'example.com']"),
    )
    country = forms.CharField(
        label=_("Country code (locations)"),
        required=False,
        max_length=2,
        help_text=_("Two letters (ISO 3166-1), e.g. ID or VN"),
    )
    identity_class = forms.ChoiceField(
        label=_("Kind of identity (identities)"), required=False, choices=_choices(IDENTITY_CLASSES)
    )

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if not kind:
            return data
        if kind == "indicator":
            if not (data.get("pattern") or "").strip():
                self.add_error("pattern", _("An indicator needs a pattern."))
        elif not (data.get("name") or "").strip():
            self.add_error("name", _("Give a name."))
        if kind == "location":
            country = (data.get("country") or "").strip()
            if not re.fullmatch(r"[A-Za-z]{2}", country):
                self.add_error("country", _("A location needs a two-letter country code."))
        if not self.errors and kind != "report":
            problems = stix.validate_object(self.build(timezone.now()))
            if problems:
                field = "pattern" if kind == "indicator" else None
                self.add_error(field, _("Not valid STIX: %(problems)s") % {"problems": "; ".join(problems)})
        return data

    def build(self, now, refs: list[str] = ()) -> dict:
        """The STIX object (its TLP marking and creator are added by the desk's service)."""
        data = self.cleaned_data
        kind = data["type"]
        stamp = stix.format_timestamp(now)
        obj = {
            "type": kind,
            "spec_version": "2.1",
            "id": f"{kind}--{uuid.uuid4()}",
            "created": stamp,
            "modified": stamp,
        }
        name = (data.get("name") or "").strip()
        if name:
            obj["name"] = name
        if (data.get("description") or "").strip():
            obj["description"] = data["description"].strip()
        if kind == "indicator":
            obj.update(pattern=data["pattern"].strip(), pattern_type="stix", valid_from=stamp)
        elif kind == "location":
            obj["country"] = data["country"].strip().upper()
        elif kind == "identity":
            obj["identity_class"] = data.get("identity_class") or "organization"
        elif kind == "report":
            obj.update(published=stamp, object_refs=list(refs))
        return obj


NewIntelFormSet = forms.formset_factory(NewIntelForm, extra=1, max_num=10, validate_max=True)


# --- other pages ------------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        help_text=_("Words in the subject, the message or the attached intelligence, in any language."),
    )


class ReportForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Messages"),
        choices=[
            ("incoming", _("received from partners (our service level)")),
            ("outgoing", _("sent to partners (their service level)")),
            ("internal", _("internal")),
        ],
        initial="incoming",
        required=False,
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ShiftForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=get_user_model().objects.none())
    starts_at = forms.DateTimeField(label=_("Starts (UTC)"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends (UTC)"), widget=DateTimeInput())
    handover_note = forms.CharField(
        label=_("Handover note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        on_duty_roles = roles.roles_with(roles.DESK_DUTY)
        self.fields["officer"].queryset = (
            users.filter(groups__name__in=on_duty_roles).distinct().order_by("username")
        )
        self.fields["officer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A shift must end after it starts."))
        return data


class HandoverForm(forms.Form):
    handover_note = forms.CharField(
        label=_("Handover note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
