"""The jury: invitations, the rubric, assignment, jurors' reviews, the ranking, the shortlist,
outcomes and the CSV export.

Who may do what is decided in `planet.challenges.permissions`; the rules of each change live in
`planet.challenges.jury` and `planet.challenges.assignment`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from planet.challenges import assignment as assignment_rules
from planet.challenges import jury as jury_rules
from planet.challenges import scoring
from planet.challenges.entries import answers_for_display
from planet.challenges.export import entries_csv_response
from planet.challenges.jury_forms import (
    ConflictForm,
    CriterionForm,
    InviteJurorForm,
    OutcomeForm,
    ReviewForm,
)
from planet.challenges.models import (
    Assignment,
    Criterion,
    JuryInvitation,
    Outcome,
    Score,
    SubmissionStatus,
)
from planet.challenges.permissions import (
    get_challenge_for_user,
    may_see_all_scores,
    shows_identity,
)
from planet.challenges.progress import criterion_means, entry_progress, juror_progress

# The jury page (organisers)


def _jury_page(request, challenge, invite_form, status=200) -> HttpResponse:
    entries = entry_progress(challenge)
    context = {
        "challenge": challenge,
        "tab": "jury",
        "jurors": juror_progress(challenge),
        "entries": entries,
        "short_entries": [entry for entry in entries if entry.missing_count],
        "invitations": challenge.jury_invitations.pending().select_related("invited_by__profile"),
        "invite_form": invite_form,
        "show_names": shows_identity(request.user, challenge),
        "may_assign": assignment_rules.may_assign(challenge),
    }
    return render(request, "challenges/jury.html", context, status=status)


@login_required
def jury(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    return _jury_page(request, challenge, InviteJurorForm(challenge=challenge))


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    form = InviteJurorForm(request.POST, challenge=challenge)
    if not form.is_valid():
        return _jury_page(request, challenge, form, status=400)
    jury_rules.invite_juror(challenge, form.cleaned_data["email"], by=request.user)
    messages.success(request, _("The invitation is sent to %(email)s.") % form.cleaned_data)
    return redirect("challenges:jury", challenge.slug)


@login_required
@require_POST
def juror_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    juror = get_object_or_404(challenge.jurors.select_related("user__profile"), pk=pk)
    try:
        pending = assignment_rules.remove_juror(juror, by=request.user)
    except assignment_rules.AssignmentError as refused:
        messages.error(request, str(refused))
        return redirect("challenges:jury", challenge.slug)
    message = _("%(name)s is no longer on the jury.") % {"name": juror.user.display_name}
    if pending:
        message += " " + ngettext(
            "%(count)s review they were to do needs another juror: press “Assign entries”.",
            "%(count)s reviews they were to do need another juror: press “Assign entries”.",
            pending,
        ) % {"count": pending}
    messages.success(request, message)
    return redirect("challenges:jury", challenge.slug)


@login_required
@require_POST
def assign(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    if not assignment_rules.may_assign(challenge):
        messages.error(
            request,
            _(
                "Entries are assigned once submissions are closed (and until results are "
                "published): entrants may still change or withdraw them."
            ),
        )
        return redirect("challenges:jury", challenge.slug)
    report = assignment_rules.assign_reviewers(challenge)
    messages.success(
        request,
        ngettext(
            "%(count)s review assigned to %(jurors)s jurors.",
            "%(count)s reviews assigned to %(jurors)s jurors.",
            len(report.created),
        )
        % {"count": len(report.created), "jurors": report.juror_count},
    )
    if report.short:
        messages.warning(
            request,
            _("Not enough jurors for: %(entries)s. Invite more jurors, then assign again.")
            % {"entries": ", ".join(_entry_label(entry) for entry in report.short_entries)},
        )
    return redirect("challenges:jury", challenge.slug)


def _entry_label(entry) -> str:
    """How the organiser's messages name an entry: its reference and title (no names)."""
    return _("%(reference)s (“%(title)s”)") % {"reference": entry.reference, "title": entry.title}


# Invitations (the invited person)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        JuryInvitation.objects.by_token(token)
        .select_related("challenge", "invited_by__profile")
        .first()
    )
    if found is None:
        raise Http404
    gone = {"invitation": found, "gone": True}
    if found.is_used or found.is_expired:
        return render(request, "challenges/invitation.html", gone, status=410)
    if request.method == "GET":
        return render(request, "challenges/invitation.html", {"invitation": found})
    try:
        if request.POST.get("answer") != "accept":
            jury_rules.decline_invitation(found)
            messages.info(request, _("You declined the invitation."))
            return redirect("core:home")
        jury_rules.accept_invitation(found, request.user)
    except jury_rules.JuryError:
        return render(request, "challenges/invitation.html", gone, status=410)
    messages.success(
        request, _("Welcome to the jury of “%(title)s”.") % {"title": found.challenge.title}
    )
    return redirect("challenges:reviews", found.challenge.slug)


