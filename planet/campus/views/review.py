"""The curators' queue of proposed resources and learning opportunities: publish or decline
with a note (audited, and e-mailed to the proposer)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planet.campus.forms import DecisionForm
from planet.campus.models import LearningOpportunity, Resource
from planet.campus.proposals import decide
from planet.moderation.permissions import curator_required

MODELS = {"resource": Resource, "opportunity": LearningOpportunity}


@curator_required
def queue(request: HttpRequest) -> HttpResponse:
    resources = (
        Resource.objects.proposed()
        .select_related("organisation", "proposed_by__profile")
        .prefetch_related("goals")
        .order_by("created_at", "pk")
    )
    opportunities = (
        LearningOpportunity.objects.proposed()
        .select_related("organisation", "proposed_by__profile")
        .prefetch_related("goals")
        .order_by("created_at", "pk")
    )
    groups = [
        ("resource", list(resources), _("Resources")),
        ("opportunity", list(opportunities), _("Learning opportunities")),
    ]
    return render(request, "campus/review_queue.html", {"groups": groups})


@curator_required
@require_POST
def decide_entry(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = MODELS.get(kind)
    if model is None:
        return redirect("campus:review")
    entry = get_object_or_404(model.objects.select_related("proposed_by__profile"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("campus:review")
    publish = form.cleaned_data["decision"] == "publish"
    if not decide(entry, publish=publish, by=request.user, note=form.cleaned_data["note"]):
        messages.info(request, _("“%(title)s” was already decided on.") % {"title": entry.title})
        return redirect("campus:review")
    if publish:
        messages.success(request, _("“%(title)s” is published.") % {"title": entry.title})
    else:
        messages.success(request, _("“%(title)s” is declined.") % {"title": entry.title})
    return redirect("campus:review")
