from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.moderation.forms import CuratorChangeForm
from planet.moderation.models import AuditLog
from planet.moderation.permissions import curator_required, site_admin_required

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
