from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.accounts.forms import DeleteAccountForm, ProfileForm
from planet.accounts.models import Profile
from planet.lib.languages import language_name


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete_account()
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})


def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    profile = get_object_or_404(
        Profile.objects.active().select_related("user").prefetch_related("sdgs"), handle=handle
    )
    groups = profile.visible_groups(request.user)
    memberships = profile.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    context = {
        "profile": profile,
        "groups": groups,
        "languages": [language_name(code) for code in profile.languages],
        "memberships": memberships,
        "is_own": request.user.is_authenticated and request.user.pk == profile.user_id,
    }
    return render(request, "accounts/profile_detail.html", context)