# The rubric (organisers)


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    locked = jury_rules.rubric_is_locked(challenge)
    form = CriterionForm()
    if request.method == "POST":
        if locked:
            messages.error(request, _refusal(challenge))
            return redirect("challenges:rubric", challenge.slug)
        form = CriterionForm(request.POST)
        if form.is_valid():
            form.instance.challenge = challenge
            form.instance.position = _next_position(challenge)
            form.save()
            messages.success(request, _("Criterion “%(name)s” added.") % form.cleaned_data)
            return redirect("challenges:rubric", challenge.slug)
    criteria = list(challenge.criteria.all())
    context = {
        "challenge": challenge,
        "tab": "rubric",
        "criteria": criteria,
        "total_weight": sum(c.weight for c in criteria),
        "locked": locked,
        "form": form,
    }
    return render(request, "challenges/rubric.html", context, status=400 if form.errors else 200)


def _refusal(challenge) -> str:
    try:
        jury_rules.refuse_if_rubric_locked(challenge)
    except jury_rules.JuryError as refused:
        return str(refused)
    return ""


def _next_position(challenge) -> int:
    last = challenge.criteria.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    criterion = get_object_or_404(Criterion, challenge=challenge, pk=pk)
    if jury_rules.rubric_is_locked(challenge):
        messages.error(request, _refusal(challenge))
        return redirect("challenges:rubric", challenge.slug)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Criterion “%(name)s” saved.") % form.cleaned_data)
        return redirect("challenges:rubric", challenge.slug)
    context = {"challenge": challenge, "tab": "rubric", "criterion": criterion, "form": form}
    return render(
        request, "challenges/criterion_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def criterion_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    criterion = get_object_or_404(Criterion, challenge=challenge, pk=pk)
    if jury_rules.rubric_is_locked(challenge):
        messages.error(request, _refusal(challenge))
    else:
        criterion.delete()
        messages.success(request, _("Criterion “%(name)s” deleted.") % {"name": criterion.name})
    return redirect("challenges:rubric", challenge.slug)


# Jurors' reviews


@login_required
def my_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="review")
    assignments = (
        Assignment.objects.filter(
            juror__challenge=challenge,
            juror__user=request.user,
            round=challenge.review_round,
            submission__status=SubmissionStatus.SUBMITTED,
        )
        .select_related("submission__entrant__profile")
        .order_by("completed_at", "pk")
    )
    context = {
        "challenge": challenge,
        "tab": "reviews",
        "assignments": assignments,
        "to_do": sum(
            1 for a in assignments if a.completed_at is None and a.conflict_declared_at is None
        ),
        "show_names": shows_identity(request.user, challenge),
    }
    return render(request, "challenges/reviews.html", context)


def _assignment_for(request, challenge, pk: int) -> Assignment:
    """The assignment at `pk`: its juror may work on it, organisers may read it; to anyone
    else it does not exist."""
    assignment = (
        Assignment.objects.filter(
            pk=pk,
            submission__challenge=challenge,
            submission__status=SubmissionStatus.SUBMITTED,
        )
        .select_related("juror__user__profile", "submission__entrant__profile")
        .first()
    )
    if assignment is None:
        raise Http404
    if assignment.juror.user_id != request.user.pk and "organiser" not in challenge.viewer_roles:
        raise Http404
    assignment.submission.challenge = challenge
    return assignment


def _review_form(request, assignment, criteria, challenge) -> ReviewForm:
    if request.method == "POST":
        require_all = "submit" in request.POST or assignment.completed_at is not None
        return ReviewForm(
            request.POST, criteria=criteria, challenge=challenge, require_all=require_all
        )
    initial = {"comment": assignment.comment}
    for score in assignment.scores.all():
        initial[f"score_{score.criterion_id}"] = score.value
        initial[f"comment_{score.criterion_id}"] = score.comment
    return ReviewForm(initial=initial, criteria=criteria, challenge=challenge)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    assignment = _assignment_for(request, challenge, pk)
    own = assignment.juror.user_id == request.user.pk
    editable = own and jury_rules.review_is_editable(assignment)
    criteria = list(challenge.criteria.all())
    if request.method == "POST" and not own:
        raise PermissionDenied
    if request.method == "POST" and not editable:
        messages.error(request, jury_rules.review_closed_reason(assignment))
        return redirect("challenges:review", challenge.slug, assignment.pk)
    form = _review_form(request, assignment, criteria, challenge)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            jury_rules.save_review(
                assignment, form.scores(), form.cleaned_data["comment"], submit=submit
            )
        except jury_rules.JuryError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("Your review is submitted.") if submit else _("Your review is saved.")
            )
        return redirect("challenges:review", challenge.slug, assignment.pk)
    context = _review_context(request, challenge, assignment, form, criteria)
    context["editable"] = editable
    return render(request, "challenges/review.html", context, status=400 if form.errors else 200)


