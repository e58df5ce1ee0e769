"""The registry's pages, under /campaigns/: ambassadors (list with search, filters and the figures at a
glance; an ambassador's page), bootcamps (participants, attendance) and the CSV import. Thin: the access
policy, the registry services, a template.

Every page needs campaigns.read (403 otherwise: an ambassador sees none of the registry); forms that change
something need campaigns.manage (the services refuse, 403). Refused input is shown on the page and changes
nothing; what does not exist is a 404."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.access.decorators import guarded_view
from hotline.peace.campaigns import csv_import, provinces, registry
from hotline.peace.campaigns.models import LANGUAGES, SKILLS, Ambassador, Attendance, Bootcamp
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError

PAGE_SIZE = 50
FILTERS = ("q", "province", "region", "language", "skill", "cohort", "active")

registry_view = guarded_view(
    policy.can_read_campaigns,
    denied="campaigns/registry/denied.html",
    not_found="campaigns/registry/not_found.html",
    refusals=(NotAllowed,),
    missing=(Ambassador.DoesNotExist, Bootcamp.DoesNotExist),
)


def _choices() -> dict:
    # Not `languages`: a context processor gives the UI's languages under that name, and would win.
    return {
        "skill_choices": [(s, skill_label(s)) for s in SKILLS],
        "language_choices": [(c, language_label(c)) for c in LANGUAGES],
        "province_groups": provinces.choices(),
    }


def skill_label(skill: str) -> str:
    return {
        "writing": _("writing"),
        "visual_design": _("visual design"),
        "video": _("video"),
        "it": _("IT"),
    }.get(skill, skill)


def language_label(code: str) -> str:
    return {
        "id": _("Indonesian"),
        "vi": _("Vietnamese"),
        "en": _("English"),
        "jv": _("Javanese"),
        "su": _("Sundanese"),
        "ms": _("Malay"),
        "ar": _("Arabic"),
    }.get(code, code)


# --- ambassadors --------------------------------------------------------------------------------------------


@registry_view
def ambassadors(request):
    user = request.user
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    found = registry.search(
        user, chosen["q"], province=chosen["province"], region=chosen["region"], language=chosen["language"],
        skill=chosen["skill"], cohort=chosen["cohort"], active=chosen["active"],
    )  # fmt: skip
    page = Paginator(found.order_by("search_text", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.skill_names = [skill_label(s) for s in row.skills]
    figures = registry.figures(user, found)
    figures["by_skill"] = [(skill_label(s), n) for s, n in figures["by_skill"]]
    figures["by_language"] = [(language_label(c), n) for c, n in figures["by_language"]]
    query = urlencode({k: v for k, v in chosen.items() if v})
    context = {
        "page": page,
        "figures": figures,
        "chosen": chosen,
        "filtered": any(chosen.values()),
        "query": query,
        "regions": registry.regions(user),
        "bootcamps": registry.bootcamps(user),
        "can_manage": policy.can_manage_campaigns(user),
        **_choices(),
    }
    return render(request, "campaigns/registry/ambassadors.html", context)


@registry_view
def ambassador(request, pk: int):
    user = request.user
    found = registry.get_ambassador(user, pk)
    data, error = registry.form_data(found), ""
    if request.method == "POST":
        data = {name: request.POST.get(name, "") for name in csv_import.COLUMNS}
        data["languages"] = " ".join(request.POST.getlist("languages"))
        data["skills"] = " ".join(request.POST.getlist("skills"))
        try:
            registry.update_ambassador(user, found, data)
            messages.success(request, _("Saved."))
            return redirect("campaigns:ambassador", pk=found.pk)
        except NotAllowed:
            raise
        except PeaceError as exc:
            error = str(exc)
    context = {
        "ambassador": found,
        "data": data,
        "error": error,
        "can_manage": policy.can_manage_campaigns(user),
        "accounts": registry.linkable_accounts(user) if policy.can_manage_campaigns(user) else [],
        "attendance": found.attendance.select_related("bootcamp").order_by("-bootcamp__starts_on"),
        "skill_names": [skill_label(s) for s in found.skills],
        "language_names": [language_label(c) for c in found.languages],
        "bootcamps": registry.bootcamps(user),
        **_choices(),
    }
    return render(request, "campaigns/registry/ambassador.html", context, status=400 if error else 200)


@registry_view
def ambassador_new(request):
    user = request.user
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("creating an ambassador needs campaigns.manage")
    data, error = {"active": "yes"}, ""
    if request.method == "POST":
        data = {name: request.POST.get(name, "") for name in csv_import.COLUMNS}
        data["languages"] = " ".join(request.POST.getlist("languages"))
        data["skills"] = " ".join(request.POST.getlist("skills"))
        try:
            created = registry.create_ambassador(user, data)
            messages.success(request, _("Ambassador added."))
            return redirect("campaigns:ambassador", pk=created.pk)
        except NotAllowed:
            raise
        except PeaceError as exc:
            error = str(exc)
    context = {"data": data, "error": error, "bootcamps": registry.bootcamps(user), **_choices()}
    return render(request, "campaigns/registry/ambassador_new.html", context, status=400 if error else 200)


@registry_view
@require_POST
def ambassador_link(request, pk: int):
    found = registry.get_ambassador(request.user, pk)
    try:
        registry.link_account(request.user, found, request.POST.get("username", ""))
        messages.success(request, _("Account saved."))
    except NotAllowed:
        raise
    except PeaceError as exc:
        messages.error(request, str(exc))
    return redirect("campaigns:ambassador", pk=found.pk)


@registry_view
def ambassadors_import(request):
    user = request.user
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("importing ambassadors needs campaigns.manage")
    context = {"limit": csv_import.MAX_BYTES, "problems": [], "error": "", "result": None}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise PeaceError(_("Choose a CSV file."))
            if upload.size > csv_import.MAX_BYTES:
                raise PeaceError(
                    _("The file is larger than %(limit)d MB; split it.")
                    % {"limit": csv_import.MAX_BYTES // (1024 * 1024)}
                )
            context["result"] = csv_import.import_ambassadors(user, upload.read(), filename=upload.name)
        except ImportRefused as exc:
            context["problems"], status = exc.problems, 400
        except NotAllowed:
            raise
        except PeaceError as exc:
            context["error"], status = str(exc), 400
    return render(request, "campaigns/registry/import.html", context, status=status)


# --- bootcamps ----------------------------------------------------------------------------------------------


_BOOTCAMP_FIELDS = ("code", "name", "place", "province", "starts_on", "ends_on", "trainers")


@registry_view
def bootcamps(request):
    user = request.user
    data, error = {}, ""
    if request.method == "POST":
        data = {name: request.POST.get(name, "") for name in _BOOTCAMP_FIELDS}
        try:
            created = registry.create_bootcamp(user, data)
            messages.success(request, _("Bootcamp created."))
            return redirect("campaigns:bootcamp", pk=created.pk)
        except NotAllowed:
            raise
        except PeaceError as exc:
            error = str(exc)
    context = {
        "bootcamps": registry.bootcamps(user),
        "can_manage": policy.can_manage_campaigns(user),
        "data": data,
        "error": error,
        **_choices(),
    }
    return render(request, "campaigns/registry/bootcamps.html", context, status=400 if error else 200)


@registry_view
def bootcamp(request, pk: int):
    user = request.user
    found = registry.get_bootcamp(user, pk)
    error = ""
    data = {name: getattr(found, name) for name in _BOOTCAMP_FIELDS}
    data["starts_on"], data["ends_on"] = found.starts_on.isoformat(), found.ends_on.isoformat()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "edit":
                data = {name: request.POST.get(name, "") for name in _BOOTCAMP_FIELDS}
                registry.update_bootcamp(user, found, data)
                messages.success(request, _("Saved."))
            elif action == "participants":
                added = registry.add_participants(user, found, request.POST.get("external_ids", "").split())
                messages.success(request, _("%(count)d participant(s) added.") % {"count": added})
            elif action == "attendance":
                rows = {}
                for row in Attendance.objects.filter(bootcamp=found):
                    days = request.POST.get(f"days_{row.pk}")
                    if days is None:
                        continue
                    try:
                        rows[row.pk] = (int(days), request.POST.get(f"completed_{row.pk}") == "1")
                    except ValueError:
                        raise PeaceError(_("Days attended is a whole number.")) from None
                changed = registry.record_attendance(user, found, rows)
                messages.success(request, _("Attendance saved (%(count)d changed).") % {"count": changed})
            else:
                raise PeaceError(_("Unknown action."))
            return redirect("campaigns:bootcamp", pk=found.pk)
        except NotAllowed:
            raise
        except PeaceError as exc:
            error = str(exc)
    context = {
        "bootcamp": found,
        "data": data,
        "participants": registry.participants(user, found),
        "members": found.members.order_by("name"),
        "summary": registry.attendance_summary(found),
        "length": registry.bootcamp_length(found),
        "can_manage": policy.can_manage_campaigns(user),
        "error": error,
        **_choices(),
    }
    return render(request, "campaigns/registry/bootcamp.html", context, status=400 if error else 200)
