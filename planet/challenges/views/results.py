"""Results: the organiser finalises the selection; the results page and the gallery are public
once the scheduled task has published them, and a preview for organisers before that."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from planet.challenges.permissions import get_challenge_for_user, shows_identity
from planet.challenges.publication import (
    FinaliseRefused,
    finalise_problems,
    finalise_results,
    gallery_entries,
    outcome_counts,
    reopen_results,
    results_of,
)

GALLERY_PER_PAGE = 10


def _finalise_page(request, challenge, *, error: str = "", status: int = 200) -> HttpResponse:
    counts = outcome_counts(challenge)
    context = {
        "challenge": challenge,
        "counts": counts,
        "problems": finalise_problems(challenge, counts),
        "error": error,
        "results_at_passed": challenge.results_at <= timezone.now(),
    }
    return render(request, "challenges/finalise.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def finalise(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    if request.method == "GET":
        return _finalise_page(request, challenge)
    try:
        if request.POST.get("action") == "reopen":
            reopen_results(challenge, by=request.user)
            messages.success(request, _("The results are reopened: you may change outcomes."))
        else:
            finalise_results(challenge, by=request.user)
            messages.success(request, _("The results are finalised."))
    except FinaliseRefused as refused:
        challenge.refresh_from_db()
        return _finalise_page(request, challenge, error=str(refused), status=400)
    return redirect("challenges:finalise", challenge.slug)


def _is_preview(challenge) -> bool:
    """Published results are for everybody; before that only organisers see a preview."""
    if challenge.results_published_at:
        return False
    if "organiser" not in challenge.viewer_roles:
        raise Http404
    return True


@require_GET
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    preview = _is_preview(challenge)
    context = {
        "challenge": challenge,
        "preview": preview,
        "results": results_of(challenge),
        "show_names": shows_identity(request.user, challenge),
    }
    return render(request, "challenges/results.html", context)


@require_GET
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    preview = _is_preview(challenge)
    entries = gallery_entries(challenge, preview=preview)
    page = Paginator(entries, GALLERY_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "challenge": challenge,
        "preview": preview,
        "page": page,
        "show_names": shows_identity(request.user, challenge),
    }
    return render(request, "challenges/gallery.html", context)
