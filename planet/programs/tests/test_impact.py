"""Impact reports: the team reports, curators verify, everyone who sees the project reads."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for
from planet.moderation.models import AuditLog
from planet.programs.models import ImpactReport, Indicator
from planet.projects.models import ProjectMember, ProjectSlug, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
EDITORS = {"editor", "org_admin", "site_admin"}  # the team's owner and editor, site admins
CURATORS = {"curator", "site_admin"}
FORM_TOKEN = "form_token"


@pytest.fixture
def make_team_project(cast):
    def make(status=Status.PUBLISHED, **extra):
        title = extra.pop("title", f"A {status} project")
        project = make_project(cast["org_admin"], title=title, status=status, **extra)
        ProjectMember.objects.create(project=project, user=cast["editor"], role=TeamRole.EDITOR)
        ProjectMember.objects.create(project=project, user=cast["member"], role=TeamRole.MEMBER)
        return project

    return make


@pytest.fixture
def project(make_team_project):
    return make_team_project()


def make_report(project, *, indicators=(), **fields) -> ImpactReport:
    fields = {"period_end": datetime.date(2025, 3, 31), "learners_primary": 40, "sessions_held": 6,
              **fields}  # fmt: skip
    fields.setdefault("period_start", fields["period_end"] - datetime.timedelta(days=89))
    report = ImpactReport.objects.create(project=project, **fields)
    for name, value, unit in indicators:
        Indicator.objects.create(report=report, name=name, value=value, unit=unit)
    return report


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def report_data(indicators=None, evidence=None, **overrides) -> dict:
    """A valid POST for a new report: 65 learners, two indicators and one evidence link."""
    if indicators is None:
        indicators = [
            {"name": "Water samples analysed", "value": "48", "unit": ""},
            {"name": "Litter collected", "value": "12.5", "unit": "kg"},
        ]
    if evidence is None:
        evidence = [{"label": "Photos", "url": "https://photos.example.org/river"}]
    data = {
        "period_start": "2025-01-06",
        "period_end": "2025-03-28",
        "learners_early": "",
        "learners_primary": "10",
        "learners_secondary": "50",
        "learners_youth": "0",
        "learners_adults": "5",
        "sessions_held": "12",
        "outcomes": "Pupils **measured** the river every week.",
        **formset("indicators", indicators),
        **formset("evidence", evidence),
    }
    data.update(overrides)
    return data


def new_url(project) -> str:
    return f"/projects/{project.slug}/impact/new/"


def list_url(project) -> str:
    return f"/projects/{project.slug}/impact/"


def report_url(report, what: str) -> str:
    return f"/projects/{report.project.slug}/impact/{report.pk}/{what}/"


def post_new(client, project, data):
    page = client.get(new_url(project))
    assert page.status_code == 200
    return client.post(new_url(project), {**data, FORM_TOKEN: page.context["form_token"]})


def verify(client, report, operation="verify"):
    report.refresh_from_db()
    data = {"operation": operation, "seen": report.updated_at.isoformat()}
    return client.post(report_url(report, "verify"), data)


# Adding reports


@pytest.mark.parametrize("who", CAST)
def test_the_team_adds_reports_others_may_not(project, cast, who):
    client = client_for(cast[who])
    if who in EDITORS:
        response = post_new(client, project, report_data())
        report = ImpactReport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{list_url(project)}#report-{report.pk}"
        assert report.project == project and report.created_by == cast[who]
        return
    response = client.get(new_url(project))
    post = client.post(new_url(project), {**report_data(), FORM_TOKEN: "x"})
    if who == "anonymous":
        assert response.status_code == post.status_code == 302
        assert post["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == post.status_code == 403
    assert ImpactReport.objects.count() == 0


def test_a_report_is_saved_with_its_indicators_and_evidence(project, editor):
    post_new(client_for(editor), project, report_data())
    report = ImpactReport.objects.get()
    assert report.learners_total == 65 and report.learners_early == 0
    assert report.sessions_held == 12
    assert report.period_start == datetime.date(2025, 1, 6)
    assert report.evidence_links == [{"label": "Photos", "url": "https://photos.example.org/river"}]
    assert [(i.name, str(i.value), i.unit) for i in report.indicators.all()] == [
        ("Water samples analysed", "48.000", ""),
        ("Litter collected", "12.500", "kg"),
    ]
    assert report.verified_at is None


def test_a_report_is_sent_once(project, editor):
    client = client_for(editor)
    token = client.get(new_url(project)).context["form_token"]
    data = {**report_data(), FORM_TOKEN: token}
    first, second = client.post(new_url(project), data), client.post(new_url(project), data)
    assert ImpactReport.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_the_project_page_shows_totals_and_the_latest_reports(project, editor, outsider):
    make_report(project, learners_adults=1200, sessions_held=30, outcomes="Older report")
    post_new(client_for(editor), project, report_data())
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert 'data-figure="impact-learners">1,305<' in page  # 40 + 65 + 1,200
    assert 'data-figure="impact-sessions">42<' in page
    assert 'data-figure="impact-reports">2<' in page and 'data-figure="impact-verified">0<' in page
    assert "Litter collected: <strong>12.5</strong> kg" in page
    assert "Water samples analysed: <strong>48</strong>" in page
    assert f'href="{list_url(project)}"' in page
    assert "Add a report" not in page
    assert "Add a report" in client_for(editor).get(project.get_absolute_url()).content.decode()


def test_the_project_page_shows_three_reports_at_most(project):
    for month in range(1, 6):
        make_report(project, period_end=datetime.date(2025, month, 28), sessions_held=month)
    page = client_for(None).get(project.get_absolute_url())
    latest = page.context["impact_latest"]
    assert [report.sessions_held for report in latest] == [5, 4, 3]
    assert "See all 5 reports" in page.content.decode()


def test_the_impact_section_is_for_any_kind_of_project(make_team_project, editor):
    study = make_team_project(kind="study", title="A study")
    make_report(study, learners_youth=7)
    page = client_for(None).get(study.get_absolute_url()).content.decode()
    assert 'data-figure="impact-learners">47<' in page


def test_a_project_without_reports_shows_the_section_to_its_team_only(project, editor, outsider):
    page = client_for(outsider).get(project.get_absolute_url()).content.decode()
    assert 'id="impact"' not in page
    page = client_for(editor).get(project.get_absolute_url()).content.decode()
    assert 'id="impact"' in page and new_url(project) in page


# Reading reports


def test_everyone_who_sees_the_project_reads_its_reports(project, curator, editor):
    report = make_report(
        project,
        outcomes="The class **cleaned** the bank. <script>alert(1)</script>",
        evidence_links=[{"label": "Article", "url": "https://news.example.org/river"}],
        indicators=[("Trees planted", "1500", "")],
    )
    report.mark_verified(curator)
    page = client_for(None).get(list_url(project)).content.decode()
    assert "The class <strong>cleaned</strong> the bank." in page
    assert "<script>alert(1)" not in page
    assert "Trees planted" in page and "1,500" in page
    assert 'href="https://news.example.org/river"' in page
    assert "Verified by the curators on" in page
    assert 'data-figure="impact-learners">40<' in page
    assert report_url(report, "edit") not in page and report_url(report, "verify") not in page
    as_editor = client_for(editor).get(list_url(project)).content.decode()
    assert report_url(report, "edit") in as_editor and report_url(report, "delete") in as_editor
    assert report_url(report, "verify") not in as_editor
    as_curator = client_for(curator).get(list_url(project)).content.decode()
    assert report_url(report, "verify") in as_curator and "Remove verification" in as_curator
    assert report_url(report, "edit") not in as_curator


def test_reports_are_listed_newest_first(project):
    make_report(project, period_end=datetime.date(2024, 6, 30), outcomes="Older")
    make_report(project, period_end=datetime.date(2025, 6, 30), outcomes="Newer")
    page = client_for(None).get(list_url(project)).content.decode()
    assert page.index("Newer") < page.index("Older")


@pytest.mark.parametrize("who", CAST)
def test_reports_of_a_draft_are_seen_by_its_team_and_curators_only(make_team_project, cast, who):
    draft = make_team_project(Status.DRAFT)
    report = make_report(draft)
    client = client_for(cast[who])
    sees = who in {"member", "editor", "org_admin", "curator", "site_admin"}
    assert client.get(list_url(draft)).status_code == (200 if sees else 404)
    if who == "outsider":
        assert client.get(new_url(draft)).status_code == 404
        assert client.post(report_url(report, "edit"), report_data()).status_code == 404
        assert client.post(report_url(report, "delete")).status_code == 404
        assert verify(client, report).status_code == 404
        assert ImpactReport.objects.get().verified_at is None


def test_an_old_address_leads_to_the_reports(project):
    ProjectSlug.objects.create(slug="old-rivers", project=project)
    response = client_for(None).get("/projects/old-rivers/impact/")
    assert response.status_code == 301 and response["Location"] == list_url(project)


# Bad input


BAD_INPUT = [
    ({"learners_primary": "-3"}, "A number of learners cannot be negative."),
    ({"learners_adults": "2000000"}, "At most 1,000,000 learners in one age band"),
    ({"learners_youth": "many"}, "Enter a whole number of learners"),
    ({"sessions_held": "100001"}, "At most 100,000 sessions in one report"),
    ({"period_start": "2025-03-01", "period_end": "2025-02-01"}, "The period ends before it"),
    ({"period_start": "", "period_end": ""}, "This field is required."),
    ({"evidence-0-url": "not a web address"}, "Enter a valid URL."),
    ({"evidence-0-url": "javascript:alert(1)"}, "Enter a valid URL."),
    ({"indicators-1-value": "lots"}, "Enter a number, like 12.5."),
    ({"indicators-1-name": ""}, "This field is required."),
    ({"learners_total": "999999"}, "This form does not have these fields: learners_total."),
    ({"verified_at": "2025-01-01"}, "This form does not have these fields: verified_at."),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUT)
def test_bad_input_saves_nothing_and_says_why(project, editor, change, message):
    response = post_new(client_for(editor), project, report_data(**change))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Pupils **measured** the river every week." in page  # what was typed is kept
    assert ImpactReport.objects.count() == 0 and Indicator.objects.count() == 0


def test_a_period_ending_in_the_future_is_refused(project, editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = report_data(period_end=tomorrow.isoformat())
    response = post_new(client_for(editor), project, data)
    assert response.status_code == 400
    assert "This date is in the future" in response.content.decode()
    assert ImpactReport.objects.count() == 0


def test_at_most_ten_indicators(project, editor):
    rows = [{"name": f"Indicator {i}", "value": str(i), "unit": ""} for i in range(11)]
    response = post_new(client_for(editor), project, report_data(indicators=rows))
    assert response.status_code == 400
    assert "Please submit at most 10 forms." in response.content.decode()
    assert ImpactReport.objects.count() == 0


def test_bad_input_on_edit_changes_nothing(project, editor):
    report = make_report(project, indicators=[("Trees planted", "10", "")])
    data = report_data(learners_primary="-1", sessions_held="99")
    response = client_for(editor).post(report_url(report, "edit"), data)
    assert response.status_code == 400
    report.refresh_from_db()
    assert (report.learners_primary, report.sessions_held) == (40, 6)
    assert [i.name for i in report.indicators.all()] == ["Trees planted"]


def test_the_database_refuses_a_total_that_is_not_the_sum(project):
    report = make_report(project)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReport.objects.filter(pk=report.pk).update(learners_total=F("learners_total") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReport.objects.filter(pk=report.pk).update(period_end=datetime.date(2020, 1, 1))
    report.refresh_from_db()
    assert report.learners_total == 40


# Editing and deleting


def _edit_data(report, **overrides) -> dict:
    indicators = [
        {"id": str(i.pk), "report": str(report.pk), "name": i.name, "value": str(i.value),
         "unit": i.unit}
        for i in report.indicators.all()
    ]  # fmt: skip
    data = report_data(
        indicators=indicators,
        evidence=report.evidence_links,
        period_start=report.period_start.isoformat(),
        period_end=report.period_end.isoformat(),
        learners_early=str(report.learners_early),
        learners_primary=str(report.learners_primary),
        learners_secondary=str(report.learners_secondary),
        learners_youth=str(report.learners_youth),
        learners_adults=str(report.learners_adults),
        sessions_held=str(report.sessions_held),
        outcomes=report.outcomes,
    )
    data["indicators-INITIAL_FORMS"] = str(len(indicators))
    data["evidence-INITIAL_FORMS"] = str(len(report.evidence_links))
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", CAST)
def test_the_team_edits_reports_others_may_not(project, cast, who):
    report = make_report(project, indicators=[("Trees planted", "10", "")])
    client = client_for(cast[who])
    data = _edit_data(report, learners_primary="41", **{"indicators-0-DELETE": "on"})
    response = client.post(report_url(report, "edit"), data)
    report.refresh_from_db()
    if who in EDITORS:
        assert response.status_code == 302
        assert (report.learners_primary, report.learners_total) == (41, 41)
        assert report.indicators.count() == 0
        return
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert report.learners_primary == 40 and report.indicators.count() == 1


def test_editing_a_verified_report_clears_its_verification(project, editor, curator):
    report = make_report(project, indicators=[("Trees planted", "10", "")])
    report.mark_verified(curator)
    client = client_for(editor)
    form = client.get(report_url(report, "edit")).content.decode()
    assert "Saving a change removes the verification" in form
    unchanged = client.post(report_url(report, "edit"), _edit_data(report))
    assert unchanged.status_code == 302
    report.refresh_from_db()
    assert report.is_verified  # nothing changed, nothing to check again
    client.post(report_url(report, "edit"), _edit_data(report, sessions_held="7"))
    report.refresh_from_db()
    assert report.sessions_held == 7 and not report.is_verified and report.verified_by is None
    entry = AuditLog.objects.for_target(project).filter(action="impact_report.unverify").get()
    assert entry.actor == editor and entry.details["report"] == report.pk


def test_a_report_of_another_project_is_not_found(project, make_team_project, editor):
    other = make_report(make_team_project(title="Another project"))
    url = f"/projects/{project.slug}/impact/{other.pk}/edit/"
    assert client_for(editor).get(url).status_code == 404


@pytest.mark.parametrize("who", CAST)
def test_the_team_deletes_reports_after_confirming(project, cast, who):
    report = make_report(project, indicators=[("Trees planted", "10", "")])
    client = client_for(cast[who])
    confirm = client.get(report_url(report, "delete"))
    response = client.post(report_url(report, "delete"))
    if who in EDITORS:
        assert confirm.status_code == 200 and "Delete for good" in confirm.content.decode()
        assert response.status_code == 302 and response["Location"] == list_url(project)
        assert ImpactReport.objects.count() == 0 and Indicator.objects.count() == 0
        return
    assert response.status_code == confirm.status_code == (302 if who == "anonymous" else 403)
    assert ImpactReport.objects.count() == 1


# Verification


@pytest.mark.parametrize("who", CAST)
def test_curators_verify_reports_the_team_may_not(project, cast, who):
    report = make_report(project)
    response = verify(client_for(cast[who]), report)
    report.refresh_from_db()
    if who in CURATORS:
        assert response.status_code == 302
        assert report.verified_by == cast[who] and report.verified_at is not None
        entry = AuditLog.objects.for_target(project).get(action="impact_report.verify")
        assert entry.actor == cast[who]
        return
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert report.verified_at is None and not AuditLog.objects.exists()


def test_curators_remove_a_verification_and_it_is_audited(project, curator, editor):
    report = make_report(project)
    report.mark_verified(curator)
    assert verify(client_for(editor), report, "unverify").status_code == 403
    assert verify(client_for(curator), report, "unverify").status_code == 302
    report.refresh_from_db()
    assert not report.is_verified
    actions = list(AuditLog.objects.for_target(project).values_list("action", flat=True))
    assert actions == ["impact_report.unverify", "impact_report.verify"]


def test_a_report_changed_since_the_curator_read_it_is_not_verified(project, curator):
    report = make_report(project)
    seen = report.updated_at.isoformat()
    report.sessions_held = 8
    report.save()
    data = {"operation": "verify", "seen": seen}
    response = client_for(curator).post(report_url(report, "verify"), data, follow=True)
    assert "The team changed this report" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_verified


def test_verifying_needs_a_post(project, curator):
    report = make_report(project)
    assert client_for(curator).get(report_url(report, "verify")).status_code == 405


# Queries


def _fill(project, count: int) -> None:
    for index in range(count):
        make_report(
            project,
            period_end=datetime.date(2024, 1, 1) + datetime.timedelta(days=index),
            indicators=[("Trees planted", "10", ""), ("Litter", "1.5", "kg")],
            evidence_links=[{"label": "Photos", "url": "https://example.org/"}],
        )


@pytest.mark.parametrize("page", ["detail", "impact"])
def test_pages_cost_the_same_with_2_or_10_reports(
    make_team_project, editor, curator, page, django_assert_num_queries
):
    few, many = make_team_project(title="Few reports"), make_team_project(title="Many reports")
    _fill(few, 2)
    _fill(many, 10)
    ImpactReport.objects.filter(project=many).first().mark_verified(curator)
    client = client_for(editor)

    def url(project):
        return project.get_absolute_url() if page == "detail" else list_url(project)

    client.get(url(few))  # the session and caches warm up
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url(few)).status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(url(many))
    assert 'data-figure="impact-reports">10<' in response.content.decode()
