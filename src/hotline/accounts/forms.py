from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class ApiTokenForm(forms.Form):
    """A new API token of the signed-in user: a name, a lifetime (no token of one's own lives for ever) and
    whether it may write; it reaches all the user's collections and never more than the user may."""

    LIFETIMES = (7, 30, 90, 365)

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or tool using it."),
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(d, _("%(days)d days") % {"days": d}) for d in LIFETIMES],
    )  # fmt: skip
    write = forms.BooleanField(
        label=_("May also write (add objects)"), required=False,
        help_text=_("Without this the token can only read."),
    )  # fmt: skip

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class FirstCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=8,
        help_text=_("The six digits your authenticator app shows for this node."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
