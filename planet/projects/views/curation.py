"""The life of a project (submit, publish, return, feature, archive) and the review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planet.moderation.permissions import curator_required
from planet.projects.forms import TransitionForm
from planet.projects.models import Project, ProjectMember
from planet.projects.permissions import get_project_for_user
from planet.projects.presenters import detail_context

DONE = {
    "submit": gettext_lazy("The project is submitted: a curator will read it soon."),
    "publish": gettext_lazy("The project is published."),
    "return": gettext_lazy("The project is returned to its team with your feedback."),
    "feature": gettext_lazy("The project is featured on the platform."),
    "unfeature": gettext_lazy("The project is no longer featured."),
    "archive": gettext_lazy("The project is archived: it stays readable."),
    "unarchive": gettext_lazy("The project is published again."),
}
QUEUE_PAGE_SIZE = 50


def _refuse(request, project, form):
    """Show the project page again with the form's error; nothing was changed."""
    context = detail_context(request, project)
    context["lifecycle_form"] = form
    return render(request, "projects/detail.html", context, status=400)


@login_required
@require_POST
def transition(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    if action not in Project.TRANSITIONS:
        raise Http404
    project = get_project_for_user(request, slug, action=action)
    form = TransitionForm(request.POST, action=action)
    if not form.is_valid():
        return _refuse(request, project, form)
    try:
        if not project.can_transition(action):
            raise ValueError
        project.transition(action, by=request.user, note=form.cleaned_data["note"])
    except ValueError:
        messages.error(
            request,
            _("This cannot be done while the project is “%(status)s”; nothing was changed.")
            % {"status": project.get_status_display()},
        )
        response = redirect(project)
        if not request.headers.get("accept", "").startswith("text/html"):
            response.status_code = 409
        return response
    messages.success(request, DONE[action])
    return redirect(project)


@curator_required
def review_queue(request: HttpRequest) -> HttpResponse:
    team = ProjectMember.objects.select_related("user__profile")
    projects = (
        Project.objects.awaiting_review()
        .visible_to(request.user)
        .prefetch_related("goals", Prefetch("team", queryset=team, to_attr="members"))
    )
    page = Paginator(projects, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/review_queue.html", {"page": page})
