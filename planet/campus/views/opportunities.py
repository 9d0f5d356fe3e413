"""Learning opportunities: the list with filters, an opportunity's page, and entering one
(published at once by the organisation's admins and editors and by curators, otherwise
proposed to the curators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.campus.forms import OpportunityFilterForm, OpportunityForm, filter_opportunities
from planet.campus.models import LearningOpportunity
from planet.campus.permissions import get_opportunity_for_user, publishes_directly
from planet.campus.proposals import save_proposal

OPPORTUNITIES_PER_PAGE = 24


def opportunity_list(request: HttpRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET)
    opportunities = LearningOpportunity.objects.visible_to(request.user).listed().current()
    opportunities = filter_opportunities(opportunities, form.filters())
    opportunities = opportunities.select_related("organisation").prefetch_related("goals")
    page = Paginator(opportunities, OPPORTUNITIES_PER_PAGE).get_page(request.GET.get("page"))
    template = "campus/opportunities.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


def opportunity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, slug)
    context = {"opportunity": opportunity, "goals": list(opportunity.goals.all())}
    return render(request, "campus/opportunity.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request: HttpRequest) -> HttpResponse:
    form = OpportunityForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "campus/opportunity_form.html", {"form": form}, status=status)
    publish = publishes_directly(request.user, form.cleaned_data.get("organisation"))
    opportunity = save_proposal(form, by=request.user, publish=publish)
    if publish:
        messages.success(request, _("The learning opportunity is published."))
    else:
        messages.success(
            request,
            _("Thank you: the curators will review your proposal. You will hear of it by e-mail."),
        )
    return redirect(opportunity)
