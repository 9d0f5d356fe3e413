"""The organisers' CSV export: one row per submitted entry with its answers and scores.

Entrants' names and e-mail addresses are left out under blind review until the results are
published. Cells that a spreadsheet would read as a formula are prefixed with a quote.
"""

import csv
import datetime
import io

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from planet.challenges import scoring
from planet.challenges.models import Answer, QuestionKind
from planet.challenges.progress import criterion_means

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text: no formula can start it (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def names_allowed(challenge) -> bool:
    return not challenge.blind_review or challenge.results_published_at is not None


def answer_text(answer: Answer | None, request) -> str:
    if answer is None:
        return ""
    kind = answer.question.kind
    if kind == QuestionKind.FILE:
        return request.build_absolute_uri(answer.file.url) if answer.file else ""
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        return "; ".join(answer.choices)
    if kind == QuestionKind.LINK:
        return answer.url
    if kind == QuestionKind.PROJECT:
        if answer.project is None:
            return ""
        url = request.build_absolute_uri(answer.project.get_absolute_url())
        return f"{answer.project.title} {url}"
    return answer.text


def entry_rows(challenge, request):
    """The header row, then one row per submitted entry, best ranked first (current round)."""
    with_names = names_allowed(challenge)
    questions = list(challenge.questions.all())
    criteria = list(challenge.criteria.all())
    means = criterion_means(challenge)
    header = [_("Reference"), _("Title")]
    if with_names:
        header += [_("Entrant"), _("E-mail"), _("Team")]
    header += [_("Submitted at (UTC)")]
    header += [question.label for question in questions]
    header += [_("Shortlisted"), _("Outcome"), _("Weighted mean"), _("Reviews done")]
    header += [_("Mean: %(criterion)s") % {"criterion": c.name} for c in criteria]
    yield header
    ranked = scoring.ranking(challenge)
    answers = Answer.objects.select_related("question", "project")
    entries = (
        challenge.submissions.submitted()
        .select_related("entrant__profile")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .in_bulk()
    )
    ranked_entries = {row.submission.pk: row for row in ranked}
    order = [row.submission.pk for row in ranked] + sorted(set(entries) - set(ranked_entries))
    for pk in order:
        entry, row = entries[pk], ranked_entries.get(pk)
        by_question = {answer.question_id: answer for answer in entry.answers.all()}
        cells = [entry.reference, entry.title]
        if with_names:
            cells += [entry.entrant.display_name, entry.entrant.email, entry.team_name]
        submitted = entry.submitted_at.astimezone(datetime.UTC) if entry.submitted_at else None
        cells.append(submitted.isoformat(timespec="seconds") if submitted else "")
        cells += [answer_text(by_question.get(q.pk), request) for q in questions]
        cells += [
            _("yes") if entry.shortlisted else _("no"),
            entry.get_outcome_display(),
            scoring.as_decimal_text(row.mean if row else None),
            row.reviews_done if row else 0,
        ]
        cells += [_mean_text(means.get((pk, c.pk))) for c in criteria]
        yield cells


def _mean_text(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def entries_csv_response(challenge, request) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a byte-order mark, so that spreadsheets read UTF-8
    writer = csv.writer(buffer)
    for row in entry_rows(challenge, request):
        writer.writerow([safe_cell(cell) for cell in row])
    filename = f"{challenge.slug}-entries-{timezone.now():%Y-%m-%d}.csv"
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
