from django import forms
from django.utils.translation import gettext_lazy as _

from hotline.audit.context import ENTRY_POINTS


class DateInput(forms.DateInput):
    input_type = "date"


class TrailFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), max_length=150, required=False, help_text=_("A user name"))
    action = forms.CharField(
        label=_("Action"), max_length=64, required=False, help_text=_("e.g. login.failed, or desk. for all")
    )
    entry_point = forms.ChoiceField(
        label=_("Entry point"),
        required=False,
        choices=[("", _("any")), *[(e, e) for e in ENTRY_POINTS]],
    )
    since = forms.DateField(label=_("From (UTC)"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until (UTC, inclusive)"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class RenewForm(forms.Form):
    stix_id = forms.CharField(max_length=300, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Why it is kept"), max_length=500, required=False)