def _review_context(request, challenge, assignment, form, criteria) -> dict:
    entry = assignment.submission
    show_name = shows_identity(request.user, challenge, entry)
    answers = answers_for_display(
        entry.answers.select_related("question", "project"), anonymous=not show_name
    )
    context = {
        "challenge": challenge,
        "tab": "reviews",
        "assignment": assignment,
        "entry": entry,
        "answers": answers,
        "form": form,
        "conflict_form": ConflictForm(),
        "show_name": show_name,
        "other_reviews": None,
    }
    if may_see_all_scores(request.user, challenge):
        context["other_reviews"] = _completed_reviews(assignment, criteria)
    return context


def _completed_reviews(assignment, criteria) -> list[Assignment]:
    """Every completed review of the entry in the round (the organiser reads them all; a juror
    sees the others' once the review phase is over), with its weighted mean."""
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    reviews = list(
        Assignment.objects.done()
        .filter(submission=assignment.submission, round=assignment.round)
        .select_related("juror__user__profile")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
    for done in reviews:
        done.weighted = scoring.as_decimal_text(scoring.review_score(done.scores.all(), weights))
    return reviews


@login_required
@require_POST
def conflict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="review")
    assignment = _assignment_for(request, challenge, pk)
    if assignment.juror.user_id != request.user.pk:
        raise PermissionDenied
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say in a few words why you cannot review this entry."))
        return redirect("challenges:review", challenge.slug, assignment.pk)
    if not jury_rules.review_is_editable(assignment):
        messages.error(request, jury_rules.review_closed_reason(assignment))
        return redirect("challenges:review", challenge.slug, assignment.pk)
    try:
        assignment_rules.declare_conflict(assignment, form.cleaned_data["reason"])
    except assignment_rules.AssignmentError as refused:
        messages.error(request, str(refused))
        return redirect("challenges:review", challenge.slug, assignment.pk)
    messages.success(
        request,
        _("Thank you: the entry is set aside for you and given to another juror if one is free."),
    )
    return redirect("challenges:reviews", challenge.slug)


# Ranking, shortlist and outcomes (organisers)


def _ranking_round(request, challenge) -> int:
    try:
        round = int(request.GET.get("round", challenge.review_round))
    except ValueError:
        raise Http404 from None
    if not 1 <= round <= challenge.review_round:
        raise Http404
    return round


@login_required
def ranking_page(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    round = _ranking_round(request, challenge)
    criteria = list(challenge.criteria.all())
    means = criterion_means(challenge, round)
    rows = scoring.ranking(challenge, round)
    for row in rows:
        pk = row.submission.pk
        row.mean_text = scoring.as_decimal_text(row.mean)
        row.spread_text = scoring.as_decimal_text(row.spread)
        row.criterion_means = [means.get((pk, criterion.pk)) for criterion in criteria]
    context = {
        "challenge": challenge,
        "tab": "ranking",
        "round": round,
        "rounds": range(1, challenge.review_round + 1),
        "rows": rows,
        "criteria": criteria,
        "outcomes": Outcome.choices,
        "show_names": shows_identity(request.user, challenge),
        "may_shortlist": challenge.review_round == 1 and not challenge.results_published_at,
    }
    return render(request, "challenges/ranking.html", context)


def _posted_ids(request, name: str) -> set[int]:
    try:
        return {int(value) for value in request.POST.getlist(name)}
    except ValueError:
        raise Http404 from None


@login_required
@require_POST
def shortlist(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    start = "start_round_two" in request.POST
    try:
        count = jury_rules.set_shortlist(
            challenge, _posted_ids(request, "entries"), by=request.user, start_round_two=start
        )
    except jury_rules.JuryError as refused:
        messages.error(request, str(refused))
        return redirect("challenges:ranking", challenge.slug)
    message = ngettext("%(count)s entry shortlisted.", "%(count)s entries shortlisted.", count) % {
        "count": count
    }
    if start:
        message += " " + _("The second round has started: assign the shortlist to the jury.")
    messages.success(request, message)
    return redirect("challenges:ranking", challenge.slug)


@login_required
@require_POST
def outcome(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    entry = get_object_or_404(challenge.submissions.submitted(), pk=pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the outcomes offered."))
        return redirect("challenges:ranking", challenge.slug)
    try:
        jury_rules.set_outcome(entry, form.cleaned_data["outcome"], by=request.user)
    except jury_rules.JuryError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("%(entry)s: %(outcome)s.")
            % {"entry": entry.reference, "outcome": entry.get_outcome_display()},
        )
    return redirect("challenges:ranking", challenge.slug)


@login_required
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    return entries_csv_response(challenge, request)
