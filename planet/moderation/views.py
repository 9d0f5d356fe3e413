from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.moderation import flagging
from planet.moderation.actions import ACTION_LABELS, ACTIONS, ActionRefused
from planet.moderation.flagging import get_flaggable_for_user
from planet.moderation.forms import CuratorChangeForm, FlagForm, ModerationActionForm
from planet.moderation.models import AuditLog, Flag
from planet.moderation.permissions import curator_required, site_admin_required
from planet.moderation.queue import get_item_for_curator, open_flag_groups, recently_hidden

User = get_user_model()


@curator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditLog.objects.all()
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "moderation/audit_log.html",
        {"page": page, "actions": actions, "action": action},
    )


@site_admin_required
@require_http_methods(["GET", "POST"])
def curators(request: HttpRequest) -> HttpResponse:
    grant = request.POST.get("change") != "remove"
    form = CuratorChangeForm(request.POST or None, grant=grant)
    if request.method == "POST" and form.is_valid():
        form.user.set_curator(grant, by=request.user, reason=form.cleaned_data["reason"])
        if grant:
            messages.success(request, _("%(name)s is now a curator.") % {"name": form.user})
        else:
            messages.success(request, _("%(name)s is no longer a curator.") % {"name": form.user})
        return redirect("moderation:curators")
    current = (
        User.objects.filter(site_role=User.SiteRole.CURATOR, is_active=True)
        .select_related("profile")
        .order_by("profile__display_name", "email")
    )
    status = 400 if form.is_bound else 200
    return render(
        request, "moderation/curators.html", {"form": form, "curators": current}, status=status
    )


# Reports and the moderation queue ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    flaggable, item = get_flaggable_for_user(request.user, label, pk)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                flagging.flag(item, reporter=request.user, **form.cleaned_data)
            except flagging.FlagRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("Thank you. The curators will look at your report."))
                return redirect(_public_url(item) or "home")
    context = {"form": form, "item": item, "title": flaggable.title(item), "label": label}
    return render(request, "moderation/flag.html", context, status=status)


def _public_url(item) -> str:
    return item.get_absolute_url() if hasattr(item, "get_absolute_url") else ""


@curator_required
def queue(request: HttpRequest) -> HttpResponse:
    context = {"groups": open_flag_groups(), "hidden": recently_hidden()}
    return render(request, "moderation/queue.html", context)


@curator_required
def item(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    flaggable, obj = get_item_for_curator(label, pk)
    return _item_page(request, flaggable, obj, ModerationActionForm())


def _item_page(request, flaggable, obj, form, action="", status=200) -> HttpResponse:
    context = {
        "item": obj,
        "label": flaggable.label,
        "kind": obj._meta.verbose_name,
        "title": flaggable.title(obj),
        "url": _public_url(obj),
        "owner": flaggable.owner(obj),
        "flags": Flag.objects.for_object(obj).select_related("reporter__profile"),
        "history": AuditLog.objects.for_target(obj)[:50],
        "form": form,
        "failed_action": action,
        "actions": ACTION_LABELS,
    }
    return render(request, "moderation/item.html", context, status=status)


@curator_required
@require_POST
def act(request: HttpRequest, label: str, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    flaggable, obj = get_item_for_curator(label, pk)
    form = ModerationActionForm(request.POST)
    if not form.is_valid():
        return _item_page(request, flaggable, obj, form, action, status=400)
    try:
        ACTIONS[action](obj, by=request.user, note=form.cleaned_data["note"])
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return _item_page(request, flaggable, obj, form, action, status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS[action]})
    return redirect("moderation:queue")
